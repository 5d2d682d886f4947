package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store"
	"github.com/whosaid/whosaid/store/storetest"
	"github.com/whosaid/whosaid/subgraph"
	"github.com/whosaid/whosaid/synth"
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
	calendarsAgree(t, st, "after a load")

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
	calendarsAgree(t, st, "after an edited reload")

	if err := st.WriteDocuments(ctx, []kg.AnnotatedDocument{doc}); err != nil {
		t.Fatal(err)
	}
	if got := stances(t, st, roots); !slices.Equal(got, before) {
		t.Errorf("reloading the original document: STANCE edges\n%v\nwant\n%v", got, before)
	}

	// A graph written before STANCE edges existed: EnsureSchema adds them,
	// a few speakers' statements at a time.
	defer store.SetStanceBatchStatements(10)()
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
	calendarsAgree(t, st, "after a rebuild")

	// Edges written before they had calendars: the matrix counts the slow
	// way until EnsureSchema gives them one.
	alter(t, `MATCH ()-[e:STANCE]->() REMOVE e.months, e.asserted, e.firsts, e.lasts`)
	calendarsAgree(t, st, "without calendars")
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, `MATCH ()-[e:STANCE]->() WHERE e.months IS NULL RETURN count(e) AS n`); n != 0 {
		t.Errorf("%d STANCE edges left without a calendar by EnsureSchema", n)
	}
	calendarsAgree(t, st, "after calendars were rebuilt")
}

// calendarsAgree compares the stance matrix counted from the STANCE
// calendars with the one counted from the statements, between dates that
// take months whole, cut through them, and leave out undated statements.
func calendarsAgree(t *testing.T, st *store.Store, when string) {
	t.Helper()
	ctx := context.Background()
	d := func(s string) *string { return &s }
	for _, dates := range [][2]*string{
		{nil, nil}, {d("2013-09-23"), nil}, {nil, d("2013-09-22")}, {d("2013-09-10"), d("2013-09-23")},
		{d("2013-09"), d("2013-09")}, {d("2013-09-22"), d("2013-09-22")}, {nil, d("2012")},
	} {
		for _, reach := range []kg.Reach{{}, {Narrower: true}} {
			slow, err := st.StanceMatrix(ctx, nil, nil, dates[0], dates[1], kg.Trust{}, reach, true)
			if err != nil {
				t.Fatal(err)
			}
			fast, err := st.StanceMatrix(ctx, slow.Actors, slow.Topics, dates[0], dates[1], kg.Trust{}, reach, false)
			if err != nil {
				t.Fatal(err)
			}
			for i := range slow.Cells {
				slow.Cells[i].Statements = nil
			}
			if !slices.EqualFunc(fast.Cells, slow.Cells, func(a, b kg.StanceCell) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
				t.Errorf("%s, %v–%v, %+v: cells from the calendars\n%v\nfrom the statements\n%v", when, deref(dates[0]), deref(dates[1]), reach, fast.Cells, slow.Cells)
			}
			if dates[0] == nil && dates[1] == nil && len(slow.Cells) == 0 {
				t.Errorf("%s: no cells at all", when)
			}
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "∅"
	}
	return *s
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

// Ensure the stance matrix counted from the STANCE calendars equals the
// one counted from the statements on a corpus with many statements per
// speaker, topic and month, between random dates, most of which cut
// through months (so that the months they cut are recounted).
func TestStanceCalendarsCountLikeTheStatements(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := synth.Write(synth.Options{Statements: 10000, Seed: 7, Dir: dir}); err != nil {
		t.Fatal(err)
	}
	if _, err := loader.Load(ctx, st, []loader.Folder{loader.Dir(dir)}, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	cut := 0
	st.RecordQueries(func(op, _ string, _ map[string]any) {
		if op == "stanceMatrix.cutMonths" {
			cut++
		}
	})
	// Months in which a speaker spoke on a topic on different days: dates
	// inside them cut them.
	spread := alter(t, `MATCH (a:Actor)-[e:STANCE]->(t:Topic)
UNWIND range(0, size(e.months) - 1) AS i
WITH a, t, e.firsts[i] AS first, e.lasts[i] AS last WHERE first < last
RETURN a.id AS actor, t.id AS topic, first, last ORDER BY actor, topic, first LIMIT 6`).Records
	if len(spread) < 4 {
		t.Fatalf("%d months with statements on different days: the corpus cannot test the calendars", len(spread))
	}
	var actors, topics []string
	var windows [][2]*string
	for _, r := range spread {
		actor, _ := r.Get("actor")
		topic, _ := r.Get("topic")
		first, _ := r.Get("first")
		last, _ := r.Get("last")
		actors, topics = append(actors, actor.(string)), append(topics, topic.(string))
		from, to := last.(string), first.(string)
		windows = append(windows, [2]*string{&from, nil}, [2]*string{nil, &to}, [2]*string{&to, &to})
	}
	actors, topics = slices.Compact(slices.Sorted(slices.Values(actors))), slices.Compact(slices.Sorted(slices.Values(topics)))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 12 {
		from := fmt.Sprintf("%d-%02d-%02d", 2012+rng.IntN(6), 1+rng.IntN(12), 1+rng.IntN(28))
		to := fmt.Sprintf("%d-%02d-%02d", 2017+rng.IntN(5), 1+rng.IntN(12), 1+rng.IntN(28))
		if i%2 == 1 {
			to = to[:7] // a month: the whole of it
		}
		windows = append(windows, [2]*string{&from, &to})
	}
	cells := 0
	for i, dates := range windows {
		reach := kg.Reach{Narrower: i%2 == 0}
		slow, err := st.StanceMatrix(ctx, actors, topics, dates[0], dates[1], kg.Trust{}, reach, true)
		if err != nil {
			t.Fatal(err)
		}
		fast, err := st.StanceMatrix(ctx, actors, topics, dates[0], dates[1], kg.Trust{}, reach, false)
		if err != nil {
			t.Fatal(err)
		}
		for i := range slow.Cells {
			slow.Cells[i].Statements = nil
		}
		if !slices.EqualFunc(fast.Cells, slow.Cells, func(a, b kg.StanceCell) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
			t.Errorf("%v–%v, %+v: cells from the calendars\n%v\nfrom the statements\n%v", deref(dates[0]), deref(dates[1]), reach, fast.Cells, slow.Cells)
		}
		cells += len(slow.Cells)
	}
	if cells == 0 || cut == 0 {
		t.Fatalf("%d cells in all, %d months recounted: the corpus does not test the calendars", cells, cut)
	}
}

// Ensure the stance matrix counts a cell alike whichever side it reads,
// the propositions' statements or the speakers' teams', and as the
// in-memory store does: with and without affiliates and narrower topics,
// between dates and over all of them.
func TestStanceMatrixCountsAlikeFromEitherSide(t *testing.T) {
	// The contract's own document adds statements out of office (Naryshkin
	// after the Duma, Kerry after the State Department), a joint one and
	// an undated one.
	st, _ := seeded(t)
	ctx := context.Background()
	if err := storetest.WriteExtra(ctx, st); err != nil {
		t.Fatal(err)
	}
	mem := storetest.InMemory(t)
	actors := []string{"russia", "united-states", "csto", "vladimir-putin", "nobody"}
	topics := []string{"syrian-crisis", "military-intervention-in-syria", "peaceful-settlement-of-syrian-crisis"}
	from, to := "2013-09-23", "2017-12"
	for _, reach := range []kg.Reach{{}, {Affiliates: true}, {Affiliates: true, Narrower: true}} {
		for _, dates := range [][2]*string{{nil, nil}, {&from, nil}, {nil, &to}} {
			want, err := mem.StanceMatrix(ctx, actors, topics, dates[0], dates[1], kg.Trust{}, reach, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Cells) == 0 && dates[0] == nil && dates[1] == nil {
				t.Fatalf("no cells in the in-memory matrix for %+v %v", reach, dates)
			}
			for _, side := range []*bool{nil, ptr(true), ptr(false)} {
				restore := store.SetMatrixSide(side)
				got, err := st.StanceMatrix(ctx, actors, topics, dates[0], dates[1], kg.Trust{}, reach, true)
				restore()
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range []*kg.StanceMatrix{&got, &want} {
					for i := range m.Cells {
						slices.Sort(m.Cells[i].Statements)
					}
				}
				if !reflect.DeepEqual(got.Cells, want.Cells) {
					t.Errorf("reach %+v, dates %v, side %v:\n%+v\nwant\n%+v", reach, dates, side, got.Cells, want.Cells)
				}
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }
