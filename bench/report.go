package bench

import (
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
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
			backfill, rate := "—", "—" // a failed backfill says why in its phases
			if l.Backfill > 0 {
				backfill, rate = l.Backfill.Round(100*time.Millisecond).String(), fmt.Sprintf("%.0f", float64(l.Size)/l.Backfill.Seconds())
			}
			p("| %d | %s | %s | %.2f | %.0f | %.0f | %d MiB | %s | %s | %s |", l.Size, l.Loader.Round(100*time.Millisecond), l.Baseline.Round(100*time.Millisecond), ratio,
				float64(l.Size)/l.Loader.Seconds(), float64(l.Nodes+l.Relationships)/l.Loader.Seconds(), l.LoaderRSSKB/1024,
				backfill, rate, l.BackfillPhases)
		}
		p("")
	}
	if len(res.Ingest) > 0 {
		p("## Ingestion queue")
		p("")
		p("`whosaid ingest` over a %d-statement corpus: its documents published to a NATS JetStream server in process, then extracted by the workers (goroutines of the benchmark, one connection) and written by the one batching loader; time from the first document taken to the last batch committed. The workers share the machine's cores with the loader, Neo4j and NATS.", cfg.IngestStatements)
		p("")
		p("| workers | documents | statements | time | documents/s | load average |")
		p("|---:|---:|---:|---:|---:|---|")
		for _, r := range res.Ingest {
			p("| %d | %d | %d | %s | %.0f | %s |", r.Workers, r.Documents, r.Statements, r.Elapsed.Round(100*time.Millisecond), r.DocumentsPerSecond(), r.LoadAverage)
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
	writeSideBySide(p, res, cfg, sorted)
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

// writeSideBySide is the comparison with @neo4j/graphql: per size, query
// and level, the three sides' throughput and latencies, the ratios the
// targets are stated in, errors and memory, then what the peer cannot
// express.
func writeSideBySide(p func(string, ...any), res *Result, cfg Config, sizes []int) {
	p("## Side by side with @neo4j/graphql")
	p("")
	p("The peer is @neo4j/graphql 7.6.3 (bench/peer: Node, graphql-http on node:http, typeDefs for whosaid's labels and relationships in bench/peer/typeDefs.graphql) over the same Neo4j, asked each question in its fastest form: where it has two (its connection form, `xxxConnection(first:, sort:)`, and its list form, `xxx(limit:, sort:)`, both by date then id), both are checked and the faster of five sequential requests each is timed, named after the query. Before a query is timed, both servers answer it once and the answers are compared field by field (connection edges and lists, one-item lists for single objects, unordered lists sorted by id, enum case); a query whose answers differ is marked failed with the first difference and not timed. Each query and level ran %s per side in %d alternating rounds (whosaid, peer, driver limit), so drift in the machine's load hits all three alike; throughput counts each side's own time. Errors are failed requests (HTTP or GraphQL errors). RSS is the peak resident memory of each server process under load.", cfg.AttackFor, max(cfg.Rounds, 1))
	p("")
	for _, size := range sizes {
		p("### %d statements, side by side", size)
		p("")
		p("| query | c | whosaid req/s | p50 | p99 | peer req/s | p50 | p99 | limit req/s | p50 | p99 | whosaid ÷ peer req/s | whosaid p99 ÷ limit p99 | errors whosaid / peer | RSS whosaid / peer |")
		p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, q := range res.Queries {
			if q.Size == size {
				p("%s", sideBySideRow(q))
			}
		}
		p("")
	}
	p("What @neo4j/graphql cannot express at all, so only whosaid and the driver limit are measured for it:")
	p("")
	for _, c := range peerCannot {
		p("- %s", c)
	}
	p("")
}

func sideBySideRow(q QueryResult) string {
	if q.Failed != "" {
		return fmt.Sprintf("| %s | %d | failed: %s | | | | | | | | | | | | |", q.Query, q.Concurrency, strings.ReplaceAll(q.Failed, "|", "/"))
	}
	w, l := q.Whosaid, q.Limit
	name := q.Query
	if q.PeerForm != "" {
		name += " (peer: " + q.PeerForm + " form)"
	}
	row := fmt.Sprintf("| %s | %d | %.1f | %s | %s |", name, q.Concurrency, w.Throughput, ms(w.Latencies.P50), ms(w.Latencies.P99))
	note := q.PeerNote
	if strings.HasPrefix(note, cannotExpress) {
		note = cannotExpress + " (see below)" // the reasons are listed under the table
	}
	peer, ratio, errs, mem := fmt.Sprintf(" %s | | |", strings.ReplaceAll(note, "|", "/")), "–", fmt.Sprintf("%d / –", failures(w)), fmt.Sprintf("%.0f MiB / –", q.ServerRSSBytes/(1<<20))
	if pm := q.Peer; pm != nil {
		peer = fmt.Sprintf(" %.1f | %s | %s |", pm.Throughput, ms(pm.Latencies.P50), ms(pm.Latencies.P99))
		ratio = fmt.Sprintf("%.2f", w.Throughput/max(pm.Throughput, 1e-9))
		errs = fmt.Sprintf("%d / %d", failures(w), failures(pm))
		mem = fmt.Sprintf("%.0f / %.0f MiB", q.ServerRSSBytes/(1<<20), q.PeerRSSBytes/(1<<20))
	}
	return row + peer + fmt.Sprintf(" %.1f | %s | %s | %s | %.2f | %s | %s |", l.Throughput, ms(l.Latencies.P50), ms(l.Latencies.P99),
		ratio, div(w.Latencies.P99, l.Latencies.P99), errs, mem)
}

// failures is how many requests of m failed.
func failures(m *vegeta.Metrics) uint64 {
	return m.Requests - uint64(math.Round(m.Success*float64(m.Requests)))
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
