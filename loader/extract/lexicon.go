package extract

import (
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// cueClass says how a cue word relates a speaker to what follows it.
type cueClass uint8

const (
	report     cueClass = iota // neutral reporting verb (قال، أكد): the stance comes from the complement
	stance                     // the verb carries the predicate (حذر، أدان، رحب)
	lightVerb                  // أعرب عن / أبدى / جدد: the noun after it carries the predicate
	evaluative                 // اعتبر، رأى، وصف: polarity from evaluative words in the complement
	discuss                    // بحث مع: the speakers are the subject and the partner after مع
	channel                    // نقل X عن Y: Y is the speaker, X the channel
	according                  // بحسب X، وفقا لـ X: X is the speaker of the clause
)

// lemma is one entry of a cue lexicon.
type lemma struct {
	word  string       // citation form (3ms perfect, or the English base form)
	pred  kg.Predicate // the predicate of stance verbs and nouns
	class cueClass
	cont  bool // continuation (أضاف، تابع): keeps the previous speaker when no subject follows
	// ambiguous lemmas have a bare perfect that is also a common noun (رفض، دعم،
	// أمل): as cues they need a subject right after them.
	ambiguous bool
	// needs is a word that must follow the speaker for the lemma to be a cue
	// (مع for بحث, عن for نقل).
	needs string
}

// form is one surface form of a lemma.
type form struct {
	lemma  *lemma
	kind   formKind
	first  bool // first person (نرفض، أؤكد، نشعر): only ever content, never a cue with a speaker
	plural bool
	// suffixed nouns carry a possessive (رفضهم، دعمها): the speaker's own
	// stance. A bare noun (المعارضة، الاستعداد) may be anything.
	suffixed bool
}

type formKind uint8

const (
	perfect formKind = iota
	imperfect
	participle
	noun // a verbal noun (مصدر), possibly with a possessive suffix: رفضهم، دعمها، امتنانه
)

// phraseKind says what a fixed phrase contributes.
type phraseKind uint8

const (
	trigger  phraseKind = iota // a stance inside a complement («لا يمكن قبوله» → REJECT)
	future                     // marks an announcement of something to come (سوف، غدا)
	stopper                    // verbs of stopping (منع، وقف، وضع حد): a CALL_FOR against what follows
	positive                   // evaluative words, for ASSERT polarity and evaluative verbs
	negative
	negation // لا، لن، لم، ليس، غير
	skip     // words that may stand between a cue and its speaker (مجددا، اليوم، أيضا)
	medium   // in a statement / press conference: what follows is the occasion or channel
	docNoun  // بيان، تقرير: a text that speaks for whoever issued it
	dual     // الجانبان، المجلسان: the last two actors named together
	member   // الدول الأعضاء، ممثلو: a group speaking for the organisation that follows
	title    // title words that introduce a person (الرئيس، وزير، المتحدث)
	titleMod // words that continue a title without being a name (الخارجية، باسم)
	stopName // words that end a name (في، إن، أمس)
)

type phraseInfo struct {
	kind phraseKind
	pred kg.Predicate
	pol  kg.Polarity
	// pre marks a judgement of what comes before it («التدخل … أمر لا يمكن
	// قبوله», «ستكون خرقا»): the target precedes the phrase.
	pre bool
}

// lexicon is everything language-specific the extractor needs: cue forms,
// fixed phrases and the complementizers.
type lexicon struct {
	lang    string
	forms   map[string][]form // by light key
	phrases node              // trie over light keys; the infos hang on phraseInfos
	infos   map[*node][]phraseInfo
	comp    map[string]bool   // complementizers (إن، أن، that), by light key
	needs   map[string]string // light keys of the words lemmas need after them

	articles     map[string]bool // words a noun phrase may start with before its head ("the")
	orgHeads     map[string]bool // nouns a body's name starts with (see newOrganisation), by light key
	notNameStart map[string]bool // words that begin phrases, never names, by key
	// namesBeforeTitles: the language writes a name before the title that
	// introduces it («وقال سمير نشار، عضو الائتلاف، إن»; see appositiveName).
	namesBeforeTitles bool
}

func newLexicon(lang string) *lexicon {
	return &lexicon{lang: lang, forms: map[string][]form{}, infos: map[*node][]phraseInfo{}, comp: map[string]bool{}, needs: map[string]string{}}
}

func (lx *lexicon) addForm(surface string, f form) {
	toks := keysOf(surface)
	if len(toks) != 1 {
		return
	}
	k := toks[0].Light
	if n := f.lemma.needs; n != "" && n != ":" {
		if ks := keysOf(n); len(ks) > 0 {
			lx.needs[n] = ks[0].Light
		}
	}
	for _, old := range lx.forms[k] {
		if old.lemma == f.lemma && old.kind == f.kind && old.suffixed == f.suffixed {
			return
		}
	}
	lx.forms[k] = append(lx.forms[k], f)
}

func (lx *lexicon) addPhrase(p string, info phraseInfo) {
	toks := keysOf(p)
	if len(toks) == 0 {
		return
	}
	n := &lx.phrases
	for _, t := range toks {
		n = n.child(t.Light, true)
	}
	lx.infos[n] = append(lx.infos[n], info)
}

func (lx *lexicon) addPhrases(kind phraseKind, pred kg.Predicate, pol kg.Polarity, ps ...string) {
	for _, p := range ps {
		lx.addPhrase(p, phraseInfo{kind: kind, pred: pred, pol: pol})
	}
}

// phraseAt returns the infos of the longest phrase starting at token i.
func (lx *lexicon) phraseAt(toks []Token, i, end int) (int, []phraseInfo) {
	bestEnd := i
	var best []phraseInfo
	var walk func(n *node, k int)
	walk = func(n *node, k int) {
		if k >= end || toks[k].Kind != Word {
			return
		}
		for _, l := range toks[k].Lights {
			c := n.child(l, false)
			if c == nil {
				continue
			}
			if infos := lx.infos[c]; len(infos) > 0 && k+1 > bestEnd {
				best, bestEnd = infos, k+1
			}
			if c.next != nil {
				walk(c, k+1)
			}
		}
	}
	walk(&lx.phrases, i)
	return bestEnd, best
}

// formKeyed reports whether the whole word, clitics included, is a form of
// the lexicon («وصف» is a verb; «وأدانت» is و + a verb).
func (lx *lexicon) formKeyed(k string) bool { return len(lx.forms[light(k)]) > 0 }

// has reports whether a phrase of the given kind starts at token i, and
// where it ends.
func (lx *lexicon) has(toks []Token, i, end int, kind phraseKind) (int, bool) {
	e, infos := lx.phraseAt(toks, i, end)
	for _, in := range infos {
		if in.kind == kind {
			return e, true
		}
	}
	return i, false
}

// formsAt returns the cue forms of token i.
func (lx *lexicon) formsAt(t Token) []form {
	if t.Kind != Word {
		return nil
	}
	for _, l := range t.Lights {
		if fs := lx.forms[l]; len(fs) > 0 {
			return fs
		}
	}
	return nil
}

// lightSet is a set of words by their light keys, for Token.In.
func lightSet(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		for _, t := range keysOf(w) {
			m[t.Light] = true
		}
	}
	return m
}

// isTitleWord reports whether a token starts a title («الرئيس الروسي»).
func isTitleWord(t Token) bool { return t.In(titleWords) }

var titleWords = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range arabicPhrases {
		if p.kind == title {
			for _, w := range p.words {
				if toks := keysOf(w); len(toks) > 0 {
					m[toks[0].Light] = true
				}
			}
		}
	}
	for _, w := range englishTitles {
		m[Key(strings.Fields(w)[0])] = true
	}
	return m
}()

var titleMods = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range arabicPhrases {
		if p.kind == titleMod {
			for _, w := range p.words {
				for _, t := range keysOf(w) {
					m[t.Light] = true
				}
			}
		}
	}
	return m
}()

// stopWord reports whether a token cannot be (part of) a person's name.
func stopWord(t Token) bool { return nameStops[t.Light] || nameStops[t.Key] }

var nameStops = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range arabicPhrases {
		if p.kind == stopName || p.kind == negation {
			for _, w := range p.words {
				for _, t := range keysOf(w) {
					m[t.Key] = true
				}
			}
		}
	}
	for _, w := range arabicNotNames {
		m[Key(w)] = true
	}
	for _, w := range englishStops {
		m[w] = true
	}
	return m
}()
