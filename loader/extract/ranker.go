package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The speaker ranker: where no words next to a cue name its speaker
// («وأضاف», «مشيرا إلى», "he added"), several earlier actors compete — the
// speaker already named in this sentence, the issuer of a text it quotes,
// the first person the sentence names, the last speaker — and so does
// attributing the cue to no one. The rules try them in a fixed order; the
// ranker scores each with a linear model over features of the candidate and
// the cue, trained by `whosaid train` on the curated development split
// (averaged perceptron), and picks the best. Its weights are a small JSON
// file committed beside this one and embedded: no download, no network.

//go:embed ranker.json
var rankerJSON []byte

// Ranker is a linear model over string features.
type Ranker struct {
	Version string `json:"version"`
	Trained string `json:"trained"` // what it was trained on, for the record
	// Enabled says whether extraction uses it: whosaid train sets it only
	// when the ranker beat the rules' order leaving one source out.
	Enabled bool               `json:"enabled"`
	Why     string             `json:"why"`
	Weights map[string]float64 `json:"weights"`
}

// DefaultRanker is the ranker committed with the rules (nil when the file
// holds none). It is read once; callers must not change it.
var DefaultRanker = sync.OnceValue(func() *Ranker {
	var r Ranker
	if len(rankerJSON) == 0 || json.Unmarshal(rankerJSON, &r) != nil || len(r.Weights) == 0 {
		return nil
	}
	return &r
})

// Choose is the candidate the ranker picks among those of a decision (the
// last, "none", excluded), or -1. Whether to attribute the cue at all stays
// the rules' call: with rulesChoice -1 it is -1 (a ranker that could also
// abstain did worse leaving one source out, and dropped plain
// continuations).
func (r *Ranker) Choose(cands []Candidate, rulesChoice int) int {
	if rulesChoice < 0 {
		return -1
	}
	best, bestScore := rulesChoice, r.Score(cands[rulesChoice].Feats)
	for i := 0; i < len(cands)-1; i++ {
		if sc := r.Score(cands[i].Feats); sc > bestScore {
			best, bestScore = i, sc
		}
	}
	return best
}

// Score is the sum of the weights of the features.
func (r *Ranker) Score(feats []string) float64 {
	s := 0.0
	for _, f := range feats {
		s += r.Weights[f]
	}
	return s
}

// Candidate is one possible speaker of a cue at a decision: where it comes
// from and its features. The last candidate of a decision is always "none".
type Candidate struct {
	Source   string   // sentence, issuer, subject, last, none
	Speakers []string // entity ids (none: empty)
	Feats    []string
}

// Decision is one place where a ranker chooses, as recorded for training.
type Decision struct {
	Sentence   int // index into Doc.Sentences
	Start, End int // code points of the sentence
	Candidates []Candidate
	Chosen     int // the candidate chosen (the last: none)
	Rules      int // the rules' choice (-1: none)
}

// inheritCandidate is a candidate before it has features.
type inheritCandidate struct {
	src  string
	refs []ref
}

// chooseInherited decides who speaks a cue whose speaker the text does not
// name: the rules' order, or the ranker's best, or no one (-1).
func (s *docState) chooseInherited(si, k, after, b int, f form, cands []inheritCandidate, rulesChoice int) int {
	if s.x.ranker == nil && s.trace == nil {
		return rulesChoice // no ranker to ask and no trace to keep: no features to build
	}
	toks := s.d.Tokens
	verbFem, verbPl := s.lang.agreement(toks[k], f)
	unresolved := s.lang.subjectUnresolved(s, after, b)
	conj := strings.HasPrefix(toks[k].Key, "و") || strings.HasPrefix(toks[k].Key, "ف")
	base := []string{
		"lang=" + s.lx.lang,
		"kind=" + f.kind.String(),
		fmt.Sprintf("cont=%v", f.lemma.cont),
		fmt.Sprintf("conj=%v", conj),
		fmt.Sprintf("unresolved=%v", unresolved),
		fmt.Sprintf("headline=%v", s.d.Sentences[si].Headline),
		fmt.Sprintf("boundary=%v", s.isBoundary(k, s.d.Sentences[si].Start, f)),
	}
	var all []Candidate
	for i, c := range cands {
		src := "src=" + c.src
		feats := []string{src}
		for _, bf := range base {
			feats = append(feats, src+"|"+bf)
		}
		kind := "mixed"
		if len(c.refs) == 1 {
			kind = strings.ToLower(string(c.refs[0].e.Actor))
		} else if len(c.refs) > 1 {
			kind = "joint"
		}
		dist := si - s.lastSent
		if c.src != "last" {
			dist = 0
		}
		feats = append(feats,
			src+"|actor="+kind,
			fmt.Sprintf("%s|verbfem=%v|actor=%s", src, verbFem, kind),
			fmt.Sprintf("%s|verbpl=%v|actor=%s", src, verbPl, kind),
			fmt.Sprintf("%s|dist=%d", src, min(dist, 4)),
			fmt.Sprintf("%s|rules=%v", src, i == rulesChoice),
			fmt.Sprintf("%s|new=%v", src, len(c.refs) > 0 && c.refs[0].e.New))
		all = append(all, Candidate{Source: c.src, Speakers: idsOf(c.refs), Feats: feats})
	}
	none := []string{"src=none", fmt.Sprintf("src=none|rules=%v", rulesChoice < 0), fmt.Sprintf("src=none|n=%d", min(len(cands), 3))}
	for _, bf := range base {
		none = append(none, "src=none|"+bf)
	}
	all = append(all, Candidate{Source: "none", Feats: none})
	choice := rulesChoice
	if s.x.ranker != nil {
		choice = s.x.ranker.Choose(all, rulesChoice)
	}
	if s.trace != nil {
		st, en := s.d.Sentences[si].Span(&s.d.Text)
		chosen := choice
		if chosen < 0 {
			chosen = len(all) - 1
		}
		*s.trace = append(*s.trace, Decision{Sentence: si, Start: st, End: en, Candidates: all, Chosen: chosen, Rules: rulesChoice})
	}
	return choice
}

func idsOf(rs []ref) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.e.ID)
	}
	return out
}

func (k formKind) String() string {
	switch k {
	case perfect:
		return "perfect"
	case imperfect:
		return "imperfect"
	case participle:
		return "participle"
	case noun:
		return "noun"
	}
	return "other"
}

// Example is one decision with the candidates that were right.
type Example struct {
	Candidates []Candidate
	Gold       []bool // per candidate; the last (none) is right when no other is
	Rules      int    // the rules' choice (-1: none)
}

// Train fits a ranker to examples: a multiclass averaged perceptron (the
// candidate scoring highest is the prediction; on a mistake, the features of
// the best right candidate gain and those of the prediction lose), the
// weights averaged over every step so the model does not chase the last
// examples. Deterministic: examples are visited in a fixed shuffled order.
func Train(examples []Example, epochs int, note string) *Ranker {
	w, total := map[string]float64{}, map[string]float64{}
	stamp, last := 0, map[string]int{}
	update := func(f string, d float64) {
		total[f] += float64(stamp-last[f]) * w[f]
		last[f] = stamp
		w[f] += d
	}
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	seed := uint64(42)
	for e := 0; e < epochs; e++ {
		for i := len(order) - 1; i > 0; i-- { // Fisher–Yates with a fixed LCG
			seed = seed*6364136223846793005 + 1442695040888963407
			j := int(seed>>33) % (i + 1)
			order[i], order[j] = order[j], order[i]
		}
		for _, idx := range order {
			ex := examples[idx]
			stamp++
			pred, predScore := -1, 0.0
			gold, goldScore := -1, 0.0
			for i, c := range ex.Candidates {
				sc := 0.0
				for _, f := range c.Feats {
					sc += w[f]
				}
				if pred < 0 || sc > predScore {
					pred, predScore = i, sc
				}
				if ex.Gold[i] && (gold < 0 || sc > goldScore) {
					gold, goldScore = i, sc
				}
			}
			if gold < 0 || ex.Gold[pred] {
				continue
			}
			for _, f := range ex.Candidates[gold].Feats {
				update(f, 1)
			}
			for _, f := range ex.Candidates[pred].Feats {
				update(f, -1)
			}
		}
	}
	stamp++
	out := &Ranker{Version: Version, Trained: note, Weights: map[string]float64{}}
	keys := make([]string, 0, len(w))
	for f := range w {
		keys = append(keys, f)
	}
	sort.Strings(keys)
	for _, f := range keys {
		avg := (total[f] + float64(stamp-last[f])*w[f]) / float64(stamp)
		if avg > 1e-9 || avg < -1e-9 {
			out.Weights[f] = float64(int64(avg*1e4)) / 1e4
		}
	}
	return out
}
