package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/store"
	"github.com/whosaid/whosaid/subgraph"
)

// Ensure the collapsed STANCE relationships that neighbourhoods read say
// what the statements say — weights, dates, predicates, degrees and the
// statements behind each edge — after a load, after a document is replaced
// by an edited version (statements dropped, a polarity flipped), and after
// they are rebuilt for a graph loaded without them.
func TestStanceEdgesFollowTheStatements(t *testing.T) {
	st, seeds := seeded(t)
	ctx := context.Background()
	roots := []string{"vladimir-putin", "csto", "russia", "syrian-crisis", "military-intervention-in-syria", "geneva-ii-conference"}
	agree(t, st, roots, "after a load")

	doc := seeds.Documents[0]
	edited := doc
	edited.Statements = slices.Clone(doc.Statements[5:])
	flipped := 0
	for i, s := range edited.Statements {
		if slices.Contains(s.Speakers, "vladimir-putin") && flipped < 3 {
			edited.Statements[i].Polarity = map[kg.Polarity]kg.Polarity{kg.Favor: kg.Against, kg.Against: kg.Neutral, kg.Neutral: kg.Favor}[s.Polarity]
			flipped++
		}
	}
	if flipped == 0 {
		t.Fatal("no statement of Putin's to flip")
	}
	before := stances(t, st, roots)
	if err := st.WriteDocuments(ctx, []kg.AnnotatedDocument{edited}); err != nil {
		t.Fatal(err)
	}
	if after := stances(t, st, roots); slices.Equal(before, after) {
		t.Fatal("editing the document changed no STANCE edge")
	}
	agree(t, st, roots, "after an edited reload")

	if err := st.WriteDocuments(ctx, []kg.AnnotatedDocument{doc}); err != nil {
		t.Fatal(err)
	}
	if got := stances(t, st, roots); !slices.Equal(got, before) {
		t.Errorf("reloading the original document: STANCE edges\n%v\nwant\n%v", got, before)
	}

	// A graph written before STANCE edges existed: EnsureSchema adds them.
	alter(t, `MATCH ()-[e:STANCE]->() DELETE e`)
	if got := stances(t, st, roots); len(got) != 0 {
		t.Fatalf("STANCE edges left after deleting them: %v", got)
	}
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if got := stances(t, st, roots); !slices.Equal(got, before) {
		t.Errorf("rebuilt STANCE edges\n%v\nwant\n%v", got, before)
	}
	agree(t, st, roots, "after a rebuild")
}

// everyPredicate selects every statement, but through the statements
// themselves rather than the collapsed relationships.
func everyPredicate() subgraph.Filter {
	var f subgraph.Filter
	for p := range kg.Predicates {
		f.Predicates = append(f.Predicates, p)
	}
	return f
}

// agree compares each root's depth-1 neighbourhood drawn from the STANCE
// relationships with the one drawn from the statements.
func agree(t *testing.T, st *store.Store, roots []string, when string) {
	t.Helper()
	ctx := context.Background()
	for _, root := range roots {
		fast, err := subgraph.Neighbourhood(ctx, st, root, 1, subgraph.MaxNodes, nil, subgraph.ViewCollapsed, subgraph.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if fast, err = subgraph.WithStatements(ctx, st, fast); err != nil {
			t.Fatal(err)
		}
		slow, err := subgraph.Neighbourhood(ctx, st, root, 1, subgraph.MaxNodes, nil, subgraph.ViewCollapsed, everyPredicate())
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(fast.Nodes) != fmt.Sprint(slow.Nodes) {
			t.Errorf("%s, %s: nodes from STANCE edges\n%v\nfrom statements\n%v", when, root, fast.Nodes, slow.Nodes)
		}
		if fmt.Sprint(fast.Edges) != fmt.Sprint(slow.Edges) {
			t.Errorf("%s, %s: edges from STANCE edges\n%v\nfrom statements\n%v", when, root, fast.Edges, slow.Edges)
		}
		if len(fast.Edges) == 0 {
			t.Errorf("%s, %s: no edges", when, root)
		}
	}
}

// stances lists the STANCE edges around the roots with their weights.
func stances(t *testing.T, st *store.Store, roots []string) []string {
	t.Helper()
	sg, err := subgraph.Neighbourhood(context.Background(), st, roots[0], 2, subgraph.MaxNodes, nil, subgraph.ViewCollapsed, subgraph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range sg.Edges {
		if e.Kind == "STANCE" {
			out = append(out, fmt.Sprintf("%s=%g[%s..%s]%s", e.ID, e.Weight, e.Start, e.End, e.Predicate))
		}
	}
	return out
}
