// Package bench measures whosaid at scale: it writes synthetic corpora,
// loads them with the loader and with the simplest batched Cypher (the
// limit the loader is compared with), then runs a fixed query mix through
// the GraphQL server and straight through the Go driver at fixed
// concurrency levels, and writes the figures as Markdown.
package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	neo4jdev "github.com/whosaid/whosaid/dev/neo4j"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store"
	"github.com/whosaid/whosaid/synth"
)

// Config says what to measure.
type Config struct {
	Sizes       []int         // statements per corpus, e.g. 10000, 100000, 1000000
	LoadSizes   map[int]bool  // sizes whose load is timed against the baseline
	Concurrency map[int][]int // per size, the concurrency levels of the query mix
	AttackFor   time.Duration // per query, level and side
	Seed        uint64
	Work        string // folder for corpora and Neo4j stores
	Binary      string // the whosaid binary, run as a subprocess for loads
	Log         io.Writer
}

// LoadResult is one timed load.
type LoadResult struct {
	Size                 int
	Loader, Baseline     time.Duration
	Nodes, Relationships int
	LoaderRSSKB          int64
	// Backfill is `whosaid backfill --home` on the same corpus: the
	// importer's files, neo4j-admin's import, Neo4j started on the result
	// and the schema built; BackfillPhases is what it printed of each.
	Backfill       time.Duration
	BackfillPhases string
}

// QueryResult is one query of the mix at one concurrency level.
type QueryResult struct {
	Size, Concurrency int
	Query             string
	Whosaid, Limit    *vegeta.Metrics
	ServerRSSBytes    float64
	Failed            string // why the query could not be measured
}

// Result is everything measured.
type Result struct {
	Loads   []LoadResult
	Queries []QueryResult
	Started time.Time
	Elapsed time.Duration
}

// Run measures every size in turn, each on a fresh Neo4j.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	res := &Result{Started: time.Now()}
	logf := func(format string, args ...any) { fmt.Fprintf(cfg.Log, format+"\n", args...) }
	for _, size := range cfg.Sizes {
		dir := filepath.Join(cfg.Work, fmt.Sprintf("synth-%d-%d", size, cfg.Seed))
		if _, err := os.Stat(filepath.Join(dir, "catalogue")); err != nil {
			logf("synth %d statements → %s", size, dir)
			if _, err := synth.Write(synth.Options{Statements: size, Seed: cfg.Seed, Dir: dir}); err != nil {
				return res, err
			}
		}
		pageCache := 512
		if size >= 1_000_000 {
			pageCache = 3072
		}
		lr := LoadResult{Size: size}
		if cfg.LoadSizes[size] {
			logf("baseline load of %d statements", size)
			d, err := withNeo4j(ctx, cfg, pageCache, func(uri string, st *store.Store) error {
				t := time.Now()
				if err := baselineLoad(ctx, st, dir, 5000); err != nil {
					return err
				}
				lr.Baseline = time.Since(t)
				return nil
			})
			if err != nil {
				return res, fmt.Errorf("baseline %d: %w", size, err)
			}
			_ = d
			logf("backfill of %d statements", size)
			if lr.Backfill, lr.BackfillPhases, err = backfillWithBinary(ctx, cfg.Binary, cfg.Work, dir, size); err != nil {
				return res, fmt.Errorf("backfill %d: %w", size, err)
			}
		}
		logf("loader and query mix over %d statements", size)
		_, err := withNeo4j(ctx, cfg, pageCache, func(uri string, st *store.Store) error {
			t := time.Now()
			rss, err := loadWithBinary(ctx, cfg.Binary, uri, dir, cfg.Log)
			if err != nil {
				return err
			}
			lr.Loader, lr.LoaderRSSKB = time.Since(t), rss
			nodes, rels, err := st.Counts(ctx)
			if err != nil {
				return err
			}
			for _, n := range nodes {
				lr.Nodes += n
			}
			// Actor, Person etc. double-count labels; count nodes once by their main labels.
			lr.Nodes = nodes["Actor"] + nodes["Topic"] + nodes["Event"] + nodes["Place"] + nodes["Document"] + nodes["Statement"] + nodes["Mention"]
			for _, n := range rels {
				lr.Relationships += n
			}
			if cfg.LoadSizes[size] {
				res.Loads = append(res.Loads, lr)
				logf("load %d: loader %s, baseline %s, ratio %.2f, %d nodes + %d relationships, loader peak RSS %d MiB",
					size, lr.Loader.Round(time.Second), lr.Baseline.Round(time.Second), lr.Loader.Seconds()/max(lr.Baseline.Seconds(), 1e-9),
					lr.Nodes, lr.Relationships, lr.LoaderRSSKB/1024)
			}
			cat, err := loader.ReadCatalogue(loader.Dir(dir))
			if err != nil {
				return err
			}
			qs := mix(cat.Actors[0].Name.En)
			return runMix(ctx, cfg, st, uri, size, qs, res, logf)
		})
		if err != nil {
			return res, fmt.Errorf("size %d: %w", size, err)
		}
	}
	res.Elapsed = time.Since(res.Started)
	return res, nil
}

// withNeo4j runs f against a fresh Neo4j that is stopped afterwards.
func withNeo4j(ctx context.Context, cfg Config, pageCacheMB int, f func(uri string, st *store.Store) error) (time.Duration, error) {
	start := time.Now()
	inst, err := neo4jdev.Start(ctx, neo4jdev.Options{PageCacheMB: pageCacheMB, Log: io.Discard})
	if err != nil {
		return 0, err
	}
	defer inst.Stop()
	st, err := store.Open(store.Config{URI: inst.URI, QueryTimeout: time.Minute}, nil)
	if err != nil {
		return 0, err
	}
	defer st.Close(context.WithoutCancel(ctx))
	err = f(inst.URI, st)
	return time.Since(start), err
}

// loadWithBinary runs `whosaid load dir` and returns the peak RSS in KiB it
// reports for itself (its rusage would not do: on Linux a child's
// ru_maxrss starts from the RSS of the process that forked it, here the
// benchmark with a served graph in memory).
func loadWithBinary(ctx context.Context, bin, uri, dir string, log io.Writer) (int64, error) {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "load", dir)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+uri)
	cmd.Stdout, cmd.Stderr = io.MultiWriter(log, &out), io.Discard
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("whosaid load: %w", err)
	}
	m := regexp.MustCompile(`peak memory \(RSS\) (\d+) KiB`).FindSubmatch(out.Bytes())
	if m == nil {
		return 0, errors.New("whosaid load did not report its peak memory")
	}
	return strconv.ParseInt(string(m[1]), 10, 64)
}

// backfillWithBinary runs `whosaid backfill --home` into a fresh home and
// returns how long it took and the phases it reported.
func backfillWithBinary(ctx context.Context, bin, work, dir string, size int) (time.Duration, string, error) {
	out, home := filepath.Join(work, fmt.Sprintf("backfill-%d", size)), filepath.Join(work, fmt.Sprintf("backfill-home-%d", size))
	if err := errors.Join(os.RemoveAll(out), os.RemoveAll(home)); err != nil {
		return 0, "", err
	}
	defer os.RemoveAll(home)
	defer os.RemoveAll(out)
	var stdout bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "backfill", "--out", out, "--home", home, dir)
	cmd.Stdout, cmd.Stderr = &stdout, io.Discard
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, "", fmt.Errorf("whosaid backfill: %w\n%s", err, stdout.String())
	}
	took := time.Since(start)
	var phases []string
	for _, m := range regexp.MustCompile(`(?m)^(wrote the importer's files|imported into|schema and indexes built).* in (\S+)$`).FindAllStringSubmatch(stdout.String(), -1) {
		phases = append(phases, strings.Fields(m[1])[0]+" "+m[2])
	}
	return took, strings.Join(phases, ", "), nil
}

// runMix serves the graph in-process and measures each query at each level,
// through GraphQL (vegeta, closed loop with c workers) and straight through
// the store.
func runMix(ctx context.Context, cfg Config, st *store.Store, uri string, size int, qs []query, res *Result, logf func(string, ...any)) error {
	srv, err := serveWithBinary(ctx, cfg.Binary, uri)
	if err != nil {
		return err
	}
	defer srv.stop()
	for _, c := range cfg.Concurrency[size] {
		for _, q := range qs {
			body, _ := json.Marshal(map[string]any{"query": q.graphql, "variables": q.variables})
			// one request first: it warms caches and plans, and if it fails
			// (a timeout at this size) the query is reported as failing
			// rather than attacked
			if err := checkOnce(srv.url, body); err != nil {
				res.Queries = append(res.Queries, QueryResult{Size: size, Concurrency: c, Query: q.name, Failed: truncate(err.Error(), 120)})
				logf("  %-30s c=%-2d FAILED: %s", q.name, c, truncate(err.Error(), 200))
				continue
			}
			tr := vegeta.NewStaticTargeter(vegeta.Target{Method: http.MethodPost, URL: srv.url + "/graphql", Body: body,
				Header: http.Header{"Content-Type": {"application/json"}}})
			att := vegeta.NewAttacker(vegeta.Workers(uint64(c)), vegeta.MaxWorkers(uint64(c)), vegeta.KeepAlive(true), vegeta.Timeout(time.Minute))
			var wm vegeta.Metrics
			peak := sampleRSS(srv.pid)
			for r := range att.Attack(tr, vegeta.Rate{Freq: 0}, cfg.AttackFor, q.name) {
				if r.Code == http.StatusOK && bytes.Contains(r.Body, []byte(`"errors"`)) {
					r.Error = "graphql errors"
				}
				wm.Add(r)
			}
			wm.Close()
			serverRSS := peak()
			lm := direct(ctx, st, q, c, cfg.AttackFor)
			qr := QueryResult{Size: size, Concurrency: c, Query: q.name, Whosaid: &wm, Limit: lm, ServerRSSBytes: serverRSS}
			res.Queries = append(res.Queries, qr)
			logf("  %-30s c=%-2d whosaid p50 %8s p99 %8s %7.1f/s | limit p50 %8s p99 %8s %7.1f/s | ok %.0f%%",
				q.name, c, wm.Latencies.P50.Round(10*time.Microsecond), wm.Latencies.P99.Round(10*time.Microsecond), wm.Throughput,
				lm.Latencies.P50.Round(10*time.Microsecond), lm.Latencies.P99.Round(10*time.Microsecond), lm.Throughput, wm.Success*100)
		}
	}
	return nil
}

func checkOnce(base string, body []byte) error {
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"errors"`)) {
		return fmt.Errorf("status %d: %s", resp.StatusCode, truncate(string(out), 300))
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// direct runs q's store work with c goroutines for d, recording each call
// as a vegeta result so both sides are summarised the same way.
func direct(ctx context.Context, st *store.Store, q query, c int, d time.Duration) *vegeta.Metrics {
	var (
		mu sync.Mutex
		m  vegeta.Metrics
		wg sync.WaitGroup
	)
	deadline := time.Now().Add(d)
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				start := time.Now()
				err := q.direct(ctx, st)
				r := &vegeta.Result{Timestamp: start, Latency: time.Since(start), Code: http.StatusOK}
				if err != nil {
					r.Code, r.Error = 500, err.Error()
				}
				mu.Lock()
				m.Add(r)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	m.Close()
	return &m
}

// served is `whosaid serve` run as a subprocess, so its memory is its own
// (the load generator and the limit's driver calls run in this process).
type served struct {
	url  string
	pid  int
	stop func()
}

// serveWithBinary starts `whosaid serve` on a free local port with limits
// wide enough for the mix and waits until it is ready.
func serveWithBinary(ctx context.Context, bin, uri string) (*served, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--max-complexity", "100000", "--request-timeout", "1m", "--playground=false")
	cmd.Env = append(os.Environ(), "NEO4J_URI="+uri, "WHOSAID_LOG_LEVEL=error")
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("whosaid serve: %w", err)
	}
	srv := &served{url: "http://" + addr, pid: cmd.Process.Pid, stop: func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}}
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if ctx.Err() != nil {
			srv.stop()
			return nil, ctx.Err()
		}
		resp, err := http.Get(srv.url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return srv, nil
			}
		}
	}
	srv.stop()
	return nil, errors.New("whosaid serve did not become ready in 2 minutes")
}

// sampleRSS samples the RSS of process pid every 50 ms until the returned
// function is called, which returns the highest value seen.
func sampleRSS(pid int) func() float64 {
	done := make(chan struct{})
	result := make(chan float64)
	go func() {
		high := rss(pid)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				high = max(high, rss(pid))
			case <-done:
				result <- max(high, rss(pid))
				return
			}
		}
	}()
	return func() float64 {
		close(done)
		return <-result
	}
}

// rss is the resident set size of process pid in bytes (0 where /proc does
// not tell).
func rss(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(v), "%f", &kb)
			return kb * 1024
		}
	}
	return 0
}
