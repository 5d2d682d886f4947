package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/kg"
)

// Ensure every statement, counted with the API's default reach
// (includeNarrower), is read from the count store, not statement by
// statement: the reach scopes nothing without an actor, topic or event.
func TestCountingEveryStatementReadsTheCountStore(t *testing.T) {
	st, _ := seeded(t)
	var cypher []string
	st.RecordQueries(func(_, c string, _ map[string]any) { cypher = append(cypher, c) })
	for _, reach := range []kg.Reach{kg.ReachOf(nil, nil), {Affiliates: true, Narrower: true}} {
		cypher = nil
		n, err := st.CountStatements(context.Background(), kg.StatementScope{Reach: reach}, kg.StatementFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if n < 60 || len(cypher) != 1 || !strings.Contains(cypher[0], "COUNT { (:Statement) }") {
			t.Errorf("reach %+v: %d statements counted by %q; want the count store's COUNT { (:Statement) }", reach, n, cypher)
		}
	}
}

// Ensure the whole list of statements, asked with the API's default reach,
// is the same query as with no reach at all: the index walk of every
// statement, not a scan of them all into a Top (the reach alone scopes
// nothing without an actor, topic or event).
func TestTheReachAloneLeavesTheWholeListOnItsIndex(t *testing.T) {
	st, _ := seeded(t)
	var cypher []string
	st.RecordQueries(func(_, c string, _ map[string]any) { cypher = append(cypher, c) })
	for _, order := range []kg.StatementOrder{{Field: kg.OrderByDate, Direction: kg.Asc}, {Field: kg.OrderByConfidence, Direction: kg.Desc}} {
		var asked []string
		for _, reach := range []kg.Reach{{}, kg.ReachOf(nil, nil), {Affiliates: true, Narrower: true}} {
			cypher = nil
			if _, _, err := st.Statements(context.Background(), kg.StatementScope{Reach: reach}, kg.StatementFilter{}, order, 20, nil, 0); err != nil {
				t.Fatal(err)
			}
			asked = append(asked, strings.Join(cypher, "\n"))
		}
		if asked[1] != asked[0] || asked[2] != asked[0] {
			t.Errorf("%+v: the whole list with a reach is another query than without:\n%s\n---\n%s", order, asked[1], asked[0])
		}
	}
}
