package store

// The API's analyses: graph.Analyses.

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// datedStatement filters statements by the optional $from and $to dates and
// keeps only asserted ones: negated or hypothetical statements are not
// positions taken.
var datedStatement = `s.modality = 'asserted'
  AND ` + inDates("s") + `
  AND ` + trustedStatement

// anyStatement anchors "all statements" on the date index: every date sorts
// at or after ” so the range covers every dated statement without a label
// scan. $since is the from date, or ”.
const anyStatement = `MATCH (s:Statement) USING INDEX s:Statement(date) WHERE s.date >= $since`

// StanceMatrix counts, per actor and proposition, the asserted statements
// for, against and neutral toward it. The columns (topics) group the
// propositions: a column's own topic and, as far as reach says, its
// narrower ones; an actor stands for its affiliates when reach says so.
// Empty actors or topics mean the most active ones (up to
// kg.MatrixDefaultSide).
//
// Unless the cells' statements are wanted, or a trust filter or the
// affiliates' offices make each statement count on its own, the counts come
// from the calendars of the STANCE relationships (stances.go), whose size
// follows the pairs asked about, not the statements made: a head of state's
// row costs as much as a minor envoy's.
func (s *Store) StanceMatrix(ctx context.Context, actors, topics []string, from, to *string, trust kg.Trust, reach kg.Reach, withStatements bool) (kg.StanceMatrix, error) {
	params := withReach(withTrust(map[string]any{"from": strParam(from), "to": strParam(to), "since": kg.Or(from, ""), "side": kg.MatrixDefaultSide}, trust), reach)
	var err error
	if len(actors) == 0 {
		if actors, err = s.mostActive(ctx, "stanceMatrix.actors", `
`+anyStatement+` AND `+datedStatement+`
MATCH (a:Actor)-[:MADE]->(s)-[:TARGETS]->(:Topic)
RETURN a.id AS id, count(DISTINCT s) AS n ORDER BY n DESC, id LIMIT $side`, params); err != nil {
			return kg.StanceMatrix{}, err
		}
	}
	params["actors"] = actors
	if len(topics) == 0 {
		if topics, err = s.mostActive(ctx, "stanceMatrix.topics", `
UNWIND $actors AS aid
MATCH (a:Actor {id: aid})
`+madeBy("a")+` AND `+datedStatement+`
MATCH (s)-[:TARGETS]->(t:Topic)
RETURN t.id AS id, count(DISTINCT s) AS n ORDER BY n DESC, id LIMIT $side`, params); err != nil {
			return kg.StanceMatrix{}, err
		}
	}
	params["topics"] = topics
	var cells []kg.StanceCell
	if withStatements || trust != (kg.Trust{}) || reach.Affiliates {
		cells, err = s.matrixFromStatements(ctx, params)
	} else {
		cells, err = s.matrixFromCalendars(ctx, params, from, to)
	}
	if err != nil {
		return kg.StanceMatrix{}, err
	}
	if !withStatements {
		for i := range cells {
			cells[i].Statements = nil // the same answer whichever way it was counted
		}
	}
	return kg.StanceMatrix{Actors: actors, Topics: topics, Cells: cells}, nil
}

// matrixFromStatements counts every cell from its statements, which it
// lists too. Each proposition is read from whichever side has fewer
// statements, by their degrees: its own statements since the first date
// asked (a walk of the TARGETS index), read once and each handed to the
// actors whose team (affiliates and officials in office, as far as the
// reach goes) made it, or the asked actors' teams' statements, each
// checked for the proposition. A busy speaker's cells then cost what was
// said about the topics asked, not everything the speaker said.
func (s *Store) matrixFromStatements(ctx context.Context, params map[string]any) ([]kg.StanceCell, error) {
	params["fromTopics"] = matrixSide
	res, err := s.read(ctx, "stanceMatrix", `
UNWIND $actors AS aid
MATCH (a:Actor {id: aid})
CALL (a) {
  `+speakersFor("a")+`
  RETURN collect({speaker: a_speaker, office: a_office}) AS team, sum(COUNT { (a_speaker)-[:MADE]->() }) AS made
}
WITH collect({actor: a, team: team}) AS asked, sum(made) AS made
UNWIND $topics AS tid
MATCH (t:Topic {id: tid})<-[:BROADER*0..3]-(p) WHERE $narrower OR p = t
WITH asked, t, p, coalesce($fromTopics, COUNT { (p)<-[:TARGETS]-() } <= made) AS fromTopics
CALL (asked, p, fromTopics) {
  WITH asked, p WHERE fromTopics
  MATCH (s:Statement)-[m:TARGETS]->()
  WHERE m.target = p.id AND m.sort_date >= $since AND m.statement IS NOT NULL AND `+datedStatement+`
  MATCH (sp:Actor)-[:MADE]->(s)
  UNWIND asked AS q
  WITH q, s WHERE any(member IN q.team WHERE member.speaker = sp AND `+inOffice("member.office")+`)
  RETURN q.actor AS a, s
  UNION
  WITH asked, p WHERE NOT fromTopics
  UNWIND asked AS q
  UNWIND q.team AS member
  WITH q, p, member.speaker AS speaker, member.office AS office
  MATCH (speaker)-[:MADE]->(s:Statement)-[:TARGETS]->(p)
  WHERE `+inOffice("office")+` AND `+datedStatement+`
  RETURN q.actor AS a, s
}
WITH a, t, p, collect(DISTINCT s) AS stmts
RETURN a.id AS actor, t.id AS grp, p.id AS topic,
       size([x IN stmts WHERE x.polarity = 'favor']) AS favor,
       size([x IN stmts WHERE x.polarity = 'against']) AS against,
       size([x IN stmts WHERE x.polarity = 'neutral']) AS neutral,
       reduce(m = '', x IN stmts | CASE WHEN coalesce(x.date, '') > m THEN x.date ELSE m END) AS latest,
       [x IN stmts | x.id] AS ids
ORDER BY actor, grp, topic`, params)
	if err != nil {
		return nil, err
	}
	return decode(res, func(r fields) kg.StanceCell {
		return kg.StanceCell{
			Actor: r.str("actor"), Group: r.str("grp"), Topic: r.str("topic"),
			Favor: r.integer("favor"), Against: r.integer("against"), Neutral: r.integer("neutral"),
			LatestDate: r.str("latest"), Statements: r.strs("ids"),
		}
	})
}

// matrixSide forces the side matrixFromStatements reads (true: the
// propositions' statements, false: the teams'); nil leaves it to the
// degrees. Only tests set it, to check both sides answer alike.
var matrixSide *bool

func (s *Store) mostActive(ctx context.Context, op, cypher string, params map[string]any) ([]string, error) {
	res, err := s.read(ctx, op, cypher, params)
	if err != nil {
		return nil, err
	}
	return ids(res)
}

// Alignment compares actor with every actor that took a non-neutral position
// on a target it also took one on. Per shared target each side's net
// polarity is +1, -1 or 0 (mixed); the score is the mean of their products.
// Joint statements count for both speakers. Targets are compared as they
// are (a topic is not its broader one). When reach takes in affiliates, the
// actor's side is what it and its affiliates said, and its affiliates are
// not among the others: Lavrov always agrees with a Russia that includes him.
func (s *Store) Alignment(ctx context.Context, actor string, from, to *string, first int, trust kg.Trust, reach kg.Reach) ([]kg.Alignment, error) {
	res, err := s.read(ctx, "alignment", `
MATCH (x:Actor {id: $actor})
WITH x, COLLECT { `+speakersFor("x")+` RETURN x_speaker } AS team
`+madeBy("x")+` AND s.polarity <> 'neutral' AND `+datedStatement+`
MATCH (s)-[:TARGETS]->(t)
WITH team, t, collect(DISTINCT s) AS mine
MATCH (t)<-[:TARGETS]-(s:Statement)<-[:MADE]-(y:Actor)
WHERE NOT y IN team AND s.polarity <> 'neutral' AND `+datedStatement+`
WITH t, mine, y, collect(DISTINCT s) AS theirs
WITH y, t.id AS target,
     sign(reduce(n = 0, z IN mine | n + CASE z.polarity WHEN 'favor' THEN 1 ELSE -1 END)) AS myNet,
     sign(reduce(n = 0, z IN theirs | n + CASE z.polarity WHEN 'favor' THEN 1 ELSE -1 END)) AS theirNet,
     [z IN mine | z.id] AS myIds, [z IN theirs | z.id] AS theirIds
ORDER BY target
WITH y, collect({target: target, mine: myNet, theirs: theirNet, myIds: myIds, theirIds: theirIds}) AS shared
WITH y, shared, reduce(n = 0.0, e IN shared | n + e.mine * e.theirs) / size(shared) AS score
RETURN y.id AS actor, score, shared
ORDER BY size(shared) DESC, abs(score) DESC, actor
LIMIT $limit`, withReach(withTrust(map[string]any{"actor": actor, "from": strParam(from), "to": strParam(to), "limit": first}, trust), reach))
	if err != nil {
		return nil, err
	}
	return decode(res, func(r fields) kg.Alignment {
		al := kg.Alignment{Actor: r.str("actor"), Score: math.Round(r.num("score")*1000) / 1000}
		for _, m := range r.each("shared") {
			st := kg.SharedTarget{Target: m.str("target"), Mine: m.integer("mine"), Theirs: m.integer("theirs"),
				MyStatements: m.strs("myIds"), TheirStatements: m.strs("theirIds")}
			switch st.Mine * st.Theirs {
			case 1:
				al.Agreements++
			case -1:
				al.Disagreements++
			}
			al.Shared = append(al.Shared, st)
		}
		return al
	})
}

// Timeline counts statements by predicate per bucket, for an actor and/or a
// topic, each reaching as far as reach says, or for all statements.
func (s *Store) Timeline(ctx context.Context, actor, topic string, from, to *string, bucket kg.TimeBucket, trust kg.Trust, reach kg.Reach) ([]kg.TimelineBucket, error) {
	width := map[kg.TimeBucket]int{kg.Day: 10, kg.Month: 7, kg.Year: 4}[bucket]
	if width == 0 {
		width = 7
	}
	match := anyStatement + ` AND ` + datedStatement
	switch {
	case actor != "":
		match = `MATCH (x:Actor {id: $actor})
` + madeBy("x") + ` AND ` + datedStatement + `
  AND ($topic IS NULL OR EXISTS { MATCH (tx:Topic {id: $topic}) ` + targeting("tx") + ` })`
	case topic != "":
		match = `MATCH (x:Topic {id: $topic})
` + targeting("x") + ` AND ` + datedStatement
	}
	res, err := s.read(ctx, "timeline", match+`
WITH DISTINCT s
WITH left(s.date, $width) AS bucket, s.predicate AS predicate, count(*) AS n
ORDER BY bucket, predicate
RETURN bucket, collect({predicate: predicate, n: n}) AS counts`, withReach(withTrust(map[string]any{
		"actor": kg.OrNull(actor), "topic": kg.OrNull(topic), "from": strParam(from), "to": strParam(to), "width": width, "since": kg.Or(from, "")}, trust), reach))
	if err != nil {
		return nil, err
	}
	return decode(res, func(r fields) kg.TimelineBucket {
		tb := kg.TimelineBucket{Bucket: r.str("bucket"), Counts: predicateCounts(r, "counts")}
		for _, c := range tb.Counts {
			tb.Total += c.Count
		}
		return tb
	})
}

// Stats describes the whole graph: counts by label, type and predicate, the
// statement date range and the number of documents.
func (s *Store) Stats(ctx context.Context) (kg.Stats, error) {
	nodes, rels, err := s.Counts(ctx)
	if err != nil {
		return kg.Stats{}, err
	}
	res, err := s.read(ctx, "stats.statements", `
`+anyStatement+`
WITH s.predicate AS predicate, count(*) AS n, min(s.date) AS first, max(s.date) AS last
ORDER BY predicate
RETURN collect({predicate: predicate, n: n}) AS counts, min(first) AS first, max(last) AS last`,
		map[string]any{"from": nil, "since": ""})
	if err != nil {
		return kg.Stats{}, err
	}
	return one(res, func(r fields) kg.Stats {
		return kg.Stats{Nodes: labelCounts(nodes), Relationships: labelCounts(rels), Documents: nodes["Document"], Statements: nodes["Statement"],
			FirstDate: r.str("first"), LastDate: r.str("last"), Predicates: predicateCounts(r, "counts")}
	})
}

// predicateCounts reads a list of {predicate, n}.
func predicateCounts(r fields, key string) []kg.PredicateCount {
	var out []kg.PredicateCount
	for _, c := range r.each(key) {
		out = append(out, kg.PredicateCount{Predicate: kg.Predicate(c.str("predicate")), Count: c.integer("n")})
	}
	return out
}

func labelCounts(m map[string]int) []kg.LabelCount {
	out := make([]kg.LabelCount, 0, len(m))
	for k, v := range m {
		out = append(out, kg.LabelCount{Label: k, Count: v})
	}
	slices.SortFunc(out, func(a, b kg.LabelCount) int { return strings.Compare(a.Label, b.Label) })
	return out
}

// matrixFromCalendars counts the cells from the calendars of the STANCE
// relationships between the actors and the propositions under the topics.
// A month wholly inside the dates counts whole, one wholly outside not at
// all; only a month the from or to date cuts through (by its earliest and
// latest dates) is counted again from its statements, found through the
// date index (calendarEdges). Months before the from date's or after the
// to date's are not read out at all: at a million statements the calendars
// of a busy speaker's edges hold tens of thousands of months.
func (s *Store) matrixFromCalendars(ctx context.Context, params map[string]any, from, to *string) ([]kg.StanceCell, error) {
	res, err := s.read(ctx, "stanceMatrix.calendars", `
UNWIND $actors AS aid
MATCH (a:Actor {id: aid})
UNWIND $topics AS gid
MATCH (g:Topic {id: gid})<-[:BROADER*0..3]-(p:Topic)
WHERE $narrower OR p = g
WITH DISTINCT a, g, p
MATCH (a)-[e:STANCE]->(p)
WITH a, g, p, e, coalesce(e.months, []) AS months
RETURN a.id AS actor, g.id AS grp, p.id AS topic, e.polarity AS polarity, e.months IS NULL AS uncounted,
       [i IN range(0, size(months) - 1)
        WHERE ($from IS NULL OR months[i] >= left($from, 7)) AND ($to IS NULL OR months[i] <= left($to, 7))
        | {month: months[i], n: e.asserted[i], first: e.firsts[i], last: e.lasts[i]}] AS months`, params)
	if err != nil {
		return nil, err
	}
	uncounted := false
	edges, err := decode(res, func(r fields) calendarEdge {
		uncounted = uncounted || r.flag("uncounted")
		e := calendarEdge{cell: cellKey{r.str("actor"), r.str("grp"), r.str("topic")}, polarity: kg.Polarity(r.str("polarity"))}
		for _, m := range r.each("months") {
			e.months = append(e.months, stanceMonth{month: m.str("month"), n: m.integer("n"), first: m.str("first"), last: m.str("last")})
		}
		return e
	})
	if err != nil {
		return nil, err
	}
	if uncounted {
		// A graph loaded before the calendars, not yet given them by
		// EnsureSchema (whosaid load or dev does): count the slow way.
		return s.matrixFromStatements(ctx, params)
	}
	cells := map[cellKey]*kg.StanceCell{}
	cut := map[string]cutMonth{} // month → the span of dates to recount
	var recount []calendarCount  // edge months to take from the recount
	for _, e := range edges {
		for _, m := range e.months {
			switch within(m, from, to) {
			case wholly:
				addToCell(cells, e.cell, e.polarity, m.n, m.last)
			case partly:
				c := cut[m.month]
				if c.first == "" || m.first < c.first {
					c.first = m.first
				}
				c.last = max(c.last, m.last)
				cut[m.month] = c
				recount = append(recount, calendarCount{e.cell, e.polarity, m.month})
			}
		}
	}
	if len(recount) > 0 {
		if err := s.recountCutMonths(ctx, params, cut, recount, cells); err != nil {
			return nil, err
		}
	}
	out := make([]kg.StanceCell, 0, len(cells))
	for _, c := range cells {
		if c.Favor+c.Against+c.Neutral > 0 {
			out = append(out, *c)
		}
	}
	slices.SortFunc(out, func(a, b kg.StanceCell) int {
		return cmp.Or(strings.Compare(a.Actor, b.Actor), strings.Compare(a.Group, b.Group), strings.Compare(a.Topic, b.Topic))
	})
	return out, nil
}

// recountCutMonths counts, from their statements, the edge months the dates
// cut through, and adds them to their cells.
func (s *Store) recountCutMonths(ctx context.Context, params map[string]any, cut map[string]cutMonth, recount []calendarCount, cells map[cellKey]*kg.StanceCell) error {
	spans := make([]map[string]any, 0, len(cut))
	for _, c := range cut {
		spans = append(spans, map[string]any{"first": c.first, "last": c.last})
	}
	propositions := map[string]bool{}
	for _, r := range recount {
		propositions[r.cell.topic] = true
	}
	p := maps.Clone(params)
	p["spans"], p["propositions"] = spans, slices.Collect(maps.Keys(propositions))
	res, err := s.read(ctx, "stanceMatrix.cutMonths", `
UNWIND $spans AS span
MATCH (s:Statement) WHERE s.date >= span.first AND s.date <= span.last
WITH DISTINCT s
WHERE `+datedStatement+`
MATCH (a:Actor)-[:MADE]->(s)-[:TARGETS]->(p:Topic)
WHERE a.id IN $actors AND p.id IN $propositions
RETURN a.id AS actor, p.id AS topic, s.polarity AS polarity, left(s.date, 7) AS month, count(DISTINCT s) AS n, max(s.date) AS last`, p)
	if err != nil {
		return err
	}
	type key struct{ actor, topic, polarity, month string }
	type count struct {
		n    int
		last string
	}
	counted := map[key]count{}
	if _, err := decode(res, func(r fields) key {
		k := key{r.str("actor"), r.str("topic"), r.str("polarity"), r.str("month")}
		counted[k] = count{r.integer("n"), r.str("last")}
		return k
	}); err != nil {
		return err
	}
	for _, r := range recount {
		c := counted[key{r.cell.actor, r.cell.topic, string(r.polarity), r.month}]
		addToCell(cells, r.cell, r.polarity, c.n, c.last)
	}
	return nil
}

// cellKey names a cell of the matrix: actor, column and proposition.
type cellKey struct{ actor, group, topic string }

// calendarEdge is one STANCE relationship's calendar, as a matrix cell reads it.
type calendarEdge struct {
	cell     cellKey
	polarity kg.Polarity
	months   []stanceMonth
}

// calendarCount is one month of one edge, to be counted from its statements.
type calendarCount struct {
	cell     cellKey
	polarity kg.Polarity
	month    string
}

// cutMonth is the span of dates of a month that the dates cut through.
type cutMonth struct{ first, last string }

// monthPlace says how much of a calendar month falls between the dates.
type monthPlace int

const (
	outside monthPlace = iota
	wholly
	partly
)

// within places a calendar month against the from and to dates, as the
// statements' own filter does (inDates: date >= from, date <= to + '~').
// Undated statements count only when neither date is given.
func within(m stanceMonth, from, to *string) monthPlace {
	if m.month == "" {
		if from == nil && to == nil {
			return wholly
		}
		return outside
	}
	after := func(d string) bool { return from == nil || d >= *from }
	before := func(d string) bool { return to == nil || d <= *to+"~" }
	switch {
	case !after(m.last) || !before(m.first):
		return outside
	case after(m.first) && before(m.last):
		return wholly
	}
	return partly
}

func addToCell(cells map[cellKey]*kg.StanceCell, k cellKey, p kg.Polarity, n int, last string) {
	if n == 0 {
		return
	}
	c := cells[k]
	if c == nil {
		c = &kg.StanceCell{Actor: k.actor, Group: k.group, Topic: k.topic}
		cells[k] = c
	}
	switch p {
	case kg.Favor:
		c.Favor += n
	case kg.Against:
		c.Against += n
	default:
		c.Neutral += n
	}
	c.LatestDate = max(c.LatestDate, last)
}
