package seedformat

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// An annotation file read and written again reads back to the same values,
// the keys the loader ignores (annotator, notes, a statement's note)
// included, so rewriting a curated file loses nothing.
func TestAnnotationRoundTrip(t *testing.T) {
	seed, err := os.ReadFile("../seeds/annotations/000_34de9ea8cd55db5f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ignored := []byte(`document: d1
annotator: [a reviewer, another]
notes: {checked: 2013-09-24, by: someone}
statements:
  - id: s1
    speakers: [a]
    predicate: WARN
    polarity: against
    targets: [t]
    date: 2013-09-23
    confidence: 0.5
    summary: "A warns: #1"
    evidence: [{start: 0, end: 3, text: "abc", headline: true}]
    note: "in the headline only"
partOf:
  - {part: x, whole: y, source: [an almanac, 2012]}
`)
	for name, data := range map[string][]byte{"seed": seed, "ignored keys": ignored} {
		var orig, again Annotation
		read(t, name, data, &orig)
		var b bytes.Buffer
		if err := Write(&b, orig, "rewritten"); err != nil {
			t.Fatal(err)
		}
		read(t, name, b.Bytes(), &again)
		if len(orig.Statements) == 0 {
			t.Fatalf("%s: no statements read", name)
		}
		if diff := cmp.Diff(orig, again, cmpopts.IgnoreTypes(Origin{})); diff != "" {
			t.Errorf("%s: the rewritten annotation differs (-original +rewritten):\n%s", name, diff)
		}
	}
}

func read(t *testing.T, path string, data []byte, v any) {
	t.Helper()
	var r Reader
	if err := r.Read(path, data, v); err != nil {
		t.Fatal(err)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
