package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/whosaid/whosaid/kg"
)

// foldName reduces a name to what should compare equal across the ways it
// is written: NFKC first (Arabic presentation forms, as text copied from a
// PDF comes, become letters; ligatures come apart), then every rune folded
// as the extractor folds words (kg.FoldRune: case, Arabic marks, tatweel,
// letter variants, digits), and any run of other characters (punctuation,
// spaces) one space. Search reranking, the stored name keys and the name
// filters all use this one function.
func foldName(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFKC.String(s) {
		if r = kg.FoldRune(r); r < 0 {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// namesKey is the stored property the name filters search (names_key on
// actors and topics): every name and alias folded, one per line. A folded
// query never holds a line break, so it cannot match across two names, and
// one string (not a list) lets a text index answer CONTAINS.
func namesKey(names ...[]string) string {
	var keys []string
	for _, list := range names {
		for _, n := range list {
			if k := foldName(n); k != "" {
				keys = append(keys, k)
			}
		}
	}
	return strings.Join(keys, "\n")
}

// nameQuery is a name filter as the stored keys are compared with it:
// folded, or nil (no filter) when nothing is left to compare.
func nameQuery(s string) any {
	if k := foldName(s); k != "" {
		return k
	}
	return nil
}

// FoldName is foldName for the in-memory store (store/inmem), whose name
// filters must find exactly what the stored keys let Neo4j find.
func FoldName(s string) string { return foldName(s) }
