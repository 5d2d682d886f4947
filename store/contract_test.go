package store_test

import (
	"context"
	"testing"

	"github.com/whosaid/whosaid/store/storetest"
)

// Ensure the Neo4j store answers the contract suite as the seeds say, and
// exactly as the in-memory store does: the fast tests that stand on the
// in-memory store (graph, server, store/inmem) speak for production only
// while the two agree.
func TestContract(t *testing.T) {
	st, _ := seeded(t)
	if err := storetest.WriteExtra(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	t.Run("seeds", func(t *testing.T) { storetest.Run(t, st) })
	t.Run("inmem", func(t *testing.T) { storetest.Agree(t, st, storetest.InMemory(t)) })
}
