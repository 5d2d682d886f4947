package loader

import (
	"os"
	"testing"
	"testing/fstest"
)

// FuzzReadAnnotations feeds arbitrary bytes as an annotation file: Read
// either refuses it with an error or returns statements whose every span
// lies inside the document and slices to its text.
func FuzzReadAnnotations(f *testing.F) {
	base := copyFSForFuzz(f)
	f.Add(base["annotations/doc1.yaml"].Data)
	f.Add([]byte("document: doc1\nstatements:\n  - id: s1\n    evidence: [{start: -1, end: 99999999999, text: x}]\n"))
	f.Add([]byte("document: doc1\nstatements: [[[[\n"))
	f.Add([]byte("document: doc1\nmemberships:\n  - {member: russia, organisation: csto, evidence: [{start: 0, end: 1, text: \"\u0628\"}]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = &fstest.MapFile{Data: v.Data}
		}
		m["annotations/doc1.yaml"] = &fstest.MapFile{Data: data}
		seeds, err := Read(Folder{Name: "fuzz", FS: m})
		if err != nil {
			return
		}
		for _, d := range seeds.Documents {
			runes := []rune(d.Document.Text)
			for _, st := range d.Statements {
				for _, mn := range st.Evidence {
					if mn.Start < 0 || mn.End > len(runes) || mn.Start >= mn.End || string(runes[mn.Start:mn.End]) != mn.Text {
						t.Fatalf("accepted a bad span %+v", mn)
					}
				}
			}
		}
	})
}

func copyFSForFuzz(f *testing.F) fstest.MapFS {
	m := fstest.MapFS{}
	for _, name := range []string{"catalogue/catalogue.yaml", "documents/doc1.txt", "documents/doc1.meta.yaml", "annotations/doc1.yaml"} {
		data, err := readTestdata("testdata/mini/" + name)
		if err != nil {
			f.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}

func readTestdata(path string) ([]byte, error) { return os.ReadFile(path) }
