package store

// The API's full-text search: graph.Searcher.

import (
	"context"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// searchQueries are the full-text queries behind each kind of hit. Each
// returns node ids with a score and the node in the form the API serves, so
// a page of hits costs one round trip; statements are found through their
// evidence text (Arabic) and their summary (English).
var searchQueries = map[kg.SearchKind]string{
	kg.SearchActor: entitySearch("Actor", kg.SearchActor, "a", actorProjection, "coalesce(a.name_en, '') + ' / ' + coalesce(a.name_ar, '')"),
	kg.SearchTopic: entitySearch("Topic", kg.SearchTopic, "t", topicProjection, "t.label_en + ' / ' + t.label_ar"),
	kg.SearchEvent: entitySearch("Event", kg.SearchEvent, "e", eventProjection, "e.name_en + ' / ' + e.name_ar"),
	kg.SearchPlace: entitySearch("Place", kg.SearchPlace, "p", placeProjection, "p.name_en + ' / ' + p.name_ar"),
	kg.SearchStatement: `CALL () {
  CALL db.index.fulltext.queryNodes('mention_search', $qText, {limit: $limit}) YIELD node, score
  MATCH (s:Statement)-[:EVIDENCED_BY]->(node)
  RETURN s, score, node.text AS matched
  UNION ALL
  CALL db.index.fulltext.queryNodes('statement_search', $qText, {limit: $limit}) YIELD node, score
  RETURN node AS s, score, node.summary_en AS matched
}
WITH s, max(score) AS score, head(collect(matched)) AS matched
RETURN s.id AS id, 'STATEMENT' AS kind, score, matched, [] AS names, 0 AS statements, ` + statementProjection + ` AS node`,
	kg.SearchDocument: `CALL db.index.fulltext.queryNodes('document_search', $qText, {limit: $limit}) YIELD node AS d, score
RETURN d.id AS id, 'DOCUMENT' AS kind, score, d.title AS matched, [] AS names, 0 AS statements, ` + documentProjection("null") + ` AS node`,
}

// hitNodes decode the node of a hit of each kind, as its query returns it.
var hitNodes = map[kg.SearchKind]func(fields) kg.Node{
	kg.SearchActor:     asNode(actorFrom),
	kg.SearchTopic:     asNode(topicFrom),
	kg.SearchEvent:     asNode(eventFrom),
	kg.SearchPlace:     asNode(placeFrom),
	kg.SearchStatement: asNode(statementFrom),
	kg.SearchDocument:  asNode(documentFrom),
}

func asNode[T kg.Node](from func(fields) T) func(fields) kg.Node {
	return func(m fields) kg.Node { return from(m) }
}

// entitySearch is the query for one label of the entity index: the hit's
// id, score, the names re-ranking compares with the query, its number of
// statements (per-node relationship counts, constant time even for a head
// of state) and the node itself in the form the API serves, so a page of
// hits costs one round trip.
func entitySearch(label string, kind kg.SearchKind, v, projection, matched string) string {
	return `CALL db.index.fulltext.queryNodes('entity_search', $q, {limit: $limit}) YIELD node, score
WITH node AS ` + v + `, score
WHERE ` + v + `:` + label + `
RETURN ` + v + `.id AS id, '` + string(kind) + `' AS kind, score, ` + matched + ` AS matched,
  [` + v + `.name_en, ` + v + `.name_ar, ` + v + `.label_en, ` + v + `.label_ar] + coalesce(` + v + `.aliases_en, []) + coalesce(` + v + `.aliases_ar, []) AS names,
  COUNT { (` + v + `)-[:MADE]->() } + COUNT { (` + v + `)<-[:TARGETS]-() } + COUNT { (` + v + `)<-[:MADE_AT]-() } AS statements,
  ` + projection + ` AS node`
}

// Search finds nodes of the given kinds whose names, aliases, labels or
// evidence text match query, best first. Every term must match; when
// nothing does, any term may, and then terms may be one edit away. lang
// (empty for both) restricts name matching to one language.
func (s *Store) Search(ctx context.Context, query string, kinds []kg.SearchKind, lang kg.Lang, first int) ([]kg.SearchHit, error) {
	terms := luceneTerms(query)
	if len(terms) == 0 {
		return []kg.SearchHit{}, nil
	}
	if len(kinds) == 0 {
		kinds = kg.SearchKinds
	}
	field := ""
	switch lang {
	case kg.Arabic:
		field = "search_ar"
	case kg.English:
		field = "search_en"
	}
	// One round trip per attempt: the kinds' queries run as one union.
	parts := make([]string, 0, len(kinds))
	for _, kind := range kinds {
		q, ok := searchQueries[kind]
		if !ok {
			return nil, kg.Errorf(kg.Invalid, "unknown search kind %q", kind)
		}
		parts = append(parts, q)
	}
	cypher := "CALL () {\n" + strings.Join(parts, "\nUNION ALL\n") + "\n}\nRETURN id, kind, score, matched, names, statements, node"
	for _, mode := range []string{"and", "or", "fuzzy"} {
		res, err := s.read(ctx, "search", cypher, map[string]any{
			"q": luceneQuery(terms, mode, field), "qText": luceneQuery(terms, mode, ""),
			"limit": max(first*3, 100), // the label filters run after the index's limit
		})
		if err != nil {
			return nil, err
		}
		hits, err := decode(res, func(r fields) kg.SearchHit {
			hit := kg.SearchHit{ID: r.str("id"), Kind: kg.SearchKind(r.str("kind")), Matched: r.str("matched"),
				Score: rerank(r.num("score"), query, r.strs("names"), r.integer("statements"))}
			node, ok := r.nested("node")
			from := hitNodes[hit.Kind]
			if !ok || from == nil {
				r.fail("node", "is no %s", hit.Kind)
				return hit
			}
			hit.Node = from(node)
			return hit
		})
		if err != nil {
			return nil, err
		}
		if len(hits) > 0 {
			kg.SortHits(hits)
			if len(hits) > first {
				hits = hits[:first]
			}
			return hits, nil
		}
	}
	return []kg.SearchHit{}, nil
}
