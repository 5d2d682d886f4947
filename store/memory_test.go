package store_test

import (
	"context"
	"testing"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/synth"
)

// Ensure every statement page, in every order, first and after a cursor,
// holds about one page in the transaction's memory, not every statement
// in scope. EXPLAIN carries no memory estimate on Neo4j 5, so the pages run
// under PROFILE over a synthetic corpus; at 20,000 statements a sort of
// them all holds about 6 MB (30 MB at 100,000), a Top of 21 rows or a walk
// of an index in order some kilobytes. a00000 is the busiest speaker (a
// country with bodies and officials), a00030 a middling one.
func TestPagesHoldOnePageInMemory(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	loadSynth(t, 20000, st)
	var queries []recorded
	st.RecordQueries(func(op, cypher string, params map[string]any) {
		if op == "statements" || op == "statements.nested" { // a topic's page is a batch of one
			queries = append(queries, recorded{op, cypher, params})
		}
	})
	both := kg.Reach{Affiliates: true, Narrower: true}
	scopes := []kg.StatementScope{{}, {Speaker: "a00000"}, {Speaker: "a00000", Reach: both}, {Speaker: "a00030", Reach: both}, {About: "t0000", Reach: both}}
	for _, field := range []kg.StatementOrderField{kg.OrderByDate, kg.OrderByConfidence} {
		for _, dir := range []kg.OrderDirection{kg.Asc, kg.Desc} {
			order := kg.StatementOrder{Field: field, Direction: dir}
			for _, scope := range scopes {
				items, _, err := st.Statements(ctx, scope, kg.StatementFilter{}, order, 20, nil, kg.AllStatementParts)
				if err != nil || len(items) < 20 {
					t.Fatalf("%+v %+v: %d statements, %v", scope, order, len(items), err)
				}
				last := items[len(items)-1]
				key := &kg.SortKey{Value: last.Date, ID: last.ID}
				if field == kg.OrderByConfidence {
					key.Value = last.Confidence
				}
				if _, _, err := st.Statements(ctx, scope, kg.StatementFilter{}, order, 20, key, kg.AllStatementParts); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	const most = 256 << 10
	var largest int64
	for _, q := range queries {
		peak, err := st.PeakMemory(ctx, q.cypher, q.params)
		if err != nil {
			t.Fatal(err)
		}
		largest = max(largest, peak)
		if peak > most {
			t.Errorf("a page held %d KB (at most %d KB): speaker %v, about %v, after %v\n%.400s", peak>>10, most>>10,
				q.params["scopeSpeaker"], q.params["about"], q.params["afterValue"], q.cypher)
		}
	}
	t.Logf("the largest page held %d KB", largest>>10)
	if len(queries) != 2*2*len(scopes)*2 {
		t.Errorf("%d pages profiled", len(queries))
	}
}

// loadSynth writes a synthetic corpus of the given number of statements
// (seed 1) and loads it into each store.
func loadSynth(t *testing.T, statements int, stores ...loader.Writer) {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.Write(synth.Options{Statements: statements, Seed: 1, Dir: dir}); err != nil {
		t.Fatal(err)
	}
	for _, s := range stores {
		if _, err := loader.Load(context.Background(), s, []loader.Folder{loader.Dir(dir)}, loader.Options{NoExtract: true}); err != nil {
			t.Fatal(err)
		}
	}
}
