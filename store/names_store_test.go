package store_test

import (
	"context"
	"io"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
)

// Ensure a graph loaded by a whosaid that stored no folded name keys gets
// them from EnsureSchema, so its actors and topics can be found by name.
func TestEnsureSchemaGivesOldGraphsTheirNameKeys(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	seeds, err := loader.Read(loader.Dir("../seeds"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loader.Load(ctx, st, seeds, io.Discard); err != nil {
		t.Fatal(err)
	}
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

	drv, err := neo4j.NewDriverWithContext(neo4jtest.URI(), neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	if _, err := neo4j.ExecuteQuery(ctx, drv, `MATCH (n:Actor|Topic) REMOVE n.names_key`, nil, neo4j.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
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
