package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// startServer runs `whosaid serve` in-process against the test Neo4j, after
// loading the given seed folders, and returns its base URL.
func startServer(t *testing.T, env map[string]string, seeds ...string) string {
	t.Helper()
	base, _ := startServerReady(t, env, seeds...)
	return base
}

// startServerReady is startServer that also returns the line serve printed
// when it was ready (it names the metrics address).
func startServerReady(t *testing.T, env map[string]string, seeds ...string) (base, readyLine string) {
	t.Helper()
	return startServerLogging(t, env, io.Discard, seeds...)
}

// startServerLogging is startServerReady with the server's log written to
// logw.
func startServerLogging(t *testing.T, env map[string]string, logw io.Writer, seeds ...string) (base, readyLine string) {
	t.Helper()
	st := neo4jtest.Store(t) // empties the database
	_ = st
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		if k == "NEO4J_URI" {
			return neo4jtest.URI()
		}
		return ""
	}
	ctx, cancel := context.WithCancel(context.Background())
	if len(seeds) > 0 {
		var out bytes.Buffer
		args := append([]string{"whosaid", "load"}, seeds...)
		if err := run(ctx, args, getenv, &out, io.Discard); err != nil {
			cancel()
			t.Fatalf("load: %v", err)
		}
	}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"whosaid", "serve", "--addr", "127.0.0.1:0"}, getenv, pw, logw)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v", err)
		}
	})
	ready := regexp.MustCompile(`playground (http://\S+)/ `)
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if m := ready.FindStringSubmatch(sc.Text()); m != nil {
			go io.Copy(io.Discard, pr)
			return m[1], sc.Text()
		}
	}
	t.Fatal("serve did not print its address")
	return "", ""
}

type gqlResponse struct {
	Data       json.RawMessage `json:"data"`
	Extensions map[string]any  `json:"extensions"`
	Errors     []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func postGraphQL(t *testing.T, base, query string, vars map[string]any) (int, gqlResponse) {
	t.Helper()
	return postBody(t, base, map[string]any{"query": query, "variables": vars})
}

func postWithExtensions(t *testing.T, base, query string, ext map[string]any) (int, gqlResponse) {
	t.Helper()
	body := map[string]any{"extensions": ext}
	if query != "" {
		body["query"] = query
	}
	return postBody(t, base, body)
}

func postBody(t *testing.T, base string, payload map[string]any) (int, gqlResponse) {
	t.Helper()
	body, _ := json.Marshal(payload)
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("response is not JSON (%d): %s", resp.StatusCode, raw)
	}
	return resp.StatusCode, out
}

func decode[T any](t *testing.T, r gqlResponse) T {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("GraphQL errors: %+v", r.Errors)
	}
	var v T
	if err := json.Unmarshal(r.Data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestServeListsActorsWithKeysetPages(t *testing.T) {
	base := startServer(t, nil, "../../loader/testdata/mini")
	type page struct {
		Actors struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct{ ID, Kind, Name, NameAr string }
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
	}
	const q = `query($after: String) { actors(first: 3, after: $after) {
		totalCount edges { cursor node { id kind name nameAr: name(lang: AR) } } pageInfo { hasNextPage endCursor } } }`
	_, r := postGraphQL(t, base, q, nil)
	p1 := decode[page](t, r)
	if p1.Actors.TotalCount != 4 || len(p1.Actors.Edges) != 3 || !p1.Actors.PageInfo.HasNextPage {
		t.Fatalf("first page = %+v, want 3 of 4 with a next page", p1.Actors)
	}
	_, r = postGraphQL(t, base, q, map[string]any{"after": p1.Actors.PageInfo.EndCursor})
	p2 := decode[page](t, r)
	if len(p2.Actors.Edges) != 1 || p2.Actors.PageInfo.HasNextPage {
		t.Fatalf("second page = %+v, want the last actor and no next page", p2.Actors)
	}
	seen := map[string]bool{}
	for _, e := range append(p1.Actors.Edges, p2.Actors.Edges...) {
		if seen[e.Node.ID] {
			t.Errorf("actor %s on two pages", e.Node.ID)
		}
		seen[e.Node.ID] = true
		if e.Node.ID == "putin" && (e.Node.Name != "Vladimir Putin" || e.Node.NameAr != "فلاديمير بوتين" || e.Node.Kind != "PERSON") {
			t.Errorf("putin = %+v", e.Node)
		}
	}
}

func TestServeNodeAndFilters(t *testing.T) {
	base := startServer(t, nil, "../../loader/testdata/mini")
	_, r := postGraphQL(t, base, `{ node(id: "csto") { id ... on Actor { kind name } } missing: node(id: "nope") { id }
		countries: actors(filter: {kind: COUNTRY}) { edges { node { id } } }
		byArabic: actors(filter: {name: "بوتين"}) { edges { node { id } } } }`, nil)
	got := decode[struct {
		Node      struct{ ID, Kind, Name string }
		Missing   *struct{ ID string }
		Countries struct {
			Edges []struct{ Node struct{ ID string } }
		}
		ByArabic struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}](t, r)
	if got.Node.ID != "csto" || got.Node.Kind != "ORGANISATION" {
		t.Errorf("node(csto) = %+v", got.Node)
	}
	if got.Missing != nil {
		t.Errorf("node(nope) = %+v, want null", got.Missing)
	}
	if len(got.Countries.Edges) != 2 {
		t.Errorf("countries = %+v, want russia and belarus", got.Countries.Edges)
	}
	if len(got.ByArabic.Edges) != 1 || got.ByArabic.Edges[0].Node.ID != "putin" {
		t.Errorf("name filter بوتين = %+v, want putin", got.ByArabic.Edges)
	}
}

func TestServeRejectsBadRequestsWithStableCodes(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_ADDR": ""})
	_, r := postGraphQL(t, base, `{ actors(first: -1) { edges { cursor } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("first: -1 gave %+v, want BAD_USER_INPUT", r.Errors)
	}
	_, r = postGraphQL(t, base, `{ actors(after: "not-a-cursor") { edges { cursor } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("bad cursor gave %+v, want BAD_USER_INPUT", r.Errors)
	}
	// 100 actors × 100 nested aliases fields is over the complexity limit.
	var sb strings.Builder
	sb.WriteString("{")
	for i := 0; i < 60; i++ {
		sb.WriteString("a" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `: actors(first: 100) { edges { node { id name } } } `)
	}
	sb.WriteString("}")
	status, r := postGraphQL(t, base, sb.String(), nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Errorf("costly query gave %d %+v, want COMPLEXITY_LIMIT_EXCEEDED", status, r.Errors)
	}
	big := bytes.Repeat([]byte(" "), 2<<20)
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(append(append([]byte(`{"query":"{ actors { totalCount } }`), big...), []byte(`"}`)...)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode < 400 {
		t.Errorf("a 2 MiB body got status %d, want an error", resp.StatusCode)
	}
	_, r = postGraphQL(t, base, `{ actors { nosuchfield } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" {
		t.Errorf("unknown field gave %+v, want GRAPHQL_VALIDATION_FAILED", r.Errors)
	}
}

func TestServeProbesAndMetrics(t *testing.T) {
	base := startServer(t, nil)
	for _, path := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s = %d %v, want 200", path, resp.StatusCode, body)
		}
	}
	postGraphQL(t, base, `query Listing { actors { totalCount } }`, nil)
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`whosaid_graphql_requests_total{operation="Listing",outcome="ok"} 1`,
		`whosaid_neo4j_duration_seconds_count{op="actors.count",path="read"}`,
		`whosaid_neo4j_duration_seconds_count{op="ping",path="write"}`,
	} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	resp, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "graphiql") {
		t.Errorf("/ does not serve the playground")
	}
}

// startServerWithoutNeo4j runs `whosaid serve` in-process against a Neo4j
// URI where nothing listens, and returns its base URL.
func startServerWithoutNeo4j(t *testing.T) string {
	t.Helper()
	return startServerAnyway(t, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}) // nothing listens there
}

// startServerAnyway starts `whosaid serve` with exactly env, and returns its
// address as soon as it listens, ready or not.
func startServerAnyway(t *testing.T, env map[string]string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	getenv := func(k string) string { return env[k] }
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"whosaid", "serve", "--addr", "127.0.0.1:0"}, getenv, pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() { cancel(); <-done })
	m := regexp.MustCompile(`playground (http://\S+)/ `)
	sc := bufio.NewScanner(pr)
	var base string
	for sc.Scan() {
		if g := m.FindStringSubmatch(sc.Text()); g != nil {
			base = g[1]
			break
		}
	}
	if base == "" {
		t.Fatal("serve did not print its address")
	}
	go io.Copy(io.Discard, pr)
	return base
}

func TestReadyzReportsMissingNeo4j(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: a fault test that waits out the driver's retries")
	}
	base := startServerWithoutNeo4j(t)
	client := http.Client{Timeout: 20 * time.Second}
	resp, err := client.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz without Neo4j = %d, want 503", resp.StatusCode)
	}
	_, r := postGraphQL(t, base, `{ actors { totalCount } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "UNAVAILABLE" {
		t.Errorf("query without Neo4j gave %+v, want UNAVAILABLE", r.Errors)
	}
	for _, e := range r.Errors {
		if strings.Contains(e.Message, "bolt") || strings.Contains(e.Message, "connect") {
			t.Errorf("error leaks driver details: %q", e.Message)
		}
	}
}

func TestRunRejectsUnknownCommand(t *testing.T) {
	err := run(context.Background(), []string{"whosaid", "frobnicate"}, func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "frobnicate") {
		t.Errorf("err = %v", err)
	}
}
