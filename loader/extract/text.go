package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/whosaid/whosaid/kg"
)

// Kind says what a token is.
type Kind uint8

// The token kinds.
const (
	Word  Kind = iota // letters, possibly with digits
	Num               // digits (Arabic-Indic digits included), 3.5 and 14/9 are one token
	Punct             // one punctuation or symbol rune
	Quote             // a quotation mark of any style; its Key is the unified class
)

func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Num:
		return "num"
	case Punct:
		return "punct"
	case Quote:
		return "quote"
	}
	return "?"
}

// Token is a word, number or punctuation mark of the original text.
//
// Key is the matching key: NFKC, harakat and tatweel removed, alef forms,
// teh marbuta, alef maksura, Persian yeh/keheh and digits folded, Latin lower
// case. Light is Key without the article ال: the form names and lexicon
// entries are stored under. Forms are the ways the word may split into
// clitics and a stem: the word itself, without a conjunction (و ف), without a
// conjunction and a preposition (ب ل ك; لل is ل + ال); Lights are the same
// without the article. «وللمنظمة» has the forms وللمنظمه, للمنظمه, المنظمه
// and the lights … منظمه, so it finds «المنظمة» and «منظمة»; «وزارة» keeps
// وزاره among its lights, so a word that merely starts with و still matches
// itself. Keys are computed once here, so later steps compare strings.
type Token struct {
	Start, End int // code points of the original text, end exclusive
	Kind       Kind
	Key        string
	Light      string
	Forms      []string
	Lights     []string
	Lines      int  // line breaks between the previous token and this one
	Latin      bool // the word is written in Latin script
	Upper      bool // the word starts with an upper-case letter
	Caps       bool // every letter of the word is upper case (UN, NATO)
	Conj       bool // the word may start with the conjunction و or ف
}

// In reports whether one of the token's lights is in set.
func (t Token) In(set map[string]bool) bool {
	for _, l := range t.Lights {
		if set[l] {
			return true
		}
	}
	return false
}

// Is reports whether one of the token's lights is one of keys.
func (t Token) Is(keys ...string) bool {
	for _, l := range t.Lights {
		for _, k := range keys {
			if l == k {
				return true
			}
		}
	}
	return false
}

// HasPrefix reports whether one of the token's lights starts with p.
func (t Token) HasPrefix(p string) bool {
	for _, l := range t.Lights {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// Definite reports whether the word carries the article ال (after any clitics).
func (t Token) Definite() bool {
	for _, f := range t.Forms {
		if strings.HasPrefix(f, "ال") {
			return true
		}
	}
	return false
}

// Text is a document split into tokens, with its code points for slicing.
type Text struct {
	Runes  []rune
	Tokens []Token
}

// Slice returns the original text of code points [start, end).
func (t *Text) Slice(start, end int) string { return string(t.Runes[start:end]) }

// Normalize tokenises s, keeping the original offsets of every token and
// computing its matching keys. It never fails: any string gives tokens whose
// spans lie inside it.
func Normalize(s string) Text {
	runes := []rune(s)
	t := Text{Runes: runes, Tokens: make([]Token, 0, len(runes)/5)}
	lines := 0
	for i := 0; i < len(runes); {
		r := runes[i]
		switch {
		case r == '\n':
			lines++
			i++
		case unicode.IsSpace(r) || kg.Ignorable(r):
			i++
		case isWordRune(r):
			j := i + 1
			for j < len(runes) && (isWordRune(runes[j]) || kg.Ignorable(runes[j]) || joinsWord(runes, j)) {
				j++
			}
			// Trailing joiners (an apostrophe, a dot after digits) are not part of the word.
			for j > i+1 && (runes[j-1] == '\'' || runes[j-1] == '’' || runes[j-1] == '.' || runes[j-1] == ',' || runes[j-1] == '/' || kg.Ignorable(runes[j-1])) {
				j--
			}
			t.Tokens = append(t.Tokens, newWord(runes[i:j], i, j, lines))
			lines = 0
			i = j
		default:
			tok := Token{Start: i, End: i + 1, Kind: Punct, Key: string(r), Lines: lines}
			if q, ok := quoteClass(r); ok {
				tok.Kind, tok.Key = Quote, q
			} else if r == '،' {
				tok.Key = ","
			} else if r == '؛' {
				tok.Key = ";"
			} else if r == '؟' {
				tok.Key = "?"
			}
			tok.Light = tok.Key
			tok.Forms, tok.Lights = []string{tok.Key}, []string{tok.Key}
			t.Tokens = append(t.Tokens, tok)
			lines = 0
			i++
		}
	}
	return t
}

// quoteClass unifies quotation marks for detection; the original mark stays
// in the text. « “ „ ‹ open, » ” › close, the ASCII " toggles.
func quoteClass(r rune) (string, bool) {
	switch r {
	case '«', '“', '„', '‹', '‟':
		return "«", true
	case '»', '”', '›':
		return "»", true
	case '"', '＂':
		return `"`, true
	}
	return "", false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == 'ـ'
}

// joinsWord reports whether runes[j] glues two word parts into one token:
// an apostrophe inside a Latin word (Kerry's), or a dot, comma or slash
// between digits (3.5, 1,000, 14/9).
func joinsWord(runes []rune, j int) bool {
	if j == 0 || j+1 >= len(runes) {
		return false
	}
	prev, next := runes[j-1], runes[j+1]
	switch runes[j] {
	case '\'', '’':
		return isLatin(prev) && isLatin(next)
	case '.', ',', '/', ':':
		return isDigit(prev) && isDigit(next)
	}
	return false
}

func isLatin(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }

func isDigit(r rune) bool { return unicode.IsDigit(r) }

func newWord(rs []rune, start, end, lines int) Token {
	tok := Token{Start: start, End: end, Kind: Word, Lines: lines}
	digits, letters := 0, 0
	for _, r := range rs {
		if unicode.IsDigit(r) {
			digits++
		} else if unicode.IsLetter(r) {
			letters++
		}
	}
	if digits > 0 && letters == 0 {
		tok.Kind = Num
	}
	tok.Key = keyRunes(rs)
	if first, _ := utf8.DecodeRuneInString(tok.Key); isLatin(first) {
		tok.Latin = true
		tok.Upper = unicode.IsUpper(rs[0])
		tok.Caps = letters > 1
		for _, r := range rs {
			if unicode.IsLetter(r) && !unicode.IsUpper(r) {
				tok.Caps = false
			}
		}
		tok.Light = tok.Key
		tok.Forms = []string{tok.Key}
		if s := strings.TrimSuffix(strings.TrimSuffix(tok.Key, "'s"), "’s"); s != tok.Key {
			tok.Forms = append(tok.Forms, s)
		}
		tok.Lights = tok.Forms
		return tok
	}
	tok.Light = light(tok.Key)
	tok.Forms = decompose(tok.Key)
	tok.Lights = make([]string, 0, 2*len(tok.Forms))
	for _, f := range tok.Forms {
		// The article stripped, and also kept: «ألقى» is not ال + قى.
		for _, l := range [2]string{light(f), f} {
			if !slices.Contains(tok.Lights, l) {
				tok.Lights = append(tok.Lights, l)
			}
		}
	}
	tok.Conj = len(tok.Forms) > 1 && (strings.HasPrefix(tok.Key, "و") || strings.HasPrefix(tok.Key, "ف"))
	return tok
}

// Key returns the matching key of a word: NFKC (Arabic presentation forms
// become letters), then every rune folded by kg.FoldRune (harakat, tatweel
// and format controls removed, alef forms, teh marbuta and alef maksura
// unified, Arabic-Indic digits as ASCII, lower case).
func Key(word string) string {
	return keyRunes([]rune(word))
}

// plain reports whether NFKC leaves a word alone without asking it: ASCII
// and the common Arabic letters, harakat, tatweel and digits.
func plain(rs []rune) bool {
	for _, r := range rs {
		if r < 0x80 || r >= 0x0621 && r <= 0x0652 || r >= 0x0660 && r <= 0x0669 {
			continue
		}
		return false
	}
	return true
}

func keyRunes(rs []rune) string {
	if !plain(rs) {
		if s := string(rs); !norm.NFKC.IsNormalString(s) {
			rs = []rune(norm.NFKC.String(s))
		}
	}
	var b strings.Builder
	b.Grow(2 * len(rs))
	for _, r := range rs {
		if r = kg.FoldRune(r); r >= 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// decompose returns the ways an Arabic key may split into clitics and a
// stem, the key itself first: without a conjunction (و ف; at least two
// letters must remain), then without a preposition as well (ب ل ك; at least
// three must remain; لل is ل + the article). Applied to the text only:
// names and lexicon entries are written without clitics.
func decompose(k string) []string {
	out := []string{k}
	rest := k
	if utf8.RuneCountInString(rest) >= 3 && (strings.HasPrefix(rest, "و") || strings.HasPrefix(rest, "ف")) {
		rest = rest[len("و"):]
		out = append(out, rest)
	}
	for _, r := range []string{k, rest} {
		if utf8.RuneCountInString(r) < 4 {
			continue
		}
		var s string
		switch {
		case strings.HasPrefix(r, "لل"):
			s = "ال" + r[len("لل"):]
		case strings.HasPrefix(r, "ب"), strings.HasPrefix(r, "ل"), strings.HasPrefix(r, "ك"):
			s = r[len("ب"):]
		}
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
		if r == rest {
			break
		}
	}
	return out
}

// light drops the article: «المنظمه» → «منظمه» (at least two letters remain).
func light(k string) string {
	if utf8.RuneCountInString(k) >= 4 && strings.HasPrefix(k, "ال") {
		return k[len("ال"):]
	}
	return k
}

// keysOf tokenises a lexicon or gazetteer phrase the way documents are
// tokenised and returns its word tokens.
func keysOf(phrase string) []Token {
	var out []Token
	for _, tok := range Normalize(phrase).Tokens {
		if tok.Kind == Word || tok.Kind == Num {
			out = append(out, tok)
		}
	}
	return out
}
