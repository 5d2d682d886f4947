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
// key, and whether more follow, each with the given parts. The scope picks
// the index the query starts from; the filter narrows further.
func (s *Store) Statements(ctx context.Context, scope kg.StatementScope, f kg.StatementFilter, order kg.StatementOrder, first int, after *kg.SortKey, parts kg.StatementParts) ([]kg.Statement, bool, error) {
	params := statementParams(scope, f)
	params["limit"] = first + 1
	// Both pieces come from fixed strings chosen by the enum, never from input.
	value := `coalesce(s.date, '')`
	if order.Field == kg.OrderByConfidence {
		value = `coalesce(s.confidence, 0.0)`
	}
	cmp, dir := ">", "ASC"
	if order.Direction == kg.Desc {
		cmp, dir = "<", "DESC"
	}
	// The first page has no keyset condition at all rather than one that is
	// off when null: `$afterID IS NULL OR …` between the ORDER BY and the
	// LIMIT may keep the planner from fusing them into a Top, and then
	// every page sorts every statement in scope in the transaction's memory.
	keyset := ""
	if after != nil {
		params["afterValue"], params["afterID"] = after.Value, after.ID
		keyset = `WHERE v ` + cmp + ` $afterValue OR (v = $afterValue AND s.id ` + cmp + ` $afterID)
`
	}
	res, err := s.read(ctx, "statements", statementMatch(scope)+`
WITH s WHERE `+statementWhere+`
WITH DISTINCT s
WITH s, `+value+` AS v
`+keyset+`ORDER BY v `+dir+`, s.id `+dir+`
LIMIT $limit
RETURN `+statementProjectionOf(parts)+` AS s`, params)
	if err != nil {
		return nil, false, err
	}
	return page(res, "s", first, statementFrom)
}

// CountStatements counts what Statements would list. Every statement,
// unscoped and unfiltered, is counted from the count store, not by reading
// each one.
func (s *Store) CountStatements(ctx context.Context, scope kg.StatementScope, f kg.StatementFilter) (int, error) {
	if scope == (kg.StatementScope{}) && unfiltered(f) {
		return s.readCount(ctx, "statements.count", `RETURN COUNT { (:Statement) } AS n`, nil)
	}
	return s.readCount(ctx, "statements.count", statementMatch(scope)+`
WITH s WHERE `+statementWhere+`
RETURN count(DISTINCT s) AS n`, statementParams(scope, f))
}

// unfiltered reports whether f keeps every statement.
func unfiltered(f kg.StatementFilter) bool {
	for _, p := range []*string{f.Speaker, f.Target, f.Event, f.Document, f.From, f.To} {
		if strParam(p) != nil {
			return false
		}
	}
	return len(f.Predicate) == 0 && f.Polarity == nil && f.Method == nil && f.MinConfidence == nil
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
		return anchoredMatch(kg.MadeBy, "$scopeSpeaker")
	case scope.Event != "":
		return anchoredMatch(kg.MadeAt, "$scopeEvent")
	case scope.About != "":
		return anchoredMatch(kg.AboutIt, "$about")
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
