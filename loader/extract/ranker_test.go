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

// TestRankerChangesOnlyUnnamedSpeakers: with or without the ranker, a
// statement whose speaker the text names keeps that speaker.
func TestRankerChangesOnlyUnnamedSpeakers(t *testing.T) {
	x := New(kg.Catalogue{Actors: []kg.Actor{{ID: "sergey-lavrov", Kind: kg.Person, Name: kg.Names{En: "Sergey Lavrov", Ar: "سيرغي لافروف"}}}})
	doc := kg.Document{ID: "t", Lang: "ar", Date: "2013-09-23", Text: "عنوان\n\nوقال وزير الخارجية الروسي سيرغي لافروف إن روسيا ترفض التدخل العسكري."}
	for _, r := range []*Ranker{nil, DefaultRanker()} {
		res := x.WithRanker(r).Document(doc)
		if len(res.Statements) == 0 || res.Statements[0].Speakers[0] != "sergey-lavrov" {
			t.Errorf("ranker %v: %+v", r != nil, res.Statements)
		}
	}
}
