package store

// Cypher fragments and parameters that more than one query shares, each
// written once.

import (
	"slices"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// nodeWithID is a subquery body that binds v to the node whose id is the
// expression id, among the nodes with the given labels. Each label is
// looked up through its own unique id index: an id is unique within its
// label, and a MATCH on the id alone would scan every node.
func nodeWithID(v, id string, labels []string) string {
	arms := make([]string, len(labels))
	for i, l := range labels {
		arms[i] = "MATCH (" + v + ":" + l + " {id: " + id + "}) RETURN " + v
	}
	return "\n  " + strings.Join(arms, "\n  UNION ") + "\n"
}

// The labels nodes are looked up by id under: those a drawing may hold (the
// families of kg.NodeKindTable: actors, topics, events, places, statements),
// those a statement may target, and every node with a public id.
var (
	drawnLabels  = kindFamilies()
	targetLabels = []string{"Actor", "Topic", "Event"}
	publicLabels = append(slices.Clone(drawnLabels), "Document", "Mention")
)

// kindFamilies lists the most general label of each node kind, in table
// order, once each.
func kindFamilies() []string {
	var out []string
	for _, k := range kg.NodeKindTable {
		if !slices.Contains(out, k.Labels[0]) {
			out = append(out, k.Labels[0])
		}
	}
	return out
}

// anchorNodes binds n to each node of $ids that a drawing may hold.
var anchorNodes = "UNWIND $ids AS id\nCALL (id) {" + nodeWithID("n", "id", drawnLabels) + "}\n"

// contextTypes are the stored relationships a subgraph draws as they are,
// as a Cypher relationship type alternation.
var contextTypes = strings.Join(kg.EdgeTypes(kg.Context), "|")

// inDates keeps the statements v dated within the optional bounds $from
// and $to (YYYY, YYYY-MM or YYYY-MM-DD, checked by kg.ParseDate): dates are
// strings of those shapes, and '~' sorts after every digit and '-', so
// `$to + '~'` takes in the whole of a year or month given as the end.
func inDates(v string) string {
	return `($from IS NULL OR ` + v + `.date >= $from) AND ($to IS NULL OR ` + v + `.date <= $to + '~')`
}

// statementFilter is a subgraph.Filter on the statement v: its predicates,
// polarities and dates (subgraphParams).
func statementFilter(v string) string {
	return `($predicates IS NULL OR ` + v + `.predicate IN $predicates)
    AND ($polarities IS NULL OR ` + v + `.polarity IN $polarities)
    AND ` + inDates(v)
}

// subgraphParams are the parameters of statementFilter.
func subgraphParams(f subgraph.Filter) map[string]any {
	return map[string]any{"predicates": listParam(f.Predicates), "polarities": listParam(f.Polarities),
		"from": strParam(f.From), "to": strParam(f.To)}
}

// trustedStatement narrows statements by how they were made: $curated true
// keeps the curated ones, false the extracted ones; $minConfidence the least
// confidence. Both are off when null.
const trustedStatement = `($curated IS NULL OR (s.method = 'curated') = $curated)
  AND ($minConfidence IS NULL OR s.confidence >= $minConfidence)`

// withTrust adds the parameters of trustedStatement to p.
func withTrust(p map[string]any, t kg.Trust) map[string]any {
	p["curated"], p["minConfidence"] = nil, nil
	if t.Method != nil {
		p["curated"] = *t.Method == kg.Curated
	}
	if t.MinConfidence != nil {
		p["minConfidence"] = *t.MinConfidence
	}
	return p
}

// stanceStatementsOf finds the statements s of the given polarity behind
// the STANCE edge from speaker a to target t, read from whichever end has
// fewer statements (a head of state makes tens of thousands, a small topic
// gets a handful). The caller binds a, t and polarity.
const stanceStatementsOf = `CALL (a, t, polarity) {
  WITH a, t, polarity
  WHERE COUNT { (a)-[:MADE]->() } <= COUNT { (t)<-[:TARGETS]-() }
  MATCH (a)-[:MADE]->(s:Statement)
  WHERE s.polarity = polarity AND EXISTS { (s)-[:TARGETS]->(t) }
  RETURN s
  UNION
  WITH a, t, polarity
  WHERE COUNT { (a)-[:MADE]->() } > COUNT { (t)<-[:TARGETS]-() }
  MATCH (t)<-[:TARGETS]-(s:Statement)
  WHERE s.polarity = polarity AND EXISTS { (a)-[:MADE]->(s) }
  RETURN s
}`

// strParam is an optional string argument as a Cypher parameter: null
// when absent or empty.
func strParam(s *string) *string { return kg.OrNull(kg.Or(s, "")) }

// listParam is an optional list of names as a Cypher parameter: null when
// empty, so that `$list IS NULL` turns its filter off (the driver sends a
// nil slice as an empty list, so the null must be an untyped nil).
func listParam[T ~string](list []T) any {
	if len(list) == 0 {
		return nil
	}
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = string(x)
	}
	return out
}

// kindParam is an optional actor kind as a Cypher parameter.
func kindParam(k *kg.ActorKind) any {
	if k == nil {
		return nil
	}
	return string(*k)
}
