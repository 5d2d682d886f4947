package store

// Nested statement lists (Actor.statements, Event.statements and every
// statementsAbout under a list of parents): one query for all parents of a
// batch, each parent's page its own top-N, so a nested connection costs one
// round trip per level of the selection, not one per parent.

import (
	"context"
	"math"

	"github.com/whosaid/whosaid/kg"
)

// anchoredMatch is the first clause of a list anchored on the node whose
// id is the expression id: the actor's statements (as far as the reach
// takes it), the event's, or those about the node.
func anchoredMatch(a kg.Anchor, id string) string {
	switch a {
	case kg.MadeBy:
		return `MATCH (x:Actor {id: ` + id + `})
` + madeBy("x")
	case kg.MadeAt:
		return `MATCH (:Event {id: ` + id + `})<-[:MADE_AT]-(s:Statement)`
	}
	return `CALL (*) {` + nodeWithID("x", id, targetLabels) + `}
` + targeting("x")
}

// sortTerms are the Cypher pieces of a statement order: the sort value of
// s, the comparison that means "after" and the direction. They come from
// fixed strings chosen by the enum, never from input.
func sortTerms(order kg.StatementOrder) (value, after, dir string) {
	value, after, dir = `coalesce(s.date, '')`, ">", "ASC"
	if order.Field == kg.OrderByConfidence {
		value = `coalesce(s.confidence, 0.0)`
	}
	if order.Direction == kg.Desc {
		after, dir = "<", "DESC"
	}
	return value, after, dir
}

// StatementPages reads one page of b for each start, in the order of the
// starts, in one query: each parent's statements are matched, filtered,
// ordered and cut to the page size on their own (a top-N per parent), after
// that parent's own keyset position.
func (s *Store) StatementPages(ctx context.Context, b kg.StatementBatch, starts []kg.PageStart) ([]kg.StatementPage, error) {
	if len(starts) == 0 {
		return nil, nil
	}
	params := statementParams(b.Anchor.Scope("", b.Reach), b.Filter)
	params["limit"] = b.First + 1
	list := make([]map[string]any, len(starts))
	cursors := false
	for i, st := range starts {
		p := map[string]any{"i": i, "id": st.Parent, "afterValue": nil, "afterID": nil}
		if st.After != nil {
			p["afterValue"], p["afterID"], cursors = st.After.Value, st.After.ID, true
		}
		list[i] = p
	}
	params["starts"] = list
	value, after, dir := sortTerms(b.Order)
	// As in Statements, a batch without cursors has no keyset condition at
	// all, so nothing stands between each parent's ORDER BY and its LIMIT.
	keyset := ""
	if cursors {
		keyset = `WITH s, v WHERE parent.afterID IS NULL OR v ` + after + ` parent.afterValue OR (v = parent.afterValue AND s.id ` + after + ` parent.afterID)
  `
	}
	page := anchoredMatch(b.Anchor, "parent.id") + `
  WITH s WHERE ` + statementWhere + `
  WITH DISTINCT s
  WITH s, ` + value + ` AS v
  ` + keyset + `WITH s, v ORDER BY v ` + dir + `, s.id ` + dir + ` LIMIT $limit`
	if b.Anchor == kg.AboutIt {
		params["walkDense"] = unfiltered(b.Filter)
		params["lowest"], params["highest"] = orderOf(b.Order, nil).lowest, highestKey(b.Order)
		page = aboutPage(b.Order, keyset)
	}
	res, err := s.read(ctx, "statements.nested", `UNWIND $starts AS parent
CALL (parent) {
`+page+`
  RETURN collect(`+statementProjectionOf(b.Parts)+`) AS page
}
RETURN parent.i AS i, page`, params)
	if err != nil {
		return nil, err
	}
	rows, err := decode(res, func(r fields) parentPage {
		return parentPage{r.integer("i"), statementsIn(r.each("page"))}
	})
	if err != nil {
		return nil, err
	}
	out := make([]kg.StatementPage, len(starts))
	for _, r := range rows {
		more := len(r.items) > b.First
		if more {
			r.items = r.items[:b.First]
		}
		out[r.i] = kg.StatementPage{Items: r.items, HasNext: more}
	}
	return out, nil
}

// parentPage is one row of StatementPages: the index of its start and up
// to one statement more than the page holds.
type parentPage struct {
	i     int
	items []kg.Statement
}

func statementsIn(list []fields) []kg.Statement {
	out := make([]kg.Statement, len(list))
	for i, m := range list {
		out[i] = statementFrom(m)
	}
	return out
}

// aboutPage is one parent's page of the statements about it (and, as far
// as the reach goes, about its narrower topics), as speakerPage is a
// speaker's: a topic that a large share of all statements target walks the
// (sort key, id) index in order from the parent's cursor and stops at the
// page's end, about limit × all ÷ the topic's statements; any other reads
// its own statements into a Top. The walk's bound is null unless it was
// chosen, so only one arm reads anything.
func aboutPage(order kg.StatementOrder, keyset string) string {
	o := orderOf(order, nil)
	value, after, _ := sortTerms(order)
	seek := o.key + " >= CASE WHEN dense THEN coalesce(parent.afterValue, $lowest) END"
	if o.dir == "DESC" {
		seek = o.key + " <= CASE WHEN dense THEN coalesce(parent.afterValue, $highest) END"
	}
	return `CALL (*) {` + nodeWithID("x", "parent.id", targetLabels) + `}
  MATCH (x)<-[:BROADER*0..3]-(x_topic) WHERE $narrower OR x_topic = x
  WITH parent, collect(x_topic) AS about, sum(COUNT { (x_topic)<-[:TARGETS]-() }) AS targeted
  WITH parent, about, $walkDense AND targeted * targeted > $limit * COUNT { (:Statement) } AS dense
  CALL (parent, about, dense) {
    MATCH (s:Statement)
    WHERE ` + seek + ` AND s.id IS NOT NULL
      AND CASE WHEN ` + o.key + ` = parent.afterValue THEN s.id ` + after + ` parent.afterID ELSE true END
      AND EXISTS { MATCH (s)-[:TARGETS]->(t) WHERE t IN about } AND ` + statementWhere + `
    ` + o.top + `
    RETURN s
    UNION ALL
    WITH about WHERE NOT dense
    UNWIND about AS x_topic
    MATCH (x_topic)<-[:TARGETS]-(s:Statement)
    WHERE ` + statementWhere + `
    WITH DISTINCT s
    WITH s, ` + value + ` AS v
    ` + keyset + o.top + `
    RETURN s
  }
  WITH s, ` + value + ` AS v ORDER BY v ` + o.dir + `, s.id ` + o.dir + ` LIMIT $limit`
}

// highestKey is above every sort key of the order: where a descending walk
// starts for a parent without a cursor.
func highestKey(order kg.StatementOrder) any {
	if order.Field == kg.OrderByConfidence {
		return math.MaxFloat64
	}
	return "\U0010FFFF"
}
