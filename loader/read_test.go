package loader

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/whosaid/whosaid/seedformat"
)

// copyFS loads a folder into memory so a test can break one file of it.
func copyFS(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(dir), p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestReadValidSeeds(t *testing.T) {
	s, err := Read(Dir("testdata/mini"))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.Catalogue.Actors); got != 4 {
		t.Errorf("actors = %d, want 4", got)
	}
	if len(s.Documents) != 1 {
		t.Fatalf("documents = %d, want 1", len(s.Documents))
	}
	d := s.Documents[0]
	if len(d.Statements) != 1 || len(d.Statements[0].Evidence) != 2 {
		t.Fatalf("statements = %+v, want one with two mentions", d.Statements)
	}
	st := d.Statements[0]
	if st.ID != "doc1:s1" || st.CAMEO != "120" || st.Date != "2013-09-23" || st.Modality != "asserted" || st.Method != "curated" {
		t.Errorf("defaults not applied: %+v", st)
	}
	runes := []rune(d.Document.Text)
	for _, m := range st.Evidence {
		if got := string(runes[m.Start:m.End]); got != m.Text {
			t.Errorf("mention %s slices to %q, want %q", m.ID, got, m.Text)
		}
	}
	// The two memberships share one span, so they share one mention id.
	var ids []string
	for _, r := range d.Relations {
		if r.Type == "MEMBER_OF" {
			ids = append(ids, r.Evidence[0].ID)
		}
	}
	if len(ids) != 2 || ids[0] != ids[1] {
		t.Errorf("membership mention ids = %v, want two equal ids", ids)
	}
}

func TestReadReportsFileLineAndField(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		old     string
		new     string
		wantErr string
	}{
		{"unknown actor", "annotations/doc1.yaml", "speakers: [putin]", "speakers: [putn]",
			`mini/annotations/doc1.yaml:5: statements[0].speakers: unknown id "putn"`},
		{"span text differs", "annotations/doc1.yaml", "start: 20", "start: 21",
			"mini/annotations/doc1.yaml:12: statements[0].evidence[0].text: does not match the document at [21,85)"},
		{"unknown predicate", "annotations/doc1.yaml", "predicate: REJECT", "predicate: REFUSE",
			`mini/annotations/doc1.yaml:6: statements[0].predicate: unknown predicate "REFUSE"`},
		{"malformed date", "catalogue/catalogue.yaml", "date: 2013-09-23", "date: 2013-13-45",
			`mini/catalogue/catalogue.yaml:35: events[0].date: "2013-13-45" is not a date`},
		{"wrong kind of reference", "catalogue/catalogue.yaml", "country: russia", "country: csto",
			`mini/catalogue/catalogue.yaml:30: places[0].country: "csto" is a organisation, expected actor:country`},
		{"typo in a field name", "annotations/doc1.yaml", "polarity: against", "polarty: against",
			"mini/annotations/doc1.yaml:7: statements[0].polarty: unknown field"},
		{"span outside the text", "annotations/doc1.yaml", "end: 85", "end: 8500",
			"mini/annotations/doc1.yaml:12: statements[0].evidence[0]: span [20,8500) is outside the document"},
		// The allowed keys are the format's struct tags, in every entry and
		// every span, fact evidence included.
		{"typo in a fact's evidence", "annotations/doc1.yaml", "{start: 87, end: 114, text:", "{start: 87, end: 114, txt:",
			"mini/annotations/doc1.yaml:27: memberships[0].evidence[0].txt: unknown field (allowed: cue, end, headline, quoteType, start, text)"},
		{"unknown document", "annotations/doc1.yaml", "document: doc1", "document: doc9",
			`mini/annotations/doc1.yaml:1: document: unknown document "doc9"`},
		{"metadata of the wrong type", "documents/doc1.meta.yaml", "lang: ar", "lang: [ar]",
			"mini/documents/doc1.meta.yaml:3: lang: unmarshal errors"},
		// A skipped entry still counts in the field paths of the next ones.
		{"entry after a skipped one", "catalogue/catalogue.yaml", "    wikidata: Q7747\n  - id: russia\n    kind: country",
			"    wikidta: Q7747\n  - id: russia\n    kind: nation",
			`mini/catalogue/catalogue.yaml:9: actors[1].kind: "nation" is not one of person, organisation, country`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := copyFS(t, "testdata/mini")
			data := string(m[tt.file].Data)
			if !strings.Contains(data, tt.old) {
				t.Fatalf("%s does not contain %q", tt.file, tt.old)
			}
			m[tt.file].Data = []byte(strings.Replace(data, tt.old, tt.new, 1))
			_, err := Read(Folder{Name: "mini", FS: m})
			if err == nil {
				t.Fatal("Read accepted broken seeds")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v\nwant it to contain %q", err, tt.wantErr)
			}
		})
	}
}

// The seeds shipped in the repository must always be valid.
func TestRepositorySeedsAreValid(t *testing.T) {
	s, err := Read(Dir("../seeds"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Documents) == 0 {
		t.Fatal("no documents in ../seeds")
	}
}

// Every seed file read with seedformat and written again reads back to the
// same seeds, and a second rewrite changes nothing: the writer writes every
// key the reader reads.
func TestRewrittenSeedsReadBackTheSame(t *testing.T) {
	for _, dirs := range [][]string{{"testdata/mini"}, {"../seeds"}, {"../seeds", "../eval/devset"}} {
		var orig, once []Folder
		for _, dir := range dirs {
			m := copyFS(t, dir)
			rewritten := rewrite(t, m)
			for name, f := range rewrite(t, rewritten) {
				if !bytes.Equal(f.Data, rewritten[name].Data) {
					t.Errorf("%s/%s: a second rewrite changed it", dir, name)
				}
			}
			orig = append(orig, Folder{Name: dir, FS: m})
			once = append(once, Folder{Name: dir, FS: rewritten})
		}
		want, err := Read(orig...)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Read(once...)
		if err != nil {
			t.Fatalf("%v: the rewritten files do not read: %v", dirs, err)
		}
		// `aliases: {en: []}` is written as no en aliases at all
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%v: the rewritten files read differently (-original +rewritten):\n%s", dirs, diff)
		}
	}
}

// rewrite reads each seed file of m strictly and writes it again.
func rewrite(t *testing.T, m fstest.MapFS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	for name, f := range m {
		var v any
		switch {
		case strings.HasPrefix(name, "catalogue/"):
			v = &seedformat.Catalogue{}
		case strings.HasSuffix(name, ".meta.yaml"):
			v = &seedformat.Meta{}
		case strings.HasPrefix(name, "annotations/"):
			v = &seedformat.Annotation{}
		default:
			out[name] = f // texts and prose
			continue
		}
		var r seedformat.Reader
		if err := r.Read(name, f.Data, v); err != nil {
			t.Fatal(err)
		}
		if err := r.Err(); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := seedformat.Write(&b, v, ""); err != nil {
			t.Fatal(err)
		}
		out[name] = &fstest.MapFile{Data: b.Bytes()}
	}
	return out
}
