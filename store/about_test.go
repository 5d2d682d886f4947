package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/store/inmem"
)

// Ensure the pages of what was said about a node agree with the in-memory
// store over a synthetic corpus, where the first topics are targeted by a
// large share of all statements and their pages walk the (sort key, id)
// index instead of reading every statement about them (the seed graph is
// too small for a walk to be chosen): in every order, with and without
// narrower topics, page after page, alone and in a batch whose parents
// stand at different cursors.
func TestPagesAboutABusyTopicAgreeWithTheInMemoryStore(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	mem := inmem.New()
	loadSynth(t, 20000, st, mem)
	type pager interface {
		StatementPages(context.Context, kg.StatementBatch, []kg.PageStart) ([]kg.StatementPage, error)
		Statements(context.Context, kg.StatementScope, kg.StatementFilter, kg.StatementOrder, int, *kg.SortKey, kg.StatementParts) ([]kg.Statement, bool, error)
	}
	// The corpus has 40 topics, each the target of about 500 statements
	// (t0000 also of its narrower topics'): a page of 7 walks the index
	// (500² > 8 × 20,000), a page of 60 reads the topic's statements. A
	// node that does not exist has no page.
	parents := []string{"t0000", "t0005", "t0039", "nobody"}
	for _, order := range statementOrders() {
		for _, size := range []int{7, 60} {
			for _, reach := range []kg.Reach{{}, {Narrower: true}} {
				name := fmt.Sprintf("%s %s, pages of %d, narrower=%v", order.Field, order.Direction, size, reach.Narrower)
				b := kg.StatementBatch{Anchor: kg.AboutIt, Reach: reach, Order: order, First: size, Parts: kg.WithSpeakers}
				// Three pages of each parent, all parents in one batch, each at
				// its own cursor.
				starts := make([]kg.PageStart, len(parents))
				for i, p := range parents {
					starts[i] = kg.PageStart{Parent: p}
				}
				for pageNo := range 3 {
					var got, want []kg.StatementPage
					for _, s := range []pager{st, mem} {
						pages, err := s.StatementPages(ctx, b, starts)
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						if s == pager(st) {
							got = pages
						} else {
							want = pages
						}
					}
					for i, p := range parents {
						if !slices.Equal(ids(got[i].Items), ids(want[i].Items)) || got[i].HasNext != want[i].HasNext {
							t.Errorf("%s, page %d about %s: %v (more %v), want %v (more %v)", name, pageNo+1, p,
								ids(got[i].Items), got[i].HasNext, ids(want[i].Items), want[i].HasNext)
						}
						if n := len(want[i].Items); n > 0 {
							starts[i].After = sortKey(want[i].Items[n-1], order)
						}
					}
				}
				// A node's own page is the same list.
				for _, p := range parents {
					scope := kg.StatementScope{About: p, Reach: reach}
					got, _, err := st.Statements(ctx, scope, kg.StatementFilter{}, order, size, nil, kg.WithSpeakers)
					if err != nil {
						t.Fatal(err)
					}
					want, _, _ := mem.Statements(ctx, scope, kg.StatementFilter{}, order, size, nil, kg.WithSpeakers)
					if len(want) != size && p != "nobody" || !slices.Equal(ids(got), ids(want)) {
						t.Errorf("%s, about %s alone: %v, want %v", name, p, ids(got), ids(want))
					}
				}
			}
		}
	}
}

func ids(list []kg.Statement) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.ID
	}
	return out
}

// sortKey is the cursor after s in the given order.
func sortKey(s kg.Statement, order kg.StatementOrder) *kg.SortKey {
	if order.Field == kg.OrderByConfidence {
		return &kg.SortKey{Value: s.Confidence, ID: s.ID}
	}
	return &kg.SortKey{Value: s.Date, ID: s.ID}
}
