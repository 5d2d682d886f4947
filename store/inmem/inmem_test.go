package inmem_test

import (
	"context"
	"errors"
	"testing"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/store/inmem"
	"github.com/whosaid/whosaid/store/storetest"
)

var _ graph.Reader = (*inmem.Store)(nil)

// Ensure the in-memory store loaded with the seeds answers the contract
// suite's calls as the seeds say (the Neo4j store's tests check that it
// answers them as Neo4j does).
func TestContract(t *testing.T) {
	storetest.Run(t, storetest.InMemory(t))
}

// Ensure what the in-memory store does not answer says so, rather than
// answering nothing.
func TestSearchIsNotImplemented(t *testing.T) {
	_, err := inmem.New().Search(context.Background(), "putin", nil, "", 10)
	if !errors.Is(err, inmem.ErrNotImplemented) {
		t.Errorf("search: %v, want ErrNotImplemented", err)
	}
}
