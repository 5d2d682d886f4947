package store

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// luceneTerms splits what a user typed into plain search terms: letters and
// digits only, so Lucene syntax (quotes, +, -, brackets, *, ?, ~, :, \, /)
// can never reach the query parser, and operator words are lower-cased so
// they are searched as words (the analyzers lower-case everything anyway).
// At most 16 terms are kept.
func luceneTerms(input string) []string {
	// NFKC first: Lucene's analyzers know nothing of Arabic presentation
	// forms (ﺑﻮﺗﻴﻦ, as text copied from a PDF comes), which it turns into
	// the letters the index holds.
	fields := strings.FieldsFunc(norm.NFKC.String(input), func(r rune) bool {
		// Arabic combining marks (diacritics) stay inside words; the analyzer drops them.
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
	terms := make([]string, 0, len(fields))
	for _, f := range fields {
		f = strings.ToLower(f)
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			continue // only marks
		}
		terms = append(terms, f)
		if len(terms) == 16 {
			break
		}
	}
	return terms
}

// luceneQuery joins terms: all required (AND), any (OR), or any with one
// edit of tolerance for terms of four letters or more (FUZZY).
func luceneQuery(terms []string, mode string, field string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		switch mode {
		case "and":
			parts[i] = "+" + t
		case "fuzzy":
			if len([]rune(t)) >= 4 {
				parts[i] = t + "~1"
			} else {
				parts[i] = t
			}
		default:
			parts[i] = t
		}
	}
	q := strings.Join(parts, " ")
	if field != "" {
		return field + ":(" + q + ")"
	}
	return q
}

// rerank lifts Lucene's score for hits whose name or an alias is what the
// user typed (+10) or contains it as whole words (+3), and slightly for
// entities many statements involve: BM25 alone favours entities with few,
// short aliases, so "CSTO" would rank a topic mentioning the CSTO first.
func rerank(score float64, query string, names []string, statements int) float64 {
	q := foldName(query)
	if q == "" {
		return score
	}
	bonus := 0.0
	for _, n := range names {
		f := foldName(n)
		switch {
		case f == q:
			bonus = max(bonus, 10)
		case strings.Contains(" "+f+" ", " "+q+" "):
			bonus = max(bonus, 3)
		}
	}
	return score + bonus + 0.5*math.Log1p(float64(statements))
}
