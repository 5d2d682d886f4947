package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/whosaid/whosaid/server"
	"github.com/whosaid/whosaid/store/storetest"
)

// The GraphQL API in-process: the server's handler as `whosaid serve`
// builds it, over the seeds in the in-memory store, asked through gqlgen's
// test client. Milliseconds a question, no Neo4j.

const seedDocument = "000_34de9ea8cd55db5f"

// api is a client of the whole handler with the given config.
func api(t *testing.T, cfg server.Config) *client.Client {
	t.Helper()
	mem := storetest.InMemory(t)
	h := server.New(cfg, mem, mem, server.NewMetrics(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	return client.New(h, client.Path("/graphql"))
}

// gqlError is one entry of an answer's errors.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// ask posts a query and returns its data and errors.
func ask(t *testing.T, c *client.Client, query string, opts ...client.Option) (json.RawMessage, []gqlError) {
	t.Helper()
	resp, err := c.RawPost(query, opts...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	data, err := json.Marshal(resp.Data)
	if err != nil {
		t.Fatal(err)
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("errors %s: %v", resp.Errors, err)
		}
	}
	return data, errs
}

// codeOf is the code of the first error, "" for none.
func codeOf(errs []gqlError) string {
	if len(errs) == 0 {
		return ""
	}
	code, _ := errs[0].Extensions["code"].(string)
	return code
}

// Ensure the limits refuse what they bound, each with its code and a
// message that says which limit, and let through what is within them.
func TestLimitsRefuseWhatTheyBound(t *testing.T) {
	c := api(t, server.Config{MaxDepth: 4, MaxComplexity: 500})
	aliases := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(" a" + string(rune('a'+i/26)) + string(rune('a'+i%26)) + ": stats { firstDate }")
		}
		return "{" + b.String() + " }"
	}
	for _, tc := range []struct {
		name, query, code, message string
	}{
		{"nested too deep", `{ actor(id: "vladimir-putin") { statements { edges { node { id } } } } }`, "BAD_USER_INPUT", "nested 5 levels deep; the limit is 4"},
		{"too many aliases", aliases(31), "BAD_USER_INPUT", "31 aliased fields; the limit is 30"},
		{"too costly", `{ statements(first: 100) { edges { node { evidence { document { text } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED", "complexity"},
		{"not GraphQL", `{ actor(id: "csto") { nosuchfield } }`, "GRAPHQL_VALIDATION_FAILED", "nosuchfield"},
	} {
		data, errs := ask(t, c, tc.query)
		if codeOf(errs) != tc.code || !strings.Contains(errs[0].Message, tc.message) || string(data) != "null" {
			t.Errorf("%s: data %s, errors %+v; want no data and %s saying %q", tc.name, data, errs, tc.code, tc.message)
		}
	}
	for name, query := range map[string]string{
		"4 levels":   `{ actor(id: "vladimir-putin") { statements { totalCount } } }`,
		"30 aliases": aliases(30),
		"cheap":      `{ statements(first: 5) { edges { node { id } } } }`,
	} {
		if data, errs := ask(t, c, query); len(errs) > 0 || len(data) < 10 {
			t.Errorf("%s: data %s, errors %+v; want an answer", name, data, errs)
		}
	}
}

// Ensure an answer larger than MaxResponseBytes is replaced by a
// RESPONSE_TOO_LARGE error naming the limit, and a smaller one is not.
func TestAnswerOverTheByteCapIsRefused(t *testing.T) {
	const query = `{ documents { edges { node { text } } } }`
	small := api(t, server.Config{MaxResponseBytes: 2000})
	data, errs := ask(t, small, query)
	if codeOf(errs) != "RESPONSE_TOO_LARGE" || errs[0].Extensions["limitBytes"] != 2000.0 || string(data) != "null" {
		t.Errorf("a document text over a 2000-byte cap: data of %d bytes, errors %+v; want RESPONSE_TOO_LARGE with limitBytes 2000", len(data), errs)
	}
	data, errs = ask(t, api(t, server.Config{}), query)
	if len(errs) > 0 || len(data) < 2000 {
		t.Errorf("under the default cap: %d bytes, errors %+v", len(data), errs)
	}
}

// Ensure each kind of mistake a client can make is told with its code and
// a message that names it, the rest of the answer kept (a field's error
// nulls that field only).
func TestMistakesAreToldWithTheirCode(t *testing.T) {
	c := api(t, server.Config{})
	for _, tc := range []struct {
		name, query, code, message string
	}{
		{"a month 13", `{ statements(filter: {from: "2013-13"}) { totalCount } }`, "BAD_USER_INPUT", `"2013-13" is not a date`},
		{"30 February", `{ timeline(actor: "russia", to: "2013-02-30") { bucket } }`, "BAD_USER_INPUT", `"2013-02-30" is not a date`},
		{"a date in a drawing's filter", `{ neighbourhood(id: "csto", filter: {to: "yesterday"}) { truncated } }`, "BAD_USER_INPUT", `"yesterday" is not a date`},
		{"a cursor of another list", `{ statements(after: "YWN0b3I6Y3N0bw") { totalCount } }`, "BAD_USER_INPUT", "not a cursor of this list"},
		{"a date cursor in a confidence list", `{ a: statements(orderBy: {field: CONFIDENCE}, after: "c3RhdGVtZW50L0RBVEUvQVNDOjIwMTMtMDkJeA") { totalCount } }`, "BAD_USER_INPUT", "not a cursor of this list"},
		{"a negative page", `{ actors(first: -1) { totalCount } }`, "BAD_USER_INPUT", "first must not be negative"},
		{"a confidence above 1", `{ statements(filter: {minConfidence: 1.5}) { totalCount } }`, "BAD_USER_INPUT", "minConfidence 1.5"},
		{"too deep a drawing", `{ neighbourhood(id: "csto", depth: 4) { truncated } }`, "BAD_USER_INPUT", "depth must be between 1 and 3"},
		{"an unknown speaker", `{ statements(filter: {speaker: "putin"}) { totalCount } }`, "NOT_FOUND", `no node with id "putin"`},
		{"an unknown target", `{ statements(filter: {target: "syria-crisis"}) { totalCount } }`, "NOT_FOUND", `no node with id "syria-crisis"`},
		{"an unknown root", `{ neighbourhood(id: "nobody") { truncated } }`, "NOT_FOUND", `no node with id "nobody"`},
		{"an unknown end of a path", `{ paths(from: "csto", to: "nobody") { truncated } }`, "NOT_FOUND", `no node with id "nobody"`},
		{"an unknown actor of a matrix", `{ stanceMatrix(actors: ["csto", "nobody"]) { actors { id } } }`, "NOT_FOUND", `no actor with id "nobody"`},
		{"an unknown topic of a matrix", `{ stanceMatrix(actors: ["csto"], topics: ["russia"]) { actors { id } } }`, "NOT_FOUND", `no topic with id "russia"`},
		{"an unknown actor of a timeline", `{ timeline(actor: "putin") { bucket } }`, "NOT_FOUND", `no node with id "putin"`},
		{"an unknown actor to align with", `{ alignment(actor: "putin") { score } }`, "NOT_FOUND", `no node with id "putin"`},
		{"a matrix of 51 actors", `{ stanceMatrix(actors: [` + strings.Repeat(`"csto", `, 51) + `]) { actors { id } } }`, "BAD_USER_INPUT", "at most 50 actors"},
	} {
		_, errs := ask(t, c, tc.query)
		if codeOf(errs) != tc.code || !strings.Contains(errs[0].Message, tc.message) {
			t.Errorf("%s: errors %+v; want %s saying %q", tc.name, errs, tc.code, tc.message)
		}
	}
	// A mistake in one field nulls the nearest nullable field around it
	// and leaves the others' answers.
	data, errs := ask(t, c, `{ good: actor(id: "csto") { id } bad: document(id: "`+seedDocument+`") { text(start: 5, end: 1) } }`)
	if codeOf(errs) != "BAD_USER_INPUT" || string(data) != `{"bad":null,"good":{"id":"csto"}}` || fmt.Sprint(errs[0].Path) != "[bad text]" {
		t.Errorf("one good field, one bad: data %s, errors %+v", data, errs)
	}
	// An id that names nothing is null, not an error.
	if data, errs := ask(t, c, `{ actor(id: "nobody") { id } node(id: "nobody") { id } }`); len(errs) > 0 || string(data) != `{"actor":null,"node":null}` {
		t.Errorf("unknown ids: data %s, errors %+v; want nulls", data, errs)
	}
}
