package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
)

// analyses are the dates, trust and reach the analyses are asked with.
func analyses() []struct {
	name     string
	from, to *string
	trust    kg.Trust
} {
	curated, extracted := kg.Curated, kg.Extracted
	return []struct {
		name     string
		from, to *string
		trust    kg.Trust
	}{
		{"all", nil, nil, kg.Trust{}},
		{"from 2013-09-23", ptr("2013-09-23"), nil, kg.Trust{}},
		// Dates inside months, and a month-only date, cut the stance
		// calendars' months (store.matrixFromCalendars).
		{"2013-09-10 to 2013-09-23", ptr("2013-09-10"), ptr("2013-09-23"), kg.Trust{}},
		{"2016-01-15 to 2018-01", ptr("2016-01-15"), ptr("2018-01"), kg.Trust{}},
		{"curated until 2013-09", nil, ptr("2013-09"), kg.Trust{Method: &curated}},
		{"extracted", nil, nil, kg.Trust{Method: &extracted}},
		{"confident", nil, nil, kg.Trust{MinConfidence: ptr(0.9)}},
	}
}

var reaches = []kg.Reach{{}, {Narrower: true}, {Affiliates: true, Narrower: true}}

func analysisCases() []Case {
	cases := []Case{
		newCase("stats", func(ctx context.Context, r graph.Reader) (kg.Stats, error) { return r.Stats(ctx) }, func(t *testing.T, s kg.Stats) {
			dated := 0
			for _, p := range s.Predicates {
				dated += p.Count
			}
			if s.Documents != 2 || s.Statements < 60 || dated == 0 || dated >= s.Statements || s.FirstDate > s.LastDate || len(s.Relationships) < 10 {
				t.Errorf("stats %+v: want 2 documents, over 60 statements, the dated ones by predicate (x02 is not)", s)
			}
		}),
	}
	for _, reach := range reaches {
		for _, a := range analyses() {
			cases = append(cases, timelineCases(reach, a.name, a.from, a.to, a.trust)...)
			cases = append(cases, matrixCases(reach, a.name, a.from, a.to, a.trust)...)
			cases = append(cases, alignmentCases(reach, a.name, a.from, a.to, a.trust)...)
		}
	}
	return cases
}

func timelineCases(reach kg.Reach, name string, from, to *string, trust kg.Trust) []Case {
	var cases []Case
	for _, q := range [][2]string{{"", ""}, {"russia", ""}, {"vladimir-putin", ""}, {"", "syrian-crisis"}, {"russia", "syrian-crisis"}, {"nobody", ""}, {"", "csto"}} {
		for _, bucket := range []kg.TimeBucket{kg.Day, kg.Month, kg.Year} {
			if bucket != kg.Month && name != "all" {
				continue
			}
			width := map[kg.TimeBucket]int{kg.Day: 10, kg.Month: 7, kg.Year: 4}[bucket]
			cases = append(cases, newCase(fmt.Sprintf("timeline/%+v/actor %q topic %q/%s/%s", reach, q[0], q[1], bucket, name),
				func(ctx context.Context, r graph.Reader) ([]kg.TimelineBucket, error) {
					return r.Timeline(ctx, q[0], q[1], from, to, bucket, trust, reach)
				}, func(t *testing.T, buckets []kg.TimelineBucket) {
					for i, b := range buckets {
						sum := 0
						for _, c := range b.Counts {
							sum += c.Count
						}
						if sum != b.Total || len(b.Bucket) > width || i > 0 && (buckets[i-1].Bucket == "" || b.Bucket != "" && b.Bucket <= buckets[i-1].Bucket) {
							t.Errorf("bucket %+v after %v: want dated buckets in order, the undated one last", b, buckets[:i])
						}
					}
					undated := len(buckets) > 0 && buckets[len(buckets)-1].Bucket == ""
					// Undated statements are counted for an actor or topic, not
					// over all statements nor between dates: Putin's joint one.
					if undated && (q == [2]string{} || from != nil || to != nil) {
						t.Errorf("an undated bucket in %+v", buckets)
					}
					if q[0] == "vladimir-putin" && name == "all" && !undated {
						t.Errorf("Putin's undated statement is not in his timeline %+v", buckets)
					}
					if (q[0] == "nobody" || q[1] == "csto") && len(buckets) > 0 {
						t.Errorf("a timeline of nobody, or of an actor as a topic: %+v", buckets)
					}
				}))
		}
	}
	return cases
}

func matrixCases(reach kg.Reach, name string, from, to *string, trust kg.Trust) []Case {
	var cases []Case
	for _, q := range []struct {
		actors, topics []string
		withStatements bool
	}{
		{nil, nil, true},
		{[]string{"russia", "csto", "vladimir-putin", "nobody"}, []string{"syrian-crisis", "military-intervention-in-syria", "csto"}, true},
		{nil, nil, false},
		{[]string{"russia", "csto", "vladimir-putin", "nobody"}, []string{"syrian-crisis", "military-intervention-in-syria", "csto"}, false},
	} {
		cases = append(cases, newCase(fmt.Sprintf("stanceMatrix/%+v/%v by %v/%s/statements %v", reach, q.actors, q.topics, name, q.withStatements),
			func(ctx context.Context, r graph.Reader) (kg.StanceMatrix, error) {
				m, err := r.StanceMatrix(ctx, q.actors, q.topics, from, to, trust, reach, q.withStatements)
				for i := range m.Cells {
					slices.Sort(m.Cells[i].Statements)
				}
				return m, err
			}, func(t *testing.T, m kg.StanceMatrix) {
				if len(m.Actors) > 10 && q.actors == nil || len(m.Topics) > 10 && q.topics == nil {
					t.Errorf("the most active: %d actors, %d topics; want at most 10 each", len(m.Actors), len(m.Topics))
				}
				for _, c := range m.Cells {
					if q.withStatements && c.Favor+c.Against+c.Neutral != len(c.Statements) ||
						!q.withStatements && (len(c.Statements) > 0 || c.Favor+c.Against+c.Neutral == 0) || !slices.Contains(m.Actors, c.Actor) || !slices.Contains(m.Topics, c.Group) ||
						!reach.Narrower && c.Topic != c.Group {
						t.Errorf("cell %+v of a matrix of %v by %v", c, m.Actors, m.Topics)
					}
				}
				if name == "all" && len(m.Cells) == 0 {
					t.Error("no cells")
				}
			}))
	}
	return cases
}

func alignmentCases(reach kg.Reach, name string, from, to *string, trust kg.Trust) []Case {
	var cases []Case
	for _, actor := range []string{"russia", "csto", "vladimir-putin", "united-states", "nobody"} {
		for _, first := range []int{2, 20} {
			cases = append(cases, newCase(fmt.Sprintf("alignment/%+v/%s first %d/%s", reach, actor, first, name),
				func(ctx context.Context, r graph.Reader) ([]kg.Alignment, error) {
					list, err := r.Alignment(ctx, actor, from, to, first, trust, reach)
					for _, al := range list {
						for i := range al.Shared {
							slices.Sort(al.Shared[i].MyStatements)
							slices.Sort(al.Shared[i].TheirStatements)
						}
					}
					return list, err
				}, func(t *testing.T, list []kg.Alignment) {
					if len(list) > first || actor == "nobody" && len(list) > 0 {
						t.Errorf("%d alignments of %s, asked for %d", len(list), actor, first)
					}
					for _, al := range list {
						if al.Agreements+al.Disagreements > len(al.Shared) || al.Score < -1 || al.Score > 1 || al.Actor == actor ||
							!slices.IsSortedFunc(al.Shared, func(a, b kg.SharedTarget) int { return compare(a.Target, b.Target) }) {
							t.Errorf("alignment %+v", al)
						}
					}
				}))
		}
	}
	return cases
}
