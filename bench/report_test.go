package bench

import (
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func metrics(reqPerSec float64, p99 time.Duration, requests uint64, success float64) *vegeta.Metrics {
	m := &vegeta.Metrics{Requests: requests, Success: success, Throughput: reqPerSec}
	m.Latencies.P50, m.Latencies.P99 = p99/2, p99
	return m
}

// The side-by-side table gives each side's figures, the two ratios the
// targets are stated in, errors per side, a failed comparison's reason and
// the queries the peer cannot express.
func TestSideBySideTable(t *testing.T) {
	res := &Result{Queries: []QueryResult{
		{Size: 100, Concurrency: 16, Query: "page", PeerForm: "list", Whosaid: metrics(300, 20*time.Millisecond, 600, 1),
			Peer: metrics(100, 80*time.Millisecond, 200, 0.99), Limit: metrics(400, 10*time.Millisecond, 800, 1),
			ServerRSSBytes: 30 << 20, PeerRSSBytes: 120 << 20},
		{Size: 100, Concurrency: 16, Query: "stanceMatrix", Whosaid: metrics(50, 40*time.Millisecond, 100, 1),
			Limit: metrics(60, 30*time.Millisecond, 120, 1), PeerNote: cannotExpress + ": grouped counts"},
		{Size: 100, Concurrency: 16, Query: "2-hop", Failed: "answers differ: actor.statements[0].id: whosaid \"a\", peer \"b\""},
	}}
	var b strings.Builder
	WriteMarkdown(&b, res, Config{AttackFor: time.Second, Rounds: 2}, "test", "")
	md := b.String()
	for _, want := range []string{
		"| page (peer: list form) | 16 | 300.0 | 10.0 ms | 20.0 ms | 100.0 | 40.0 ms | 80.0 ms | 400.0 | 5.0 ms | 10.0 ms | 3.00 | 2.00 | 0 / 2 | 30 / 120 MiB |",
		"| stanceMatrix | 16 | 50.0 | 20.0 ms | 40.0 ms | cannot express (see below) | | | 60.0 |",
		`| 2-hop | 16 | failed: answers differ: actor.statements[0].id: whosaid "a", peer "b" |`,
		"- stance matrix (statement counts grouped by actor × topic",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}
