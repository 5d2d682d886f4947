package store

// What drawings walk: subgraph.Source.

import (
	"context"
	"slices"
	"sort"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// nodeKindOf is the kind of an anchor node n, told by its labels; an anchor
// that is none of the others is a statement. The labels and kinds are
// kg.NodeKindTable's (TestCypherSpeaksTheVocabularies).
const nodeKindOf = `CASE WHEN n:Person THEN 'PERSON' WHEN n:Organisation THEN 'ORGANISATION' WHEN n:Country THEN 'COUNTRY'
  WHEN n:Topic THEN 'TOPIC' WHEN n:Event THEN 'EVENT' WHEN n:Place THEN 'PLACE' ELSE 'STATEMENT' END`

// aggregated reports whether the collapsed STANCE relationships can answer
// a request: they keep the weight, dates and predicates of each speaker,
// target and polarity, so only the statement view and predicate or date
// filters need the statements themselves.
func aggregated(view subgraph.View, f subgraph.Filter) bool {
	return view != subgraph.ViewNodes && len(f.Predicates) == 0 && f.From == nil && f.To == nil
}

// links reads the rows of a link query: source, target, kind, polarity,
// statements, predicates, first, last and weight (0 when the statements
// are listed).
func links(res *result) ([]subgraph.Link, error) {
	return decode(res, func(r fields) subgraph.Link {
		l := subgraph.Link{Source: r.str("source"), Target: r.str("target"), Kind: kg.EdgeKind(r.str("kind")),
			Polarity: kg.Polarity(r.str("polarity")), Statements: r.strs("statements"),
			Date: r.str("first"), Last: r.str("last"), Weight: r.integer("weight")}
		l.Predicates, l.Predicate = r.predicates("predicates")
		if len(l.Statements) == 1 {
			l.Statement = l.Statements[0]
		}
		return l
	})
}

// stanceLinks is every link touching n read from the collapsed STANCE
// relationships: one row per relationship.
var stanceLinks = `CALL (n) {
  MATCH (n)-[r:` + contextTypes + `]-(m)
  RETURN startNode(r).id AS source, endNode(r).id AS target, type(r) AS kind, null AS polarity, r.start AS first, null AS last, [] AS predicates, 1 AS weight
  UNION
  MATCH (n)-[e:STANCE]-(m)
  WHERE $polarities IS NULL OR e.polarity IN $polarities
  RETURN startNode(e).id AS source, endNode(e).id AS target, 'STANCE' AS kind, e.polarity AS polarity, e.first AS first, e.last AS last, e.predicates AS predicates, e.weight AS weight
}
RETURN DISTINCT source, target, kind, polarity, first, last, predicates, weight, [] AS statements`

// Links returns every edge touching the given nodes in the chosen view:
// context relationships among actors, topics, events and places, and
// statements either collapsed (one link per speaker, target and polarity)
// or as nodes (MADE, TARGETS, MADE_AT).
func (s *Store) Links(ctx context.Context, ids []string, view subgraph.View, f subgraph.Filter) ([]subgraph.Link, error) {
	params := subgraphParams(f)
	params["ids"] = ids
	if aggregated(view, f) {
		res, err := s.read(ctx, "subgraph.links", anchorNodes+stanceLinks, params)
		if err != nil {
			return nil, err
		}
		return links(res)
	}
	return s.statementLinks(ctx, ids, view, f)
}

// Neighbours returns, for each of the given nodes, up to limit of its
// neighbours, the most strongly tied first (the number of statements
// between them, in either direction, plus one for each stored
// relationship), ties by id.
func (s *Store) Neighbours(ctx context.Context, ids []string, limit int, view subgraph.View, f subgraph.Filter) (map[string][]string, error) {
	out := map[string][]string{}
	if !aggregated(view, f) {
		links, err := s.statementLinks(ctx, ids, view, f)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			out[id] = strongest(id, links, limit)
		}
		return out, nil
	}
	params := subgraphParams(f)
	params["ids"], params["limit"] = ids, limit
	res, err := s.read(ctx, "subgraph.neighbours", anchorNodes+`
CALL (n) {
  CALL (n) {
    MATCH (n)-[:`+contextTypes+`]-(m)
    RETURN m, 1 AS w
    UNION ALL
    MATCH (n)-[e:STANCE]-(m)
    WHERE $polarities IS NULL OR e.polarity IN $polarities
    RETURN m, e.weight AS w
  }
  WITH m, sum(w) AS weight
  WHERE m <> n
  RETURN m.id AS neighbour ORDER BY weight DESC, neighbour LIMIT $limit
}
RETURN n.id AS id, collect(neighbour) AS neighbours`, params)
	if err != nil {
		return nil, err
	}
	return listsByID(res, "neighbours")
}

// strongest ranks id's neighbours among links as Neighbours does.
func strongest(id string, links []subgraph.Link, limit int) []string {
	weight := map[string]int{}
	for _, l := range links {
		w := max(len(l.Statements), 1)
		if l.Source == id && l.Target != id {
			weight[l.Target] += w
		} else if l.Target == id && l.Source != id {
			weight[l.Source] += w
		}
	}
	ranked := make([]string, 0, len(weight))
	for m := range weight {
		ranked = append(ranked, m)
	}
	sort.Slice(ranked, func(i, j int) bool {
		a, b := ranked[i], ranked[j]
		if weight[a] != weight[b] {
			return weight[a] > weight[b]
		}
		return a < b
	})
	return ranked[:min(len(ranked), limit)]
}

// LinksAmong returns the edges between a node of ids and a node of ids or
// of others, in the chosen view. Only the nodes of ids are looked up;
// collapsed statements are followed from their speaker, so an edge among
// them is read once.
func (s *Store) LinksAmong(ctx context.Context, ids, others []string, view subgraph.View, f subgraph.Filter) ([]subgraph.Link, error) {
	if !aggregated(view, f) {
		links, err := s.statementLinks(ctx, ids, view, f)
		if err != nil {
			return nil, err
		}
		in, ends := setOf(ids), setOf(others)
		var out []subgraph.Link
		for _, l := range links {
			if (in[l.Source] || ends[l.Source]) && (in[l.Target] || ends[l.Target]) {
				out = append(out, l)
			}
		}
		return out, nil
	}
	params := subgraphParams(f)
	params["ids"], params["ends"], params["others"] = ids, append(append([]string{}, ids...), others...), others
	res, err := s.read(ctx, "subgraph.among", anchorNodes+`
CALL (n) {
  MATCH (n)-[r:`+contextTypes+`]-(m)
  WHERE m.id IN $ends
  RETURN startNode(r).id AS source, endNode(r).id AS target, type(r) AS kind, null AS polarity, r.start AS first, null AS last, [] AS predicates, 1 AS weight
  UNION
  MATCH (n)-[e:STANCE]->(m)
  WHERE m.id IN $ends AND ($polarities IS NULL OR e.polarity IN $polarities)
  RETURN n.id AS source, m.id AS target, 'STANCE' AS kind, e.polarity AS polarity, e.first AS first, e.last AS last, e.predicates AS predicates, e.weight AS weight
  UNION
  WITH n
  WHERE size($others) > 0
  MATCH (n)<-[e:STANCE]-(m)
  WHERE m.id IN $others AND ($polarities IS NULL OR e.polarity IN $polarities)
  RETURN m.id AS source, n.id AS target, 'STANCE' AS kind, e.polarity AS polarity, e.first AS first, e.last AS last, e.predicates AS predicates, e.weight AS weight
}
RETURN DISTINCT source, target, kind, polarity, first, last, predicates, weight, [] AS statements`, params)
	if err != nil {
		return nil, err
	}
	return links(res)
}

// StanceStatements returns the ids of the statements behind each collapsed
// STANCE edge, sorted, read from whichever end of the edge has fewer
// statements.
func (s *Store) StanceStatements(ctx context.Context, keys []subgraph.StanceKey) (map[subgraph.StanceKey][]string, error) {
	rows := make([]map[string]any, len(keys))
	for i, k := range keys {
		rows[i] = map[string]any{"source": k.Source, "target": k.Target, "polarity": string(k.Polarity)}
	}
	res, err := s.read(ctx, "subgraph.stanceStatements", `
UNWIND $rows AS row
MATCH (a:Actor {id: row.source})
CALL (row) {`+nodeWithID("t", "row.target", targetLabels)+`}
WITH a, t, row, row.polarity AS polarity
`+stanceStatementsOf+`
RETURN row.source AS source, row.target AS target, row.polarity AS polarity, collect(s.id) AS statements`, map[string]any{"rows": rows})
	if err != nil {
		return nil, err
	}
	type stance struct {
		key subgraph.StanceKey
		ids []string
	}
	stances, err := decode(res, func(r fields) stance {
		return stance{subgraph.StanceKey{Source: r.str("source"), Target: r.str("target"), Polarity: kg.Polarity(r.str("polarity"))}, r.strs("statements")}
	})
	out := make(map[subgraph.StanceKey][]string, len(stances))
	for _, r := range stances {
		slices.Sort(r.ids)
		out[r.key] = r.ids
	}
	return out, err
}

// statementLinks reads every statement touching the given nodes: the path
// for the statement view and for predicate and date filters, which the
// collapsed relationships cannot answer.
func (s *Store) statementLinks(ctx context.Context, ids []string, view subgraph.View, f subgraph.Filter) ([]subgraph.Link, error) {
	params := subgraphParams(f)
	params["ids"] = ids
	params["collapsed"] = view != subgraph.ViewNodes
	res, err := s.read(ctx, "subgraph.statementLinks", anchorNodes+`
CALL (n) {
  MATCH (n)-[r:`+contextTypes+`]-(m)
  RETURN startNode(r).id AS source, endNode(r).id AS target, type(r) AS kind, null AS statement, null AS predicate, null AS polarity, r.start AS date
  UNION ALL
  MATCH (n)-[:MADE]->(s:Statement)-[:TARGETS]->(t)
  WHERE $collapsed AND `+statementFilter("s")+`
  RETURN n.id AS source, t.id AS target, 'STANCE' AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
  UNION ALL
  MATCH (n)<-[:TARGETS]-(s:Statement)<-[:MADE]-(a:Actor)
  WHERE $collapsed AND `+statementFilter("s")+`
  RETURN a.id AS source, n.id AS target, 'STANCE' AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
  UNION ALL
  MATCH (n)-[:MADE]->(s:Statement)
  WHERE NOT $collapsed AND `+statementFilter("s")+`
  RETURN n.id AS source, s.id AS target, 'MADE' AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
  UNION ALL
  MATCH (n)<-[r:TARGETS|MADE_AT]-(s:Statement)
  WHERE NOT $collapsed AND `+statementFilter("s")+`
  RETURN s.id AS source, n.id AS target, type(r) AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
  UNION ALL
  MATCH (n)-[r:TARGETS|MADE_AT]->(m)
  WHERE n:Statement AND NOT $collapsed
  WITH n AS s, r, m
  WHERE `+statementFilter("s")+`
  RETURN s.id AS source, m.id AS target, type(r) AS kind, s.id AS statement, s.predicate AS predicate, s.polarity AS polarity, s.date AS date
  UNION ALL
  MATCH (a:Actor)-[:MADE]->(n)
  WHERE n:Statement AND NOT $collapsed
  WITH a, n AS s
  WHERE `+statementFilter("s")+`
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
RETURN source, target, kind, polarity, statements, predicates, first, last, 0 AS weight`, params)
	if err != nil {
		return nil, err
	}
	return links(res)
}

// GraphNodes returns the drawable form of the nodes with the given ids:
// kind, captions in both languages, and degree — the number of edges of the
// whole graph touching the node in the chosen view and filter (a loop counts
// once), as in a whole-graph export. Without statement-level filters the
// degree comes with the node from Neo4j's per-node relationship counts, the
// same cost for a head of state as for anyone; with them the node's
// statements are read.
func (s *Store) GraphNodes(ctx context.Context, ids []string, view subgraph.View, f subgraph.Filter) (map[string]subgraph.Node, error) {
	fast := aggregated(view, f)
	params := subgraphParams(f)
	params["ids"], params["withDegree"] = ids, fast
	res, err := s.read(ctx, "subgraph.nodes", anchorNodes+`
RETURN n.id AS id, `+nodeKindOf+` AS kind,
  coalesce(n.name_en, n.label_en, n.summary_en, n.id) AS label,
  coalesce(n.name_ar, n.label_ar) AS labelAr,
  CASE WHEN $withDegree THEN
    COUNT { (n)-[:`+contextTypes+`]->() } + COUNT { (n)<-[:`+contextTypes+`]-() } - COUNT { (n)-[:`+contextTypes+`]->(n) } +
    CASE WHEN $polarities IS NULL
      THEN COUNT { (n)-[:STANCE]->() } + COUNT { (n)<-[:STANCE]-() } - COUNT { (n)-[:STANCE]->(n) }
      ELSE COUNT { (n)-[e:STANCE]-() WHERE e.polarity IN $polarities }
    END
  END AS degree`, params)
	if err != nil {
		return nil, err
	}
	nodes, err := decode(res, func(r fields) subgraph.Node {
		return subgraph.Node{ID: r.str("id"), Kind: kg.NodeKind(r.str("kind")), Label: r.str("label"), LabelAr: r.str("labelAr"),
			Degree: r.integer("degree")}
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]subgraph.Node, len(nodes))
	for _, n := range nodes {
		out[n.ID] = n
	}
	if fast || len(out) == 0 {
		return out, nil
	}
	// Statement-level filters: count the distinct edges the statements give.
	links, err := s.statementLinks(ctx, ids, view, f)
	if err != nil {
		return nil, err
	}
	subgraph.AddDegrees(out, links)
	return out, nil
}

func setOf(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}
