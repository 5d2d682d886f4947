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
// key, and whether more follow, each with the given parts. Every page is a
// top-N, never a sort of all the statements in scope, which the transaction
// would hold in memory (30 MB at 100,000 statements): the whole list walks
// the (sort key, id) index in order and stops at the page's end; a
// speaker's or a target's page walks the index entries of its MADE or
// TARGETS relationships (walkPage); an event's or a document's reads its
// statements and keeps the first ones in a Top.
func (s *Store) Statements(ctx context.Context, scope kg.StatementScope, f kg.StatementFilter, order kg.StatementOrder, first int, after *kg.SortKey, parts kg.StatementParts) ([]kg.Statement, bool, error) {
	if anchor, parent, ok := anchorOf(scope); ok {
		// A node's page is its batch of one.
		b := kg.StatementBatch{Anchor: anchor, Reach: scope.Reach, Filter: f, Order: order, First: first, Parts: parts}
		pages, err := s.StatementPages(ctx, b, []kg.PageStart{{Parent: parent, After: after}})
		if err != nil {
			return nil, false, err
		}
		return pages[0].Items, pages[0].HasNext, nil
	}
	params := statementParams(scope, f)
	params["limit"] = first + 1
	o := orderOf(order, after)
	params["lowest"] = o.lowest
	if after != nil {
		params["afterValue"], params["afterID"] = after.Value, after.ID
	}
	var match string
	switch {
	case strParam(f.Document) != nil:
		match = statementMatch(scope, f) + `
WITH s WHERE ` + statementWhere + `
WITH DISTINCT s
WITH s WHERE ` + o.keyset + `
` + o.top
	default:
		match = `MATCH (s:Statement)
WHERE ` + o.seek("$"+o.boundParam) + ` AND ` + o.walkKeyset + ` AND ` + statementWhere + `
` + o.top
	}
	res, err := s.read(ctx, "statements", match+`
RETURN `+statementProjectionOf(parts)+` AS s`, params)
	if err != nil {
		return nil, false, err
	}
	return page(res, "s", first, statementFrom)
}

// pageOrder is the Cypher of one order of a statement list. Its sort keys
// are stored and never null, so an index gives their order: sort_date is
// the date, or the empty string when undated (first in an ascending list, as the
// in-memory store orders), and every statement has a confidence.
type pageOrder struct {
	key, dir, cmp string
	// keyset keeps what follows the cursor (true on a first page: a
	// condition that is off when null may keep the planner from a Top).
	// walkKeyset is the same behind the seek, which already keeps the keys
	// from the cursor's on: past the cursor's id within the cursor's key. A
	// disjunction (keyset, or a NOT of a conjunction) the planner reads as
	// a union of two index ranges, which loses their order; a CASE it
	// leaves alone.
	keyset, walkKeyset string
	// boundParam names the value the index walk starts from: the cursor's,
	// or lowest, below every key.
	boundParam string
	lowest     any
	// top keeps the page: ORDER BY … LIMIT, a Top or an ordered walk.
	top string
}

func orderOf(order kg.StatementOrder, after *kg.SortKey) pageOrder {
	// Each piece comes from fixed strings chosen by the enum, never from input.
	o := pageOrder{key: "s.sort_date", dir: "ASC", cmp: ">", keyset: "true", walkKeyset: "true", boundParam: "lowest", lowest: ""}
	if order.Field == kg.OrderByConfidence {
		o.key, o.lowest = "s.confidence", -1.0
	}
	if order.Direction == kg.Desc {
		o.dir, o.cmp = "DESC", "<"
	}
	if after != nil {
		o.boundParam = "afterValue"
		o.keyset = "(" + o.key + " " + o.cmp + " $afterValue OR (" + o.key + " = $afterValue AND s.id " + o.cmp + " $afterID))"
		o.walkKeyset = "CASE WHEN " + o.key + " = $afterValue THEN s.id " + o.cmp + " $afterID ELSE true END"
	}
	o.top = "WITH s ORDER BY " + o.key + " " + o.dir + ", s.id " + o.dir + "\nLIMIT $limit"
	return o
}

// seek is the range of the (key, id) index a walk reads, in the list's
// order, from bound on: the planner answers ORDER BY key, id from it with
// no sort at all. A null bound reads nothing.
func (o pageOrder) seek(bound string) string {
	op := ">="
	if o.boundParam == "afterValue" && o.dir == "DESC" {
		op = "<="
	}
	return o.key + " " + op + " " + bound + " AND s.id IS NOT NULL"
}

// CountStatements counts what Statements would list. Every statement,
// unscoped and unfiltered, is counted from the count store, not by reading
// each one.
func (s *Store) CountStatements(ctx context.Context, scope kg.StatementScope, f kg.StatementFilter) (int, error) {
	if !scope.Anchored() && unfiltered(f) {
		return s.readCount(ctx, "statements.count", `RETURN COUNT { (:Statement) } AS n`, nil)
	}
	return s.readCount(ctx, "statements.count", statementMatch(scope, f)+`
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
// as far as the scope reaches, its affiliates' or narrower topics'), or,
// unscoped, on the evidence of the document the filter names.
func statementMatch(scope kg.StatementScope, f kg.StatementFilter) string {
	if anchor, _, ok := anchorOf(scope); ok {
		return anchoredMatch(anchor, anchorParam[anchor])
	}
	if strParam(f.Document) != nil {
		// The hint: on a small graph the planner would rather scan statements.
		return `MATCH (m:Mention {document: $document})<-[:EVIDENCED_BY]-(s:Statement) USING INDEX m:Mention(document)`
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

// anchorParam names the parameter (statementParams) holding an anchored
// scope's node.
var anchorParam = map[kg.Anchor]string{kg.MadeBy: "$scopeSpeaker", kg.MadeAt: "$scopeEvent", kg.AboutIt: "$about"}

// anchorOf is the anchor and parent of a scope that names a node: its
// speaker, else its event, else what it is about.
func anchorOf(scope kg.StatementScope) (kg.Anchor, string, bool) {
	switch {
	case scope.Speaker != "":
		return kg.MadeBy, scope.Speaker, true
	case scope.Event != "":
		return kg.MadeAt, scope.Event, true
	case scope.About != "":
		return kg.AboutIt, scope.About, true
	}
	return 0, "", false
}
