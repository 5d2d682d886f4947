package bench

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"time"
)

// WriteMarkdown writes the figures as docs/BENCHMARKS.md expects them.
func WriteMarkdown(w io.Writer, res *Result, cfg Config, command string, goBench string) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p("# Benchmarks")
	p("")
	p("Written by `%s` on %s (took %s). Regenerate with the same command.", command, res.Started.UTC().Format("2006-01-02 15:04 MST"), res.Elapsed.Round(time.Second))
	p("")
	p("## Machine")
	p("")
	p("- %s", machine())
	p("- Neo4j 5.26.31 Community embedded (dev/neo4j), 1 GiB heap, page cache 512 MiB (3 GiB for 1M statements), on the same machine as whosaid and the load generator.")
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		p("- Load average when the report was written: %s (anything above ~2 on this 2-core machine means other work competed with the benchmark).", strings.TrimSpace(string(la)))
	}
	p("- Corpora: `whosaid synth --seed %d` (Zipf-distributed speakers, 5–40 statements per document, dates over ten years).", cfg.Seed)
	p("")
	if len(res.Loads) > 0 {
		p("## Loading")
		p("")
		p("Loader: `whosaid load DIR` (validates every file in a first pass, then writes batches of whole documents, 5000 statements a transaction). Baseline: the simplest batched Cypher for the same rows from a plain Go loop (no validation, no replacing earlier versions). Overhead ratio = loader time / baseline time.")
		p("")
		p("Backfill: `whosaid backfill --home` on the same corpus, the whole way to a served graph: the offline importer's CSV files written, `neo4j-admin database import full` from the launcher's jars, Neo4j started on the result, the schema and indexes built (phases: wrote, imported, schema). Only for a first load into a new database.")
		p("")
		p("| statements | loader | baseline | overhead ratio | statements/s | nodes+relationships/s | loader peak RSS | backfill | backfill statements/s | backfill phases |")
		p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
		for _, l := range res.Loads {
			ratio := 0.0
			if l.Baseline > 0 {
				ratio = l.Loader.Seconds() / l.Baseline.Seconds()
			}
			p("| %d | %s | %s | %.2f | %.0f | %.0f | %d MiB | %s | %.0f | %s |", l.Size, l.Loader.Round(100*time.Millisecond), l.Baseline.Round(100*time.Millisecond), ratio,
				float64(l.Size)/l.Loader.Seconds(), float64(l.Nodes+l.Relationships)/l.Loader.Seconds(), l.LoaderRSSKB/1024,
				l.Backfill.Round(100*time.Millisecond), float64(l.Size)/max(l.Backfill.Seconds(), 1e-9), l.BackfillPhases)
		}
		p("")
	}
	p("## Queries")
	p("")
	p("Each query of the mix ran for %s per concurrency level through the GraphQL server (`whosaid serve` as its own process; vegeta, closed loop, c workers, keep-alive) and, as the limit, the same store calls straight through the Go driver with c goroutines. Ratios are whosaid / limit (latency: lower is better, 1.0 is the floor; throughput: higher is better). Server RSS is the peak resident memory of the `whosaid serve` process while it was under load (sampled every 50 ms).", cfg.AttackFor)
	p("")
	sizes := map[int]bool{}
	for _, q := range res.Queries {
		sizes[q.Size] = true
	}
	var sorted []int
	for s := range sizes {
		sorted = append(sorted, s)
	}
	sort.Ints(sorted)
	for _, size := range sorted {
		p("### %d statements", size)
		p("")
		p("| query | c | whosaid p50 | p99 | req/s | limit p50 | p99 | req/s | p50 ratio | p99 ratio | throughput ratio | errors | server RSS |")
		p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, q := range res.Queries {
			if q.Size != size {
				continue
			}
			if q.Failed != "" {
				p("| %s | %d | failed: %s | | | | | | | | | | |", q.Query, q.Concurrency, strings.ReplaceAll(q.Failed, "|", "/"))
				continue
			}
			w, l := q.Whosaid, q.Limit
			p("| %s | %d | %s | %s | %.1f | %s | %s | %.1f | %.2f | %.2f | %.2f | %.1f%% | %.0f MiB |", q.Query, q.Concurrency,
				ms(w.Latencies.P50), ms(w.Latencies.P99), w.Throughput, ms(l.Latencies.P50), ms(l.Latencies.P99), l.Throughput,
				div(w.Latencies.P50, l.Latencies.P50), div(w.Latencies.P99, l.Latencies.P99), w.Throughput/max(l.Throughput, 1e-9),
				(1-w.Success)*100, q.ServerRSSBytes/(1<<20))
		}
		p("")
	}
	p("## Scale curve")
	p("")
	p("Median latency through GraphQL at concurrency 1.")
	p("")
	header := "| query |"
	sep := "|---|"
	for _, s := range sorted {
		header += fmt.Sprintf(" %d |", s)
		sep += "---:|"
	}
	p("%s", header)
	p("%s", sep)
	var names []string
	seen := map[string]bool{}
	for _, q := range res.Queries {
		if !seen[q.Query] {
			seen[q.Query] = true
			names = append(names, q.Query)
		}
	}
	for _, n := range names {
		row := "| " + n + " |"
		for _, s := range sorted {
			cell := " – |"
			for _, q := range res.Queries {
				if q.Query == n && q.Size == s && q.Concurrency == 1 {
					if q.Failed != "" {
						cell = " failed |"
					} else {
						cell = " " + ms(q.Whosaid.Latencies.P50) + " |"
					}
				}
			}
			row += cell
		}
		p("%s", row)
	}
	p("")
	if goBench != "" {
		p("## Go benchmarks")
		p("")
		p("```")
		p("%s", strings.TrimSpace(goBench))
		p("```")
		p("")
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func div(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func machine() string {
	cpu := ""
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		mem = strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0])
	}
	java, _ := exec.Command("java", "-version").CombinedOutput()
	return fmt.Sprintf("%d cores (%s), %s, %s, %s", runtime.NumCPU(), cpu, mem, runtime.Version(), strings.SplitN(string(java), "\n", 2)[0])
}
