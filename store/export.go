package store

import (
	"context"
	"sort"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// exportIDs pages through one label's ids in id order. Each query starts
// from the label's unique id index (a range seek that also gives the order),
// so a page costs the same wherever it falls; statements are filtered as
// they come off the index.
var exportIDs = map[string]string{
	"Actor":     `MATCH (n:Actor) WHERE n.id > $after RETURN n.id AS id ORDER BY id LIMIT $n`,
	"Topic":     `MATCH (n:Topic) WHERE n.id > $after RETURN n.id AS id ORDER BY id LIMIT $n`,
	"Event":     `MATCH (n:Event) WHERE n.id > $after RETURN n.id AS id ORDER BY id LIMIT $n`,
	"Place":     `MATCH (n:Place) WHERE n.id > $after RETURN n.id AS id ORDER BY id LIMIT $n`,
	"Statement": `MATCH (s:Statement) WHERE s.id > $after AND ` + subgraphStatement + ` RETURN s.id AS id ORDER BY id LIMIT $n`,
}

// ExportIDs returns up to n ids of nodes with the given label ("Actor",
// "Topic", "Event", "Place" or "Statement") that sort after `after`, in id
// order: one keyset page of a whole-graph export. Statements are only those
// the filter keeps. An unknown label is an Invalid error.
func (s *Store) ExportIDs(ctx context.Context, label, after string, n int, f subgraph.Filter) ([]string, error) {
	cypher, ok := exportIDs[label]
	if !ok {
		return nil, kg.Errorf(kg.Invalid, "no export of %q nodes", label)
	}
	params := subgraphParams(f)
	params["after"], params["n"] = after, n
	res, err := s.read(ctx, "export.ids."+strings.ToLower(label), cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(res.Records))
	for _, r := range res.Records {
		v, _ := r.Get("id")
		out = append(out, str(v))
	}
	return out, nil
}

// exportEdges returns, for each anchored node, the edges it is the source of
// and whose target is exported too, in the view's terms. STANCE edges are
// aggregated here, one row per speaker, target and polarity, so a page's
// result is as small as what will be written.
var exportEdges = anchorNodes + `
CALL (n) {
  MATCH (n)-[r:` + contextTypes + `]->(m)
  WHERE m:Actor OR m:Topic OR m:Event OR m:Place
  RETURN DISTINCT m.id AS target, type(r) AS kind, r.start AS date, null AS polarity, [] AS predicates, [] AS statements, null AS start, null AS end
  UNION ALL
  MATCH (n)-[:MADE]->(s:Statement)-[:TARGETS]->(t)
  WHERE $collapsed AND (t:Actor OR t:Topic OR t:Event OR t:Place) AND ` + subgraphStatement + `
  WITH t, s.polarity AS polarity, collect(DISTINCT s.id) AS statements, collect(DISTINCT s.predicate) AS predicates, min(s.date) AS start, max(s.date) AS end
  RETURN t.id AS target, 'STANCE' AS kind, null AS date, polarity, predicates, statements, start, end
  UNION ALL
  MATCH (n)-[:MADE]->(s:Statement)
  WHERE NOT $collapsed AND ` + subgraphStatement + `
  RETURN DISTINCT s.id AS target, 'MADE' AS kind, null AS date, s.polarity AS polarity, [s.predicate] AS predicates, [s.id] AS statements, s.date AS start, s.date AS end
  UNION ALL
  MATCH (n)-[r:TARGETS|MADE_AT]->(m)
  WHERE n:Statement AND NOT $collapsed AND (m:Actor OR m:Topic OR m:Event OR m:Place)
  WITH n AS s, r, m
  WHERE ` + subgraphStatement + `
  RETURN DISTINCT m.id AS target, type(r) AS kind, null AS date, s.polarity AS polarity, [s.predicate] AS predicates, [s.id] AS statements, s.date AS start, s.date AS end
}
RETURN n.id AS source, target, kind, date, polarity, predicates, statements, start, end`

// ExportEdges returns the edges whose source is one of the given nodes, in
// the chosen view, with the same ids, weights and dates as a neighbourhood
// gives them: each edge of the whole graph comes back exactly once when every
// exported node's id is passed in some call. Context relationships are kept
// as they are; statements are STANCE edges (collapsed) or MADE, TARGETS and
// MADE_AT edges (statements as nodes), both narrowed by the filter.
func (s *Store) ExportEdges(ctx context.Context, ids []string, view subgraph.View, f subgraph.Filter) ([]subgraph.Edge, error) {
	params := subgraphParams(f)
	params["ids"] = ids
	params["collapsed"] = view != subgraph.ViewNodes
	res, err := s.read(ctx, "export.edges", exportEdges, params)
	if err != nil {
		return nil, err
	}
	out := make([]subgraph.Edge, 0, len(res.Records))
	for _, r := range res.Records {
		get := func(k string) any { v, _ := r.Get(k); return v }
		e := subgraph.Edge{Source: str(get("source")), Target: str(get("target")), Kind: kg.EdgeKind(str(get("kind"))),
			Polarity: kg.Polarity(str(get("polarity"))), Start: str(get("start")), End: str(get("end")), Weight: 1}
		e.ID = subgraph.EdgeID(subgraph.Link{Kind: e.Kind, Source: e.Source, Target: e.Target, Polarity: e.Polarity, Date: str(get("date"))})
		e.Predicates, e.Predicate = predicates(get("predicates"))
		statements := strs(get("statements"))
		sort.Strings(statements)
		switch e.Kind.Role() {
		case kg.Collapsed:
			e.Statements, e.Weight = statements, float64(len(statements))
		case kg.StatementLink:
			if len(statements) == 1 {
				e.Statement = statements[0]
			}
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
