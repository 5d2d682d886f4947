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
