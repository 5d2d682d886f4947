package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
)

// batched is a batch of nested pages beside the pages each parent's own
// list gives from the same starts.
type batched struct {
	Batch, Alone []kg.StatementPage
}

// nestedCases ask for nested statement lists, many parents at once: each
// parent's page must be the page its own list gives, at the head of the
// list and after the parent's own cursor.
func nestedCases() []Case {
	var cases []Case
	anchors := []struct {
		name    string
		anchor  kg.Anchor
		reach   kg.Reach
		parents []string
	}{
		{"made by", kg.MadeBy, kg.Reach{Affiliates: true}, []string{"russia", "vladimir-putin", "csto", "nobody"}},
		{"made at", kg.MadeAt, kg.Reach{}, []string{"csto-summit-sochi-2013", "geneva-ii-conference"}},
		{"about", kg.AboutIt, kg.Reach{Narrower: true}, []string{"syrian-crisis", "geneva-ii-conference", "united-states", "sochi", "vladimir-putin"}},
	}
	for _, a := range anchors {
		for _, order := range []kg.StatementOrder{{Field: kg.OrderByDate, Direction: kg.Asc}, {Field: kg.OrderByConfidence, Direction: kg.Desc}} {
			for _, f := range []kg.StatementFilter{{}, {Polarity: ptr(kg.Against)}} {
				b := kg.StatementBatch{Anchor: a.anchor, Reach: a.reach, Filter: f, Order: order, First: 3, Parts: kg.AllStatementParts}
				name := fmt.Sprintf("statementPages/%s/order %s %s/polarity %v", a.name, order.Field, order.Direction, kg.Or(f.Polarity, ""))
				cases = append(cases, newCase(name, batchAndAlone(b, a.parents), sameAsAlone))
			}
		}
	}
	return append(cases, newCase("statements/only the parts asked for", partsAlone, partsAsFull))
}

// batchAndAlone reads the first page of every parent in one batch, then a
// second batch where each parent starts after its own first page and one
// starts again at its head; and the same pages from each parent's own list.
func batchAndAlone(b kg.StatementBatch, parents []string) func(context.Context, graph.Reader) ([]batched, error) {
	return func(ctx context.Context, r graph.Reader) ([]batched, error) {
		starts := make([]kg.PageStart, len(parents))
		for i, p := range parents {
			starts[i] = kg.PageStart{Parent: p}
		}
		first, err := askBoth(ctx, r, b, starts)
		if err != nil {
			return nil, err
		}
		next := []kg.PageStart{starts[0]}
		for i, page := range first.Batch {
			if n := len(page.Items); n > 0 {
				last := page.Items[n-1]
				key := &kg.SortKey{Value: last.Date, ID: last.ID}
				if b.Order.Field == kg.OrderByConfidence {
					key.Value = last.Confidence
				}
				next = append(next, kg.PageStart{Parent: parents[i], After: key})
			}
		}
		second, err := askBoth(ctx, r, b, next)
		return []batched{first, second}, err
	}
}

func askBoth(ctx context.Context, r graph.Reader, b kg.StatementBatch, starts []kg.PageStart) (batched, error) {
	var out batched
	var err error
	if out.Batch, err = r.StatementPages(ctx, b, starts); err != nil {
		return out, err
	}
	for _, st := range starts {
		items, more, err := r.Statements(ctx, b.Anchor.Scope(st.Parent, b.Reach), b.Filter, b.Order, b.First, st.After, b.Parts)
		if err != nil {
			return out, err
		}
		out.Alone = append(out.Alone, kg.StatementPage{Items: items, HasNext: more})
	}
	return out, nil
}

func sameAsAlone(t *testing.T, rounds []batched) {
	some := false
	for i, r := range rounds {
		if diff := cmp.Diff(r.Alone, r.Batch); diff != "" {
			t.Errorf("batch %d differs from each parent's own list (-alone +batch):\n%s", i, diff)
		}
		for _, p := range r.Batch {
			some = some || len(p.Items) > 0
		}
	}
	if !some {
		t.Error("every page is empty; the case proves nothing")
	}
}

// partSets are the parts a page may ask for, one at a time, and all.
var partSets = []kg.StatementParts{0, kg.WithSpeakers, kg.WithTargets, kg.WithOccasion, kg.WithEvidence,
	kg.WithEvidence | kg.WithEvidenceDocuments, kg.AllStatementParts}

// partsAlone reads the same page with each set of parts.
func partsAlone(ctx context.Context, r graph.Reader) ([][]kg.Statement, error) {
	var out [][]kg.Statement
	for _, parts := range partSets {
		items, _, err := r.Statements(ctx, kg.StatementScope{}, kg.StatementFilter{}, kg.StatementOrder{Field: kg.OrderByDate}, 40, nil, parts)
		if err != nil {
			return nil, err
		}
		out = append(out, items)
	}
	return out, nil
}

// partsAsFull checks that a page read with some parts holds those parts as
// the full page does, and none of the others.
func partsAsFull(t *testing.T, pages [][]kg.Statement) {
	full := pages[len(pages)-1]
	for i, parts := range partSets {
		for j, st := range pages[i] {
			whole := full[j]
			for _, p := range []struct {
				part      kg.StatementParts
				got, want any
			}{
				{kg.WithSpeakers, st.SpeakerActors, whole.SpeakerActors},
				{kg.WithTargets, st.TargetNodes, whole.TargetNodes},
				{kg.WithOccasion, st.Occasion, whole.Occasion},
				{kg.WithEvidence, mentionIDs(st.Evidence), mentionIDs(whole.Evidence)},
				{kg.WithEvidenceDocuments, withDocs(st.Evidence), withDocs(whole.Evidence)},
			} {
				asked := parts.Has(p.part) && (p.part != kg.WithEvidenceDocuments || parts.Has(kg.WithEvidence))
				if asked && !cmp.Equal(p.got, p.want) || !asked && !empty(p.got) {
					t.Errorf("%s with parts %05b: part %05b is %v, the full page has %v", st.ID, parts, p.part, p.got, p.want)
				}
			}
		}
	}
	if slices.IndexFunc(full, func(s kg.Statement) bool { return len(s.SpeakerActors) > 0 && len(s.Evidence) > 0 }) < 0 {
		t.Error("no statement of the page has speakers and evidence; the case proves nothing")
	}
}

func mentionIDs(list []kg.Mention) []string {
	var out []string
	for _, m := range list {
		out = append(out, m.ID)
	}
	return out
}

// withDocs lists the documents of the mentions that come with theirs.
func withDocs(list []kg.Mention) []string {
	var out []string
	for _, m := range list {
		if m.Doc != nil {
			out = append(out, m.Doc.ID)
		}
	}
	return out
}

// empty reports whether a part holds nothing.
func empty(v any) bool {
	switch x := v.(type) {
	case []kg.Actor:
		return len(x) == 0
	case []kg.Target:
		return len(x) == 0
	case *kg.Event:
		return x == nil
	case []string:
		return len(x) == 0
	}
	return false
}
