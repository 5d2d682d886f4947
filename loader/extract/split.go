package extract

import (
	"regexp"
	"strings"
)

// Sentence is a run of tokens [Start, End) of a Text.
type Sentence struct {
	Start, End int  // token indices, end exclusive
	Para       int  // line (paragraph) index, counting non-empty lines from 0
	Headline   bool // part of a title or sub-headline: a short line with no final stop
	Skip       bool // nothing to extract: an image file name, a link line, an agency tag
	Dateline   int  // tokens at the start that are a dateline («موسكو-سانا»); Start is after them
}

// Span returns the code points the sentence covers, without a final stop.
func (s Sentence) Span(t *Text) (start, end int) {
	last := s.End - 1
	for last > s.Start && t.Tokens[last].Kind == Punct && isStop(t.Tokens[last].Key) {
		last--
	}
	return t.Tokens[s.Start].Start, t.Tokens[last].End
}

// Doc is a tokenised document split into sentences, with the quotation state
// of every token.
type Doc struct {
	Text
	Sentences []Sentence
	Quoted    []bool // token i lies inside a quotation (its marks excluded)
}

var imageLine = regexp.MustCompile(`(?i)^[\w\-.]+\.(jpe?g|png|gif|webp|bmp)$`)

// linkLine starts boilerplate lines inside article bodies (related links,
// "read more"), which carry no statement.
var linkLine = []string{"للمزيد", "اقرا ايضا", "اقرا المزيد", "شاهد ايضا", "read more", "related:", "see also"}

// Split tokenises text and splits it into paragraphs (lines) and sentences.
//
// Lines always end sentences. Inside a line, sentences end at . ! ? ؟ ; ؛ …
// (a run of them counts once) unless the mark is inside a quotation; when a
// line leaves a quotation open (unbalanced marks are common), the line is
// split again ignoring quotes. The Arabic comma is a clause mark, not a
// sentence end. A line is a headline (a title or sub-headline) when it is
// short (at most 25 words) and has no final stop. Image file names
// (20130923-183212.jpg), lines without a letter and link lines are skipped.
func Split(text string) *Doc {
	d := &Doc{Text: Normalize(text)}
	d.Quoted = make([]bool, len(d.Tokens))
	toks := d.Tokens
	para := 0
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && toks[j].Lines == 0 {
			j++
		}
		d.splitLine(i, j, para)
		para++
		i = j
	}
	return d
}

func (d *Doc) splitLine(a, b, para int) {
	toks := d.Tokens
	lineText := d.Slice(toks[a].Start, toks[b-1].End)
	words, letters := 0, false
	for k := a; k < b; k++ {
		if toks[k].Kind == Word {
			words++
			letters = true
		}
	}
	skip := !letters || imageLine.MatchString(strings.TrimSpace(lineText))
	var first []string
	for k := a; k < b && len(first) < 3; k++ {
		first = append(first, toks[k].Key)
	}
	low := strings.Join(first, " ")
	for _, p := range linkLine {
		if strings.HasPrefix(low, p) {
			skip = true
		}
	}
	if words <= 3 && strings.HasPrefix(strings.TrimSpace(lineText), "(") && strings.HasSuffix(strings.TrimSpace(lineText), ")") {
		skip = true // (وكالات), (AFP)
	}
	last := b - 1
	for last > a && (toks[last].Kind == Quote || toks[last].Key == ")") {
		last--
	}
	headline := words <= 25 && !(toks[last].Kind == Punct && isStop(toks[last].Key))
	bounds, balanced := d.sentenceEnds(a, b, true)
	if !balanced {
		for k := a; k < b; k++ {
			d.Quoted[k] = false
		}
		bounds, _ = d.sentenceEnds(a, b, false)
	}
	start := a
	for _, end := range bounds {
		s := Sentence{Start: start, End: end, Para: para, Headline: headline, Skip: skip}
		if start == a && !headline {
			s.Dateline = datelineLen(toks[a:end])
			s.Start += s.Dateline
		}
		if s.Start < s.End && hasWord(toks[s.Start:s.End]) {
			d.Sentences = append(d.Sentences, s)
		}
		start = end
	}
}

// sentenceEnds returns the exclusive end of every sentence of the line
// [a, b). With quotes, stops inside a quotation do not end a sentence and
// Quoted is filled in; balanced reports whether every quotation closed.
func (d *Doc) sentenceEnds(a, b int, quotes bool) (ends []int, balanced bool) {
	toks := d.Tokens
	guillemets, ascii := 0, false
	for k := a; k < b; k++ {
		t := toks[k]
		if quotes && t.Kind == Quote {
			switch t.Key {
			case "«":
				guillemets++
			case "»":
				if guillemets > 0 {
					guillemets--
				}
			default:
				ascii = !ascii
			}
			continue
		}
		inside := guillemets > 0 || ascii
		if quotes {
			d.Quoted[k] = inside
		}
		if inside || t.Kind != Punct || !isStop(t.Key) || abbreviation(toks, a, k) {
			continue
		}
		// A run of stops (.. or ?!) and closing quotes or brackets stays with this sentence.
		e := k + 1
		for e < b && (toks[e].Kind == Punct && (isStop(toks[e].Key) || toks[e].Key == ")") || toks[e].Kind == Quote && toks[e].Key == "»") {
			e++
		}
		if e < b {
			ends = append(ends, e)
		}
		k = e - 1
	}
	ends = append(ends, b)
	return ends, guillemets == 0 && !ascii
}

func isStop(k string) bool {
	return k == "." || k == "!" || k == "?" || k == ";" || k == "…"
}

// abbreviation reports whether the full stop at k ends an English
// abbreviation (U.S., Mr., Gen.) rather than a sentence.
func abbreviation(toks []Token, a, k int) bool {
	if toks[k].Key != "." || k == a {
		return false
	}
	prev := toks[k-1]
	if prev.Kind != Word || !prev.Latin || toks[k-1].End != toks[k].Start {
		return false
	}
	if len(prev.Key) == 1 || englishAbbrev[prev.Key] {
		return true
	}
	return k+1 < len(toks) && toks[k+1].Latin && !toks[k+1].Upper && toks[k+1].Lines == 0
}

var englishAbbrev = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "sen": true, "rep": true,
	"gov": true, "lt": true, "col": true, "maj": true, "capt": true, "sgt": true, "prof": true, "jr": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "no": true, "vs": true, "jan": true, "feb": true,
	"aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
}

func hasWord(toks []Token) bool {
	for _, t := range toks {
		if t.Kind == Word {
			return true
		}
	}
	return false
}

// agencies are news-agency names that close a dateline («دمشق-سانا»,
// «بيروت (رويترز) -», "MOSCOW (Reuters) -"). Keys, as Key computes them.
var agencies = map[string]bool{
	"سانا": true, "رويترز": true, "ا": true, "ف": true, "ب": true, "فرانس": true, "برس": true, "الاناضول": true,
	"وام": true, "واس": true, "قنا": true, "كونا": true, "بترا": true, "سبوتنيك": true, "شينخوا": true,
	"ارنا": true, "تاس": true, "نوفوستي": true, "وكالات": true, "د": true, "اف": true, "بي": true,
	"reuters": true, "afp": true, "ap": true, "xinhua": true, "tass": true, "ria": true, "sputnik": true, "dpa": true,
	"upi": true, "anadolu": true, "sana": true, "irna": true, "wafa": true, "وفا": true, "مكتب": true,
}

// datelineLen returns how many tokens at the start of a body line form a
// dateline: up to three place words, then a dash and an agency, or an agency
// in brackets and an optional dash.
func datelineLen(toks []Token) int {
	n := 0
	for n < len(toks) && n < 3 && toks[n].Kind == Word {
		n++
	}
	if n == 0 || n >= len(toks) {
		return 0
	}
	isDash := func(t Token) bool { return t.Key == "-" || t.Key == "–" || t.Key == "—" }
	switch {
	case toks[n].Key == "(":
		k := n + 1
		for k < len(toks) && k < n+5 && toks[k].Key != ")" {
			if !agencies[toks[k].Key] && toks[k].Kind == Word {
				return 0
			}
			k++
		}
		if k >= len(toks) || toks[k].Key != ")" {
			return 0
		}
		k++
		if k < len(toks) && (isDash(toks[k]) || toks[k].Key == ":") {
			k++
		}
		return k
	case isDash(toks[n]):
		k := n + 1
		for k < len(toks) && k < n+4 && toks[k].Kind == Word && agencies[toks[k].Key] {
			k++
		}
		if k == n+1 {
			return 0
		}
		if k < len(toks) && (isDash(toks[k]) || toks[k].Key == ":") {
			k++
		}
		return k
	}
	return 0
}
