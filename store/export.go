package store

// Whole-graph exports' pages: export.Store, beyond the subgraph.Source it
// embeds (subgraph.go).

import (
	"context"
	"sort"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// ExportIDs returns up to n ids of nodes of the given kinds that sort after
// `after`, in id order: one keyset page of a whole-graph export. Statements
// are only those the filter keeps. The kinds must be one family (one kind,
// or several actor kinds); anything else is an Invalid error.
func (s *Store) ExportIDs(ctx context.Context, kinds []kg.NodeKind, after string, n int, f subgraph.Filter) ([]string, error) {
	cypher, family, err := exportIDsQuery(kinds)
	if err != nil {
		return nil, err
	}
	params := subgraphParams(f)
	params["after"], params["n"] = after, n
	res, err := s.read(ctx, "export.ids."+strings.ToLower(family), cypher, params)
	if err != nil {
		return nil, err
	}
	return ids(res)
}

// exportIDsQuery pages through the ids of nodes of one family of kinds in
// id order. It starts from the unique id index of the label the family
// shares (a range seek that also gives the order), so a page costs the same
// wherever it falls; some kinds of a family are told apart by their own
// labels, and statements are filtered as they come off the index. The
// labels come from kg.NodeKindTable, never from input.
func exportIDsQuery(kinds []kg.NodeKind) (cypher, family string, err error) {
	var members, own []string
	for _, k := range kinds {
		labels := kg.NodeKinds[k].Labels
		switch {
		case len(labels) == 0:
			return "", "", kg.Errorf(kg.Invalid, "no export of %q nodes", k)
		case family == "":
			family = labels[0]
		case labels[0] != family:
			return "", "", kg.Errorf(kg.Invalid, "%s and %s nodes are not exported together", kinds[0], k)
		}
		own = append(own, "n:"+k.Label())
	}
	if family == "" {
		return "", "", kg.Errorf(kg.Invalid, "no node kinds to export")
	}
	for _, info := range kg.NodeKindTable {
		if info.Labels[0] == family {
			members = append(members, string(info.Kind))
		}
	}
	where := "n.id > $after"
	if len(own) < len(members) {
		where += " AND (" + strings.Join(own, " OR ") + ")"
	}
	if family == kg.StatementNode.Label() {
		where += " AND " + statementFilter("n")
	}
	return "MATCH (n:" + family + ") WHERE " + where + " RETURN n.id AS id ORDER BY id LIMIT $n", family, nil
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
  WHERE $collapsed AND (t:Actor OR t:Topic OR t:Event OR t:Place) AND ` + statementFilter("s") + `
  WITH t, s.polarity AS polarity, collect(DISTINCT s.id) AS statements, collect(DISTINCT s.predicate) AS predicates, min(s.date) AS start, max(s.date) AS end
  RETURN t.id AS target, 'STANCE' AS kind, null AS date, polarity, predicates, statements, start, end
  UNION ALL
  MATCH (n)-[:MADE]->(s:Statement)
  WHERE NOT $collapsed AND ` + statementFilter("s") + `
  RETURN DISTINCT s.id AS target, 'MADE' AS kind, null AS date, s.polarity AS polarity, [s.predicate] AS predicates, [s.id] AS statements, s.date AS start, s.date AS end
  UNION ALL
  MATCH (n)-[r:TARGETS|MADE_AT]->(m)
  WHERE n:Statement AND NOT $collapsed AND (m:Actor OR m:Topic OR m:Event OR m:Place)
  WITH n AS s, r, m
  WHERE ` + statementFilter("s") + `
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
	out, err := decode(res, func(r fields) subgraph.Edge {
		e := subgraph.Edge{Source: r.str("source"), Target: r.str("target"), Kind: kg.EdgeKind(r.str("kind")),
			Polarity: kg.Polarity(r.str("polarity")), Start: r.str("start"), End: r.str("end"), Weight: 1}
		e.ID = subgraph.EdgeID(subgraph.Link{Kind: e.Kind, Source: e.Source, Target: e.Target, Polarity: e.Polarity, Date: r.str("date")})
		e.Predicates, e.Predicate = r.predicates("predicates")
		statements := r.strs("statements")
		sort.Strings(statements)
		switch e.Kind.Role() {
		case kg.Collapsed:
			e.Statements, e.Weight = statements, float64(len(statements))
		case kg.StatementLink:
			if len(statements) == 1 {
				e.Statement = statements[0]
			}
		}
		return e
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
