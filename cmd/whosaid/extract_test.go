package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/loader"
)

const seedArticle = "000_34de9ea8cd55db5f"

// runCmd runs a whosaid command line in-process (from the repository root:
// call t.Chdir("../..") first).
func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), append([]string{"whosaid"}, args...), func(string) string { return "" }, &out, io.Discard)
	return out.String(), err
}

func TestExtractJSONL(t *testing.T) {
	t.Chdir("../..")
	out, err := runCmd(t, "extract", "seeds/documents/"+seedArticle+".txt")
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join("seeds", "documents", seedArticle+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(string(text))
	n := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var st struct {
			Doc      string `json:"doc"`
			Speakers []struct {
				ID, Name, Surface, Kind string
				New                     *bool
			}
			Predicate string `json:"predicate"`
			Polarity  string `json:"polarity"`
			Targets   []struct{ ID, Name, Surface, Kind string }
			Cue       string  `json:"cue"`
			QuoteType string  `json:"quote_type"`
			Start     int     `json:"start"`
			End       int     `json:"end"`
			Text      string  `json:"text"`
			Summary   string  `json:"summary_en"`
			Conf      float64 `json:"confidence"`
		}
		if err := json.Unmarshal(sc.Bytes(), &st); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		n++
		if st.Doc != seedArticle || st.Predicate == "" || st.Polarity == "" || st.QuoteType == "" || st.Summary == "" {
			t.Errorf("line %d: missing fields: %s", n, sc.Text())
		}
		if len(st.Speakers) == 0 || st.Speakers[0].New == nil || st.Speakers[0].Surface == "" || len(st.Targets) == 0 {
			t.Errorf("line %d: speakers %+v targets %+v", n, st.Speakers, st.Targets)
		}
		if st.End > len(runes) || string(runes[st.Start:st.End]) != st.Text || !strings.Contains(st.Text, st.Cue) {
			t.Errorf("line %d: [%d,%d) is not %q (cue %q)", n, st.Start, st.End, st.Text, st.Cue)
		}
		if st.Conf <= 0 || st.Conf >= 1 {
			t.Errorf("line %d: confidence %v", n, st.Conf)
		}
	}
	if n < 40 {
		t.Errorf("%d statements, want the seed article's forty-odd", n)
	}
}

// TestExtractYAMLRoundTrip checks that --format yaml writes an annotation
// file that loads as curated annotations, new persons included.
func TestExtractYAMLRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"catalogue", "documents", "annotations"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir("../..")
	copyFile(t, filepath.Join("seeds", "documents", seedArticle+".txt"), filepath.Join(dir, "documents", seedArticle+".txt"))
	copyFile(t, filepath.Join("seeds", "documents", seedArticle+".meta.yaml"), filepath.Join(dir, "documents", seedArticle+".meta.yaml"))
	files, _ := filepath.Glob(filepath.Join("seeds", "catalogue", "*.yaml"))
	for _, f := range files {
		copyFile(t, f, filepath.Join(dir, "catalogue", filepath.Base(f)))
	}
	// A second article naming a person the catalogue lacks.
	fresh := "وقال وزير الخارجية الإيراني محمد جواد ظريف إن طهران ترفض أي تدخل عسكري في سورية.\n"
	if err := os.WriteFile(filepath.Join(dir, "documents", "fresh.txt"), []byte(fresh), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "documents", "fresh.meta.yaml"), []byte("id: fresh\nlang: ar\ndate: 2013-10-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var counts []int
	for _, doc := range []string{seedArticle, "fresh"} {
		var out bytes.Buffer
		err := run(context.Background(), []string{"whosaid", "extract", "--format", "yaml", "--seeds", "seeds",
			"--new-actors", filepath.Join(dir, "catalogue", "new-"+doc+".yaml"), filepath.Join(dir, "documents", doc+".txt")},
			func(string) string { return "" }, &out, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "annotations", doc+".yaml"), out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		counts = append(counts, strings.Count(out.String(), "\n  - id: "))
	}
	s, err := loader.Read(loader.Dir(dir))
	if err != nil {
		t.Fatalf("the extracted annotations do not load: %v", err)
	}
	if len(s.Extracted) != 0 {
		t.Errorf("documents extracted again at load: %v", s.Extracted)
	}
	for i, d := range s.Documents {
		if len(d.Statements) != counts[i] || counts[i] == 0 {
			t.Errorf("%s: %d statements loaded, %d written", d.Document.ID, len(d.Statements), counts[i])
		}
		for _, st := range d.Statements {
			if st.Method != "curated" {
				t.Errorf("%s: method %q, want curated once reviewed", st.ID, st.Method)
			}
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExtractNeedsAFile(t *testing.T) {
	t.Chdir("../..")
	if _, err := runCmd(t, "extract"); err == nil {
		t.Error("extract without a file succeeded")
	}
	if _, err := runCmd(t, "extract", "--format", "xml", "seeds/documents/"+seedArticle+".txt"); err == nil {
		t.Error("extract --format xml succeeded")
	}
}

// TestFreshArticleIsExtractedAtLoad drops an article without annotations
// into a copy of the seeds, loads it and serves the graph: its statements
// come back through GraphQL with method rules/v1 and exact evidence spans,
// and the new person it names is an actor.
func TestFreshArticleIsExtractedAtLoad(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"catalogue", "documents", "annotations"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "seeds", "catalogue", "*.yaml"))
	for _, f := range files {
		copyFile(t, f, filepath.Join(dir, "catalogue", filepath.Base(f)))
	}
	fresh := "موسكو (رويترز) - قال وزير الخارجية الإيراني محمد جواد ظريف اليوم إن طهران ترفض أي تدخل عسكري في سورية.\n" +
		"وأضاف ظريف أن الحل السياسي للأزمة هو السبيل الوحيد.\n"
	if err := os.WriteFile(filepath.Join(dir, "documents", "fresh.txt"), []byte(fresh), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "documents", "fresh.meta.yaml"), []byte("id: fresh\nlang: ar\ndate: 2013-10-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := startServer(t, nil, dir)
	_, r := postGraphQL(t, base, `{ statements(first: 20, filter: {document: "fresh"}) { edges { node {
		method confidence predicate polarity speakers { id } evidence { start end text cue } } } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	var data struct {
		Statements struct {
			Edges []struct {
				Node struct {
					Method     string
					Confidence float64
					Predicate  string
					Speakers   []struct{ ID string }
					Evidence   []struct {
						Start, End int
						Text, Cue  string
					}
				}
			}
		}
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatal(err)
	}
	runes := []rune(fresh)
	if len(data.Statements.Edges) < 2 {
		t.Fatalf("%d statements of the fresh article in the graph, want at least 2: %s", len(data.Statements.Edges), r.Data)
	}
	for _, e := range data.Statements.Edges {
		n := e.Node
		if n.Method != "rules/v1" || n.Confidence <= 0 || n.Confidence >= 1 || len(n.Speakers) == 0 {
			t.Errorf("statement %+v", n)
		}
		for _, m := range n.Evidence {
			if string(runes[m.Start:m.End]) != m.Text {
				t.Errorf("evidence [%d,%d) is not %q", m.Start, m.End, m.Text)
			}
		}
	}
}
