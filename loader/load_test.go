package loader

import (
	"context"
	"maps"
	"os"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/store"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

func loadFolder(t *testing.T, st *store.Store, f Folder) {
	t.Helper()
	if _, err := Load(context.Background(), st, []Folder{f}, Options{}); err != nil {
		t.Fatal(err)
	}
}

func TestLoadingTwiceGivesTheSameGraph(t *testing.T) {
	st := neo4jtest.Store(t)
	loadFolder(t, st, Dir("../seeds"))
	nodes1, rels1 := neo4jtest.Counts(t, st)
	if nodes1["Statement"] < 30 || nodes1["Mention"] == 0 || rels1["EVIDENCED_BY"] == 0 || rels1["MEMBER_OF"] == 0 {
		t.Fatalf("seed graph too small: nodes %v rels %v", nodes1, rels1)
	}
	loadFolder(t, st, Dir("../seeds"))
	nodes2, rels2 := neo4jtest.Counts(t, st)
	if !maps.Equal(nodes1, nodes2) || !maps.Equal(rels1, rels2) {
		t.Errorf("second load changed the graph:\nnodes %v\n   -> %v\nrels  %v\n   -> %v", nodes1, nodes2, rels1, rels2)
	}
}

func TestBrokenSeedsLeaveTheGraphUntouched(t *testing.T) {
	st := neo4jtest.Store(t)
	loadFolder(t, st, Dir("testdata/mini"))
	nodes1, rels1 := neo4jtest.Counts(t, st)

	m := copyFS(t, "testdata/mini")
	m["annotations/doc1.yaml"].Data = []byte(strings.Replace(string(m["annotations/doc1.yaml"].Data),
		"predicate: REJECT", "predicate: CONDEMN", 1)) // a valid change …
	m["catalogue/catalogue.yaml"].Data = []byte(strings.Replace(string(m["catalogue/catalogue.yaml"].Data),
		"broader: [syrian-crisis]", "broader: [syrian-crises]", 1)) // … and one broken reference
	_, err := Load(context.Background(), st, []Folder{{Name: "mini", FS: m}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "mini/catalogue/catalogue.yaml:26: topics[1].broader: unknown id \"syrian-crises\"") {
		t.Fatalf("err = %v, want file:line of the broken reference", err)
	}
	nodes2, rels2 := neo4jtest.Counts(t, st)
	if !maps.Equal(nodes1, nodes2) || !maps.Equal(rels1, rels2) {
		t.Errorf("graph changed after a failed load")
	}
	stmts, _, err := st.Statements(context.Background(), kg.StatementScope{}, kg.StatementFilter{}, kg.StatementOrder{}, 10, nil, kg.AllStatementParts)
	if err != nil || len(stmts) != 1 || stmts[0].Predicate != "REJECT" {
		t.Errorf("statements after a failed load = %+v, %v; want the original REJECT", stmts, err)
	}
}

func TestReloadingAnEditedAnnotationUpdatesWithoutOrphans(t *testing.T) {
	st := neo4jtest.Store(t)
	loadFolder(t, st, Dir("testdata/mini"))
	nodes1, rels1 := neo4jtest.Counts(t, st)

	m := copyFS(t, "testdata/mini")
	ann := string(m["annotations/doc1.yaml"].Data)
	ann = strings.Replace(ann, "predicate: REJECT", "predicate: OPPOSE", 1)
	// drop the headline evidence of s1 and Belarus's membership
	ann = ann[:strings.Index(ann, "      - start: 0\n")] + ann[strings.Index(ann, "memberships:"):]
	i := strings.Index(ann, "  - member: belarus")
	j := strings.Index(ann, "positions:")
	ann = ann[:i] + ann[j:]
	m["annotations/doc1.yaml"].Data = []byte(ann)
	loadFolder(t, st, Folder{Name: "mini", FS: m})

	nodes2, rels2 := neo4jtest.Counts(t, st)
	if nodes2["Statement"] != nodes1["Statement"] {
		t.Errorf("statements %d -> %d, want unchanged", nodes1["Statement"], nodes2["Statement"])
	}
	if nodes2["Mention"] != nodes1["Mention"]-1 || rels2["EVIDENCED_BY"] != rels1["EVIDENCED_BY"]-1 {
		t.Errorf("mentions %d -> %d, evidence links %d -> %d; want one fewer of each",
			nodes1["Mention"], nodes2["Mention"], rels1["EVIDENCED_BY"], rels2["EVIDENCED_BY"])
	}
	if rels2["MEMBER_OF"] != rels1["MEMBER_OF"]-1 {
		t.Errorf("memberships %d -> %d; Belarus's, stated only by the document, should be gone", rels1["MEMBER_OF"], rels2["MEMBER_OF"])
	}
	if nodes2["Mention"] != rels2["IN_DOCUMENT"] {
		t.Errorf("%d mentions but %d IN_DOCUMENT links: orphans", nodes2["Mention"], rels2["IN_DOCUMENT"])
	}
	stmts, _, err := st.Statements(context.Background(), kg.StatementScope{}, kg.StatementFilter{}, kg.StatementOrder{}, 10, nil, kg.AllStatementParts)
	if err != nil || len(stmts) != 1 || stmts[0].Predicate != "OPPOSE" || len(stmts[0].Evidence) != 1 {
		t.Errorf("statement after reload = %+v, %v; want OPPOSE with one mention", stmts, err)
	}
}

// Streaming in chunks of one document and batches of a few statements gives
// the same graph as reading each folder at once.
func TestLoadInChunksGivesTheSameGraph(t *testing.T) {
	st := neo4jtest.Store(t)
	folders := []Folder{Dir("../seeds"), Dir("../eval/devset")}
	if _, err := Load(context.Background(), st, folders, Options{}); err != nil {
		t.Fatal(err)
	}
	nodes1, rels1 := neo4jtest.Counts(t, st)
	if err := st.DeleteEverything(context.Background()); err != nil {
		t.Fatal(err)
	}
	rep, err := Load(context.Background(), st, folders, Options{ChunkDocs: 1, BatchStatements: 7})
	if err != nil {
		t.Fatal(err)
	}
	nodes2, rels2 := neo4jtest.Counts(t, st)
	if !maps.Equal(nodes1, nodes2) || !maps.Equal(rels1, rels2) {
		t.Errorf("chunked load differs:\nnodes %v\n   vs %v\nrels  %v\n   vs %v", nodes1, nodes2, rels1, rels2)
	}
	seeds, err := Read(folders...)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != len(seeds.Documents) {
		t.Errorf("reported %d documents, want %d", rep.Documents, len(seeds.Documents))
	}
	// A broken file anywhere stops the load before anything is written.
	if err := st.DeleteEverything(context.Background()); err != nil {
		t.Fatal(err)
	}
	m := copyFS(t, "testdata/mini")
	m["annotations/doc1.yaml"].Data = []byte(strings.Replace(string(m["annotations/doc1.yaml"].Data), "speakers: [putin]", "speakers: [nobody]", 1))
	if _, err := Load(context.Background(), st, []Folder{Dir("../seeds"), {Name: "mini", FS: m}}, Options{ChunkDocs: 1}); err == nil {
		t.Fatal("a broken reference was loaded")
	}
	if nodes, _ := neo4jtest.Counts(t, st); len(nodes) != 0 {
		t.Errorf("a failed load wrote %v", nodes)
	}
}
