package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
)

// reviewArticle is a dev-split article the tests drop into a folder of their
// own, as a researcher would.
const reviewArticle = "../../eval/dev/saudi-c/documents/dc02_alriyadh_jubeir-steinmeier-iran"

// newArticleFolder makes a seed folder holding one article, named id, with
// no annotation file.
func newArticleFolder(t *testing.T, id string) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"documents", "annotations", "catalogue"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	text, err := os.ReadFile(reviewArticle + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "documents", id+".txt"), text, 0o644); err != nil {
		t.Fatal(err)
	}
	meta := "id: " + id + "\nlang: ar\ndate: 2015-08-10\n"
	if err := os.WriteFile(filepath.Join(dir, "documents", id+".meta.yaml"), []byte(meta), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestReviewWorkflowAsTheReadmeTellsIt runs the README's review loop: extract
// an article as an annotation file and a catalogue of what the catalogue
// lacks, load both without edits, and find the statements in the graph as
// curated ones, with the article's text behind them.
func TestReviewWorkflowAsTheReadmeTellsIt(t *testing.T) {
	my := newArticleFolder(t, "a1")
	var ann bytes.Buffer
	err := run(context.Background(), []string{"whosaid", "extract", "--seeds", "../../seeds", "--format", "yaml",
		"--new-actors", filepath.Join(my, "catalogue", "a1-new.yaml"), filepath.Join(my, "documents", "a1.txt")},
		func(string) string { return "" }, &ann, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	written := strings.Count(ann.String(), "\n  - id: ")
	if written == 0 {
		t.Fatalf("extract found nothing in the article:\n%s", ann.String())
	}
	if err := os.WriteFile(filepath.Join(my, "annotations", "a1.yaml"), ann.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	base := startServer(t, nil, "../../seeds", my)
	_, r := postGraphQL(t, base, `{ statements(first: 50, filter: {document: "a1", method: CURATED}) { totalCount
		edges { node { speakers { id name(lang: AR) } evidence { text start end document { id text } } } } } }`, nil)
	got := decode[struct {
		Statements struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Speakers []struct{ ID, Name string }
					Evidence []evidenceJSON
				}
			}
		}
	}](t, r)
	if got.Statements.TotalCount != written {
		t.Errorf("%d reviewed statements in the graph, %d in the annotation file", got.Statements.TotalCount, written)
	}
	for _, e := range got.Statements.Edges {
		if len(e.Node.Speakers) == 0 || e.Node.Speakers[0].Name == "" {
			t.Errorf("a statement without a named speaker: %+v", e.Node)
		}
		checkSpans(t, statementJSON{ID: "a1", Evidence: e.Node.Evidence})
	}
}

// TestMethodAndConfidenceNarrowListsAndAnalytics loads the seeds and an
// article nobody annotated (so the rules read it at load time) and asks for
// the curated and the extracted statements apart.
func TestMethodAndConfidenceNarrowListsAndAnalytics(t *testing.T) {
	base := startServer(t, nil, "../../seeds", newArticleFolder(t, "fresh"))
	type list struct {
		Statements struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Method     string
					Confidence float64
				}
			}
		}
	}
	ask := func(filter string) list {
		_, r := postGraphQL(t, base, `{ statements(first: 100, filter: {`+filter+`}) { totalCount edges { node { method confidence } } } }`, nil)
		return decode[list](t, r)
	}
	all, curated, extracted := ask(""), ask("method: CURATED"), ask("method: EXTRACTED")
	if extracted.Statements.TotalCount == 0 || curated.Statements.TotalCount == 0 {
		t.Fatalf("curated %d, extracted %d: both kinds should be there", curated.Statements.TotalCount, extracted.Statements.TotalCount)
	}
	if curated.Statements.TotalCount+extracted.Statements.TotalCount != all.Statements.TotalCount {
		t.Errorf("curated %d + extracted %d != all %d", curated.Statements.TotalCount, extracted.Statements.TotalCount, all.Statements.TotalCount)
	}
	for _, e := range curated.Statements.Edges {
		if e.Node.Method != "curated" {
			t.Errorf("method CURATED listed a %s statement", e.Node.Method)
		}
	}
	for _, e := range extracted.Statements.Edges {
		if e.Node.Method == "curated" || e.Node.Confidence >= 1 {
			t.Errorf("method EXTRACTED listed %+v", e.Node)
		}
	}
	if sure := ask("minConfidence: 1"); sure.Statements.TotalCount != curated.Statements.TotalCount {
		t.Errorf("minConfidence 1 kept %d statements, the curated ones are %d", sure.Statements.TotalCount, curated.Statements.TotalCount)
	}
	_, r := postGraphQL(t, base, `{ a: timeline(bucket: YEAR) { counts { count } } e: timeline(bucket: YEAR, method: EXTRACTED) { counts { count } }
		c: timeline(bucket: YEAR, method: CURATED) { counts { count } } }`, nil)
	tl := decode[map[string][]struct{ Counts []struct{ Count int } }](t, r)
	sum := func(k string) int {
		n := 0
		for _, b := range tl[k] {
			for _, c := range b.Counts {
				n += c.Count
			}
		}
		return n
	}
	if sum("e") == 0 || sum("e")+sum("c") != sum("a") {
		t.Errorf("timeline: extracted %d + curated %d != all %d", sum("e"), sum("c"), sum("a"))
	}
	if code, r := postGraphQL(t, base, `{ statements(filter: {minConfidence: 2}) { totalCount } }`, nil); code != 200 || len(r.Errors) == 0 || fmt.Sprint(r.Errors[0].Extensions["code"]) != "BAD_USER_INPUT" {
		t.Errorf("minConfidence 2 was accepted: %d %+v", code, r.Errors)
	}
}

// TestLoadNoExtractAndUnload: --no-extract stores an article without
// statements; unloading an extracted article leaves the graph exactly as if
// it had never been loaded (nodes and relationships by label and type,
// STANCE relationships included).
func TestLoadNoExtractAndUnload(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	getenv := func(k string) string {
		if k == "NEO4J_URI" {
			return neo4jtest.URI()
		}
		return ""
	}
	load := func(args ...string) {
		t.Helper()
		if err := run(ctx, append([]string{"whosaid", "load"}, args...), getenv, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	counts := func() (map[string]int, map[string]int) {
		t.Helper()
		n, r, err := st.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n, r
	}
	// The whole-graph drawing holds the collapsed STANCE edges with their
	// weights and dates: equal drawings mean the stances were recounted.
	drawing := func() map[string]bool {
		t.Helper()
		var out bytes.Buffer
		if err := run(ctx, []string{"whosaid", "export", "--format", "cyjs"}, getenv, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		var g struct {
			Elements struct{ Nodes, Edges []map[string]any }
		}
		if err := json.Unmarshal(out.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		set := map[string]bool{}
		for _, e := range append(g.Elements.Nodes, g.Elements.Edges...) {
			b, _ := json.Marshal(e)
			set[string(b)] = true
		}
		return set
	}
	load("../../seeds")
	seedNodes, seedRels := counts()
	seedDrawing := drawing()

	folder := newArticleFolder(t, "fresh")
	load("--no-extract", "../../seeds", folder)
	n, r := counts()
	if n["Document"] != seedNodes["Document"]+1 || n["Statement"] != seedNodes["Statement"] {
		t.Errorf("--no-extract: documents %d → %d, statements %d → %d", seedNodes["Document"], n["Document"], seedNodes["Statement"], n["Statement"])
	}
	if err := run(ctx, []string{"whosaid", "unload", "fresh"}, getenv, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}

	load("../../seeds", folder)
	n, _ = counts()
	if n["Statement"] <= seedNodes["Statement"] || maps.Equal(drawing(), seedDrawing) {
		t.Fatalf("the article added no statements or stances: %v", n)
	}
	var out bytes.Buffer
	if err := run(ctx, []string{"whosaid", "unload", "fresh"}, getenv, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	n, r = counts()
	if !maps.Equal(n, seedNodes) || !maps.Equal(r, seedRels) {
		t.Errorf("after unload:\n nodes %v\n  want %v\n rels %v\n  want %v", n, seedNodes, r, seedRels)
	}
	if after := drawing(); !maps.Equal(after, seedDrawing) {
		for k := range after {
			if !seedDrawing[k] {
				t.Errorf("after unload the drawing has %s", k)
			}
		}
		for k := range seedDrawing {
			if !after[k] {
				t.Errorf("after unload the drawing lacks %s", k)
			}
		}
	}
	if err := run(ctx, []string{"whosaid", "unload", "no-such-document"}, getenv, io.Discard, io.Discard); err == nil {
		t.Error("unloading a document that is not there succeeded")
	}
}
