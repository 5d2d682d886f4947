package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/whosaid/whosaid/bench"
)

// runBench is `make bench`: corpora at several sizes, the load against its
// baseline, and the query mix against the driver and side by side with
// @neo4j/graphql (bench/peer), written as Markdown.
func runBench(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench", stderr)
	out := fs.String("out", "docs/BENCHMARKS.md", "report file")
	work := fs.String("work", ".bench", "folder for corpora and stores (git-ignored)")
	goBench := fs.String("go-bench", "", "file with `go test -bench` output to include")
	natsServer := fs.String("nats-server", "", "a nats-server binary: measure `whosaid ingest` with it (make bench builds one)")
	peer := fs.String("peer", "bench/peer", "folder of the @neo4j/graphql server measured side by side (its node_modules installed); empty leaves it out")
	env := newSettings(getenv)
	quick := fs.Bool("quick", env.boolean("BENCH_QUICK", false), "small and short: one 10k corpus (env BENCH_QUICK)")
	if err := env.err(); err != nil {
		return err
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cfg := bench.Config{
		Sizes:       []int{10_000, 100_000, 1_000_000},
		LoadSizes:   map[int]bool{100_000: true, 1_000_000: true},
		Concurrency: map[int][]int{10_000: {1}, 100_000: {1, 16, 64}, 1_000_000: {1, 16, 64}},
		AttackFor:   6 * time.Second,
		Rounds:      3,
		PeerDir:     *peer,
		Seed:        1,
		Work:        *work,
		Binary:      self,
		Log:         stderr,
		// about 2,000 documents
		IngestStatements: 50_000,
		IngestWorkers:    []int{1, 2},
		NATSServer:       *natsServer,
	}
	command := "make bench"
	if *quick {
		cfg.Sizes = []int{10_000}
		cfg.LoadSizes = map[int]bool{10_000: true}
		cfg.Concurrency = map[int][]int{10_000: {1, 16, 64}}
		cfg.AttackFor, cfg.Rounds = 2*time.Second, 2
		cfg.IngestStatements = 10_000
		command = "BENCH_QUICK=1 make bench"
	}
	// BENCH_SIZES=10000,100000 measures only those corpora (same levels).
	if sizes := env.str("BENCH_SIZES", ""); sizes != "" {
		var keep []int
		for _, f := range strings.Split(sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				return fmt.Errorf("BENCH_SIZES: %q is not a number of statements", f)
			}
			keep = append(keep, n)
			if cfg.Concurrency[n] == nil {
				cfg.Concurrency[n] = []int{1, 16, 64}
			}
		}
		cfg.Sizes = keep
	}
	res, err := bench.Run(ctx, cfg)
	if err != nil {
		return err
	}
	var gob string
	if *goBench != "" {
		data, _ := os.ReadFile(*goBench)
		gob = string(data)
	}
	var b strings.Builder
	bench.WriteMarkdown(&b, res, cfg, command, gob)
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%s)\n", *out, res.Elapsed.Round(time.Second))
	return nil
}
