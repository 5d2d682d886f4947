package loader

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader/extract"
)

// Extracted is one document read by the rules on its own, as a distributed
// worker reads it: its statements and context facts, and the actors and
// topics the rules found that the catalogue lacks (introduced by it).
type Extracted struct {
	Document  kg.AnnotatedDocument
	NewActors []kg.Actor
	NewTopics []kg.Topic
}

// ExtractDocument reads one unannotated document with x, built from cat,
// mapping the result as Load maps the documents it extracts (new actors and
// topics marked as introduced by it, stated positions aligned with the
// catalogue's terms). Unlike Load, nothing learned from one document is
// known to the next: documents extracted apart, in any order and on any
// machine, give the same result.
func ExtractDocument(x *extract.Extractor, cat kg.Catalogue, doc kg.Document) Extracted {
	res := x.Document(doc)
	out := Extracted{Document: kg.AnnotatedDocument{Document: doc, Statements: res.Statements,
		Relations: (&reader{cat: cat}).alignTerms(res.Relations, doc.Date)}}
	for _, a := range res.NewActors {
		a.IntroducedBy = doc.ID
		out.NewActors = append(out.NewActors, a)
	}
	for _, t := range res.NewTopics {
		t.IntroducedBy = doc.ID
		out.NewTopics = append(out.NewTopics, t)
	}
	return out
}

// CheckDocument applies the rules the loader applies to a document's text
// and metadata; the error names the field at fault.
func CheckDocument(d kg.Document) error {
	switch {
	case !docRE.MatchString(d.ID):
		return fmt.Errorf("id: %q is not a valid document id (letters, digits, _ . -)", d.ID)
	case d.Lang == "":
		return fmt.Errorf("lang: required (ar, en, …)")
	case !validDate(d.Date):
		return fmt.Errorf("date: %q is not a date (YYYY-MM-DD)", d.Date)
	case !utf8.ValidString(d.Text):
		return fmt.Errorf("text: not valid UTF-8")
	case strings.TrimSpace(d.Text) == "":
		return fmt.Errorf("text: required")
	}
	return nil
}
