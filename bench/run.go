// Package bench measures whosaid at scale: it writes synthetic corpora,
// loads them with the loader and with the simplest batched Cypher (the
// limit the loader is compared with), then runs a fixed query mix through
// the GraphQL server and straight through the Go driver at fixed
// concurrency levels, and writes the figures as Markdown.
package bench

import (
	"bytes"
	"context"
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
	AttackFor   time.Duration // per query, level and side, split into Rounds slices
	Rounds      int           // alternating rounds of whosaid, peer and limit per query and level
	PeerDir     string        // bench/peer, the @neo4j/graphql server; "" leaves the peer out
	Seed        uint64
	Work        string // folder for corpora and Neo4j stores
	Binary      string // the whosaid binary, run as a subprocess for loads
	Log         io.Writer
	// IngestStatements sizes the corpus `whosaid ingest` is measured on
	// (0: not measured), with each of IngestWorkers workers, through the
	// nats-server binary NATSServer.
	IngestStatements int
	IngestWorkers    []int
	NATSServer       string
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
	Peer              *vegeta.Metrics // nil when the peer cannot express the query or did not run
	PeerNote          string          // when Peer is nil: why
	PeerForm          string          // which of the peer's forms was timed (its fastest that answers alike)
	ServerRSSBytes    float64         // peak RSS of `whosaid serve` under load
	PeerRSSBytes      float64         // peak RSS of the peer's node process under load
	Failed            string          // why the query could not be measured, or the answers differ
}

// Result is everything measured.
type Result struct {
	Loads   []LoadResult
	Queries []QueryResult
	Ingest  []IngestResult
	Started time.Time
	Elapsed time.Duration
}

// Run measures every size in turn, each on a fresh Neo4j.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	res := &Result{Started: time.Now()}
	logf := func(format string, args ...any) { fmt.Fprintf(cfg.Log, format+"\n", args...) }
	for _, size := range cfg.Sizes {
		dir, err := corpus(cfg, size, logf)
		if err != nil {
			return res, err
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
				// The report says so; the loads and the query mix still run.
				logf("backfill %d failed: %v", size, err)
				lr.Backfill, lr.BackfillPhases = 0, "failed: "+firstLine(err.Error())
			}
		}
		logf("loader and query mix over %d statements", size)
		_, err = withNeo4j(ctx, cfg, pageCache, func(uri string, st *store.Store) error {
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
	if cfg.IngestStatements > 0 && cfg.NATSServer != "" {
		if err := runIngestBench(ctx, cfg, res, logf); err != nil {
			return res, err
		}
	}
	res.Elapsed = time.Since(res.Started)
	return res, nil
}

// runIngestBench measures the ingestion queue on a corpus of its own.
func runIngestBench(ctx context.Context, cfg Config, res *Result, logf func(string, ...any)) error {
	dir, err := corpus(cfg, cfg.IngestStatements, logf)
	if err != nil {
		return err
	}
	logf("ingest %d statements with %v workers", cfg.IngestStatements, cfg.IngestWorkers)
	_, err = withNeo4j(ctx, cfg, 512, func(_ string, st *store.Store) error {
		runs, err := measureIngest(ctx, cfg.NATSServer, st, dir, cfg.IngestWorkers)
		res.Ingest = runs
		for _, r := range runs {
			logf("ingest: %d workers, %d documents in %s, %.0f documents/s (load average %s)", r.Workers, r.Documents, r.Elapsed.Round(time.Millisecond), r.DocumentsPerSecond(), r.LoadAverage)
		}
		return err
	})
	return err
}

// corpus is the synthetic corpus of size statements, written unless it is
// there already.
func corpus(cfg Config, size int, logf func(string, ...any)) (string, error) {
	dir := filepath.Join(cfg.Work, fmt.Sprintf("synth-%d-%d", size, cfg.Seed))
	if _, err := os.Stat(dir); err == nil {
		return dir, nil
	}
	// Written beside and renamed when whole: a run stopped halfway must not
	// leave a corpus the next run takes for complete.
	logf("synth %d statements → %s", size, dir)
	partial := dir + ".partial"
	if err := os.RemoveAll(partial); err != nil {
		return "", err
	}
	if _, err := synth.Write(synth.Options{Statements: size, Seed: cfg.Seed, Dir: partial}); err != nil {
		return "", err
	}
	return dir, os.Rename(partial, dir)
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
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "backfill", "--out", out, "--home", home, dir)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		tail := stderr.Bytes()[max(0, stderr.Len()-2000):]
		return 0, "", fmt.Errorf("whosaid backfill: %w\n%s\n%s", err, stdout.String(), tail)
	}
	took := time.Since(start)
	var phases []string
	for _, m := range regexp.MustCompile(`(?m)^(wrote the importer's files|imported into|schema and indexes built).* in (\S+)$`).FindAllStringSubmatch(stdout.String(), -1) {
		phases = append(phases, strings.Fields(m[1])[0]+" "+m[2])
	}
	return took, strings.Join(phases, ", "), nil
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

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
