package store

import (
	"context"

	"github.com/whosaid/whosaid/kg"
)

// anchorNodes finds the nodes with the given ids, each through its label's
// unique index.
const anchorNodes = `UNWIND $ids AS id
CALL (id) {
  MATCH (n:Actor {id: id}) RETURN n
  UNION MATCH (n:Topic {id: id}) RETURN n
  UNION MATCH (n:Event {id: id}) RETURN n
  UNION MATCH (n:Place {id: id}) RETURN n
  UNION MATCH (n:Statement {id: id}) RETURN n
}
`

// subgraphStatement is the SubgraphFilter on a statement s.
const subgraphStatement = `($predicates IS NULL OR s.predicate IN $predicates)
    AND ($polarities IS NULL OR s.polarity IN $polarities)
    AND ($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to + '~')`

// Links returns every edge touching the given nodes in the chosen view:
// context relationships among actors, topics, events and places, and
// statements either collapsed (one link per statement from each speaker to
// each target) or as nodes (MADE, TARGETS, MADE_AT).
func (s *Store) Links(ctx context.Context, ids []string, view kg.StatementView, f kg.SubgraphFilter) ([]kg.Link, error) {
	params := subgraphParams(f)
	params["ids"] = ids
	params["collapsed"] = view != kg.ViewNodes
	res, err := s.read(ctx, "subgraph.links", anchorNodes+`
CALL (n) {
  MATCH (n)-[r:HOLDS_POSITION|PART_OF|MEMBER_OF|PARTICIPANT|HELD_IN|ABOUT|BROADER]-(m)
  RETURN startNode(r).id AS source, endNode(r).id AS target, type(r) AS kind, null AS statement, null AS predicate, null AS polarity, r.start AS date
  UNION ALL
  MATCH (n)-[:MADE]->(s:Statement)-[:TARGETS]->(t)
  WHERE $collapsed AND `+subgraphStatement+`
  RETURN n.id AS source, t.id AS target, 'STANCE' AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
  UNION ALL
  MATCH (n)<-[:TARGETS]-(s:Statement)<-[:MADE]-(a:Actor)
  WHERE $collapsed AND `+subgraphStatement+`
  RETURN a.id AS source, n.id AS target, 'STANCE' AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
  UNION ALL
  MATCH (n)-[:MADE]->(s:Statement)
  WHERE NOT $collapsed AND `+subgraphStatement+`
  RETURN n.id AS source, s.id AS target, 'MADE' AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
  UNION ALL
  MATCH (n)<-[r:TARGETS|MADE_AT]-(s:Statement)
  WHERE NOT $collapsed AND `+subgraphStatement+`
  RETURN s.id AS source, n.id AS target, type(r) AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
  UNION ALL
  MATCH (n)-[r:TARGETS|MADE_AT]->(m)
  WHERE n:Statement AND NOT $collapsed
  WITH n AS s, r, m
  WHERE `+subgraphStatement+`
  RETURN s.id AS source, m.id AS target, type(r) AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
  UNION ALL
  MATCH (a:Actor)-[:MADE]->(n)
  WHERE n:Statement AND NOT $collapsed
  WITH a, n AS s
  WHERE `+subgraphStatement+`
  RETURN a.id AS source, s.id AS target, 'MADE' AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
}
// One row per edge, not per statement: a topic many speakers talk about
// would otherwise send thousands of rows.
// Stored relationships keep one row each (a person may hold one office in
// several terms, told apart by their start).
WITH source, target, kind, polarity, CASE kind WHEN 'STANCE' THEN '' ELSE coalesce(statement, '') + coalesce(date, '') END AS key,
     statement, predicate, date
WITH source, target, kind, polarity, key, collect(DISTINCT statement) AS statements, collect(DISTINCT predicate) AS predicates,
     min(date) AS first, max(date) AS last
RETURN source, target, kind, polarity, statements, predicates, first, last`, params)
	if err != nil {
		return nil, err
	}
	out := make([]kg.Link, 0, len(res.Records))
	for _, r := range res.Records {
		get := func(k string) any { v, _ := r.Get(k); return v }
		l := kg.Link{Source: str(get("source")), Target: str(get("target")), Kind: str(get("kind")),
			Polarity: kg.Polarity(str(get("polarity"))), Statements: strs(get("statements")),
			Date: str(get("first")), Last: str(get("last"))}
		if preds := strs(get("predicates")); len(preds) == 1 {
			l.Predicate = kg.Predicate(preds[0])
		}
		if len(l.Statements) == 1 {
			l.Statement = l.Statements[0]
		}
		out = append(out, l)
	}
	return out, nil
}

// GraphNodes returns the drawable form of the nodes with the given ids:
// kind and captions in both languages.
func (s *Store) GraphNodes(ctx context.Context, ids []string) (map[string]kg.GraphNode, error) {
	res, err := s.read(ctx, "subgraph.nodes", anchorNodes+`
RETURN n.id AS id,
  CASE WHEN n:Person THEN 'PERSON' WHEN n:Organisation THEN 'ORGANISATION' WHEN n:Country THEN 'COUNTRY'
       WHEN n:Topic THEN 'TOPIC' WHEN n:Event THEN 'EVENT' WHEN n:Place THEN 'PLACE' ELSE 'STATEMENT' END AS kind,
  coalesce(n.name_en, n.label_en, n.summary_en, n.id) AS label,
  coalesce(n.name_ar, n.label_ar) AS labelAr`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]kg.GraphNode, len(res.Records))
	for _, r := range res.Records {
		get := func(k string) any { v, _ := r.Get(k); return v }
		n := kg.GraphNode{ID: str(get("id")), Kind: str(get("kind")), Label: str(get("label")), LabelAr: str(get("labelAr"))}
		out[n.ID] = n
	}
	return out, nil
}

func subgraphParams(f kg.SubgraphFilter) map[string]any {
	p := map[string]any{"predicates": nil, "polarities": nil, "from": strParam(f.From), "to": strParam(f.To)}
	if len(f.Predicates) > 0 {
		l := make([]string, len(f.Predicates))
		for i, x := range f.Predicates {
			l[i] = string(x)
		}
		p["predicates"] = l
	}
	if len(f.Polarities) > 0 {
		l := make([]string, len(f.Polarities))
		for i, x := range f.Polarities {
			l[i] = string(x)
		}
		p["polarities"] = l
	}
	return p
}
