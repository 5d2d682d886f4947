package extract

import (
	"sort"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// Score counts one level of agreement between extracted and curated
// statements.
type Score struct {
	Gold, Pred, Matched int
}

// Add sums two scores (to pool documents).
func (s Score) Add(o Score) Score {
	return Score{s.Gold + o.Gold, s.Pred + o.Pred, s.Matched + o.Matched}
}

// P is the precision: matched / extracted (1 when nothing was extracted).
func (s Score) P() float64 {
	if s.Pred == 0 {
		return 1
	}
	return float64(s.Matched) / float64(s.Pred)
}

// R is the recall: matched / curated (1 when nothing was curated).
func (s Score) R() float64 {
	if s.Gold == 0 {
		return 1
	}
	return float64(s.Matched) / float64(s.Gold)
}

// F1 is the harmonic mean of P and R.
func (s Score) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Scores are the three levels of the evaluation.
type Scores struct {
	Attribution Score // speaker set + evidence span
	Stance      Score // + polarity
	Strict      Score // + predicate
	// Missed and Spurious list the strict-level units left unmatched, for
	// reading what went wrong.
	Missed, Spurious []Unit
}

// Add pools the counts of two evaluations.
func (s Scores) Add(o Scores) Scores {
	return Scores{Attribution: s.Attribution.Add(o.Attribution), Stance: s.Stance.Add(o.Stance), Strict: s.Strict.Add(o.Strict),
		Missed: append(s.Missed, o.Missed...), Spurious: append(s.Spurious, o.Spurious...)}
}

// Unit is what is counted: one evidence span of a statement with its
// speakers and, depending on the level, polarity and predicate.
type Unit struct {
	Speakers  string // sorted ids joined by +
	Polarity  kg.Polarity
	Predicate kg.Predicate
	Start     int
	End       int
	Cue       string
	Text      string
}

// SpanMatch is the span rule of the evaluation: two evidence spans match
// when they overlap by at least half of the shorter one. Curated spans are
// whole sentences or headline segments, and so are extracted ones, so this
// accepts a sentence cut at a different quote or comma but never pairs two
// different sentences.
func SpanMatch(aStart, aEnd, bStart, bEnd int) bool {
	lo, hi := max(aStart, bStart), min(aEnd, bEnd)
	if hi <= lo {
		return false
	}
	return 2*(hi-lo) >= min(aEnd-aStart, bEnd-bStart)
}

// Evaluate scores extracted statements (pred) against curated ones (gold)
// of the same document, at three levels:
//
//   - attribution: the same set of speakers and matching evidence spans;
//   - stance: also the same polarity;
//   - strict: also the same predicate.
//
// Each evidence span of a statement is one unit, so a headline that a
// curator added as a second span of a body statement counts on its own, and
// identical units (several statements of one sentence differing only in
// their targets) count once. Targets, dates and the occasion are not scored.
// Units are paired one to one (a maximum matching), so a sentence read twice
// counts once.
func Evaluate(gold, pred []kg.Statement) Scores {
	var s Scores
	levels := []struct {
		score *Score
		key   func(kg.Statement) (kg.Polarity, kg.Predicate)
	}{
		{&s.Attribution, func(kg.Statement) (kg.Polarity, kg.Predicate) { return "", "" }},
		{&s.Stance, func(st kg.Statement) (kg.Polarity, kg.Predicate) { return st.Polarity, "" }},
		{&s.Strict, func(st kg.Statement) (kg.Polarity, kg.Predicate) { return st.Polarity, st.Predicate }},
	}
	for i, lv := range levels {
		g, p := units(gold, lv.key), units(pred, lv.key)
		matchG, matchP := matching(g, p)
		*lv.score = Score{Gold: len(g), Pred: len(p), Matched: countTrue(matchG)}
		if i == len(levels)-1 {
			for j, ok := range matchG {
				if !ok {
					s.Missed = append(s.Missed, g[j])
				}
			}
			for j, ok := range matchP {
				if !ok {
					s.Spurious = append(s.Spurious, p[j])
				}
			}
		}
	}
	return s
}

func units(sts []kg.Statement, key func(kg.Statement) (kg.Polarity, kg.Predicate)) []Unit {
	var out []Unit
	seen := map[Unit]bool{}
	for _, st := range sts {
		ids := append([]string(nil), st.Speakers...)
		sort.Strings(ids)
		pol, pred := key(st)
		for _, m := range st.Evidence {
			u := Unit{Speakers: strings.Join(ids, "+"), Polarity: pol, Predicate: pred, Start: m.Start, End: m.End}
			if seen[u] {
				continue
			}
			seen[u] = true
			u.Cue, u.Text = m.Cue, m.Text
			out = append(out, u)
		}
	}
	return out
}

func compatible(g, p Unit) bool {
	return g.Speakers == p.Speakers && g.Polarity == p.Polarity && g.Predicate == p.Predicate && SpanMatch(g.Start, g.End, p.Start, p.End)
}

// matching pairs gold and extracted units one to one, as many as possible
// (augmenting paths; documents have at most a few hundred units).
func matching(g, p []Unit) (matchedG, matchedP []bool) {
	owner := make([]int, len(p)) // p index → g index, -1 when free
	for i := range owner {
		owner[i] = -1
	}
	var try func(gi int, seen []bool) bool
	try = func(gi int, seen []bool) bool {
		for pi := range p {
			if seen[pi] || !compatible(g[gi], p[pi]) {
				continue
			}
			seen[pi] = true
			if owner[pi] < 0 || try(owner[pi], seen) {
				owner[pi] = gi
				return true
			}
		}
		return false
	}
	matchedG, matchedP = make([]bool, len(g)), make([]bool, len(p))
	for gi := range g {
		try(gi, make([]bool, len(p)))
	}
	for pi, gi := range owner {
		if gi >= 0 {
			matchedG[gi], matchedP[pi] = true, true
		}
	}
	return matchedG, matchedP
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// NameKey is the matching key of a name: its words' light keys (clitics,
// the article, hamza and teh-marbuta differences folded), so «الخارجية
// الإيرانية» and «الخارجيه الايرانيه» have one key.
func NameKey(name string) string {
	var ks []string
	for _, t := range keysOf(name) {
		ks = append(ks, t.Light)
	}
	return strings.Join(ks, " ")
}

// ActorNames lists, for each actor id, the keys of its names and aliases in
// both languages.
func ActorNames(actors []kg.Actor) map[string][]string {
	out := map[string][]string{}
	for _, a := range actors {
		for _, n := range append(append([]string{a.Name.Ar, a.Name.En}, a.Aliases.Ar...), a.Aliases.En...) {
			if k := NameKey(n); k != "" {
				out[a.ID] = append(out[a.ID], k)
			}
		}
	}
	return out
}

// AlignSpeakers rewrites the speaker ids of extracted statements to the
// curated ids they stand for, so that an extraction that never saw the
// curators' catalogue is scored by whom it names, not by how it spells ids:
// an extracted speaker keeps its id when the curated catalogue has it, and
// otherwise takes the curated actor that one of its names, or the words that
// named it in the text (details), is a name or alias of. predNames and
// goldNames come from ActorNames. Statements are copied, not modified.
func AlignSpeakers(pred []kg.Statement, details []Detail, predNames, goldNames map[string][]string) []kg.Statement {
	al := NewAligner(predNames, goldNames)
	out := make([]kg.Statement, len(pred))
	for i, st := range pred {
		st.Speakers = append([]string(nil), st.Speakers...)
		for j, id := range st.Speakers {
			var surfaces []string
			if i < len(details) {
				for _, r := range details[i].Speakers {
					if r.ID == id && r.Surface != "" {
						surfaces = append(surfaces, r.Surface)
					}
				}
			}
			st.Speakers[j] = al.ID(id, surfaces...)
		}
		out[i] = st
	}
	return out
}

// Aligner maps extracted actor ids to the curated ids they stand for.
type Aligner struct {
	pred, gold map[string][]string
	byKey      map[string]string
	ambiguous  map[string]bool
}

// NewAligner indexes the curated names (see ActorNames).
func NewAligner(predNames, goldNames map[string][]string) *Aligner {
	a := &Aligner{pred: predNames, gold: goldNames, byKey: map[string]string{}, ambiguous: map[string]bool{}}
	for id, keys := range goldNames {
		for _, k := range keys {
			if prev, ok := a.byKey[k]; ok && prev != id {
				a.ambiguous[k] = true
			}
			a.byKey[k] = id
		}
	}
	return a
}

// ID is the curated id an extracted id stands for: itself when the curated
// catalogue has it, else the curated actor one of its names (or of the
// surfaces that named it) belongs to, else itself.
func (a *Aligner) ID(id string, surfaces ...string) string {
	if _, ok := a.gold[id]; ok {
		return id
	}
	keys := append([]string(nil), a.pred[id]...)
	for _, s := range surfaces {
		keys = append(keys, NameKey(s))
	}
	for _, k := range keys {
		if g, ok := a.byKey[k]; ok && !a.ambiguous[k] {
			return g
		}
	}
	return id
}
