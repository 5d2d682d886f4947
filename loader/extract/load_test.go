package extract_test

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/loader/extract"
)

// miniWithout copies loader/testdata/mini without its annotation file and
// with one more document, so both are extracted at load time.
func miniWithout(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	src := os.DirFS("../testdata/mini")
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "annotations/doc1.yaml" {
			return err
		}
		data, err := fs.ReadFile(src, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m["documents/doc2.txt"] = &fstest.MapFile{Data: []byte("وقال وزير الخارجية الإيراني محمد جواد ظريف إن طهران ترفض أي تدخل عسكري في سورية.\nوأضاف ظريف أن الحل السياسي هو السبيل الوحيد.")}
	m["documents/doc2.meta.yaml"] = &fstest.MapFile{Data: []byte("id: doc2\nlang: ar\ndate: 2013-10-01\n")}
	return m
}

// TestReadExtractsUnannotatedDocuments checks the load integration:
// documents without annotations get statements by the rules, with their
// method and confidence, and the new persons they name join the catalogue.
func TestReadExtractsUnannotatedDocuments(t *testing.T) {
	s, err := loader.Read(loader.Folder{Name: "mini", FS: miniWithout(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Extracted) != 2 {
		t.Fatalf("extracted %v, want doc1 and doc2", s.Extracted)
	}
	actors := map[string]kg.Actor{}
	for _, a := range s.Catalogue.Actors {
		actors[a.ID] = a
	}
	for _, d := range s.Documents {
		if len(d.Statements) == 0 {
			t.Errorf("%s: no statements extracted", d.Document.ID)
		}
		for _, st := range d.Statements {
			if st.Method != extract.Version || st.Confidence <= 0 || st.Confidence >= 1 || st.Document != d.Document.ID {
				t.Errorf("%s: method %q confidence %v document %q", st.ID, st.Method, st.Confidence, st.Document)
			}
			for _, id := range st.Speakers {
				if _, ok := actors[id]; !ok {
					t.Errorf("%s: speaker %q is not an actor of the catalogue", st.ID, id)
				}
			}
		}
	}
	var zarif kg.Actor
	for _, a := range s.Catalogue.Actors {
		if a.Name.Ar == "محمد جواد ظريف" {
			zarif = a
		}
	}
	if zarif.ID == "" || zarif.Kind != kg.Person {
		t.Fatalf("the new person is not in the catalogue: %+v", s.Catalogue.Actors)
	}
	doc1 := s.Documents[0]
	if doc1.Statements[0].Speakers[0] != "putin" || doc1.Statements[0].Predicate != "REJECT" {
		t.Errorf("doc1: %+v, want putin REJECT (مرفوض)", doc1.Statements[0])
	}
}

// TestCuratedAnnotationsWin checks that a document with an annotation file
// keeps its curated statements.
func TestCuratedAnnotationsWin(t *testing.T) {
	s, err := loader.Read(loader.Dir("../testdata/mini"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Extracted) != 0 || s.Documents[0].Statements[0].Method != "curated" {
		t.Errorf("extracted %v; statement method %q", s.Extracted, s.Documents[0].Statements[0].Method)
	}
}
