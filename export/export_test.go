package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/export/exporttest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is a small subgraph with what encoders get wrong: Arabic labels,
// XML and CSV metacharacters, a node with no Arabic label, parallel stance
// edges of two polarities, a STANCE edge behind several statements with
// mixed predicates, statement-node edges, and a term-dated relationship.
func fixture() subgraph.Subgraph {
	return subgraph.Subgraph{
		Roots:     []string{"vladimir-putin"},
		Truncated: true,
		Nodes: []subgraph.Node{
			{ID: "csto", Kind: "ORGANISATION", Label: "Collective Security Treaty Organization", LabelAr: "منظمة معاهدة الأمن الجماعي", Degree: 3, HiddenDegree: 1},
			{ID: "russia", Kind: "COUNTRY", Label: "Russia", LabelAr: "روسيا", Degree: 5, HiddenDegree: 4},
			{ID: "s1", Kind: "STATEMENT", Label: `Putin: "no" to <intervention> & strikes, "now"`, Degree: 2},
			{ID: "syrian-crisis", Kind: "TOPIC", Label: "Syrian crisis", LabelAr: "الأزمة السورية", Degree: 7, HiddenDegree: 6},
			{ID: "vladimir-putin", Kind: "PERSON", Label: "Vladimir Putin", LabelAr: "فلاديمير بوتين", Degree: 9, HiddenDegree: 5},
		},
		Edges: []subgraph.Edge{
			{ID: "holds_position:vladimir-putin>russia:2012-05-07", Source: "vladimir-putin", Target: "russia", Kind: "HOLDS_POSITION", Weight: 1},
			{ID: "made:vladimir-putin>s1", Source: "vladimir-putin", Target: "s1", Kind: "MADE", Predicate: "REJECT", Polarity: kg.Against, Weight: 1, Statement: "s1", Start: "2013-09", End: "2013-09"},
			{ID: "stance:vladimir-putin>csto:favor", Source: "vladimir-putin", Target: "csto", Kind: "STANCE", Polarity: kg.Favor, Predicates: []kg.Predicate{"PRAISE", "SUPPORT"}, Weight: 3, Statements: []string{"s2", "s3", "s4"}, Start: "2013", End: "2013-10-05"},
			{ID: "stance:vladimir-putin>syrian-crisis:against", Source: "vladimir-putin", Target: "syrian-crisis", Kind: "STANCE", Predicate: "REJECT", Polarity: kg.Against, Weight: 1, Statements: []string{"s1"}, Start: "2013-09-15", End: "2013-09-15"},
			{ID: "stance:vladimir-putin>syrian-crisis:neutral", Source: "vladimir-putin", Target: "syrian-crisis", Kind: "STANCE", Predicate: "ASSERT", Polarity: kg.Neutral, Weight: 1, Statements: []string{"s5"}, Start: "2014-02", End: "2014-02"},
			{ID: "targets:s1>syrian-crisis", Source: "s1", Target: "syrian-crisis", Kind: "TARGETS", Predicate: "REJECT", Polarity: kg.Against, Weight: 1, Statement: "s1", Start: "2013-09", End: "2013-09"},
		},
	}
}

type encoder struct {
	format string
	write  func(io.Writer, subgraph.Subgraph) error
}

var encoders = []encoder{
	{"gexf", export.WriteGEXF},
	{"graphml", export.WriteGraphML},
	{"cyjs", export.WriteCyJS},
	{"csv", export.WriteCSV},
}

// readable is what a golden file holds: the document itself, or for the
// zip, its entries' names and contents.
func readable(t *testing.T, format string, body []byte) []byte {
	t.Helper()
	if format != "csv" {
		return body
	}
	z, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "=== %s\n", f.Name)
		io.Copy(&out, rc)
		rc.Close()
	}
	return out.Bytes()
}

func TestEncodersMatchGoldenFiles(t *testing.T) {
	for _, enc := range encoders {
		t.Run(enc.format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := enc.write(&buf, fixture()); err != nil {
				t.Fatal(err)
			}
			got := readable(t, enc.format, buf.Bytes())
			path := filepath.Join("testdata", "fixture."+enc.format+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./export -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (go test ./export -update rewrites it):\n%s", enc.format, path, got)
			}
		})
	}
}

// Ensure every export parses back, shaped as its format requires, with the
// subgraph's nodes, edges and attributes, Arabic and metacharacters intact.
func TestExportsParseBackToTheSubgraph(t *testing.T) {
	sg := fixture()
	for _, enc := range encoders {
		t.Run(enc.format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := enc.write(&buf, sg); err != nil {
				t.Fatal(err)
			}
			g, err := exporttest.Parse(enc.format, buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Nodes) != len(sg.Nodes) || len(g.Edges) != len(sg.Edges) {
				t.Fatalf("got %d nodes, %d edges; want %d, %d", len(g.Nodes), len(g.Edges), len(sg.Nodes), len(sg.Edges))
			}
			for i, n := range sg.Nodes {
				got := g.Nodes[i]
				if got.ID != n.ID || got.Attrs["kind"] != string(n.Kind) || got.Attrs["label_en"] != n.Label ||
					got.Attrs["label_ar"] != n.LabelAr || got.Attrs["degree"] != fmt.Sprint(n.Degree) {
					t.Errorf("node %d = %+v, want %+v", i, got, n)
				}
			}
			for i, e := range sg.Edges {
				got := g.Edges[i]
				predicate := string(e.Predicate)
				if e.ID == "stance:vladimir-putin>csto:favor" {
					predicate = "PRAISE SUPPORT" // the statements behind it differ: all are listed
				}
				if got.ID != e.ID || got.Source != e.Source || got.Target != e.Target || got.Weight != e.Weight ||
					got.Attrs["kind"] != string(e.Kind) || got.Attrs["polarity"] != strings.ToUpper(string(e.Polarity)) ||
					got.Attrs["predicate"] != predicate || got.Attrs["statements"] != strings.Join(e.Statements, " ") {
					t.Errorf("edge %d = %+v, want %+v with predicate %q and the polarity as the API spells it", i, got, e, predicate)
				}
			}
		})
	}
}

// Ensure GEXF widens partial dates to whole days for the timeline.
func TestGEXFDatesCoverWholePeriods(t *testing.T) {
	var buf bytes.Buffer
	if err := export.WriteGEXF(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	g, err := exporttest.Parse("gexf", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"holds_position:vladimir-putin>russia:2012-05-07": {"", ""},
		"made:vladimir-putin>s1":                          {"2013-09-01", "2013-09-30"},
		"stance:vladimir-putin>csto:favor":                {"2013-01-01", "2013-10-05"},
		"stance:vladimir-putin>syrian-crisis:neutral":     {"2014-02-01", "2014-02-28"},
	}
	for _, e := range g.Edges {
		if w, ok := want[e.ID]; ok && (e.Attrs["start"] != w[0] || e.Attrs["end"] != w[1]) {
			t.Errorf("%s: start, end = %q, %q; want %q, %q", e.ID, e.Attrs["start"], e.Attrs["end"], w[0], w[1])
		}
	}
}

// Ensure characters XML cannot carry do not break the documents.
func TestXMLSurvivesControlCharacters(t *testing.T) {
	sg := fixture()
	sg.Nodes[0].Label = "bell\x07 and \ufffe, tab\tnewline\n"
	for _, enc := range encoders[:2] {
		var buf bytes.Buffer
		if err := enc.write(&buf, sg); err != nil {
			t.Fatal(err)
		}
		if _, err := exporttest.Parse(enc.format, buf.Bytes()); err != nil {
			t.Errorf("%s: %v", enc.format, err)
		}
	}
}

// generated streams n nodes in a chain, calling tick before each node.
// Labels differ enough that compression (the CSV zip) cannot hide them.
func generated(n int, tick func(i int)) export.Graph {
	return export.Graph{
		Title: "generated",
		Nodes: func(yield func(subgraph.Node, error) bool) {
			for i := range n {
				tick(i)
				if !yield(subgraph.Node{ID: fmt.Sprintf("n%06d", i), Kind: "PERSON", Label: fmt.Sprintf("Person %x", uint64(i)*0x9e3779b97f4a7c15), LabelAr: "شخص", Degree: 2}, nil) {
					return
				}
			}
		},
		Edges: func(yield func(subgraph.Edge, error) bool) {
			for i := 1; i < n; i++ {
				e := subgraph.Edge{ID: fmt.Sprintf("stance:n%06d>n%06d:favor", i-1, i), Source: fmt.Sprintf("n%06d", i-1), Target: fmt.Sprintf("n%06d", i),
					Kind: "STANCE", Polarity: kg.Favor, Weight: 2, Statements: []string{"a", "b"}, Start: "2013", End: "2014"}
				if !yield(e, nil) {
					return
				}
			}
		},
	}
}

type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

// Ensure encoders write as they read: output reaches the writer long before
// the stream ends, and the heap stays flat however large the graph (here
// 100,000 nodes and as many edges, tens of megabytes of output).
func TestEncodersStream(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 100,000 nodes per format")
	}
	for _, name := range export.FormatNames() {
		t.Run(name, func(t *testing.T) {
			f, _ := export.FormatNamed(name)
			var w countingWriter
			const n = 100000
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			base, peak := ms.HeapAlloc, uint64(0)
			seenMidway := 0
			g := generated(n, func(i int) {
				if i == n/2 {
					seenMidway = w.n
				}
				if i%5000 == 0 {
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapAlloc)
				}
			})
			if err := f.Encode(&w, g); err != nil {
				t.Fatal(err)
			}
			if seenMidway == 0 {
				t.Errorf("nothing written after %d of %d nodes; the encoder buffers the graph", n/2, n)
			}
			if grew := int64(peak) - int64(base); grew > 32<<20 {
				t.Errorf("the heap grew by %d MiB while writing %d MiB", grew>>20, w.n>>20)
			}
			t.Logf("%d MiB written; heap peak %d MiB above the start", w.n>>20, (int64(peak)-int64(base))>>20)
		})
	}
}

// Ensure a failing stream fails the encoding.
func TestEncodersReturnStreamErrors(t *testing.T) {
	boom := errors.New("boom")
	for _, name := range export.FormatNames() {
		f, _ := export.FormatNamed(name)
		g := generated(10, func(int) {})
		g.Edges = func(yield func(subgraph.Edge, error) bool) { yield(subgraph.Edge{}, boom) }
		if err := f.Encode(io.Discard, g); !errors.Is(err, boom) {
			t.Errorf("%s: err = %v, want boom", name, err)
		}
	}
}

func TestParseQuery(t *testing.T) {
	s := func(v string) *string { return &v }
	tests := []struct {
		query string
		want  export.Request
		bad   string // part of the error message
	}{
		{"", export.Request{Depth: 1, MaxNodes: 150, View: subgraph.ViewCollapsed}, ""},
		{"id=russia&depth=2&maxNodes=40&statements=nodes&predicate=reject&predicate=SUPPORT&polarity=FAVOR&from=2013&to=2014-02",
			export.Request{ID: "russia", Depth: 2, MaxNodes: 40, View: subgraph.ViewNodes, Filter: subgraph.Filter{
				Predicates: []kg.Predicate{"REJECT", "SUPPORT"}, Polarities: []kg.Polarity{kg.Favor}, From: s("2013"), To: s("2014-02")}}, ""},
		{"depth=2", export.Request{}, "need an id"},
		{"id=x&depth=two", export.Request{}, "whole number"},
		{"id=x&statements=ALL", export.Request{}, "COLLAPSED or NODES"},
		{"predicate=SHOUT", export.Request{}, "unknown predicate"},
		{"polarity=up", export.Request{}, "polarity"},
		{"from=2013-13", export.Request{}, "not a date"},
		{"to=yesterday", export.Request{}, "not a date"},
		{"maxnodes=3", export.Request{}, "unknown parameter"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			got, err := export.ParseQuery(q)
			if tt.bad != "" {
				if err == nil || !strings.Contains(err.Error(), tt.bad) || kg.KindOf(err) != kg.Invalid {
					t.Errorf("err = %v, want an Invalid error about %q", err, tt.bad)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestFileName(t *testing.T) {
	gexf, _ := export.FormatNamed("gexf")
	csv, _ := export.FormatNamed("csv")
	for _, tt := range []struct {
		r    export.Request
		f    export.Format
		want string
	}{
		{export.Request{}, gexf, "whosaid-graph.gexf"},
		{export.Request{ID: "vladimir-putin"}, csv, "whosaid-vladimir-putin.csv.zip"},
		{export.Request{ID: `doc:s01/"x"\بوتين`}, gexf, "whosaid-doc_s01__x_______.gexf"},
	} {
		if got := tt.r.FileName(tt.f); got != tt.want {
			t.Errorf("FileName(%+v) = %q, want %q", tt.r, got, tt.want)
		}
	}
}

// fakeStore is a whole graph in memory: nodes by label (of the kinds'
// family), edges by source.
type fakeStore struct {
	nodes   map[string][]subgraph.Node // by label, in id order
	degrees map[string]int
	edges   []subgraph.Edge
	fail    string // an operation that fails
	calls   []string
}

func (f *fakeStore) ExportIDs(_ context.Context, kinds []kg.NodeKind, after string, n int, _ subgraph.Filter) ([]string, error) {
	label := kg.NodeKinds[kinds[0]].Labels[0]
	f.calls = append(f.calls, "ids "+label+" "+after)
	if f.fail == "ids "+label {
		return nil, kg.Errorf(kg.Unavailable, "the database is unavailable")
	}
	var ids []string
	for _, node := range f.nodes[label] {
		if node.ID > after && len(ids) < n {
			ids = append(ids, node.ID)
		}
	}
	return ids, nil
}

func (f *fakeStore) ExportEdges(_ context.Context, ids []string, _ subgraph.View, _ subgraph.Filter) ([]subgraph.Edge, error) {
	var out []subgraph.Edge
	for _, e := range f.edges {
		if slices.Contains(ids, e.Source) {
			out = append(out, e)
		}
	}
	return out, nil
}

func (f *fakeStore) GraphNodes(_ context.Context, ids []string, _ subgraph.View, _ subgraph.Filter) (map[string]subgraph.Node, error) {
	out := map[string]subgraph.Node{}
	for _, list := range f.nodes {
		for _, n := range list {
			if slices.Contains(ids, n.ID) {
				n.Degree = f.degrees[n.ID]
				out[n.ID] = n
			}
		}
	}
	return out, nil
}

// The walks are not used by whole-graph exports.
func (f *fakeStore) Links(context.Context, []string, subgraph.View, subgraph.Filter) ([]subgraph.Link, error) {
	return nil, errors.New("not a whole-graph read")
}

func (f *fakeStore) Neighbours(context.Context, []string, int, subgraph.View, subgraph.Filter) (map[string][]string, error) {
	return nil, errors.New("not a whole-graph read")
}

func (f *fakeStore) LinksAmong(context.Context, []string, []string, subgraph.View, subgraph.Filter) ([]subgraph.Link, error) {
	return nil, errors.New("not a whole-graph read")
}

func (f *fakeStore) StanceStatements(context.Context, []subgraph.StanceKey) (map[subgraph.StanceKey][]string, error) {
	return nil, errors.New("not a whole-graph read")
}

func collect[T any](t *testing.T, seq iter.Seq2[T, error]) ([]T, error) {
	t.Helper()
	var out []T
	for x, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, x)
	}
	return out, nil
}

// Ensure the whole graph comes in keyset pages, every label in turn, with
// degrees as the store gives them, and every page's edges once.
func TestWholeReadsEveryPage(t *testing.T) {
	st := &fakeStore{
		nodes: map[string][]subgraph.Node{
			"Actor": {{ID: "a1", Kind: "PERSON"}, {ID: "a2", Kind: "PERSON"}, {ID: "a3", Kind: "COUNTRY"}, {ID: "a4", Kind: "COUNTRY"}},
			"Topic": {{ID: "t1", Kind: "TOPIC"}},
			"Place": {{ID: "p1", Kind: "PLACE"}, {ID: "p2", Kind: "PLACE"}},
		},
		degrees: map[string]int{"a1": 2, "a2": 1, "a3": 1, "t1": 2},
		edges:   []subgraph.Edge{{ID: "e1", Source: "a1", Target: "t1"}, {ID: "e2", Source: "a4", Target: "a3"}, {ID: "e3", Source: "p2", Target: "a4"}},
	}
	g, err := export.Whole(context.Background(), st, subgraph.ViewCollapsed, subgraph.Filter{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := collect(t, g.Nodes)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range nodes {
		got = append(got, fmt.Sprintf("%s:%d", n.ID, n.Degree))
	}
	if want := []string{"a1:2", "a2:1", "a3:1", "a4:0", "t1:2", "p1:0", "p2:0"}; !slices.Equal(got, want) {
		t.Errorf("nodes = %v, want %v", got, want)
	}
	edges, err := collect(t, g.Edges)
	if err != nil {
		t.Fatal(err)
	}
	if len(edges) != 3 {
		t.Errorf("edges = %+v, want e1, e2, e3", edges)
	}
	// Two full actor pages, then an empty one after a4; no events at all.
	if !slices.Contains(st.calls, "ids Actor a4") || !slices.Contains(st.calls, "ids Event ") {
		t.Errorf("store calls = %v", st.calls)
	}
}

// Ensure an unreachable store fails before anything is written, and a store
// failing mid-stream fails the stream.
func TestWholeErrors(t *testing.T) {
	st := &fakeStore{nodes: map[string][]subgraph.Node{"Actor": {{ID: "a1"}}}, fail: "ids Actor"}
	if _, err := export.Whole(context.Background(), st, subgraph.ViewCollapsed, subgraph.Filter{}, 2); kg.KindOf(err) != kg.Unavailable {
		t.Errorf("first page: err = %v, want Unavailable", err)
	}
	st.fail = "ids Topic"
	g, err := export.Whole(context.Background(), st, subgraph.ViewCollapsed, subgraph.Filter{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := export.EncodeGEXF(io.Discard, g); kg.KindOf(err) != kg.Unavailable {
		t.Errorf("mid-stream: err = %v, want Unavailable", err)
	}
}

// Ensure statements are paged as nodes only when the view shows them so.
func TestWholeStatementNodes(t *testing.T) {
	st := &fakeStore{nodes: map[string][]subgraph.Node{"Statement": {{ID: "s1", Kind: "STATEMENT"}}}}
	for view, want := range map[subgraph.View]int{subgraph.ViewCollapsed: 0, subgraph.ViewNodes: 1} {
		g, err := export.Whole(context.Background(), st, view, subgraph.Filter{}, 2)
		if err != nil {
			t.Fatal(err)
		}
		nodes, _ := collect(t, g.Nodes)
		if len(nodes) != want {
			t.Errorf("%s: %d nodes, want %d", view, len(nodes), want)
		}
	}
}

// benchGraph is a subgraph of n nodes and 5n edges.
func benchGraph(n int) subgraph.Subgraph {
	var sg subgraph.Subgraph
	for i := range n {
		sg.Nodes = append(sg.Nodes, subgraph.Node{ID: fmt.Sprintf("actor-%05d", i), Kind: "PERSON",
			Label: fmt.Sprintf("Actor %d <&>", i), LabelAr: "فلاديمير بوتين", Degree: 10, HiddenDegree: 2})
	}
	for i := range 5 * n {
		s, t := i%n, (i*7+1)%n
		sg.Edges = append(sg.Edges, subgraph.Edge{ID: fmt.Sprintf("stance:actor-%05d>actor-%05d:%d", s, t, i), Source: sg.Nodes[s].ID, Target: sg.Nodes[t].ID,
			Kind: "STANCE", Predicate: "REJECT", Polarity: kg.Against, Weight: 3, Statements: []string{"doc:s01", "doc:s02", "doc:s03"}, Start: "2013-09", End: "2014"})
	}
	return sg
}

func benchmark(b *testing.B, write func(io.Writer, subgraph.Subgraph) error) {
	sg := benchGraph(2000)
	var w countingWriter
	b.ReportAllocs()
	for b.Loop() {
		if err := write(&w, sg); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(w.n / max(b.N, 1)))
}

func BenchmarkWriteGEXF(b *testing.B)    { benchmark(b, export.WriteGEXF) }
func BenchmarkWriteGraphML(b *testing.B) { benchmark(b, export.WriteGraphML) }
func BenchmarkWriteCyJS(b *testing.B)    { benchmark(b, export.WriteCyJS) }
func BenchmarkWriteCSV(b *testing.B)     { benchmark(b, export.WriteCSV) }
