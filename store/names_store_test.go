package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store"
)

// seeded empties the test database and loads the seed folder into it.
func seeded(t *testing.T) (*store.Store, *loader.Seeds) {
	t.Helper()
	st := neo4jtest.Store(t)
	folder := loader.Dir("../seeds")
	if _, err := loader.Load(context.Background(), st, []loader.Folder{folder}, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	seeds, err := loader.Read(folder)
	if err != nil {
		t.Fatal(err)
	}
	return st, seeds
}

// alter changes the test database behind the store's back, as an older
// whosaid or a hand edit would have left it, and returns what the query did.
func alter(t *testing.T, cypher string) *neo4j.EagerResult {
	t.Helper()
	ctx := context.Background()
	drv, err := neo4j.NewDriverWithContext(neo4jtest.URI(), neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, drv, cypher, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// count runs a query behind the store's back whose one row is a count n.
func count(t *testing.T, cypher string) int64 {
	t.Helper()
	n, _ := alter(t, cypher).Records[0].Get("n")
	return n.(int64)
}

// Ensure a graph loaded by a whosaid that stored no folded name keys gets
// them from EnsureSchema, so its actors and topics can be found by name.
func TestEnsureSchemaGivesOldGraphsTheirNameKeys(t *testing.T) {
	st, _ := seeded(t)
	ctx := context.Background()
	name := "بُوتِين"
	found := func() (actors, topics int) {
		t.Helper()
		a, _, err := st.Actors(ctx, kg.ActorFilter{Name: &name}, 10, "")
		if err != nil {
			t.Fatal(err)
		}
		tp, _, err := st.Topics(ctx, "التَّدَخُّل", 10, "")
		if err != nil {
			t.Fatal(err)
		}
		return len(a), len(tp)
	}
	if a, tp := found(); a == 0 || tp == 0 {
		t.Fatalf("after a load: %d actors, %d topics found, want some of each", a, tp)
	}

	alter(t, `MATCH (n:Actor|Topic) REMOVE n.names_key`)
	if a, tp := found(); a != 0 || tp != 0 {
		t.Fatalf("without name keys: %d actors, %d topics found", a, tp)
	}
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if a, tp := found(); a == 0 || tp == 0 {
		t.Errorf("after EnsureSchema: %d actors, %d topics found, want some of each", a, tp)
	}
}

// Ensure a property of the wrong type (a name stored as a number by a hand
// edit) fails the read as an internal error instead of answering an actor
// with no name.
func TestMistypedPropertiesFailTheRead(t *testing.T) {
	st, _ := seeded(t)
	alter(t, `MATCH (a:Actor {id: 'vladimir-putin'}) SET a.name_en = 42`)
	_, err := st.ActorsByID(context.Background(), []string{"vladimir-putin"})
	var kerr *kg.Error
	if !errors.As(err, &kerr) || kerr.Kind != kg.Internal || !strings.Contains(kerr.Err.Error(), "name_en") {
		t.Fatalf("err = %v, want an internal error naming name_en", err)
	}
}

// Ensure a graph loaded by a whosaid that stored no sort_date gets it from
// EnsureSchema: the statement lists walk its index, which would otherwise
// hold none of the statements.
func TestEnsureSchemaGivesOldGraphsTheirSortDates(t *testing.T) {
	st, _ := seeded(t)
	ctx := context.Background()
	listed := func() int {
		t.Helper()
		items, _, err := st.Statements(ctx, kg.StatementScope{}, kg.StatementFilter{}, kg.StatementOrder{Field: kg.OrderByDate, Direction: kg.Asc}, 10, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(items)
	}
	if n := listed(); n != 10 {
		t.Fatalf("after a load: %d statements listed, want 10", n)
	}
	alter(t, `MATCH (s:Statement) REMOVE s.sort_date`)
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if n := listed(); n != 10 {
		t.Errorf("after EnsureSchema: %d statements listed, want 10", n)
	}
}

// Ensure a graph loaded by a whosaid that put no sort keys on MADE and
// TARGETS gets them from EnsureSchema: a speaker's and a topic's pages walk
// those relationships' indexes, which would otherwise hold none of them.
func TestEnsureSchemaGivesOldGraphsTheirPageKeys(t *testing.T) {
	st, _ := seeded(t)
	ctx := context.Background()
	order := kg.StatementOrder{Field: kg.OrderByConfidence, Direction: kg.Desc}
	listed := func(scope kg.StatementScope) []string {
		t.Helper()
		items, _, err := st.Statements(ctx, scope, kg.StatementFilter{}, order, 5, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		return ids(items)
	}
	scopes := []kg.StatementScope{{Speaker: "vladimir-putin"}, {About: "syrian-crisis", Reach: kg.Reach{Narrower: true}}}
	var before [][]string
	for _, scope := range scopes {
		if l := listed(scope); len(l) == 0 {
			t.Fatalf("after a load: nothing listed for %+v", scope)
		} else {
			before = append(before, l)
		}
	}
	alter(t, `MATCH ()-[m:MADE|TARGETS]->() REMOVE m.speaker, m.target, m.sort_date, m.confidence, m.statement`)
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	for i, scope := range scopes {
		if l := listed(scope); !slices.Equal(l, before[i]) {
			t.Errorf("after EnsureSchema, %+v lists %v, want %v", scope, l, before[i])
		}
	}
}
