package store

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// PlanStep is one operator of a query plan, with its details (for a label
// scan, the variable and label it scans).
type PlanStep struct {
	Operator string
	Details  string
}

// Explain returns the operators Neo4j would use for a query, without running
// it. Tests use it to prove every query starts from an index.
func (s *Store) Explain(ctx context.Context, cypher string, params map[string]any) ([]PlanStep, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "EXPLAIN "+cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	var steps []PlanStep
	var walk func(p neo4j.Plan)
	walk = func(p neo4j.Plan) {
		if p == nil {
			return
		}
		details, _ := p.Arguments()["Details"].(string)
		steps = append(steps, PlanStep{Operator: strings.SplitN(p.Operator(), "@", 2)[0], Details: details})
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(res.Summary.Plan())
	return steps, nil
}
