package extract

import (
	"strings"
	"testing"

	"github.com/whosaid/whosaid/kg"
)

// Every predicate of kg's table can be extracted in each language: some cue
// word or phrase of the language's lexicon carries it, or the language lists
// it among the predicates only a rule gives. A predicate added to the table
// without lexicon entries fails here.
func TestEveryPredicateIsCued(t *testing.T) {
	for _, c := range []struct {
		lx      *lexicon
		uncued  map[kg.Predicate]string
		listing string
	}{
		{buildArabic(), arabicUncued, "arabicUncued"},
		{buildEnglish(), englishUncued, "englishUncued"},
	} {
		cued := cuedPredicates(c.lx)
		for _, p := range kg.PredicateTable {
			_, listed := c.uncued[p.Name]
			switch {
			case cued[p.Name] && listed:
				t.Errorf("%s: %s has cues but is listed in %s", c.lx.lang, p.Name, c.listing)
			case !cued[p.Name] && !listed:
				t.Errorf("%s: no cue carries %s: add one to the lexicon, or list it in %s with the rule that gives it", c.lx.lang, p.Name, c.listing)
			}
		}
		for p := range c.uncued {
			if _, ok := kg.Predicates[p]; !ok {
				t.Errorf("%s lists %s, which kg's table lacks", c.listing, p)
			}
		}
		for p := range cued {
			if _, ok := kg.Predicates[p]; !ok && p != "" {
				t.Errorf("%s: the lexicon has cues for %s, which kg's table lacks", c.lx.lang, p)
			}
		}
	}
}

// cuedPredicates are the predicates the lexicon's cue forms and phrases carry.
func cuedPredicates(lx *lexicon) map[kg.Predicate]bool {
	out := map[kg.Predicate]bool{}
	for _, fs := range lx.forms {
		for _, f := range fs {
			out[f.lemma.pred] = true
		}
	}
	for _, infos := range lx.infos {
		for _, in := range infos {
			out[in.pred] = true
		}
	}
	return out
}

// Every predicate, asserted or negated, of any polarity, gets a summary that
// says it with a verb; a predicate the table lacks falls back to ASSERT's.
func TestSummaryOfEveryPredicate(t *testing.T) {
	speakers := []ref{{e: &Entity{En: "Sergey Lavrov"}}}
	targets := []ref{{e: &Entity{En: "military intervention in Syria"}}}
	preds := []kg.Predicate{"NOT_IN_THE_TABLE"}
	for _, info := range kg.PredicateTable {
		preds = append(preds, info.Name)
	}
	for _, p := range preds {
		for _, modality := range []string{"asserted", "negated"} {
			for _, pol := range []kg.Polarity{kg.Favor, kg.Against, kg.Neutral} {
				st := kg.Statement{Predicate: p, Polarity: pol, Modality: modality}
				got := summarize(speakers, st, targets)
				verb, ok := strings.CutPrefix(got, "Sergey Lavrov ")
				verb, _, found := strings.Cut(verb, " military intervention in Syria (extracted by ")
				if !ok || !found || verb == "" || strings.Contains(verb, "  ") {
					t.Errorf("%s %s %s: summary %q", modality, p, pol, got)
					continue
				}
				if negated := strings.HasPrefix(verb, "does not "); negated != (modality == "negated") {
					t.Errorf("%s %s %s: verb %q", modality, p, pol, verb)
				}
			}
		}
	}
	st := kg.Statement{Predicate: "NOT_IN_THE_TABLE", Modality: "asserted"}
	if got, want := verbOf(st), kg.Predicates[kg.Assert].Verb; got != want {
		t.Errorf("an unknown predicate reads %q, want %q", got, want)
	}
}
