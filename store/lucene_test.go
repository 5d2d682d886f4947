package store

import (
	"strings"
	"testing"
	"unicode"
)

func TestLuceneTermsKeepOnlyWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`C++ AND (Putin`, []string{"c", "and", "putin"}},
		{`"unbalanced`, []string{"unbalanced"}},
		{`title:x* OR y~2`, []string{"title", "x", "or", "y", "2"}},
		{`بُوتِين`, []string{"بُوتِين"}},
		{`ﺑﻮﺗﻴﻦ ﻻ`, []string{"بوتين", "لا"}}, // presentation forms become letters
		{`اتفاقية الأمن الجماعي`, []string{"اتفاقية", "الأمن", "الجماعي"}},
		{`\ / [ ] { } ^ ! :`, []string{}},
	}
	for _, tt := range tests {
		got := luceneTerms(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("luceneTerms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzLuceneTerms: whatever a user types, the query handed to Lucene holds
// only words, our own + and ~1 operators, and spaces.
func FuzzLuceneTerms(f *testing.F) {
	for _, s := range []string{`C++`, `AND OR NOT`, `"a b`, `(x`, `*`, `a:b`, `بوتين`, "\x00", `\\`, `~~`, `[a TO b]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		terms := luceneTerms(in)
		if len(terms) > 16 {
			t.Fatalf("%d terms", len(terms))
		}
		for _, mode := range []string{"and", "or", "fuzzy"} {
			q := luceneQuery(terms, mode, "")
			for _, r := range q {
				ok := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == ' ' || r == '+' || r == '~' || r == '1'
				if !ok {
					t.Fatalf("query %q for %q holds %q", q, in, r)
				}
			}
		}
	})
}
