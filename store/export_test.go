package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// Ensure whole-graph exports page by node kind: the actor kinds together in
// id order as one family, one kind of it alone, and kinds of two families
// refused, so no caller needs to know the Neo4j labels behind a kind.
func TestExportIDsByKind(t *testing.T) {
	st, seeds := seeded(t)
	ctx := context.Background()
	ids := func(kinds ...kg.NodeKind) []string {
		t.Helper()
		var all []string
		for after := ""; ; {
			page, err := st.ExportIDs(ctx, kinds, after, 50, subgraph.Filter{})
			if err != nil {
				t.Fatalf("%v: %v", kinds, err)
			}
			all = append(all, page...)
			if len(page) < 50 {
				return all
			}
			after = page[len(page)-1]
		}
	}
	var actors, countries []string
	for _, a := range seeds.Catalogue.Actors {
		actors = append(actors, a.ID)
		if a.Kind == kg.Country {
			countries = append(countries, a.ID)
		}
	}
	slices.Sort(actors)
	slices.Sort(countries)
	if len(countries) == 0 || len(countries) == len(actors) {
		t.Fatalf("the seeds have %d countries among %d actors: nothing to tell apart", len(countries), len(actors))
	}
	if got := ids(kg.PersonNode, kg.OrganisationNode, kg.CountryNode); !slices.Equal(got, actors) {
		t.Errorf("every actor kind: %d ids, want the %d actors in id order", len(got), len(actors))
	}
	if got := ids(kg.CountryNode); !slices.Equal(got, countries) {
		t.Errorf("countries: %v, want %v", got, countries)
	}
	for _, kinds := range [][]kg.NodeKind{{kg.PersonNode, kg.TopicNode}, {"NOTHING"}, nil} {
		if _, err := st.ExportIDs(ctx, kinds, "", 10, subgraph.Filter{}); kg.KindOf(err) != kg.Invalid {
			t.Errorf("%v: err = %v, want Invalid", kinds, err)
		}
	}
}
