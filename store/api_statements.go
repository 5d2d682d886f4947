package store

// The API's reads of statements: graph.StatementReader.

import (
	"context"

	"github.com/whosaid/whosaid/kg"
)

// statementWhere holds the filters every statement list shares. Each one is
// off when its parameter is null. The speaker and target reach as far as
// the scope model says (withReach).
var statementWhere = `($speaker IS NULL OR EXISTS { MATCH (fs:Actor {id: $speaker}) ` + madeBy("fs") + ` })
  AND ($target IS NULL OR EXISTS { ` + targeting("ft") + ` AND ft.id = $target })
  AND ($predicates IS NULL OR s.predicate IN $predicates)
  AND ($polarity IS NULL OR s.polarity = $polarity)
  AND ($event IS NULL OR EXISTS { MATCH (s)-[:MADE_AT]->(:Event {id: $event}) })
  AND ($document IS NULL OR EXISTS { MATCH (s)-[:EVIDENCED_BY]->(:Mention {document: $document}) })
  AND ` + inDates("s") + `
  AND ` + trustedStatement

// Statements returns up to first statements in the given order after the
// key, and whether more follow. The scope picks the index the query starts
// from; the filter narrows further.
func (s *Store) Statements(ctx context.Context, scope kg.StatementScope, f kg.StatementFilter, order kg.StatementOrder, first int, after *kg.SortKey) ([]kg.Statement, bool, error) {
	params := statementParams(scope, f)
	params["limit"] = first + 1
	params["afterValue"], params["afterID"] = nil, nil
	if after != nil {
		params["afterValue"], params["afterID"] = after.Value, after.ID
	}
	// Both pieces come from fixed strings chosen by the enum, never from input.
	value := `coalesce(s.date, '')`
	if order.Field == kg.OrderByConfidence {
		value = `coalesce(s.confidence, 0.0)`
	}
	cmp, dir := ">", "ASC"
	if order.Direction == kg.Desc {
		cmp, dir = "<", "DESC"
	}
	res, err := s.read(ctx, "statements", statementMatch(scope)+`
WITH s WHERE `+statementWhere+`
WITH DISTINCT s
WITH s, `+value+` AS v
WHERE $afterID IS NULL OR v `+cmp+` $afterValue OR (v = $afterValue AND s.id `+cmp+` $afterID)
ORDER BY v `+dir+`, s.id `+dir+`
LIMIT $limit
RETURN `+statementProjection+` AS s`, params)
	if err != nil {
		return nil, false, err
	}
	return page(res, "s", first, statementFrom)
}

// CountStatements counts what Statements would list.
func (s *Store) CountStatements(ctx context.Context, scope kg.StatementScope, f kg.StatementFilter) (int, error) {
	return s.readCount(ctx, "statements.count", statementMatch(scope)+`
WITH s WHERE `+statementWhere+`
RETURN count(DISTINCT s) AS n`, statementParams(scope, f))
}

// StatementsByID returns the statements with the given ids, keyed by id.
func (s *Store) StatementsByID(ctx context.Context, ids []string) (map[string]kg.Statement, error) {
	return readByID(ctx, s, "statements.byId", `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
RETURN `+statementProjection+` AS s`, map[string]any{"ids": ids}, "s", statementFrom, func(s kg.Statement) string { return s.ID })
}

// statementMatch is the first clause: anchored on an indexed node when the
// scope names one, so the query reads only that node's statements (and,
// as far as the scope reaches, its affiliates' or narrower topics').
func statementMatch(scope kg.StatementScope) string {
	switch {
	case scope.Speaker != "":
		return `MATCH (x:Actor {id: $scopeSpeaker})
` + madeBy("x")
	case scope.Event != "":
		return `MATCH (:Event {id: $scopeEvent})<-[:MADE_AT]-(s:Statement)`
	case scope.About != "":
		return `CALL () {` + nodeWithID("x", "$about", targetLabels) + `}
` + targeting("x")
	}
	return `MATCH (s:Statement)`
}

func statementParams(scope kg.StatementScope, f kg.StatementFilter) map[string]any {
	p := map[string]any{
		"scopeSpeaker": kg.OrNull(scope.Speaker), "scopeEvent": kg.OrNull(scope.Event), "about": kg.OrNull(scope.About),
		"speaker": strParam(f.Speaker), "target": strParam(f.Target), "event": strParam(f.Event),
		"document": strParam(f.Document), "from": strParam(f.From), "to": strParam(f.To),
		"predicates": listParam(f.Predicate), "polarity": nil,
	}
	if f.Polarity != nil {
		p["polarity"] = string(*f.Polarity)
	}
	return withReach(withTrust(p, f.Trust), scope.Reach)
}
