package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
)

// answer is what a test reads of a /graphql answer.
type answer struct {
	status    int
	mediaType string
	allow     string
	hasData   bool
	code      string // extensions.code of the first error
}

// ask sends one request to h; body is a POST's, query a GET's URL query.
func ask(t *testing.T, h http.Handler, method, query, contentType, accept, body string) answer {
	t.Helper()
	req := httptest.NewRequest(method, "/graphql?"+query, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out struct {
		Data   *json.RawMessage `json:"data"`
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &keys); err != nil {
		t.Fatalf("%s %s %s: the answer is not a JSON object: %s", method, query, body, rec.Body)
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	a := answer{status: rec.Code, mediaType: rec.Header().Get("Content-Type"), allow: rec.Header().Get("Allow")}
	_, a.hasData = keys["data"]
	if len(out.Errors) > 0 {
		a.code, _ = out.Errors[0].Extensions["code"].(string)
	}
	return a
}

// Ensure /graphql answers as the GraphQL-over-HTTP spec says: a request that
// executed nothing has no data entry, with 200 under application/json and
// 400 under application/graphql-response+json; a request that is not a
// GraphQL-over-HTTP request at all gets a 4xx under either; an executed one
// gets 200 and its data.
func TestAnswersFollowGraphQLOverHTTP(t *testing.T) {
	// whosaid's own schema, without the store: nothing asked here reaches it.
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(graphQLOverHTTP{})
	srv.Use(depthLimit{max: 12, maxAliases: 1})

	const (
		js  = mediaJSON
		gql = mediaGraphQLResponse
	)
	ok := answer{status: 200, hasData: true}
	notRun := func(code string) map[string]answer { // a well-formed request that executed nothing
		return map[string]answer{js: {status: 200, code: code}, gql: {status: 400, code: code}}
	}
	refused := func(status int, allow string) map[string]answer { // not a GraphQL-over-HTTP request
		a := answer{status: status, code: codeBadUserInput, allow: allow}
		return map[string]answer{js: a, gql: a}
	}
	post := func(body string) [3]string { return [3]string{http.MethodPost, "", body} }
	get := func(query string) [3]string { return [3]string{http.MethodGet, query, ""} }
	for _, c := range []struct {
		name string
		req  [3]string // method, URL query, body
		want map[string]answer
	}{
		{"a query", post(`{"query": "{ __typename }"}`), map[string]answer{js: ok, gql: ok}},
		{"a query by GET", get(`query=%7B__typename%7D`), map[string]answer{js: ok, gql: ok}},
		{"null variables, operationName and extensions", post(`{"query": "{ __typename }", "variables": null, "operationName": null, "extensions": null}`), map[string]answer{js: ok, gql: ok}},
		{"a document that does not parse", post(`{"query": "{"}`), notRun("GRAPHQL_PARSE_FAILED")},
		{"a document that does not parse, by GET", get(`query=%7B`), notRun("GRAPHQL_PARSE_FAILED")},
		{"a document that does not validate", post(`{"query": "{ noSuchField }"}`), notRun("GRAPHQL_VALIDATION_FAILED")},
		{"variables that do not coerce", post(`{"query": "query Q($n: String!) { __type(name: $n) { name } }", "variables": {"n": null}}`), notRun("GRAPHQL_VALIDATION_FAILED")},
		{"an operationName the document lacks", post(`{"query": "query A { __typename }", "operationName": "B"}`), notRun("GRAPHQL_VALIDATION_FAILED")},
		{"a query over a limit", post(`{"query": "{ a: __typename b: __typename }"}`), notRun(codeBadUserInput)},
		{"a body that is not JSON", post(`{"query": "{ __typename }"`), refused(400, "")},
		{"two JSON values", post(`{"query": "{ __typename }"} {}`), refused(400, "")},
		{"a JSON batch", post(`[{"query": "{ __typename }"}]`), refused(400, "")},
		{"variables that are not an object", post(`{"query": "{ __typename }", "variables": "x"}`), refused(400, "")},
		{"variables that are not an object, by GET", get(`query=%7B__typename%7D&variables=x`), refused(400, "")},
		{"no query", post(`{"qeury": "{ __typename }"}`), refused(400, "")},
		{"no query, by GET", get(``), refused(400, "")},
		{"a PUT", [3]string{http.MethodPut, "", `{"query": "{ __typename }"}`}, refused(405, "GET, POST, OPTIONS")},
	} {
		for _, accept := range []string{js, gql} {
			want := c.want[accept]
			want.mediaType = accept
			got := ask(t, srv, c.req[0], c.req[1], "application/json", accept, c.req[2])
			if got != want {
				t.Errorf("%s, Accept: %s: got %+v, want %+v", c.name, accept, got, want)
			}
		}
	}

	// Content negotiation: the Accept header, q-values read, decides.
	for accept, want := range map[string]string{
		"":              js,
		"*/*":           js,
		"application/*": js,
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8": js,
		"application/graphql-response+json, application/json;q=0.9":       gql,
		"application/json;q=0.5, application/graphql-response+json":       gql,
		"application/graphql-response+json;q=0, application/json":         js,
		"Application/GraphQL-Response+JSON":                               gql,
	} {
		if got := ask(t, srv, http.MethodPost, "", "application/json", accept, `{"query": "{ __typename }"}`); got.status != 200 || got.mediaType != want {
			t.Errorf("Accept: %q: %d %s, want 200 %s", accept, got.status, got.mediaType, want)
		}
	}
	if got, want := ask(t, srv, http.MethodPost, "", "application/json", "text/html", `{"query": "{ __typename }"}`),
		(answer{status: 406, mediaType: js, code: codeBadUserInput}); got != want {
		t.Errorf("Accept: text/html: got %+v, want %+v", got, want)
	}
	for _, contentType := range []string{"", "text/plain", "application/graphql"} {
		if got, want := ask(t, srv, http.MethodPost, "", contentType, js, `{"query": "{ __typename }"}`),
			(answer{status: 415, mediaType: js, code: codeBadUserInput}); got != want {
			t.Errorf("POST with Content-Type %q: got %+v, want %+v", contentType, got, want)
		}
	}
}

// parseOnly is an executor that parses a document and runs nothing, for
// what whosaid's schema cannot show: it has no mutation to send by GET, and
// its time never runs out exactly between validation and execution.
type parseOnly struct {
	executed bool
	response *graphql.Response // what execution answers; nil when time ran out first
}

func (p *parseOnly) CreateOperationContext(_ context.Context, raw *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	doc, err := parser.ParseQuery(&ast.Source{Input: raw.Query})
	if err != nil {
		return nil, gqlerror.List{err.(*gqlerror.Error)}
	}
	return &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0]}, nil
}

func (p *parseOnly) DispatchOperation(ctx context.Context, _ *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	p.executed = true
	return func(context.Context) *graphql.Response { return p.response }, ctx
}

func (*parseOnly) DispatchError(_ context.Context, errs gqlerror.List) *graphql.Response {
	return &graphql.Response{Errors: errs}
}

func transportOver(exec graphql.GraphExecutor) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { graphQLOverHTTP{}.Do(w, r, exec) })
}

// Ensure a mutation sent by GET is refused with 405 and Allow: POST before
// it runs (a link or a prefetch must never change anything), and that the
// same mutation by POST runs.
func TestMutationsByGETAreRefused(t *testing.T) {
	exec := &parseOnly{response: &graphql.Response{Data: json.RawMessage(`{}`)}}
	got := ask(t, transportOver(exec), http.MethodGet, "query="+url.QueryEscape("mutation { forget }"), "", mediaJSON, "")
	if want := (answer{status: 405, mediaType: mediaJSON, allow: http.MethodPost, code: codeBadUserInput}); got != want || exec.executed {
		t.Errorf("a mutation by GET: got %+v (executed: %v), want %+v and not executed", got, exec.executed, want)
	}
	got = ask(t, transportOver(exec), http.MethodPost, "", "application/json", mediaJSON, `{"query": "mutation { forget }"}`)
	if got.status != 200 || !got.hasData || !exec.executed {
		t.Errorf("a mutation by POST: got %+v (executed: %v), want 200 with data, executed", got, exec.executed)
	}
}

// Ensure a request whose time runs out before execution begins (gqlgen then
// gives no response) answers TIMEOUT without data, not a bare null: 200
// under application/json, 503 under application/graphql-response+json.
func TestTimeRunningOutBeforeExecutionIsATimeout(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), -1)
	defer cancel()
	h := transportOver(&parseOnly{})
	for accept, status := range map[string]int{mediaJSON: 200, mediaGraphQLResponse: 503} {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r.WithContext(ctx)) })
		got := ask(t, h, http.MethodPost, "", "application/json", accept, `{"query": "{ stats { documents } }"}`)
		if want := (answer{status: status, mediaType: accept, code: string(kg.Timeout)}); got != want {
			t.Errorf("Accept: %s: got %+v, want %+v", accept, got, want)
		}
	}
}

// Ensure a body over the limit gets 413 PAYLOAD_TOO_LARGE in the media type
// the client accepts, as the transport's own answers are.
func TestBodyOverTheLimitAnswersInTheAcceptedType(t *testing.T) {
	h := limitBody(http.NotFoundHandler(), 8)
	for _, accept := range []string{mediaJSON, mediaGraphQLResponse} {
		got := ask(t, h, http.MethodPost, "", "application/json", accept, `{"query": "{ __typename }"}`)
		if want := (answer{status: 413, mediaType: accept, code: codePayloadTooLarge}); got != want {
			t.Errorf("Accept: %s: got %+v, want %+v", accept, got, want)
		}
	}
}
