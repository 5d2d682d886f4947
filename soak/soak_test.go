package soak

import (
	"fmt"
	"maps"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSoak keeps 64 clients busy with the mixed workload for 2 minutes and
// compares the first and the last 30 seconds: no request may fail, and the
// server's resident memory and goroutines must not grow.
// WHOSAID_SOAK_CLIENTS and WHOSAID_SOAK_DURATION change the shape;
// WHOSAID_SOAK_STATEMENTS=N adds a synthetic corpus of N statements
// (`whosaid synth`) to the seed graph (make soak: 100000).
func TestSoak(t *testing.T) {
	requireSoak(t)
	c := &checks{t: t}
	clients := envInt("WHOSAID_SOAK_CLIENTS", 64)
	duration := envDuration("WHOSAID_SOAK_DURATION", 2*time.Minute)
	const (
		edge           = 30 * time.Second // the first and last windows compared
		sampleEvery    = 2 * time.Second
		maxRSSGrowth   = 0.20 // peak RSS of the last window over the first's
		maxGoroutineUp = 50.0 // goroutines at rest, after the run minus before
	)
	if duration < 2*edge {
		t.Fatalf("WHOSAID_SOAK_DURATION %s is shorter than two %s windows", duration, edge)
	}
	db := startOwnNeo4j(t)
	loadSeeds(t, db.uri())
	graph, ops := "the seed graph", workload
	if n := envInt("WHOSAID_SOAK_STATEMENTS", 0); n > 0 {
		// The workload names seed ids; a synthetic corpus beside them makes
		// every list, count, search and analysis work over n more statements.
		dir := t.TempDir()
		began := time.Now()
		whosaid(t, db.uri(), "synth", "--statements", strconv.Itoa(n), "--seed", "1", "--out", dir)
		whosaid(t, db.uri(), "load", dir)
		graph = fmt.Sprintf("the seed graph plus a synthetic corpus of %d statements (`whosaid synth --statements %d --seed 1`, written and loaded in %s)",
			n, n, time.Since(began).Round(time.Second))
		t.Logf("graph: %s", graph)
		ops = append(slices.Clone(workload), synthWorkload...)
	}
	p := startServe(t, db.uri())
	checkWorkload(t, p.base, ops...)

	type sample struct {
		at              time.Duration
		goroutines, rss float64
	}
	var samples []sample
	scraper := &http.Client{Timeout: 5 * time.Second}
	// Goroutines at rest, before and after the run, tell a leak from load.
	idleGoroutines := func() float64 {
		time.Sleep(3 * time.Second) // closed connections' goroutines end
		g, _, err := scrape(scraper, p.base)
		if err != nil {
			t.Fatalf("/metrics: %v", err)
		}
		scraper.CloseIdleConnections()
		return g
	}
	idleBefore := idleGoroutines()
	loadBefore := loadAvg()
	load := runLoad(p.base, ops, clients, duration)
	var scrapeErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(sampleEvery)
		defer tick.Stop()
		for {
			at := time.Since(load.started)
			g, rss, err := scrape(scraper, p.base)
			if err != nil {
				scrapeErr = err
				return
			}
			samples = append(samples, sample{at, g, rss})
			if at+sampleEvery > duration {
				return
			}
			<-tick.C
		}
	})
	time.Sleep(duration)
	loadAfter := loadAvg()
	results := load.stop()
	wg.Wait()
	if scrapeErr != nil {
		t.Fatalf("/metrics: %v", scrapeErr)
	}
	end := time.Since(load.started)
	idleAfter := idleGoroutines()

	type gauges struct{ peakRSS, meanGoroutines, maxGoroutines float64 }
	gaugesIn := func(from, to time.Duration) gauges {
		var g gauges
		n := 0
		for _, s := range samples {
			if s.at < from || s.at >= to {
				continue
			}
			g.peakRSS = max(g.peakRSS, s.rss)
			g.meanGoroutines += s.goroutines
			g.maxGoroutines = max(g.maxGoroutines, s.goroutines)
			n++
		}
		if n > 0 {
			g.meanGoroutines /= float64(n)
		}
		return g
	}
	all := summarise(results, 0, end)
	first, last := summarise(results, 0, edge), summarise(results, duration-edge, end)
	gFirst, gLast := gaugesIn(0, edge), gaugesIn(duration-edge, end+time.Second)
	rssGrowth := gLast.peakRSS/gFirst.peakRSS - 1
	goroutineGrowth := idleAfter - idleBefore

	var b strings.Builder
	names := make([]string, len(ops))
	for i, op := range ops {
		names[i] = op.name
	}
	fmt.Fprintf(&b, "## Soak: %d clients for %s\n\n`TestSoak`: %d clients send the mixed workload (%d operations: %s; see `soak/load_test.go`) without pause over %s. "+
		"Goroutines and resident memory are read from whosaid's `/metrics` (`go_goroutines`, `process_resident_memory_bytes`) every %s. The machine's load average was %s at the start and %s at the end.\n\n",
		clients, duration, clients, len(ops), strings.Join(names, ", "), graph, sampleEvery, loadBefore, loadAfter)
	b.WriteString("| | requests | errors | req/s | p50 | p99 | peak RSS | goroutines (mean / max) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	row := func(name string, w window, secs float64, g gauges) {
		fmt.Fprintf(&b, "| %s | %d | %d | %.0f | %s | %s | %.1f MiB | %.0f / %.0f |\n", name, w.requests, w.failures, float64(w.requests)/secs,
			ms(w.p50), ms(w.p99), g.peakRSS/(1<<20), g.meanGoroutines, g.maxGoroutines)
	}
	row(fmt.Sprintf("first %s", edge), first, edge.Seconds(), gFirst)
	row(fmt.Sprintf("last %s", edge), last, (end - (duration - edge)).Seconds(), gLast)
	row("whole run", all, end.Seconds(), gaugesIn(0, end+time.Second))
	fmt.Fprintf(&b, "\nPeak RSS from the first to the last %s: %+.1f%% (limit +%.0f%%). Goroutines under load follow the requests in flight; "+
		"at rest (3 s after the clients closed their connections) they were %.0f before the run and %.0f after it: %+.0f (limit +%.0f). Errors: %s.\n",
		edge, 100*rssGrowth, 100*maxRSSGrowth, idleBefore, idleAfter, goroutineGrowth, maxGoroutineUp, codeList(all.codes))
	t.Log("\n" + b.String())

	if all.failures > 0 {
		byOp, total := map[string]int{}, map[string]int{}
		var example string
		for _, r := range results {
			total[r.op]++
			if r.failure != "" {
				byOp[r.op]++
				if example == "" {
					example = fmt.Sprintf("%s: %s %v %v", r.op, r.failure, r.codes, r.texts)
				}
			}
		}
		var ops []string
		for _, op := range slices.Sorted(maps.Keys(byOp)) {
			ops = append(ops, fmt.Sprintf("%s %d/%d", op, byOp[op], total[op]))
		}
		c.fail("%d of %d requests failed (%s), want none; failed/sent by operation: %s; for example %s",
			all.failures, all.requests, codeList(all.codes), strings.Join(ops, ", "), example)
	}
	if rssGrowth > maxRSSGrowth {
		c.fail("peak RSS grew %.1f%% from the first to the last %s, limit %.0f%%", 100*rssGrowth, edge, 100*maxRSSGrowth)
	}
	if goroutineGrowth > maxGoroutineUp {
		c.fail("goroutines at rest grew by %.0f over the run (%.0f → %.0f), limit %.0f", goroutineGrowth, idleBefore, idleAfter, maxGoroutineUp)
	}
	c.report(b.String())
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
