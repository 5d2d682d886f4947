package store

// Nested statement lists (Actor.statements, Event.statements and every
// statementsAbout under a list of parents): one query for all parents of a
// batch, each parent's page its own top-N, so a nested connection costs one
// round trip per level of the selection, not one per parent.

import (
	"context"
	"math"
	"strings"

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
	if b.Anchor == kg.MadeBy || b.Anchor == kg.AboutIt {
		params["lowest"], params["highest"] = orderOf(b.Order, nil).lowest, highestKey(b.Order)
		page = walkPage(b.Anchor, b.Order)
	}
	// One row per statement, each parent's in its page's order (a subquery
	// keeps its rows' order): collected into a list per parent, a page of
	// statements with their evidence's documents would be held whole in the
	// transaction's memory.
	res, err := s.read(ctx, "statements.nested", `UNWIND $starts AS parent
CALL (parent) {
`+page+`
  RETURN `+statementProjectionOf(b.Parts)+` AS s
}
RETURN parent.i AS i, s`, params)
	if err != nil {
		return nil, err
	}
	rows, err := decode(res, func(r fields) parentRow {
		s, _ := r.nested("s")
		return parentRow{r.integer("i"), statementFrom(s)}
	})
	if err != nil {
		return nil, err
	}
	out := make([]kg.StatementPage, len(starts))
	for i := range out {
		out[i].Items = []kg.Statement{}
	}
	for _, r := range rows {
		page := &out[r.i]
		if len(page.Items) == b.First {
			page.HasNext = true
			continue
		}
		page.Items = append(page.Items, r.statement)
	}
	return out, nil
}

// parentRow is one row of StatementPages: the index of its start and one
// statement of its page, or the one past it.
type parentRow struct {
	i         int
	statement kg.Statement
}

// walkPage is one parent's page of the statements a speaker made or that
// are about a target. Every MADE and TARGETS relationship repeats its
// statement's sort keys and id beside the id of the node at its other end,
// under range indexes on (that id, key, statement id): the page walks the
// index entries of each node the parent reaches (the speaker and, as far
// as the reach goes, its affiliates, each while in office; the target and
// its narrower topics) in order from the parent's cursor, stops at the
// page's end, and keeps the first of them in a Top. It reads about a page
// per node reached, however many statements they made or are about.
func walkPage(a kg.Anchor, order kg.StatementOrder) string {
	o := orderOf(order, nil)
	key := "m." + strings.TrimPrefix(o.key, "s.")
	seek := key + " >= coalesce(parent.afterValue, $lowest)"
	if o.dir == "DESC" {
		seek = key + " <= coalesce(parent.afterValue, $highest)"
	}
	members, rel, end := `MATCH (x:Actor {id: parent.id})
  `+speakersFor("x")+`
  WITH parent, x_speaker.id AS member, x_office AS office`, "()-[m:MADE]->(s:Statement)", "m.speaker"
	if a == kg.AboutIt {
		members, rel, end = `CALL (*) {`+nodeWithID("x", "parent.id", targetLabels)+`}
  MATCH (x)<-[:BROADER*0..3]-(x_topic) WHERE $narrower OR x_topic = x
  WITH parent, x_topic.id AS member, null AS office`, "(s:Statement)-[m:TARGETS]->()", "m.target"
	}
	value, after, _ := sortTerms(order)
	return members + `
  CALL (parent, member, office) {
    MATCH ` + rel + `
    WHERE ` + end + ` = member AND ` + seek + ` AND m.statement IS NOT NULL
      AND CASE WHEN ` + key + ` = parent.afterValue THEN m.statement ` + after + ` parent.afterID ELSE true END
      AND ` + inOffice("office") + ` AND ` + statementWhere + `
    WITH m, s ORDER BY ` + end + ` ` + o.dir + `, ` + key + ` ` + o.dir + `, m.statement ` + o.dir + `
    LIMIT $limit
    RETURN s
  }
  WITH DISTINCT s
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
