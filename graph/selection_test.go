package graph_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/server"
	"github.com/whosaid/whosaid/store/inmem"
	"github.com/whosaid/whosaid/store/storetest"
)

// partsReader is the in-memory store, noting the parts each statement page
// asks for and the parents of each batch of nested pages.
type partsReader struct {
	*inmem.Store
	mu      sync.Mutex
	parts   []kg.StatementParts
	batches [][]kg.PageStart
}

func (r *partsReader) Statements(ctx context.Context, scope kg.StatementScope, f kg.StatementFilter, order kg.StatementOrder, first int, after *kg.SortKey, parts kg.StatementParts) ([]kg.Statement, bool, error) {
	r.mu.Lock()
	r.parts = append(r.parts, parts)
	r.mu.Unlock()
	return r.Store.Statements(ctx, scope, f, order, first, after, parts)
}

func (r *partsReader) StatementPages(ctx context.Context, b kg.StatementBatch, starts []kg.PageStart) ([]kg.StatementPage, error) {
	r.mu.Lock()
	r.parts = append(r.parts, b.Parts)
	r.batches = append(r.batches, starts)
	r.mu.Unlock()
	return r.Store.StatementPages(ctx, b, starts)
}

func newPartsClient(t *testing.T) (*client.Client, *partsReader) {
	t.Helper()
	r := &partsReader{Store: storetest.InMemory(t)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return client.New(server.New(server.Config{}, r, r.Store, server.NewMetrics(), log), client.Path("/graphql")), r
}

// Ensure a statement page asks the store for the parts of each statement
// the client selected, through fragments and aliases, and no others.
func TestPagesReadTheSelectedParts(t *testing.T) {
	c, r := newPartsClient(t)
	for _, tc := range []struct {
		query string
		want  kg.StatementParts
	}{
		{`{ statements(first: 5) { edges { node { id date } } } }`, 0},
		{`{ statements(first: 5) { edges { node { id speakers { id } } } } }`, kg.WithSpeakers},
		{`{ statements(first: 5) { edges { node { ...F } } } } fragment F on Statement { targets { ... on Topic { id } } event { id } }`, kg.WithTargets | kg.WithOccasion},
		{`{ statements(first: 5) { edges { node { ... on Statement { evidence { text } } } } } }`, kg.WithEvidence},
		{`{ statements(first: 5) { edges { node { evidence { document { id } } } } } }`, kg.WithEvidence | kg.WithEvidenceDocuments},
		{`{ statements(first: 5) { a: edges { node { id } } b: edges { node { speakers { id } } } } }`, kg.WithSpeakers},
		{`{ actor(id: "russia") { statements(first: 5) { edges { node { id event { id } } } } } }`, kg.WithOccasion},
		{`{ topics(first: 3) { edges { node { statementsAbout(first: 2) { edges { node { id speakers { id } } } } } } } }`, kg.WithSpeakers},
	} {
		r.parts = nil
		var out map[string]any
		post(t, c, tc.query, &out)
		if len(r.parts) != 1 || r.parts[0] != tc.want {
			t.Errorf("%s: pages asked for parts %05b, want one page asking %05b", tc.query, r.parts, tc.want)
		}
	}
}

// Ensure a statement list nested under a list of parents is read in one
// batch for all of them, with the data each parent's own list gives.
func TestNestedListsAreBatched(t *testing.T) {
	c, r := newPartsClient(t)
	var out struct {
		Actors struct {
			Edges []struct {
				Node struct {
					ID         string
					Statements page
				}
			}
		}
	}
	post(t, c, `{ actors(first: 10) { edges { node { id statements(first: 2) { pageInfo { hasNextPage } edges { node { id } } } } } } }`, &out)
	if len(r.batches) != 1 || len(r.batches[0]) != 10 {
		t.Fatalf("batches of parents %v; want one of 10", r.batches)
	}
	for _, e := range out.Actors.Edges {
		var own struct{ Statements page }
		post(t, c, `query($id: ID!) { statements(filter: {speaker: $id}, first: 2) { pageInfo { hasNextPage } edges { node { id } } } }`, &own, client.Var("id", e.Node.ID))
		if len(own.Statements.Edges) != len(e.Node.Statements.Edges) || own.Statements.PageInfo.HasNextPage != e.Node.Statements.PageInfo.HasNextPage {
			t.Errorf("%s: nested %+v, alone %+v", e.Node.ID, e.Node.Statements, own.Statements)
			continue
		}
		for i := range own.Statements.Edges {
			if own.Statements.Edges[i].Node.ID != e.Node.Statements.Edges[i].Node.ID {
				t.Errorf("%s: nested %+v, alone %+v", e.Node.ID, e.Node.Statements, own.Statements)
			}
		}
	}
}
