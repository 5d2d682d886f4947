package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	neo4jdev "github.com/whosaid/whosaid/dev/neo4j"
)

// payloads are Cypher and Lucene fragments a hostile client might send in
// any string argument.
var payloads = []string{
	`' OR 1=1 //`,
	`") MATCH (n) DETACH DELETE n //`,
	"`} DETACH DELETE n //",
	`MATCH (n) DETACH DELETE n`,
	`$id`,
	`*:*`,
	`name:* OR id:*`,
	`\" } RETURN 1 //`,
	"\x00\x01",
	`{id: "csto"}`,
	`vladimir-putin' OR 'a'='a`,
	`%2Fetc%2Fpasswd`,
}

func TestInjectionInEveryStringArgument(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ stats { statements } actors { totalCount } }`, nil)
	before := string(r.Data)
	queries := []string{
		`query($i: ID!) { actor(id: $i) { id } }`,
		`query($i: ID!) { node(id: $i) { id } }`,
		`query($i: ID!) { statement(id: $i) { id } }`,
		`query($i: ID!) { topic(id: $i) { id } event(id: $i) { id } document(id: $i) { id } }`,
		`query($i: ID!) { statements(filter: {speaker: $i}) { totalCount } }`,
		`query($i: ID!) { statements(filter: {speaker: $i, includeAffiliates: true}) { totalCount } }`,
		`query($i: ID!) { statements(filter: {target: $i}) { totalCount } }`,
		`query($i: ID!) { statements(filter: {event: $i, document: $i}) { totalCount } }`,
		`query($p: String!) { statements(filter: {from: $p}) { totalCount } }`,
		`query($p: String!) { statements(after: $p) { totalCount } }`,
		`query($p: String!) { actors(filter: {name: $p}, after: $p) { totalCount } }`,
		`query($p: String!) { topics(label: $p) { totalCount } }`,
		`query($p: String!) { search(query: $p) { node { id } } }`,
		`query($p: String!) { search(query: $p, lang: AR) { node { id } } }`,
		`query($i: ID!) { neighbourhood(id: $i) { truncated } }`,
		`query($i: ID!, $p: String!) { neighbourhood(id: "csto", exclude: [$i], filter: {from: $p}) { truncated } }`,
		`query($i: ID!) { paths(from: $i, to: "csto") { truncated } }`,
		`query($i: ID!) { alignment(actor: $i) { score } }`,
		`query($i: ID!) { timeline(actor: $i, topic: $i) { total } }`,
		`query($i: ID!) { stanceMatrix(actors: [$i], topics: [$i]) { cells { total } } }`,
		`query($p: String!) { actor(id: "csto") { statements(after: $p) { totalCount } } }`,
		`query($p: String!) { document(id: "000_34de9ea8cd55db5f") { text(start: 0, end: 3) } actors(filter: {name: $p}) { edges { node { name(lang: AR) } } } }`,
	}
	allowed := map[any]bool{"BAD_USER_INPUT": true, "NOT_FOUND": true}
	for _, q := range queries {
		for _, p := range payloads {
			vars := map[string]any{}
			for _, name := range []string{"p", "i"} {
				if strings.Contains(q, "$"+name+":") {
					vars[name] = p
				}
			}
			status, r := postGraphQL(t, base, q, vars)
			for _, e := range r.Errors {
				if !allowed[e.Extensions["code"]] {
					t.Errorf("%s with %q: status %d, error %q (%v)", q, p, status, e.Message, e.Extensions["code"])
				}
				// Messages may quote the input back; anything else Cypher-like is a leak.
				msg := strings.ReplaceAll(e.Message, strings.TrimSuffix(strings.TrimPrefix(fmt.Sprintf("%q", p), `"`), `"`), "")
				if strings.Contains(msg, "Neo.") || strings.Contains(msg, "MATCH") || strings.Contains(msg, "Lucene") {
					t.Errorf("%s with %q leaks internals: %q", q, p, e.Message)
				}
			}
		}
	}
	_, r = postGraphQL(t, base, `{ stats { statements } actors { totalCount } }`, nil)
	if after := string(r.Data); after != before {
		t.Errorf("the graph changed: %s -> %s", before, after)
	}
}

func TestPlaygroundAndIntrospectionCanBeTurnedOff(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_PLAYGROUND": "false", "WHOSAID_INTROSPECTION": "false"})
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/ with the playground off = %d, want 404", resp.StatusCode)
	}
	_, r := postGraphQL(t, base, `{ __schema { types { name } } }`, nil)
	if len(r.Errors) == 0 {
		t.Error("introspection answered while turned off")
	}
	_, r = postGraphQL(t, base, `{ actors { totalCount } }`, nil)
	if len(r.Errors) > 0 {
		t.Errorf("ordinary queries fail with introspection off: %+v", r.Errors)
	}
}

func TestRequestTimeoutReachesNeo4j(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_REQUEST_TIMEOUT": "1ms"}, "../../seeds")
	// Several times: where the budget runs out (waiting for a connection,
	// in the Bolt handshake, in Neo4j) varies, and each must say TIMEOUT.
	for range 20 {
		_, r := postGraphQL(t, base, `{ stanceMatrix { cells { total } } }`, nil)
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "TIMEOUT" {
			t.Fatalf("a 1 ms budget gave %+v, want TIMEOUT", r.Errors)
		}
	}
}

func TestAliasAndBatchLimits(t *testing.T) {
	base := startServer(t, nil)
	var sb strings.Builder
	sb.WriteString("{")
	for i := 0; i < 31; i++ {
		fmt.Fprintf(&sb, " a%d: stats { documents }", i)
	}
	sb.WriteString(" }")
	_, r := postGraphQL(t, base, sb.String(), nil)
	if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "aliased") {
		t.Errorf("31 aliases gave %+v", r.Errors)
	}
	// A JSON array of operations (batching) is not accepted.
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(`[{"query":"{ stats { documents } }"},{"query":"{ stats { documents } }"}]`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode < 400 && !strings.Contains(string(body), "errors") {
		t.Errorf("a batch of operations gave %d %s", resp.StatusCode, body)
	}
}

func TestRelayNodesAndPageInfo(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ actors(first: 1) { edges { node { id } } }
		statements(first: 1) { edges { node { id evidence { id } } } }
		topics(first: 1) { edges { node { id } } } events(first: 1) { edges { node { id place { id } } } }
		documents(first: 1) { edges { node { id } } } }`, nil)
	type firsts struct {
		Actors, Topics, Documents struct {
			Edges []struct{ Node struct{ ID string } }
		}
		Statements struct {
			Edges []struct {
				Node struct {
					ID       string
					Evidence []struct{ ID string }
				}
			}
		}
		Events struct {
			Edges []struct {
				Node struct {
					ID    string
					Place *struct{ ID string }
				}
			}
		}
	}
	got := decode[firsts](t, r)
	ids := map[string]string{
		got.Actors.Edges[0].Node.ID:                 "Actor",
		got.Topics.Edges[0].Node.ID:                 "Topic",
		got.Documents.Edges[0].Node.ID:              "Document",
		got.Statements.Edges[0].Node.ID:             "Statement",
		got.Statements.Edges[0].Node.Evidence[0].ID: "Mention",
		got.Events.Edges[0].Node.ID:                 "Event",
	}
	for id, typ := range ids {
		_, r := postGraphQL(t, base, `query($id: ID!) { node(id: $id) { __typename id } }`, map[string]any{"id": id})
		n := decode[struct {
			Node *struct {
				Typename string `json:"__typename"`
				ID       string
			}
		}](t, r)
		if n.Node == nil || n.Node.Typename != typ || n.Node.ID != id {
			t.Errorf("node(%q) = %+v, want the %s", id, n.Node, typ)
		}
	}
	// pageInfo: no previous page on the first page; start and end cursors
	// are the first and last edges' cursors; the next page has a previous one.
	const q = `query($after: String) { statements(first: 3, after: $after) { edges { cursor }
		pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`
	type page struct {
		Statements struct {
			Edges    []struct{ Cursor string }
			PageInfo struct {
				HasNextPage, HasPreviousPage bool
				StartCursor, EndCursor       string
			}
		}
	}
	_, r = postGraphQL(t, base, q, nil)
	p1 := decode[page](t, r).Statements
	if p1.PageInfo.HasPreviousPage || !p1.PageInfo.HasNextPage || p1.PageInfo.StartCursor != p1.Edges[0].Cursor || p1.PageInfo.EndCursor != p1.Edges[2].Cursor {
		t.Errorf("first page info = %+v", p1.PageInfo)
	}
	_, r = postGraphQL(t, base, q, map[string]any{"after": p1.PageInfo.EndCursor})
	p2 := decode[page](t, r).Statements
	if !p2.PageInfo.HasPreviousPage || p2.Edges[0].Cursor == p1.Edges[2].Cursor {
		t.Errorf("second page info = %+v", p2.PageInfo)
	}
}

// TestServerRecoversWhenNeo4jComesUp starts whosaid before its database:
// not ready and UNAVAILABLE at first, then ready and answering once Neo4j
// is up and loaded, without a restart.
func TestServerRecoversWhenNeo4jComesUp(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Neo4j of its own")
	}
	port, err := neo4jdev.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	uri := fmt.Sprintf("bolt://127.0.0.1:%d", port)
	getenv := func(k string) string {
		if k == "NEO4J_URI" {
			return uri
		}
		return ""
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"whosaid", "serve", "--addr", "127.0.0.1:0"}, getenv, pw, io.Discard)
		pw.Close()
	}()
	defer func() { cancel(); <-done }()
	var base string
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if m := regexp.MustCompile(`playground (http://\S+)/ `).FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
			break
		}
	}
	go io.Copy(io.Discard, pr)
	ready := func() int {
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := ready(); s != http.StatusServiceUnavailable {
		t.Fatalf("/readyz before Neo4j = %d", s)
	}
	_, r := postGraphQL(t, base, `{ stats { statements } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "UNAVAILABLE" {
		t.Fatalf("query before Neo4j = %+v", r.Errors)
	}

	inst, err := neo4jdev.Start(context.Background(), neo4jdev.Options{Port: port, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Stop()
	if err := run(context.Background(), []string{"whosaid", "load", "../../seeds"}, getenv, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for ready() != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("/readyz did not turn ready after Neo4j came up")
		}
		time.Sleep(500 * time.Millisecond)
	}
	_, r = postGraphQL(t, base, `{ stats { statements } }`, nil)
	var st struct{ Stats struct{ Statements int } }
	if err := json.Unmarshal(r.Data, &st); err != nil || len(r.Errors) > 0 || st.Stats.Statements == 0 {
		t.Errorf("after recovery: %s %+v", r.Data, r.Errors)
	}
}
