package extract

import (
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// stanceHit is one predicate a cue and its complement express.
type stanceHit struct {
	pred     kg.Predicate
	pol      kg.Polarity
	at, end  int    // tokens of the word or phrase that decided it (the cue's for verbs)
	from     string // cue, noun, complement, default
	negated  bool
	pre      bool // the target comes before the deciding phrase
	future   bool
	suffixed bool // decided by a noun with a possessive (دعمها)
}

// How sure the predicate is, by where it came from.
var fromConfidence = map[string]float64{"cue": 0.95, "noun": 0.92, "complement": 0.8, "default": 0.72}

// stances returns the predicates of a cue: from the verb itself (حذر →
// WARN), from the noun after a light verb (أعرب عن قلقه → CONCERN) or after
// a reporting verb (أكدت دعمها → SUPPORT), else from stance words in the
// complement (قال إن … أمر لا يمكن قبوله → REJECT); with neither, an
// announcement (future) or a neutral assertion whose polarity follows the
// evaluative words of the complement.
func (s *docState) stances(c attribution, sentence Sentence) []stanceHit {
	toks := s.d.Tokens
	l := c.f.lemma
	neg := s.negatedBefore(c.at, sentence.Start)
	switch l.class {
	case report:
		if neg && (l.word == "علق" || l.word == "كشف" || l.word == "comment") {
			// «لم تعلق دمشق», «لم يكشف عن …»: declined to comment or disclose.
			return []stanceHit{{pred: kg.DeclineComment, pol: kg.Neutral, at: c.at, end: c.at + 1, from: "cue"}}
		}
	}
	switch l.class {
	case stance:
		h := stanceHit{pred: l.pred, at: c.at, end: c.at + 1, from: "cue", negated: neg}
		if h.pred == kg.Reject && c.from < c.end && toks[c.from].Is("تعليق", "comment") {
			h.pred, h.end = kg.DeclineComment, c.from+1
		}
		h.pol = s.polarity(h.pred, c.from, c.end)
		return []stanceHit{h}
	case discuss:
		return []stanceHit{{pred: kg.Assert, pol: kg.Neutral, at: c.at, end: c.at + 1, from: "cue", negated: neg}}
	case lightVerb:
		if h, ok := s.lightNoun(c.from, minInt(c.end, c.from+5)); ok {
			h.at, h.negated = c.at, neg
			return []stanceHit{h}
		}
	case report:
		if h, ok := s.lightNoun(c.from, minInt(c.end, c.from+2)); ok && c.comp == c.from && h.suffixed {
			h.at, h.negated = c.at, neg
			return []stanceHit{h}
		}
	}
	hits := s.complementStances(minInt(c.from, c.comp), c.end)
	if len(hits) > 0 {
		return hits
	}
	pos, negv := s.evaluation(minInt(c.from, c.comp), c.end)
	h := stanceHit{pred: kg.Assert, pol: kg.Neutral, at: c.at, end: c.at + 1, from: "default", negated: neg}
	switch {
	case l.class == evaluative && pos > negv:
		h.pred, h.pol = kg.Support, kg.Favor
	case l.class == evaluative && negv > pos:
		h.pred, h.pol = kg.Oppose, kg.Against
	case s.pledge(c.from, c.end) != "":
		h.pred, h.pol, h.future = kg.Commit, s.pledge(c.from, c.end), true
	case s.futureIn(c.from, c.end) || l.word == "أعلن" || l.word == "announce":
		h.pred, h.future = kg.Announce, true
	case pos > negv:
		h.pol = kg.Favor
	case negv > pos:
		h.pol = kg.Against
	}
	return []stanceHit{h}
}

// lightNoun finds a verbal noun of a stance in [a, b), skipping عن/about.
func (s *docState) lightNoun(a, b int) (stanceHit, bool) {
	toks := s.d.Tokens
	for k := a; k < b && k < len(toks); k++ {
		for _, f := range s.lx.formsAt(toks[k]) {
			if f.kind == noun && f.lemma.pred != "" {
				return stanceHit{pred: f.lemma.pred, pol: s.polarity(f.lemma.pred, k+1, b+6), end: k + 1, from: "noun", suffixed: f.suffixed}, true
			}
		}
		if k == a && (toks[k].Key == "عن" || toks[k].Key == "about" || toks[k].Key == "his" || toks[k].Key == "her" || toks[k].Key == "its") {
			continue
		}
		if toks[k].Kind != Word {
			break
		}
	}
	return stanceHit{}, false
}

// complementStances finds stance words inside a complement: fixed phrases
// and the forms of stance lemmas (نرفض، تدعم، يؤيدان، رفضهم). Each
// predicate is reported once, at its first occurrence, at most three.
func (s *docState) complementStances(a, b int) []stanceHit {
	toks := s.d.Tokens
	var hits []stanceHit
	seen := map[kg.Predicate]bool{}
	for k := a; k < b && len(hits) < 3; k++ {
		if toks[k].Kind != Word {
			continue
		}
		var pred kg.Predicate
		suffixed, pre := false, false
		e, infos := s.lx.phraseAt(toks, k, b)
		for _, in := range infos {
			if in.kind == trigger {
				pred, pre = in.pred, in.pre
			}
		}
		if pred == "" && toks[k].Key == "لا" && k+1 < b && (strings.HasPrefix(toks[k+1].Key, "لل") || toks[k+1].Key == "لاي") {
			pred, e = kg.Reject, k+2 // «لا للعنف، لا للسرية», «لا لأي تدخل»: no to …
		}
		if pred == "" {
			e = k + 1
			for _, f := range s.lx.formsAt(toks[k]) {
				if f.lemma.pred != "" && f.lemma.needs == "" && !(f.lemma.ambiguous && f.kind == perfect) && (f.kind != noun || f.suffixed) {
					pred, suffixed = f.lemma.pred, f.suffixed
					break
				}
			}
		}
		if pred == "" || seen[pred] {
			continue
		}
		seen[pred] = true
		h := stanceHit{pred: pred, at: k, end: e, from: "complement", negated: s.negatedBefore(k, a), suffixed: suffixed, pre: pre}
		h.pol = s.polarity(pred, e, b)
		hits = append(hits, h)
		k = e - 1
	}
	return hits
}

// polarity is the default of the predicate, except that a call to stop,
// prevent or end something (CALL_FOR / DEMAND followed by منع، وقف، وضع حد)
// is against it.
func (s *docState) polarity(p kg.Predicate, a, b int) kg.Polarity {
	pol := kg.Predicates[p].Polarity
	if p != kg.CallFor && p != kg.Demand {
		return pol
	}
	toks := s.d.Tokens
	for k := a; k < b && k < a+12 && k < len(toks); k++ {
		if _, ok := s.lx.has(toks, k, b, stopper); ok {
			// The stopping verb may be the first word of the target's own name
			// («وقف العنف في سورية»): then the call is for the named thing.
			if m, ok := s.x.gaz.longestAt(toks, k, b, nil); ok && m.aliases[0].entity.Kind != ActorEntity {
				return pol
			}
			return kg.Against
		}
		if m, ok := s.x.gaz.longestAt(toks, k, b, nil); ok && m.aliases[0].entity.Kind != ActorEntity {
			return pol // the object came before any stopping verb
		}
	}
	return pol
}

// negatedBefore reports whether the word before token k (not before a) is
// a negation: «لم يدن», "did not condemn".
func (s *docState) negatedBefore(k, a int) bool {
	toks := s.d.Tokens
	for j := k - 1; j >= a && j >= k-2; j-- {
		if _, ok := s.lx.has(toks, j, k, negation); ok {
			return true
		}
	}
	return false
}

// evaluation counts positive and negative evaluative words in [a, b).
func (s *docState) evaluation(a, b int) (pos, neg int) {
	toks := s.d.Tokens
	for k := a; k < b; k++ {
		e, infos := s.lx.phraseAt(toks, k, b)
		for _, in := range infos {
			switch in.kind {
			case positive:
				pos++
			case negative:
				neg++
			}
		}
		if e > k+1 {
			k = e - 1
		}
	}
	return pos, neg
}

// futureIn reports whether [a, b) announces something to come: سوف، لن،
// غدا، a future verb (سيعقد، سيشارك), "will".
func (s *docState) futureIn(a, b int) bool {
	toks := s.d.Tokens
	for k := a; k < b; k++ {
		if _, ok := s.lx.has(toks, k, b, future); ok {
			return true
		}
		if s.lang.futureVerb(toks[k]) {
			return true
		}
	}
	return false
}

// futureVerb recognises س + imperfect (سيعقد، ستبحث، سنعمل) while leaving
// alone the common nouns that start the same way (سياسة، سيادة، سيارة).
func futureVerb(t Token) bool {
	k := []rune(t.Key)
	if len(k) < 4 || k[0] != 'س' || (k[1] != 'ي' && k[1] != 'ت' && k[1] != 'ن') {
		return false
	}
	for _, p := range futureExceptions {
		if hasRunePrefix(k, p) {
			return false
		}
	}
	return true
}

var futureExceptions = [][]rune{[]rune("سياس"), []rune("سياد"), []rune("سيار"), []rune("سيطر"), []rune("سيف"),
	[]rune("سين"), []rune("سيد"), []rune("ستار"), []rune("ستين"), []rune("سته"), []rune("سنه"), []rune("سنو"),
	[]rune("سنين"), []rune("سنغ"), []rune("سيناريو"), []rune("سيول"), []rune("سيرغي"), []rune("سيرجي"), []rune("ستيف"),
	[]rune("سيم"), []rune("سيك"), []rune("ستو"), []rune("سنت"), []rune("سنا"), []rune("سيل"), []rune("سيب")}

func hasRunePrefix(k, p []rune) bool {
	if len(k) < len(p) {
		return false
	}
	for i := range p {
		if k[i] != p[i] {
			return false
		}
	}
	return true
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// pledge recognises a first-person future (سنعمل، سوف نواصل، لن نسمح، "we
// will"): the speaker commits, against what it will not allow.
func (s *docState) pledge(a, b int) kg.Polarity {
	toks := s.d.Tokens
	for k := a; k < b; k++ {
		if p := s.lang.pledge(toks, k, b); p != "" {
			return p
		}
	}
	return ""
}
