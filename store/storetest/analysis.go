package storetest

import (
	"context"
	"testing"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
)

func analysisCases() []Case {
	return []Case{
		newCase("stats", func(ctx context.Context, r graph.Reader) (kg.Stats, error) { return r.Stats(ctx) }, func(t *testing.T, s kg.Stats) {
			dated := 0
			for _, p := range s.Predicates {
				dated += p.Count
			}
			if s.Documents != 2 || s.Statements < 60 || dated == 0 || dated > s.Statements || s.FirstDate > s.LastDate || len(s.Relationships) < 10 {
				t.Errorf("stats %+v", s)
			}
		}),
	}
}
