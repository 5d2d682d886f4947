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

// Ensure a speaker's pages and the pages of what was said about a node,
// which walk the indexes of MADE and TARGETS, agree with the in-memory
// store over a synthetic corpus of speakers and topics of every size: in
// every order, with and without affiliates and narrower topics, page after
// page, alone and in a batch whose parents stand at different cursors.
func TestSpeakerAndTargetPagesAgreeWithTheInMemoryStore(t *testing.T) {
	st := neo4jtest.Store(t)
	mem := inmem.New()
	loadSynth(t, 20000, st, mem)
	// The corpus has 40 topics, each the target of about 500 statements
	// (t0000 also of its narrower topics'); a00000 is the busiest speaker (a
	// country with bodies and officials), a00030 a middling one, a00199 among
	// the least active. A node that does not exist has no page.
	anchors := map[kg.Anchor][]string{
		kg.AboutIt: {"t0000", "t0005", "t0039", "nobody"},
		kg.MadeBy:  {"a00000", "a00030", "a00199", "nobody"},
	}
	for anchor, parents := range anchors {
		for _, order := range statementOrders() {
			for _, size := range []int{7, 60} {
				for _, reach := range []kg.Reach{{}, {Narrower: true, Affiliates: true}} {
					b := kg.StatementBatch{Anchor: anchor, Reach: reach, Order: order, First: size, Parts: kg.WithSpeakers}
					pagesAgree(t, st, mem, b, parents)
				}
			}
		}
	}
}

// pager is what pagesAgree asks of each store.
type pager interface {
	StatementPages(context.Context, kg.StatementBatch, []kg.PageStart) ([]kg.StatementPage, error)
	Statements(context.Context, kg.StatementScope, kg.StatementFilter, kg.StatementOrder, int, *kg.SortKey, kg.StatementParts) ([]kg.Statement, bool, error)
}

// pagesAgree reads three pages of b for every parent from both stores, all
// parents in one batch each at its own cursor, and each parent's own first
// page.
func pagesAgree(t *testing.T, st, mem pager, b kg.StatementBatch, parents []string) {
	t.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("%v %s %s, pages of %d, reach %+v", b.Anchor, b.Order.Field, b.Order.Direction, b.First, b.Reach)
	starts := make([]kg.PageStart, len(parents))
	for i, p := range parents {
		starts[i] = kg.PageStart{Parent: p}
	}
	for pageNo := range 3 {
		got, err := st.StatementPages(ctx, b, starts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := mem.StatementPages(ctx, b, starts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, p := range parents {
			if !slices.Equal(ids(got[i].Items), ids(want[i].Items)) || got[i].HasNext != want[i].HasNext {
				t.Errorf("%s, page %d of %s: %v (more %v), want %v (more %v)", name, pageNo+1, p,
					ids(got[i].Items), got[i].HasNext, ids(want[i].Items), want[i].HasNext)
			}
			if n := len(want[i].Items); n > 0 {
				starts[i].After = sortKey(want[i].Items[n-1], b.Order)
			}
		}
	}
	for _, p := range parents {
		scope := b.Anchor.Scope(p, b.Reach)
		got, _, err := st.Statements(ctx, scope, kg.StatementFilter{}, b.Order, b.First, nil, kg.WithSpeakers)
		if err != nil {
			t.Fatal(err)
		}
		want, _, _ := mem.Statements(ctx, scope, kg.StatementFilter{}, b.Order, b.First, nil, kg.WithSpeakers)
		if len(want) == 0 && p != "nobody" || !slices.Equal(ids(got), ids(want)) {
			t.Errorf("%s, %s alone: %v, want %v", name, p, ids(got), ids(want))
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
