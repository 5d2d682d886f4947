package extract

import (
	"testing"

	"github.com/whosaid/whosaid/kg"
)

// TestTrainLearnsWhichCandidateIsRight: two kinds of decision, where the
// right candidate depends on a feature of the cue; the perceptron must pick
// the right one in both, which a fixed order cannot.
func TestTrainLearnsWhichCandidateIsRight(t *testing.T) {
	mk := func(fem bool) Example {
		v := "verbfem=false"
		if fem {
			v = "verbfem=true"
		}
		return Example{
			Candidates: []Candidate{
				{Source: "last", Feats: []string{"src=last", "src=last|" + v + "|actor=person"}},
				{Source: "subject", Feats: []string{"src=subject", "src=subject|" + v + "|actor=organisation"}},
				{Source: "none", Feats: []string{"src=none"}},
			},
			Gold: []bool{!fem, fem, false},
		}
	}
	var exs []Example
	for i := 0; i < 20; i++ {
		exs = append(exs, mk(i%2 == 0))
	}
	r := Train(exs, 5, "test")
	for _, fem := range []bool{false, true} {
		ex := mk(fem)
		best, bestScore := -1, 0.0
		for i, c := range ex.Candidates {
			if s := r.Score(c.Feats); best < 0 || s > bestScore {
				best, bestScore = i, s
			}
		}
		if !ex.Gold[best] {
			t.Errorf("fem=%v: picked %s", fem, ex.Candidates[best].Source)
		}
	}
}

// TestRankerChoosesAmongCandidatesOnly: a continuation («وأضاف») is where
// the ranker decides. A ranker that favours the last speaker gives the cue
// to him, one that favours the sentence's first person gives it to her,
// and neither attributes a cue the rules leave unattributed.
func TestRankerChoosesAmongCandidatesOnly(t *testing.T) {
	cat := kg.Catalogue{Actors: []kg.Actor{
		{ID: "sergey-lavrov", Kind: kg.Person, Name: kg.Names{En: "Sergey Lavrov", Ar: "سيرغي لافروف"}},
		{ID: "john-kerry", Kind: kg.Person, Name: kg.Names{En: "John Kerry", Ar: "جون كيري"}},
	}}
	text := "عنوان\n\nوقال وزير الخارجية الروسي سيرغي لافروف إن روسيا ترفض التدخل العسكري.\n\nوالتقى جون كيري في موسكو، وأضاف إن الحل السياسي هو الوحيد."
	doc := kg.Document{ID: "t", Lang: "ar", Date: "2013-09-23", Text: text}
	speakerOfLast := func(r *Ranker) string {
		res := New(cat).WithRanker(r).Document(doc)
		if len(res.Statements) < 2 {
			t.Fatalf("ranker %v: %d statements", r != nil, len(res.Statements))
		}
		return res.Statements[len(res.Statements)-1].Speakers[0]
	}
	rules := speakerOfLast(nil)
	last := &Ranker{Weights: map[string]float64{"src=last": 5}}
	subject := &Ranker{Weights: map[string]float64{"src=subject": 5}}
	if got := speakerOfLast(last); got != "sergey-lavrov" {
		t.Errorf("a ranker for the last speaker chose %s", got)
	}
	if got := speakerOfLast(subject); got != "john-kerry" {
		t.Errorf("a ranker for the sentence's first person chose %s (rules: %s)", got, rules)
	}
	if c := subject.Choose([]Candidate{{Source: "last", Feats: []string{"src=last"}}, {Source: "none"}}, -1); c != -1 {
		t.Errorf("the ranker attributed a cue the rules left alone: %d", c)
	}
}
