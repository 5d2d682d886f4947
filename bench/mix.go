package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/whosaid/whosaid/store"
)

// warmups is how many requests each side gets before it is timed, past the
// one that checks its answer: enough for Neo4j to cache both servers' plans
// and for V8 to compile the peer's hot paths.
const warmups = 5

// cannotExpress starts the peer note of a query @neo4j/graphql cannot ask.
const cannotExpress = "cannot express"

// runMix serves the graph with `whosaid serve` and the @neo4j/graphql peer
// (both subprocesses over the same Neo4j) and measures each query at each
// level through both (vegeta, closed loop with c workers) and straight
// through the store.
func runMix(ctx context.Context, cfg Config, st *store.Store, uri string, size int, qs []query, res *Result, logf func(string, ...any)) error {
	srv, err := serveWithBinary(ctx, cfg.Binary, uri)
	if err != nil {
		return err
	}
	defer srv.stop()
	var peer *served
	peerDown := "not run (no peer folder given)"
	if cfg.PeerDir != "" {
		if peer, err = startPeer(ctx, cfg.PeerDir, uri); err != nil {
			peerDown = "not run: " + err.Error()
			logf("  @neo4j/graphql peer %s", peerDown)
		} else {
			defer peer.stop()
		}
	}
	fastest := map[string]string{} // query → the peer form chosen at the first level
	for _, c := range cfg.Concurrency[size] {
		for _, q := range qs {
			qr := measure(ctx, cfg, st, srv, peer, peerDown, fastest, q, c)
			qr.Size = size
			res.Queries = append(res.Queries, qr)
			logResult(logf, qr)
		}
	}
	return nil
}

// side is one way of answering a query, timed in slices.
type side struct {
	m      vegeta.Metrics
	active time.Duration
	rss    float64
}

// measure checks that whosaid and the peer answer q alike, then times the
// three sides in cfg.Rounds alternating rounds (whosaid, peer, limit), so
// drift in the machine's load hits all of them alike.
func measure(ctx context.Context, cfg Config, st *store.Store, srv, peer *served, peerDown string, fastest map[string]string, q query, c int) QueryResult {
	qr := QueryResult{Concurrency: c, Query: q.name}
	failed := func(why string) QueryResult { qr.Failed = truncate(why, 160); return qr }
	wBody := requestBody(q.graphql, q.variables)
	// one request first: it warms caches and plans, and if it fails (a
	// timeout at this size) the query is reported as failing rather than
	// attacked
	wAnswer, err := postGraphQL(srv.url, wBody)
	if err != nil {
		return failed(err.Error())
	}
	var pBody []byte
	switch {
	case len(q.peer) == 0:
		qr.PeerNote = cannotExpress + ": " + q.cannot
	case peer == nil:
		qr.PeerNote = peerDown
	default:
		form, why := peerFormFor(peer, wAnswer, q, fastest)
		if form == nil {
			return failed(why)
		}
		// a form left out because it answers otherwise is worth a look
		pBody, qr.PeerForm, qr.PeerNote = form.body(), form.name, why
	}
	for range warmups {
		_, _ = postGraphQL(srv.url, wBody)
		if pBody != nil {
			_, _ = postGraphQL(peer.url, pBody)
		}
	}
	rounds := max(cfg.Rounds, 1)
	slice := cfg.AttackFor / time.Duration(rounds)
	var w, p, l side
	for range rounds {
		attack(&w, srv, wBody, c, slice, q.name)
		if pBody != nil {
			attack(&p, peer, pBody, c, slice, q.name)
		}
		direct(ctx, st, q, c, slice, &l)
	}
	qr.Whosaid, qr.ServerRSSBytes = w.close(), w.rss
	qr.Limit = l.close()
	if pBody != nil {
		qr.Peer, qr.PeerRSSBytes = p.close(), p.rss
	}
	return qr
}

// peerFormFor checks every form of q's peer query against whosaid's answer
// and returns the one to time: the only one that answers alike, or the
// fastest of those that do (timed once per query, sequentially, and kept
// in fastest for the other levels). why says how the first form that does
// not answer alike differs.
func peerFormFor(peer *served, whosaid []byte, q query, fastest map[string]string) (form *peerForm, why string) {
	var alike []*peerForm
	for i := range q.peer {
		f := &q.peer[i]
		answer, err := postGraphQL(peer.url, f.body())
		if err == nil {
			if d := sameAnswer(whosaid, answer, f.shape); d != "" {
				err = fmt.Errorf("answers differ: %s", d)
			}
		}
		if err != nil {
			if why == "" {
				why = fmt.Sprintf("peer (%s form): %v", f.name, err)
			}
			continue
		}
		alike = append(alike, f)
	}
	if len(alike) == 0 {
		return nil, why
	}
	if name, ok := fastest[q.name]; ok {
		for _, f := range alike {
			if f.name == name {
				return f, ""
			}
		}
	}
	best := quickest(peer, alike)
	fastest[q.name] = best.name
	return best, ""
}

// formTrials is how many timed requests of each candidate form choose the
// peer's fastest, interleaved so that drift hits all forms alike.
const formTrials = 5

func quickest(peer *served, forms []*peerForm) *peerForm {
	if len(forms) == 1 {
		return forms[0]
	}
	took := make([]time.Duration, len(forms))
	for range formTrials {
		for i, f := range forms {
			start := time.Now()
			_, _ = postGraphQL(peer.url, f.body())
			took[i] += time.Since(start)
		}
	}
	best := 0
	for i := range forms {
		if took[i] < took[best] {
			best = i
		}
	}
	return forms[best]
}

// close summarises a side's slices. vegeta's throughput would count the
// time the other sides ran between the slices, so it is recomputed over
// this side's own time.
func (s *side) close() *vegeta.Metrics {
	s.m.Close()
	if secs := s.active.Seconds(); secs > 0 {
		s.m.Rate = float64(s.m.Requests) / secs
		s.m.Throughput = s.m.Success * float64(s.m.Requests) / secs
	}
	return &s.m
}

func requestBody(query string, variables map[string]any) []byte {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": variables})
	return body
}

// attack runs one closed-loop slice of c workers against srv for d,
// adding the results to s and the peak RSS of srv's process while loaded.
func attack(s *side, srv *served, body []byte, c int, d time.Duration, name string) {
	tr := vegeta.NewStaticTargeter(vegeta.Target{Method: http.MethodPost, URL: srv.url + "/graphql", Body: body,
		Header: http.Header{"Content-Type": {"application/json"}}})
	att := vegeta.NewAttacker(vegeta.Workers(uint64(c)), vegeta.MaxWorkers(uint64(c)), vegeta.KeepAlive(true), vegeta.Timeout(time.Minute))
	peak := sampleRSS(srv.pid)
	start := time.Now()
	for r := range att.Attack(tr, vegeta.Rate{Freq: 0}, d, name) {
		if r.Code == http.StatusOK && bytes.Contains(r.Body, []byte(`"errors"`)) {
			r.Error = "graphql errors"
		}
		s.m.Add(r)
	}
	s.active += time.Since(start)
	s.rss = max(s.rss, peak())
}

// postGraphQL sends one request and returns the response body, or an error
// when the request failed or the answer carries GraphQL errors.
func postGraphQL(base string, body []byte) ([]byte, error) {
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"errors"`)) {
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, truncate(string(out), 300))
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// direct runs q's store work with c goroutines for d, recording each call
// as a vegeta result so all sides are summarised the same way.
func direct(ctx context.Context, st *store.Store, q query, c int, d time.Duration, s *side) {
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for range c {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				t := time.Now()
				err := q.direct(ctx, st)
				r := &vegeta.Result{Timestamp: t, Latency: time.Since(t), Code: http.StatusOK}
				if err != nil {
					r.Code, r.Error = http.StatusInternalServerError, err.Error()
				}
				mu.Lock()
				s.m.Add(r)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	s.active += time.Since(start)
}

func logResult(logf func(string, ...any), q QueryResult) {
	if q.Failed != "" {
		logf("  %-38s c=%-2d FAILED: %s", q.Query, q.Concurrency, q.Failed)
		return
	}
	peer := q.PeerNote
	if q.Peer != nil {
		peer = fmt.Sprintf("peer (%s) %7.1f/s p50 %8s p99 %8s | ratio %.2f", q.PeerForm, q.Peer.Throughput, round(q.Peer.Latencies.P50), round(q.Peer.Latencies.P99),
			q.Whosaid.Throughput/max(q.Peer.Throughput, 1e-9))
	}
	logf("  %-38s c=%-2d whosaid %7.1f/s p50 %8s p99 %8s | limit %7.1f/s p99 %8s | %s", q.Query, q.Concurrency,
		q.Whosaid.Throughput, round(q.Whosaid.Latencies.P50), round(q.Whosaid.Latencies.P99),
		q.Limit.Throughput, round(q.Limit.Latencies.P99), truncate(peer, 90))
}

func round(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }
