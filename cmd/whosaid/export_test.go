package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/export/exporttest"
	"github.com/whosaid/whosaid/store"
	"github.com/whosaid/whosaid/synth"
)

// These tests download every export from a server over the seed graph and
// read it back, checking it against the GraphQL API's own answer.

var exportFormats = map[string]struct{ contentType, ext string }{
	"gexf":    {"application/gexf+xml", "gexf"},
	"graphml": {"application/graphml+xml", "graphml"},
	"cyjs":    {"application/json", "cyjs"},
	"csv":     {"application/zip", "csv.zip"},
}

type apiSubgraph struct {
	Truncated bool
	Nodes     []struct {
		ID, Kind, Label      string
		LabelAr              *string
		Degree, HiddenDegree int
	}
	Edges []struct {
		ID, Source, Target, Kind string
		Predicate, Polarity      *string
		Start, End               *string
		Weight                   float64
		Statements               []struct{ ID, Predicate string }
	}
}

const apiSubgraphFields = `truncated nodes { id kind label labelAr degree hiddenDegree }
	edges { id source target kind predicate polarity start end weight statements { id predicate } }`

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// signatures are what both sides must agree on, node or edge, by id.
// GEXF widens dates to whole days, so for it only their presence counts.
func apiSignatures(sg apiSubgraph, format string) (nodes, edges map[string]string) {
	nodes, edges = map[string]string{}, map[string]string{}
	for _, n := range sg.Nodes {
		nodes[n.ID] = fmt.Sprintf("%s|%s|%s|%d|%d", n.Kind, n.Label, deref(n.LabelAr), n.Degree, n.HiddenDegree)
	}
	for _, e := range sg.Edges {
		var st []string
		for _, s := range e.Statements {
			st = append(st, s.ID)
		}
		start, end := deref(e.Start), deref(e.End)
		if format == "gexf" && start != "" {
			start, end = "dated", "dated"
		}
		edges[e.ID] = fmt.Sprintf("%s>%s|%s|%g|%s|%s|%s|%s–%s", e.Source, e.Target, e.Kind, e.Weight,
			strings.Join(predicatesBehind(e.Predicate, e.Statements), " "), deref(e.Polarity), strings.Join(st, " "), start, end)
	}
	return nodes, edges
}

// predicatesBehind is what an export's predicate attribute lists for an edge
// the API gives: its predicate, or when its statements differ (the API's
// predicate is null then) each of theirs, sorted.
func predicatesBehind(predicate *string, statements []struct{ ID, Predicate string }) []string {
	if predicate != nil {
		return []string{*predicate}
	}
	var all []string
	for _, s := range statements {
		if !slices.Contains(all, s.Predicate) {
			all = append(all, s.Predicate)
		}
	}
	sort.Strings(all)
	return all
}

func exportSignatures(g exporttest.Graph, format string) (nodes, edges map[string]string) {
	nodes, edges = map[string]string{}, map[string]string{}
	for _, n := range g.Nodes {
		a := n.Attrs
		nodes[n.ID] = fmt.Sprintf("%s|%s|%s|%s|%s", a["kind"], a["label_en"], a["label_ar"], a["degree"], a["hidden_degree"])
	}
	for _, e := range g.Edges {
		a := e.Attrs
		start, end := a["start"], a["end"]
		if format == "gexf" && start != "" {
			start, end = "dated", "dated"
		}
		edges[e.ID] = fmt.Sprintf("%s>%s|%s|%g|%s|%s|%s|%s–%s", e.Source, e.Target, a["kind"], e.Weight,
			a["predicate"], a["polarity"], a["statements"], start, end)
	}
	return nodes, edges
}

// download GETs an export and checks its headers.
func download(t *testing.T, base, format string, q url.Values) []byte {
	t.Helper()
	resp, err := http.Get(base + "/export/" + format + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /export/%s?%s = %d: %s", format, q.Encode(), resp.StatusCode, body)
	}
	name := "graph"
	if id := q.Get("id"); id != "" {
		name = id
	}
	want := exportFormats[format]
	if got := resp.Header.Get("Content-Type"); got != want.contentType {
		t.Errorf("%s: Content-Type %q, want %q", format, got, want.contentType)
	}
	if got, w := resp.Header.Get("Content-Disposition"), `attachment; filename="whosaid-`+name+"."+want.ext+`"`; got != w {
		t.Errorf("%s: Content-Disposition %q, want %q", format, got, w)
	}
	return body
}

func compare(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d in the export, %d from the API", what, len(got), len(want))
	}
	for id, w := range want {
		if g, ok := got[id]; !ok {
			t.Errorf("%s: %s missing from the export", what, id)
		} else if g != w {
			t.Errorf("%s %s:\nexport %s\napi    %s", what, id, g, w)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("%s: %s in the export only", what, id)
		}
	}
}

// Ensure each export holds exactly the nodes and edges the neighbourhood
// query gives for the same arguments, with the same attributes.
func TestExportsMatchTheNeighbourhoodQuery(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	tests := []struct {
		query string
		vars  map[string]any
	}{
		{"id=vladimir-putin", map[string]any{"id": "vladimir-putin"}},
		{"id=vladimir-putin&depth=2&maxNodes=25", map[string]any{"id": "vladimir-putin", "depth": 2, "maxNodes": 25}},
		{"id=syrian-crisis&depth=2&statements=NODES", map[string]any{"id": "syrian-crisis", "depth": 2, "statements": "NODES"}},
		{"id=russia&depth=2&predicate=REJECT&predicate=OPPOSE&polarity=AGAINST&from=2013-06&to=2014",
			map[string]any{"id": "russia", "depth": 2, "filter": map[string]any{"predicates": []string{"REJECT", "OPPOSE"}, "polarities": []string{"AGAINST"}, "from": "2013-06", "to": "2014"}}},
		{"id=csto&depth=3&statements=nodes&polarity=favor", map[string]any{"id": "csto", "depth": 3, "statements": "NODES", "filter": map[string]any{"polarities": []string{"FAVOR"}}}},
	}
	mixed := 0 // STANCE edges drawn from statements of several predicates
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, r := postGraphQL(t, base, `query($id: ID!, $depth: Int, $maxNodes: Int, $statements: StatementView, $filter: SubgraphFilter) {
				neighbourhood(id: $id, depth: $depth, maxNodes: $maxNodes, statements: $statements, filter: $filter) { `+apiSubgraphFields+` } }`, tt.vars)
			api := decode[struct{ Neighbourhood apiSubgraph }](t, r).Neighbourhood
			if len(api.Edges) == 0 {
				t.Fatalf("the neighbourhood has no edges; the case tests nothing")
			}
			for _, e := range api.Edges {
				if len(predicatesBehind(e.Predicate, e.Statements)) > 1 {
					mixed++
				}
			}
			q, _ := url.ParseQuery(tt.query)
			for format := range exportFormats {
				body := download(t, base, format, q)
				g, err := exporttest.Parse(format, body)
				if err != nil {
					t.Fatalf("%s: %v", format, err)
				}
				t.Logf("%s: %d nodes, %d edges (API: %d, %d)", format, len(g.Nodes), len(g.Edges), len(api.Nodes), len(api.Edges))
				wantNodes, wantEdges := apiSignatures(api, format)
				gotNodes, gotEdges := exportSignatures(g, format)
				compare(t, format+" nodes", gotNodes, wantNodes)
				compare(t, format+" edges", gotEdges, wantEdges)
			}
		})
	}
	if mixed == 0 {
		t.Error("no case has a STANCE edge behind statements of several predicates: their lists in exports go untested")
	}
}

// Ensure the whole-graph export is every actor, topic, event and place (and
// statement, as nodes) with every edge the API shows around them: the union
// of all depth-1 neighbourhoods, node degrees included; that the four
// formats agree; and that keyset pages of any size give the same graph.
func TestWholeGraphExportIsTheUnionOfNeighbourhoods(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ stats { nodes { label count } } }`, nil)
	stats := decode[struct {
		Stats struct {
			Nodes []struct {
				Label string
				Count int
			}
		}
	}](t, r).Stats
	count := map[string]int{}
	for _, n := range stats.Nodes {
		count[n.Label] = n.Count
	}
	st, err := store.Open(store.Config{URI: neo4jtest.URI()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())

	tests := []struct {
		query  string
		view   string
		filter map[string]any
		nodes  int
	}{
		{"", "COLLAPSED", nil, count["Actor"] + count["Topic"] + count["Event"] + count["Place"]},
		{"statements=NODES", "NODES", nil, count["Actor"] + count["Topic"] + count["Event"] + count["Place"] + count["Statement"]},
		{"polarity=AGAINST&from=2013-09", "COLLAPSED", map[string]any{"polarities": []string{"AGAINST"}, "from": "2013-09"}, -1},
		{"statements=NODES&predicate=SUPPORT", "NODES", map[string]any{"predicates": []string{"SUPPORT"}}, -1},
	}
	for _, tt := range tests {
		t.Run("whole "+tt.query, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			var first exporttest.Graph
			for i, format := range []string{"cyjs", "gexf", "graphml", "csv"} {
				g, err := exporttest.Parse(format, download(t, base, format, q))
				if err != nil {
					t.Fatalf("%s: %v", format, err)
				}
				t.Logf("%s: %d nodes, %d edges", format, len(g.Nodes), len(g.Edges))
				if i == 0 {
					first = g
				} else if len(g.Nodes) != len(first.Nodes) || len(g.Edges) != len(first.Edges) {
					t.Errorf("%s has %d nodes, %d edges; cyjs %d, %d", format, len(g.Nodes), len(g.Edges), len(first.Nodes), len(first.Edges))
				}
			}
			if tt.nodes >= 0 && len(first.Nodes) != tt.nodes {
				t.Errorf("%d nodes, want %d from stats", len(first.Nodes), tt.nodes)
			}
			// The union of every node's depth-1 neighbourhood, ten a request.
			union := apiSubgraph{}
			seen := map[string]bool{}
			degree := map[string]string{}
			var ids []string
			for _, n := range first.Nodes {
				ids = append(ids, n.ID)
			}
			for start := 0; start < len(ids); start += 10 {
				batch := ids[start:min(start+10, len(ids))]
				var sb strings.Builder
				sb.WriteString(`query($view: StatementView, $filter: SubgraphFilter) {`)
				for i, id := range batch {
					fmt.Fprintf(&sb, " n%d: neighbourhood(id: %q, maxNodes: 500, statements: $view, filter: $filter) { %s }", i, id, apiSubgraphFields)
				}
				sb.WriteString("}")
				_, r := postGraphQL(t, base, sb.String(), map[string]any{"view": tt.view, "filter": tt.filter})
				got := decode[map[string]apiSubgraph](t, r)
				for i, id := range batch {
					sg := got[fmt.Sprintf("n%d", i)]
					if sg.Truncated {
						t.Fatalf("neighbourhood of %s is truncated", id)
					}
					for _, n := range sg.Nodes {
						if n.ID == id {
							degree[id] = fmt.Sprint(n.Degree)
						}
					}
					for _, e := range sg.Edges {
						if !seen[e.ID] {
							seen[e.ID] = true
							union.Edges = append(union.Edges, e)
						}
					}
				}
			}
			_, wantEdges := apiSignatures(union, "cyjs")
			_, gotEdges := exportSignatures(first, "cyjs")
			compare(t, "edges", gotEdges, wantEdges)
			for _, n := range first.Nodes {
				if n.Attrs["degree"] != degree[n.ID] || n.Attrs["hidden_degree"] != "0" {
					t.Errorf("%s: degree %s, hidden %s; the API says %s and nothing is hidden", n.ID, n.Attrs["degree"], n.Attrs["hidden_degree"], degree[n.ID])
				}
			}
			// Small keyset pages read the same graph as the default.
			req, err := export.ParseQuery(q)
			if err != nil {
				t.Fatal(err)
			}
			g, err := export.Whole(context.Background(), st, req.View, req.Filter, 3)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := export.EncodeCyJS(&buf, g); err != nil {
				t.Fatal(err)
			}
			paged, err := exporttest.Parse("cyjs", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			pn, pe := exportSignatures(paged, "cyjs")
			fn, fe := exportSignatures(first, "cyjs")
			compare(t, "nodes in pages of 3", pn, fn)
			compare(t, "edges in pages of 3", pe, fe)
		})
	}
}

// Ensure `whosaid export` writes the very bytes the endpoint serves.
func TestExportCommandWritesWhatTheEndpointServes(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	getenv := func(k string) string {
		if k == "NEO4J_URI" {
			return neo4jtest.URI()
		}
		return ""
	}
	dir := t.TempDir()
	tests := []struct {
		args  []string
		query string
	}{
		{[]string{"--format", "graphml", "--id", "vladimir-putin", "--depth", "2", "--max-nodes", "30", "--statements", "NODES"}, "id=vladimir-putin&depth=2&maxNodes=30&statements=NODES"},
		{[]string{"--format", "gexf", "--predicate", "REJECT", "--predicate", "CONDEMN", "--from", "2013"}, "predicate=REJECT&predicate=CONDEMN&from=2013"},
		{[]string{"--format", "csv"}, ""},
		{[]string{"--format", "cyjs", "--id", "csto", "--polarity", "FAVOR"}, "id=csto&polarity=FAVOR"},
	}
	for i, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			want := download(t, base, tt.args[1], q)
			var stdout bytes.Buffer
			if err := run(context.Background(), append([]string{"whosaid", "export"}, tt.args...), getenv, &stdout, io.Discard); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(stdout.Bytes(), want) {
				t.Errorf("stdout (%d bytes) differs from the download (%d bytes)", stdout.Len(), len(want))
			}
			out := filepath.Join(dir, fmt.Sprintf("export-%d", i))
			if err := run(context.Background(), append([]string{"whosaid", "export", "--out", out}, tt.args...), getenv, io.Discard, io.Discard); err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(out); err != nil || !bytes.Equal(got, want) {
				t.Errorf("--out file differs from the download (err %v)", err)
			}
		})
	}
	for _, args := range [][]string{{"--format", "pdf"}, {"--format", "gexf", "--depth", "2"}, {"--format", "gexf", "--id", "nobody"}, {"--format", "gexf", "--polarity", "up"}} {
		if err := run(context.Background(), append([]string{"whosaid", "export"}, args...), getenv, io.Discard, io.Discard); err == nil {
			t.Errorf("export %v succeeded", args)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(tests) {
		t.Errorf("the output folder holds %d files, want %d (no temporary files left)", len(entries), len(tests))
	}
}

// Ensure bad requests get JSON errors with the right status and code.
func TestExportErrors(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	tests := []struct {
		path   string
		status int
		code   string
	}{
		{"/export/pdf", 404, "NOT_FOUND"},
		{"/export/gexf?id=nobody", 404, "NOT_FOUND"},
		{"/export/gexf?id=vladimir-putin&depth=9", 400, "BAD_USER_INPUT"},
		{"/export/gexf?id=vladimir-putin&maxNodes=0", 400, "BAD_USER_INPUT"},
		{"/export/graphml?id=vladimir-putin&maxnodes=3", 400, "BAD_USER_INPUT"},
		{"/export/cyjs?depth=2", 400, "BAD_USER_INPUT"},
		{"/export/csv?statements=ALL", 400, "BAD_USER_INPUT"},
		{"/export/csv?from=last-year", 400, "BAD_USER_INPUT"},
		{"/export/csv?predicate=SHOUT", 400, "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		resp, err := http.Get(base + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Errors []struct {
				Message    string
				Extensions struct{ Code string }
			}
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err := json.Unmarshal(raw, &body); err != nil || resp.StatusCode != tt.status || len(body.Errors) != 1 ||
			body.Errors[0].Extensions.Code != tt.code || body.Errors[0].Message == "" || resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("GET %s = %d %s, want %d with code %s", tt.path, resp.StatusCode, raw, tt.status, tt.code)
		}
	}
	// Arabic comes through as UTF-8, not escaped.
	body := download(t, base, "cyjs", url.Values{"id": {"vladimir-putin"}})
	if !bytes.Contains(body, []byte("بوتين")) {
		t.Error("the Cytoscape.js export lacks Putin's Arabic name")
	}
	var kinds []string
	g, _ := exporttest.Parse("graphml", download(t, base, "graphml", url.Values{"id": {"vladimir-putin"}}))
	for _, n := range g.Nodes {
		kinds = append(kinds, n.Attrs["labels"])
	}
	sort.Strings(kinds)
	if !slices.Contains(kinds, ":Actor:Person") {
		t.Errorf("GraphML labels = %v, want :Actor:Person among them", kinds)
	}
}

// logWatch is a server's log that tells when a line containing want is
// written, from any goroutine.
type logWatch struct {
	want string
	seen chan string // gets the first line with want
	once sync.Once
}

func watchLog(want string) *logWatch { return &logWatch{want: want, seen: make(chan string, 1)} }

func (l *logWatch) Write(p []byte) (int, error) {
	if line := string(p); strings.Contains(line, l.want) {
		l.once.Do(func() { l.seen <- line })
	}
	return len(p), nil
}

// Ensure a whole-graph export to a client that stops reading is cut at
// WHOSAID_EXPORT_TIMEOUT: the handler's blocked write gives up at the
// bound, the handler returns (it logs the cut), the connection is aborted,
// and what the client got is not a whole file.
func TestWholeGraphExportToAStalledClientEndsAtItsBound(t *testing.T) {
	// Statements as nodes make the export of this corpus about 6 MB, more
	// than the socket buffers between server and client hold, so the server
	// blocks writing to a client that reads nothing.
	dir := t.TempDir()
	if _, err := synth.Write(synth.Options{Statements: 3000, Seed: 1, Dir: dir}); err != nil {
		t.Fatal(err)
	}
	const bound = 15 * time.Second
	logs := watchLog("export cut at its time bound")
	base, _ := startServerLogging(t, map[string]string{"WHOSAID_EXPORT_TIMEOUT": bound.String()}, logs, dir)

	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// A small receive buffer, so the kernel does not read megabytes on the
	// stalled client's behalf.
	_ = conn.(*net.TCPConn).SetReadBuffer(4 << 10)
	if _, err := io.WriteString(conn, "GET /export/gexf?statements=NODES HTTP/1.1\r\nHost: whosaid\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	// Read nothing. Without a bound the handler stays blocked as long as
	// the client keeps the connection open; this wait is only a safety net.
	select {
	case line := <-logs.seen:
		t.Logf("server: %s", strings.TrimSpace(line))
		if !strings.Contains(line, "i/o timeout") {
			t.Errorf("the export was cut, but not at a blocked write: %s", line)
		}
	case <-time.After(bound + 45*time.Second):
		t.Fatal("the export to a client that reads nothing did not end at its bound")
	}
	// Drain what the kernel still holds, quickly: then the server's close.
	_ = conn.(*net.TCPConn).SetReadBuffer(4 << 20)
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	got, err := io.ReadAll(conn)
	if nerr, ok := err.(net.Error); ok && nerr.Timeout() {
		t.Fatalf("the server kept the connection open after cutting the export (read %d bytes)", len(got))
	}
	t.Logf("the stalled client was sent %d bytes before the cut", len(got))
	if !bytes.HasPrefix(got, []byte("HTTP/1.1 200")) || bytes.Contains(got, []byte("</gexf>")) {
		t.Errorf("the stalled client got %d bytes starting %q; want the start of a 200 answer and no closing </gexf>", len(got), got[:min(len(got), 20)])
	}
}
