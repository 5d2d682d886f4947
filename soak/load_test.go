package soak

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// operation is one GraphQL request of the mixed workload.
type operation struct {
	name  string
	query string
	vars  map[string]any
}

// workload is the mixed query workload over the seed graph: lookups, keyset
// pages with nested batches, full-text search, the analyses and the drawable
// subgraphs, roughly as a researcher's frontend would send them. Each names
// its actors and topics: whole-graph aggregates (stats, a stanceMatrix
// without arguments, totalCount of all statements) are not in the mix, as in
// the benchmark suite's.
var workload = []operation{
	{"ActorPage", `query ActorPage { actors(first: 20) { totalCount edges { cursor node { id kind name nameAr: name(lang: AR) } } pageInfo { hasNextPage endCursor } } }`, nil},
	{"ActorStatements", `query ActorStatements($id: ID!) { actor(id: $id) { name statements(first: 10) { totalCount
		edges { node { id predicate polarity summary date speakers { id name } targets { ... on Topic { id label } ... on Actor { id name } ... on Event { id name } }
		evidence { text start end quoteType document { id title } } } } pageInfo { hasNextPage endCursor } } } }`, map[string]any{"id": "vladimir-putin"}},
	{"RejectedIntervention", `query RejectedIntervention { statements(filter: {target: "military-intervention-in-syria", predicate: [REJECT, OPPOSE]}) {
		edges { node { speakers { name nameAr: name(lang: AR) } predicate polarity summary date evidence { text start end quoteType document { title } } } } } }`, nil},
	{"StatementsByConfidence", `query StatementsByConfidence { statements(first: 50, orderBy: {field: CONFIDENCE}) { edges { cursor node { id confidence speakers { id } event { id name } } } } }`, nil},
	{"RollUp", `query RollUp { statements(first: 100, filter: {speaker: "russia", includeAffiliates: true}) { totalCount edges { node { id speakers { id } } } } }`, nil},
	{"Members", `query Members { actor(id: "csto") { members { member { name } support curated evidence { text } } } }`, nil},
	{"SearchArabic", `query SearchArabic($q: String!) { search(query: $q, first: 5) { kind score node { id } } }`, map[string]any{"q": "اتفاقية الأمن الجماعي"}},
	{"SearchEnglish", `query SearchEnglish($q: String!) { search(query: $q, first: 5) { kind score node { id } } }`, map[string]any{"q": "military intervention"}},
	{"StanceMatrix", `query StanceMatrix($a: [ID!], $t: [ID!]) { stanceMatrix(actors: $a, topics: $t) { actors { id } topics { id } cells { favor against neutral net total latestDate } } }`,
		map[string]any{"a": []string{"vladimir-putin", "csto", "federation-council", "russia"}, "t": []string{"syrian-crisis", "terrorism", "military-intervention-in-syria"}}},
	{"Alignment", `query Alignment { alignment(actor: "federation-council", first: 5) { actor { id } score agreements disagreements } }`, nil},
	{"Timeline", `query Timeline { timeline(actor: "vladimir-putin", bucket: MONTH) { bucket total counts { predicate count } } }`, nil},
	{"Neighbourhood", `query Neighbourhood { neighbourhood(id: "csto", depth: 2, maxNodes: 100) { roots truncated nodes { id kind label degree } edges { id source target kind weight } } }`, nil},
	{"Paths", `query Paths { paths(from: "alexander-lukashenko", to: "geneva-ii-conference", maxHops: 4) { roots nodes { id } edges { id source target kind } } }`, nil},
	{"Node", `query Node { node(id: "csto") { id ... on Actor { kind name } } }`, nil},
}

// synthWorkload is added to the workload when a `whosaid synth` corpus is
// loaded: the benchmark suite's mix over its ids (a00000 is the most active
// speaker, a00030 a middling one, t0000… the first topics).
var synthWorkload = []operation{
	{"SynthStatementsPage", `query SynthStatementsPage($a: ID!) { statements(first: 50, filter: {speaker: $a}) { edges { node { id predicate polarity date
		speakers { id name } targets { ... on Topic { id label } ... on Actor { id name } ... on Event { id name } } evidence { start end text document { id title } } } } } }`,
		map[string]any{"a": "a00030"}},
	{"SynthRollUp", `query SynthRollUp($a: ID!) { statements(first: 50, filter: {speaker: $a, includeAffiliates: true}) { edges { node { id speakers { id } } } } }`,
		map[string]any{"a": "a00000"}},
	{"SynthStanceMatrix", `query SynthStanceMatrix($a: [ID!], $t: [ID!], $from: String) { stanceMatrix(actors: $a, topics: $t, from: $from) { cells { actor { id } topic { id } favor against neutral net latestDate } } }`,
		map[string]any{"a": []string{"a00000", "a00001", "a00002", "a00030"}, "t": []string{"t0000", "t0001", "t0002", "t0003", "t0004"}, "from": "2020-01-01"}},
	{"SynthNeighbourhood", `query SynthNeighbourhood($a: ID!) { neighbourhood(id: $a, depth: 2, maxNodes: 150) { truncated nodes { id kind label degree } edges { id source target kind weight } } }`,
		map[string]any{"a": "a00030"}},
	{"SynthPaths", `query SynthPaths($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4) { nodes { id } edges { id } } }`,
		map[string]any{"a": "a00030", "b": "t0005"}},
}

// result is one request's outcome.
type result struct {
	at      time.Duration // since the load started, when the request was sent
	latency time.Duration
	op      string
	failure string   // "" when the request succeeded
	codes   []string // extensions.code of each GraphQL error
	texts   []string // error messages
}

// loadRun is a running load generator.
type loadRun struct {
	started time.Time
	mu      sync.Mutex
	results []result
	wg      sync.WaitGroup
	done    chan struct{}
	once    sync.Once
	client  *http.Client
}

// failurePause is how long a client waits after a failed request before it
// sends the next, as a frontend would, rather than hammering a server that
// has just said it cannot answer.
const failurePause = time.Second

// runLoad starts n clients, each sending the workload in turn (from its own
// offset) without pause, until stop is called or maxDuration passes. Every
// request sent is let finish (the client gives up after 30 s) and recorded.
func runLoad(base string, ops []operation, clients int, maxDuration time.Duration) *loadRun {
	l := &loadRun{started: time.Now(), done: make(chan struct{})}
	timer := time.AfterFunc(maxDuration, func() { l.once.Do(func() { close(l.done) }) })
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients},
	}
	l.client = client
	bodies := make([][]byte, len(ops))
	for i, op := range ops {
		bodies[i] = graphQLBody(op)
	}
	for c := range clients {
		l.wg.Go(func() {
			for i := c; ; i++ {
				select {
				case <-l.done:
					return
				default:
				}
				k := i % len(ops)
				r := send(context.Background(), client, base, ops[k].name, bodies[k], l.started)
				l.mu.Lock()
				l.results = append(l.results, r)
				l.mu.Unlock()
				if r.failure != "" {
					select {
					case <-l.done:
					case <-time.After(failurePause):
					}
				}
			}
		})
	}
	go func() { l.wg.Wait(); timer.Stop() }()
	return l
}

// completedSince returns the requests answered in the last d so far: how many,
// and how many of them failed.
func (l *loadRun) completedSince(d time.Duration) (requests, failures int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Since(l.started)
	for _, r := range l.results {
		if r.at+r.latency >= now-d {
			requests++
			if r.failure != "" {
				failures++
			}
		}
	}
	return requests, failures
}

func send(ctx context.Context, client *http.Client, base, op string, body []byte, started time.Time) result {
	sent := time.Now()
	r := result{at: sent.Sub(started), op: op}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		r.failure = "transport: " + err.Error()
		r.latency = time.Since(sent)
		return r
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	r.latency = time.Since(sent)
	var out gqlResponse
	switch {
	case err != nil:
		r.failure = "reading the body: " + err.Error()
	case json.Unmarshal(raw, &out) != nil:
		r.failure = fmt.Sprintf("status %d, not JSON: %.200s", resp.StatusCode, raw)
	case len(out.Errors) > 0:
		r.failure = fmt.Sprintf("status %d, GraphQL errors", resp.StatusCode)
		for _, e := range out.Errors {
			code, _ := e.Extensions["code"].(string)
			r.codes = append(r.codes, code)
			r.texts = append(r.texts, e.Message)
		}
	case resp.StatusCode != http.StatusOK || len(out.Data) == 0 || string(out.Data) == "null":
		r.failure = fmt.Sprintf("status %d without data", resp.StatusCode)
	}
	return r
}

// stop ends the run, waits for the requests in flight, and returns every
// result in the order they were sent.
func (l *loadRun) stop() []result {
	l.once.Do(func() { close(l.done) })
	l.wg.Wait()
	l.client.CloseIdleConnections()
	l.mu.Lock()
	defer l.mu.Unlock()
	sort.Slice(l.results, func(i, j int) bool { return l.results[i].at < l.results[j].at })
	return l.results
}

// window summarises the results sent in [from, to).
type window struct {
	requests, failures int
	p50, p99           time.Duration
	codes              map[string]int
}

func summarise(results []result, from, to time.Duration) window {
	w := window{codes: map[string]int{}}
	var lat []time.Duration
	for _, r := range results {
		if r.at < from || r.at >= to {
			continue
		}
		w.requests++
		lat = append(lat, r.latency)
		if r.failure != "" {
			w.failures++
			if len(r.codes) == 0 {
				w.codes[strings.SplitN(r.failure, ":", 2)[0]]++
			}
			for _, c := range r.codes {
				w.codes[c]++
			}
		}
	}
	slices.Sort(lat)
	w.p50, w.p99 = percentile(lat, 0.50), percentile(lat, 0.99)
	return w
}

func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(q*float64(len(sorted))))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
