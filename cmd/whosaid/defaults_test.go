package main

// Safe defaults (issue 13): each test here failed on the server as it was
// before — CORS open to every origin, settings that fell back silently,
// metrics labelled with whatever a client sent, answers without security
// headers — and holds the fix.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	neo4jdev "github.com/whosaid/whosaid/dev/neo4j"
	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/store"
)

func get(t *testing.T, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	return request(t, http.MethodGet, url, header, nil)
}

func request(t *testing.T, method, url string, header map[string]string, body io.Reader) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp, string(raw)
}

func TestCORSIsClosedByDefault(t *testing.T) {
	base := startServer(t, nil)
	preflight := map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "content-type"}
	resp, _ := request(t, http.MethodOptions, base+"/graphql", preflight, nil)
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("with no WHOSAID_CORS_ORIGINS a preflight from another origin got Access-Control-Allow-Origin %q, want none", got)
	}
	resp, _ = get(t, base+"/graphql?query=%7B__typename%7D", map[string]string{"Origin": "https://evil.example"})
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("a cross-origin GET got Access-Control-Allow-Origin %q, want none", got)
	}
	resp, _ = get(t, base+"/export/csv", map[string]string{"Origin": "https://evil.example"})
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("a cross-origin export got Access-Control-Allow-Origin %q, want none", got)
	}
}

func TestCORSAllowsConfiguredOriginsAndGraphQLClientHeaders(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_CORS_ORIGINS": "https://app.example"})
	preflight := map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "apollo-require-preflight,content-type,x-apollo-operation-name"} // sorted, as browsers send them
	resp, _ := request(t, http.MethodOptions, base+"/graphql", preflight, nil)
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "https://app.example" {
		t.Errorf("preflight from the configured origin: Access-Control-Allow-Origin %q", got)
	}
	allowed := strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers"))
	for _, h := range []string{"content-type", "apollo-require-preflight", "x-apollo-operation-name"} {
		if !strings.Contains(allowed, h) {
			t.Errorf("preflight does not allow %s: %q", h, allowed)
		}
	}
	preflight["Origin"] = "https://evil.example"
	resp, _ = request(t, http.MethodOptions, base+"/graphql", preflight, nil)
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("an origin not configured got Access-Control-Allow-Origin %q", got)
	}
}

func TestSettingsThatDoNotParseStopTheServer(t *testing.T) {
	for name, value := range map[string]string{
		"WHOSAID_PLAYGROUND":      "maybe",
		"WHOSAID_INTROSPECTION":   "disabled",
		"WHOSAID_REQUEST_TIMEOUT": "5",
		"WHOSAID_EXPORT_TIMEOUT":  "2 minutes",
		"WHOSAID_LOG_LEVEL":       "verbose",
		"WHOSAID_LOG_FORMAT":      "xml",
		"WHOSAID_ENV":             "prod",
		"WHOSAID_DEBUG":           "sometimes",
		"NEO4J_READ_URI":          "http://db:7474",
	} {
		getenv := func(k string) string {
			switch k {
			case name:
				return value
			case "NEO4J_URI":
				return "bolt://127.0.0.1:1" // never reached: settings are read first
			}
			return ""
		}
		err := run(context.Background(), []string{"whosaid", "serve", "--addr", "127.0.0.1:0"}, getenv, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: serve returned %v, want an error naming %s", name, value, err, name)
		}
	}
}

func TestNoAndOffTurnThingsOff(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_PLAYGROUND": "no", "WHOSAID_INTROSPECTION": "off"})
	if resp, _ := get(t, base+"/", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("WHOSAID_PLAYGROUND=no: / answered %d, want 404", resp.StatusCode)
	}
	if resp, _ := get(t, base+"/schema.graphql", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("WHOSAID_INTROSPECTION=off: /schema.graphql answered %d, want 404 (it is introspection by another door)", resp.StatusCode)
	}
	if _, r := postGraphQL(t, base, `{ __schema { queryType { name } } }`, nil); len(r.Errors) == 0 {
		t.Error("WHOSAID_INTROSPECTION=off: introspection answered")
	}
}

func TestProductionSwitch(t *testing.T) {
	base, ready := startServerReady(t, map[string]string{"WHOSAID_ENV": "production", "WHOSAID_METRICS_ADDR": "127.0.0.1:0"})
	for _, path := range []string{"/", "/schema.graphql", "/metrics"} {
		if resp, _ := get(t, base+path, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("production: %s answered %d on the API listener, want 404", path, resp.StatusCode)
		}
	}
	if _, r := postGraphQL(t, base, `{ __schema { queryType { name } } }`, nil); len(r.Errors) == 0 {
		t.Error("production: introspection answered")
	}
	if _, r := postGraphQL(t, base, `{ __typename }`, nil); r.Extensions["whosaid"] != nil {
		t.Error("production: debug extensions in a response")
	}
	m := regexp.MustCompile(`metrics (http://\S+/metrics)`).FindStringSubmatch(ready)
	if m == nil || strings.HasPrefix(m[1], base+"/") {
		t.Fatalf("production: metrics not on a listener of their own: %q", ready)
	}
	if resp, body := get(t, m[1], nil); resp.StatusCode != http.StatusOK || !strings.Contains(body, "whosaid_graphql_requests_total") {
		t.Errorf("production: %s answered %d", m[1], resp.StatusCode)
	}
}

func TestMetricsLabelOnlyValidatedOperationsWithinACap(t *testing.T) {
	base := startServer(t, nil)
	_, before := get(t, base+"/metrics", nil)
	// Names a client merely sends, with documents that do not validate or
	// do not contain them.
	for i := range 300 {
		name := fmt.Sprintf("Random%05dxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", i)
		postBody(t, base, map[string]any{"query": `{ __typename }`, "operationName": name})
		postBody(t, base, map[string]any{"query": `query ` + name + ` { nope }`, "operationName": name})
	}
	_, after := get(t, base+"/metrics", nil)
	if strings.Contains(after, "Random0") {
		t.Error("an operation name that never validated became a metric label")
	}
	if len(after) > len(before)+8<<10 {
		t.Errorf("/metrics grew from %d to %d bytes on 600 invalid operations", len(before), len(after))
	}
	// Valid operations with ever new names: at most the cap, then (other).
	for i := range 260 {
		name := fmt.Sprintf("Valid%03d", i)
		postBody(t, base, map[string]any{"query": `query ` + name + ` { __typename }`, "operationName": name})
	}
	_, after = get(t, base+"/metrics", nil)
	names := map[string]bool{}
	for _, m := range regexp.MustCompile(`whosaid_graphql_requests_total\{operation="([^"]*)"`).FindAllStringSubmatch(after, -1) {
		names[m[1]] = true
	}
	if len(names) > 205 || !names["(other)"] {
		t.Errorf("%d distinct operation labels (other: %v), want at most the cap of 200 and the rest as (other)", len(names), names["(other)"])
	}
	t.Logf("/metrics: %d bytes before, %d after 600 invalid and 260 distinct valid operations", len(before), len(after))
}

func TestSecurityHeadersOnEveryAnswer(t *testing.T) {
	base := startServer(t, nil)
	for _, path := range []string{"/", "/graphql?query=%7B__typename%7D", "/schema.graphql", "/metrics", "/healthz", "/readyz", "/no-such-page"} {
		resp, _ := get(t, base+path, nil)
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q, want nosniff", path, got)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy %q, want frame-ancestors 'none'", path, csp)
		}
	}
}

func TestURIsPrintedWithoutPasswords(t *testing.T) {
	for in, want := range map[string]string{
		"neo4j://neo4j:s3cret@db.example:7687": "neo4j://neo4j:xxxxx@db.example:7687",
		"bolt://127.0.0.1:7687":                "bolt://127.0.0.1:7687",
		"bolt+s://user@db:7687":                "bolt+s://user@db:7687",
	} {
		if got := redactURI(in); got != want || strings.Contains(got, "s3cret") {
			t.Errorf("redactURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// byteCounter counts what a server logs, from many goroutines.
type byteCounter struct{ n atomic.Int64 }

func (c *byteCounter) Write(p []byte) (int, error) {
	c.n.Add(int64(len(p)))
	return len(p), nil
}

func TestClientMistakesAreClientErrors(t *testing.T) {
	var logs byteCounter
	base, _ := startServerLogging(t, map[string]string{"WHOSAID_INTROSPECTION": "false"}, &logs)
	jsonBody := map[string]string{"Content-Type": "application/json"}
	post := func(body string) (int, gqlResponse, string) {
		resp, raw := request(t, http.MethodPost, base+"/graphql", jsonBody, strings.NewReader(body))
		var r gqlResponse
		_ = json.Unmarshal([]byte(raw), &r)
		return resp.StatusCode, r, raw
	}
	big := `{"query": "{ __typename }", "variables": {"x": "` + strings.Repeat("a", 900<<10) + `"` // not closed: malformed
	for _, c := range []struct {
		name, body, code string
		status           int
	}{
		{"malformed JSON", `{"query": "{ __typename }"`, "BAD_USER_INPUT", 400},
		{"a JSON batch", `[{"query": "{ __typename }"}, {"query": "{ __typename }"}]`, "BAD_USER_INPUT", 400},
		{"variables not an object", `{"query": "{ __typename }", "variables": "x"}`, "BAD_USER_INPUT", 400},
		{"a persisted query hash that does not match", `{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + strings.Repeat("0", 64) + `"}}}`, "PERSISTED_QUERY_MISMATCH", 0},
		{"a persisted query the server does not know", `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + strings.Repeat("1", 64) + `"}}}`, "PERSISTED_QUERY_NOT_FOUND", 0},
		{"introspection while disabled", `{"query": "{ __schema { queryType { name } } }"}`, "INTROSPECTION_DISABLED", 0},
		{"a 900 KB malformed body", big, "BAD_USER_INPUT", 400},
	} {
		status, r, raw := post(c.body)
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != c.code {
			t.Errorf("%s: %d %.200s, want code %s", c.name, status, raw, c.code)
		}
		if c.status != 0 && status != c.status {
			t.Errorf("%s: status %d, want %d", c.name, status, c.status)
		}
	}
	if n := logs.n.Load(); n > 64<<10 {
		t.Errorf("client mistakes wrote %d bytes of log; a body must never be logged whole", n)
	}

	// A chunked body over the limit (no Content-Length to refuse it by).
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(`{"query": "{ __typename }", "variables": {"x": "`))
		pw.Write(bytes.Repeat([]byte("a"), 2<<20))
		pw.Write([]byte(`"}}`))
		pw.Close()
	}()
	resp, raw := request(t, http.MethodPost, base+"/graphql", jsonBody, pr)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(raw), "PAYLOAD_TOO_LARGE") {
		t.Errorf("chunked body over the limit: %d %.200s, want 413 PAYLOAD_TOO_LARGE", resp.StatusCode, raw)
	}
}

func TestUnknownIDsAreNotFoundEverywhere(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	for _, q := range []string{
		`{ statements(filter: {speaker: "putin"}) { totalCount } }`,
		`{ statements(filter: {target: "putin"}) { edges { node { id } } } }`,
		`{ statements(filter: {event: "putin"}) { totalCount } }`,
		`{ statements(filter: {document: "putin"}) { totalCount } }`,
		`{ timeline(actor: "putin") { total } }`,
		`{ timeline(topic: "putin") { total } }`,
		`{ alignment(actor: "putin") { score } }`,
		`{ stanceMatrix(actors: ["vladimir-putin", "putin"]) { cells { total } } }`,
		`{ stanceMatrix(topics: ["putin"]) { cells { total } } }`,
	} {
		_, r := postGraphQL(t, base, q, nil)
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "NOT_FOUND" || !strings.Contains(r.Errors[0].Message, `"putin"`) {
			t.Errorf("%s: %+v, want NOT_FOUND naming \"putin\"", q, r.Errors)
		}
	}
	// A known id that matches nothing is an empty answer, not an error.
	for _, q := range []string{
		`{ statements(filter: {speaker: "vladimir-putin", from: "2030"}) { totalCount } }`,
		`{ timeline(actor: "vladimir-putin", from: "2030") { total } }`,
	} {
		if _, r := postGraphQL(t, base, q, nil); len(r.Errors) > 0 {
			t.Errorf("%s: %+v, want an empty answer", q, r.Errors)
		}
	}
}

func TestImpossibleDatesAreRefusedByTheAPIAndTheExportsAlike(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	for _, d := range []string{"2013-13", "2013-13-01", "2013-02-30", "2013-00", "2013-9", "13"} {
		_, r := postGraphQL(t, base, `query($d: String!) { statements(filter: {from: $d}) { totalCount } timeline(from: $d) { total } }`, map[string]any{"d": d})
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("from: %q: %+v, want BAD_USER_INPUT", d, r.Errors)
		}
		if resp, _ := get(t, base+"/export/csv?from="+d, nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("/export/csv?from=%s: %d, want 400", d, resp.StatusCode)
		}
	}
	for _, d := range []string{"2013", "2013-09", "2013-09-23", "2012-02-29"} {
		if _, r := postGraphQL(t, base, `query($d: String!) { statements(filter: {from: $d}) { totalCount } }`, map[string]any{"d": d}); len(r.Errors) > 0 {
			t.Errorf("from: %q refused: %+v", d, r.Errors)
		}
	}
}

func TestDocumentTextIsClampedNotNulled(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ document(id: "000_34de9ea8cd55db5f") { length tail: text(start: 10, end: 1000000) head: text(start: -5, end: 3) } }`, nil)
	var got struct {
		Document *struct {
			Length     int
			Tail, Head string
		}
	}
	if err := json.Unmarshal(r.Data, &got); err != nil || got.Document == nil || len(r.Errors) > 0 {
		t.Fatalf("offsets past the end: %s %+v, want the document with its text clamped", r.Data, r.Errors)
	}
	if n := len([]rune(got.Document.Tail)); n != got.Document.Length-10 || len([]rune(got.Document.Head)) != 3 {
		t.Errorf("tail %d code points (length %d), head %q", n, got.Document.Length, got.Document.Head)
	}
	if _, r := postGraphQL(t, base, `{ document(id: "000_34de9ea8cd55db5f") { text(start: 9, end: 3) } }`, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("start after end: %+v, want BAD_USER_INPUT", r.Errors)
	}
}

func TestMakeRunListensOnLoopbackOnly(t *testing.T) {
	neo4jtest.Store(t) // empties the database
	getenv := func(k string) string {
		if k == "NEO4J_URI" {
			return neo4jtest.URI()
		}
		return "" // no WHOSAID_ADDR: the default of make run
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"whosaid", "dev", "--seeds", "../../seeds"}, getenv, pw, io.Discard)
		pw.Close()
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("dev returned %v", err)
		}
	}()
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if m := regexp.MustCompile(`playground http://(\S+)/ `).FindStringSubmatch(sc.Text()); m != nil {
			go io.Copy(io.Discard, pr)
			if m[1] != "127.0.0.1:8080" {
				t.Errorf("make run listens on %s, want 127.0.0.1:8080 (loopback only)", m[1])
			}
			return
		}
	}
	t.Fatal("dev did not print its address")
}

// Ensure a query's cost follows what it makes the server build: aliased
// matrices of every cell's statements' document texts, and pages of
// statements with their documents' texts, are refused before they run (on
// main the first answered 46.6 MB on the one-article seed graph), answers
// larger than WHOSAID_MAX_RESPONSE_BYTES are refused, and what researchers
// ask every day still fits.
func TestAnswersAreBoundedInCost(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	aliased := func(n int, field string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, " a%d: %s", i, field)
		}
		return b.String() + " }"
	}
	for name, q := range map[string]string{
		"30 matrices of document texts": aliased(30, `stanceMatrix { cells { statements { evidence { document { text } } } } }`),
		"one matrix of document texts":  `{ stanceMatrix { cells { statements { evidence { document { text } } } } } }`,
		"12 pages of document texts":    aliased(12, `statements(first: 100) { edges { node { id evidence { document { id text } } } } }`),
		"alignment's statements' texts": `{ alignment(actor: "vladimir-putin", first: 100) { shared { myStatements { evidence { document { text } } } } } }`,
	} {
		status, r := postGraphQL(t, base, q, nil)
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" {
			t.Errorf("%s: %d %d bytes of data, errors %+v; want COMPLEXITY_LIMIT_EXCEEDED", name, status, len(r.Data), r.Errors)
		}
	}
	for name, q := range map[string]string{
		"a matrix with its statements": `{ stanceMatrix { actors { id } topics { id } cells { net statements { id summary evidence { text } } } } }`,
		"a page of evidence":           `{ statements(first: 50) { edges { node { id evidence { text document { id title } } } } } }`,
		"an alignment":                 `{ alignment(actor: "vladimir-putin") { score shared { myStatements { id } theirStatements { id } } } }`,
		"a timeline":                   `{ timeline(bucket: DAY) { bucket counts { predicate count } } }`,
		"a slice of a text":            `{ document(id: "000_34de9ea8cd55db5f") { text(start: 0, end: 2000) } }`,
	} {
		if _, r := postGraphQL(t, base, q, nil); len(r.Errors) > 0 {
			t.Errorf("%s: %+v, want an answer", name, r.Errors)
		}
	}
	// Within cost, over the byte cap of a server that allows 10,000: the
	// seed article's text is longer than that.
	base = startServer(t, map[string]string{"WHOSAID_MAX_RESPONSE_BYTES": "10000"}, "../../seeds")
	status, r := postGraphQL(t, base, `{ documents { edges { node { text } } } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "RESPONSE_TOO_LARGE" || r.Data != nil && string(r.Data) != "null" {
		t.Errorf("an answer over the byte cap: %d, %d bytes of data, errors %+v; want RESPONSE_TOO_LARGE and no data", status, len(r.Data), r.Errors)
	}
	if _, metrics := get(t, base+"/metrics", nil); !strings.Contains(metrics, `outcome="RESPONSE_TOO_LARGE"`) {
		t.Error("a capped answer is not counted under its code in /metrics")
	}
}

// logBuffer collects a server's log, written from its goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Ensure a wrong Neo4j password is named for what it is — "authentication
// failed" in the log, on stdout and in /readyz — queries answer UNAVAILABLE
// rather than INTERNAL, and "whosaid is ready" is printed only with the
// right password. (On main: "neo4j unreachable", INTERNAL, and "ready".)
func TestWrongNeo4jPasswordIsNamedAndNotReady(t *testing.T) {
	neo4jtest.Require(t) // it starts a Neo4j of its own, with a password
	inst, err := neo4jdev.Start(context.Background(), neo4jdev.Options{Password: "the-right-one", Log: io.Discard})
	if err != nil {
		t.Fatalf("a Neo4j that checks passwords: %v", err)
	}
	t.Cleanup(inst.Stop)
	env := map[string]string{"NEO4J_URI": inst.URI, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "wrong"}
	var logs logBuffer
	base, line := startServerLogging(t, env, &logs)
	if !strings.Contains(line, "NOT ready (authentication failed)") || strings.Contains(line, "is ready") {
		t.Errorf("stdout with a wrong password: %q", line)
	}
	if resp, body := get(t, base+"/readyz", nil); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "authentication failed") {
		t.Errorf("/readyz with a wrong password: %d %s", resp.StatusCode, body)
	}
	if _, r := postGraphQL(t, base, `{ statements { totalCount } }`, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "UNAVAILABLE" {
		t.Errorf("a query with a wrong password: %+v, want UNAVAILABLE", r.Errors)
	}
	if !strings.Contains(logs.String(), "authentication failed") {
		t.Errorf("the log does not say authentication failed:\n%.2000s", logs.String())
	}

	env["NEO4J_PASSWORD"] = "the-right-one"
	st, err := store.Open(store.Config{URI: inst.URI, User: "neo4j", Password: "the-right-one"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	if err := st.EnsureSchema(context.Background()); err != nil {
		t.Fatalf("schema with the right password: %v", err)
	}
	base, line = startServerLogging(t, env, io.Discard)
	if !strings.HasPrefix(line, "whosaid is ready: ") {
		t.Errorf("stdout with the right password: %q", line)
	}
	if resp, body := get(t, base+"/readyz", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("/readyz with the right password: %d %s", resp.StatusCode, body)
	}
}

// Ensure every command's -h prints its flags and succeeds (on main it
// failed with "flag: help requested"), and that `whosaid version` names the
// build.
func TestHelpSucceedsAndVersionNamesTheBuild(t *testing.T) {
	for _, cmd := range []string{"serve", "dev", "load", "unload", "extract", "eval", "train", "export", "synth", "bench", "neo4j"} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"whosaid", cmd, "-h"}, func(string) string { return "" }, &stdout, &stderr)
		if err != nil || !strings.Contains(strings.ToLower(stderr.String()), "usage") || !strings.Contains(stderr.String(), "whosaid "+cmd) || strings.Contains(stderr.String()+stdout.String(), "help requested") {
			t.Errorf("whosaid %s -h: %v\n%s", cmd, err, stderr.String())
		}
	}
	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"whosaid", "version"}, func(string) string { return "" }, &stdout, io.Discard); err != nil || !regexp.MustCompile(`^whosaid \S+ .*go1\.\d+`).MatchString(stdout.String()) {
		t.Errorf("whosaid version: %v %q", err, stdout.String())
	}
}

// Ensure the log has what an operator needs and nothing a researcher asked:
// a warm-up before "ready", one JSON line per GraphQL request with its
// operation, outcome, duration, cost and Cypher round trips (never its
// variables), and a last line saying the server stopped.
func TestOneLogLinePerRequestAndAFinalStoppedLine(t *testing.T) {
	var logs logBuffer
	t.Cleanup(func() { // runs after the server's own cleanup has stopped it
		if t.Skipped() {
			return // no Neo4j, no server
		}
		lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
		if last := lines[len(lines)-1]; !strings.Contains(last, `"msg":"stopped"`) {
			t.Errorf("the last log line is %s, want stopped", last)
		}
	})
	base, _ := startServerLogging(t, map[string]string{"WHOSAID_LOG_FORMAT": "json"}, &logs, "../../seeds")
	if !strings.Contains(logs.String(), `"msg":"warmed up"`) {
		t.Errorf("no warm-up before ready:\n%.3000s", logs.String())
	}
	const secret = "a-researcher's-private-lead"
	postBody(t, base, map[string]any{"operationName": "WhoOpposes",
		"query":     `query WhoOpposes($q: String!) { search(query: $q) { matched } statements(first: 5) { edges { node { id speakers { id } } } } }`,
		"variables": map[string]any{"q": secret}})
	var line map[string]any
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, `"operation":"WhoOpposes"`) {
			if line != nil {
				t.Errorf("more than one log line for one request: %s", l)
			}
			if err := json.Unmarshal([]byte(l), &line); err != nil {
				t.Fatalf("not JSON: %s", l)
			}
		}
	}
	if line == nil || line["msg"] != "graphql" || line["level"] != "INFO" || line["outcome"] != "ok" ||
		line["cost"].(float64) < 5 || line["cypherQueries"].(float64) < 1 || line["ms"] == nil {
		t.Errorf("request log line: %v", line)
	}
	if strings.Contains(logs.String(), secret) {
		t.Error("a request's variables reached the log")
	}
}

// Ensure every environment variable the program reads is in the top-level
// help and in the README's configuration section, so that neither falls
// behind the code again.
func TestEveryVariableIsDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	config := string(readme)
	start := strings.Index(config, "## Configuration")
	if start < 0 {
		t.Fatal("README has no Configuration section")
	}
	config = config[start:]
	if end := strings.Index(config[3:], "\n## "); end >= 0 {
		config = config[:end+3]
	}
	variable := regexp.MustCompile(`"((?:WHOSAID|NEO4J|BENCH)_[A-Z_]+)"`)
	found := 0
	for _, dir := range []string{".", "../../server", "../../store", "../../loader", "../../export", "../../graph", "../../bench"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range variable.FindAllStringSubmatch(string(src), -1) {
				found++
				if !strings.Contains(usage, m[1]) {
					t.Errorf("%s (read in %s) is not in `whosaid help`", m[1], f)
				}
				if !strings.Contains(config, "`"+m[1]+"`") {
					t.Errorf("%s (read in %s) is not in the README's Configuration section", m[1], f)
				}
			}
		}
	}
	if found < 15 {
		t.Errorf("found only %d reads of variables: the scan is broken", found)
	}
}
