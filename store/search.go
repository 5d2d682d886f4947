package store

import (
	"context"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// searchQueries are the full-text queries behind each kind of hit. Each
// returns node ids with a score; statements are found through their
// evidence text (Arabic) and their summary (English).
var searchQueries = map[kg.SearchKind]string{
	kg.SearchActor: `CALL db.index.fulltext.queryNodes('entity_search', $q, {limit: $limit}) YIELD node, score
WHERE node:Actor RETURN node.id AS id, 'ACTOR' AS kind, score, coalesce(node.name_en, '') + ' / ' + coalesce(node.name_ar, '') AS matched,
  [node.name_en, node.name_ar, node.label_en, node.label_ar] + coalesce(node.aliases_en, []) + coalesce(node.aliases_ar, []) AS names,
  COUNT { (node)--(:Statement) } AS statements`,
	kg.SearchTopic: `CALL db.index.fulltext.queryNodes('entity_search', $q, {limit: $limit}) YIELD node, score
WHERE node:Topic RETURN node.id AS id, 'TOPIC' AS kind, score, node.label_en + ' / ' + node.label_ar AS matched,
  [node.name_en, node.name_ar, node.label_en, node.label_ar] + coalesce(node.aliases_en, []) + coalesce(node.aliases_ar, []) AS names,
  COUNT { (node)--(:Statement) } AS statements`,
	kg.SearchEvent: `CALL db.index.fulltext.queryNodes('entity_search', $q, {limit: $limit}) YIELD node, score
WHERE node:Event RETURN node.id AS id, 'EVENT' AS kind, score, node.name_en + ' / ' + node.name_ar AS matched,
  [node.name_en, node.name_ar, node.label_en, node.label_ar] + coalesce(node.aliases_en, []) + coalesce(node.aliases_ar, []) AS names,
  COUNT { (node)--(:Statement) } AS statements`,
	kg.SearchPlace: `CALL db.index.fulltext.queryNodes('entity_search', $q, {limit: $limit}) YIELD node, score
WHERE node:Place RETURN node.id AS id, 'PLACE' AS kind, score, node.name_en + ' / ' + node.name_ar AS matched,
  [node.name_en, node.name_ar, node.label_en, node.label_ar] + coalesce(node.aliases_en, []) + coalesce(node.aliases_ar, []) AS names,
  COUNT { (node)--(:Statement) } AS statements`,
	kg.SearchStatement: `CALL () {
  CALL db.index.fulltext.queryNodes('mention_search', $qText, {limit: $limit}) YIELD node, score
  MATCH (s:Statement)-[:EVIDENCED_BY]->(node)
  RETURN s, score, node.text AS matched
  UNION ALL
  CALL db.index.fulltext.queryNodes('statement_search', $qText, {limit: $limit}) YIELD node, score
  RETURN node AS s, score, node.summary_en AS matched
}
WITH s, max(score) AS score, head(collect(matched)) AS matched
RETURN s.id AS id, 'STATEMENT' AS kind, score, matched, [] AS names, 0 AS statements`,
	kg.SearchDocument: `CALL db.index.fulltext.queryNodes('document_search', $qText, {limit: $limit}) YIELD node, score
RETURN node.id AS id, 'DOCUMENT' AS kind, score, node.title AS matched, [] AS names, 0 AS statements`,
}

// Search finds nodes of the given kinds whose names, aliases, labels or
// evidence text match query, best first. Every term must match; when
// nothing does, any term may, and then terms may be one edit away. lang
// ("ar", "en" or "") restricts name matching to one language.
func (s *Store) Search(ctx context.Context, query string, kinds []kg.SearchKind, lang string, first int) ([]kg.SearchHit, error) {
	terms := luceneTerms(query)
	if len(terms) == 0 {
		return []kg.SearchHit{}, nil
	}
	if len(kinds) == 0 {
		kinds = kg.SearchKinds
	}
	field := ""
	switch lang {
	case "ar":
		field = "search_ar"
	case "en":
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
	cypher := "CALL () {\n" + strings.Join(parts, "\nUNION ALL\n") + "\n}\nRETURN id, kind, score, matched, names, statements"
	for _, mode := range []string{"and", "or", "fuzzy"} {
		res, err := s.read(ctx, "search", cypher, map[string]any{
			"q": luceneQuery(terms, mode, field), "qText": luceneQuery(terms, mode, ""),
			"limit": max(first*3, 100), // the label filters run after the index's limit
		})
		if err != nil {
			return nil, err
		}
		hits := make([]kg.SearchHit, 0, len(res.Records))
		for _, r := range res.Records {
			get := func(k string) any { v, _ := r.Get(k); return v }
			hits = append(hits, kg.SearchHit{ID: str(get("id")), Kind: kg.SearchKind(str(get("kind"))), Matched: str(get("matched")),
				Score: rerank(num(get("score")), query, strs(get("names")), integer(get("statements")))})
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
