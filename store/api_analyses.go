package store

// The API's analyses: graph.Analyses.

import (
	"context"
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
func (s *Store) StanceMatrix(ctx context.Context, actors, topics []string, from, to *string, trust kg.Trust, reach kg.Reach) (kg.StanceMatrix, error) {
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
	res, err := s.read(ctx, "stanceMatrix", `
UNWIND $actors AS aid
MATCH (a:Actor {id: aid})
`+madeBy("a")+` AND `+datedStatement+`
`+targeting("t")+` AND t:Topic AND t.id IN $topics
WITH a, t, t_topic AS p, collect(DISTINCT s) AS stmts
RETURN a.id AS actor, t.id AS grp, p.id AS topic,
       size([x IN stmts WHERE x.polarity = 'favor']) AS favor,
       size([x IN stmts WHERE x.polarity = 'against']) AS against,
       size([x IN stmts WHERE x.polarity = 'neutral']) AS neutral,
       reduce(m = '', x IN stmts | CASE WHEN coalesce(x.date, '') > m THEN x.date ELSE m END) AS latest,
       [x IN stmts | x.id] AS ids
ORDER BY actor, grp, topic`, params)
	if err != nil {
		return kg.StanceMatrix{}, err
	}
	cells, err := decode(res, func(r fields) kg.StanceCell {
		return kg.StanceCell{
			Actor: r.str("actor"), Group: r.str("grp"), Topic: r.str("topic"),
			Favor: r.integer("favor"), Against: r.integer("against"), Neutral: r.integer("neutral"),
			LatestDate: r.str("latest"), Statements: r.strs("ids"),
		}
	})
	if err != nil {
		return kg.StanceMatrix{}, err
	}
	return kg.StanceMatrix{Actors: actors, Topics: topics, Cells: cells}, nil
}

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
