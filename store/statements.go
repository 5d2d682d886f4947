package store

import (
	"context"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// statementProjection returns a statement with its speakers (in the text's
// order), targets (primary first), occasion and evidence in one round trip,
// so a page of statements never costs a query per statement.
const statementProjection = `s {
  .id, .document, .predicate, .polarity, .date, .modality, .cameo_code, .summary_en, .confidence, .method,
  speakers: COLLECT { MATCH (a:Actor)-[m:MADE]->(s) RETURN ` + actorProjection + ` ORDER BY m.position },
  targets: COLLECT { MATCH (s)-[tr:TARGETS]->(x)
    WITH x, tr, CASE WHEN x:Event THEN COLLECT { WITH x AS e RETURN ` + eventProjection + ` }[0] ELSE x {.*} END AS m
    RETURN m {.*, labels: labels(x)} ORDER BY tr.position },
  event: COLLECT { MATCH (s)-[:MADE_AT]->(e:Event) RETURN ` + eventProjection + ` }[0],
  evidence: COLLECT { MATCH (s)-[:EVIDENCED_BY]->(mn:Mention)-[:IN_DOCUMENT]->(d:Document)
    RETURN mn {.*, doc: d {.id, .title, .lang, .date, .url, .source, .licence, .char_length}} ORDER BY mn.document, mn.start }
}`

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

// trustedStatement narrows statements by how they were made: $curated true
// keeps the curated ones, false the extracted ones; $minConfidence the least
// confidence. Both are off when null.
const trustedStatement = `($curated IS NULL OR (s.method = 'curated') = $curated)
  AND ($minConfidence IS NULL OR s.confidence >= $minConfidence)`

// withTrust adds the parameters of trustedStatement to p.
func withTrust(p map[string]any, t kg.Trust) map[string]any {
	p["curated"], p["minConfidence"] = nil, nil
	if t.Method != nil {
		p["curated"] = *t.Method == kg.Curated
	}
	if t.MinConfidence != nil {
		p["minConfidence"] = *t.MinConfidence
	}
	return p
}

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
	res, err := s.read(ctx, "statements.count", statementMatch(scope)+`
WITH s WHERE `+statementWhere+`
RETURN count(DISTINCT s) AS n`, statementParams(scope, f))
	if err != nil {
		return 0, err
	}
	return int(single[int64](res, "n")), nil
}

// StatementsByID returns the statements with the given ids, keyed by id.
func (s *Store) StatementsByID(ctx context.Context, ids []string) (map[string]kg.Statement, error) {
	res, err := s.read(ctx, "statements.byId", `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
RETURN `+statementProjection+` AS s`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]kg.Statement, len(res.Records))
	for _, r := range res.Records {
		v, _ := r.Get("s")
		st := statementFrom(v)
		out[st.ID] = st
	}
	return out, nil
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
		return `CALL () {
  MATCH (x:Actor {id: $about}) RETURN x
  UNION MATCH (x:Topic {id: $about}) RETURN x
  UNION MATCH (x:Event {id: $about}) RETURN x
}
` + targeting("x")
	}
	return `MATCH (s:Statement)`
}

func statementParams(scope kg.StatementScope, f kg.StatementFilter) map[string]any {
	p := map[string]any{
		"scopeSpeaker": nullable(scope.Speaker), "scopeEvent": nullable(scope.Event), "about": nullable(scope.About),
		"speaker": strParam(f.Speaker), "target": strParam(f.Target), "event": strParam(f.Event),
		"document": strParam(f.Document), "from": strParam(f.From), "to": strParam(f.To),
		"predicates": nil, "polarity": nil,
	}
	if len(f.Predicate) > 0 {
		preds := make([]string, len(f.Predicate))
		for i, pr := range f.Predicate {
			preds[i] = string(pr)
		}
		p["predicates"] = preds
	}
	if f.Polarity != nil {
		p["polarity"] = string(*f.Polarity)
	}
	return withReach(withTrust(p, f.Trust), scope.Reach)
}

func statementFrom(v any) kg.Statement {
	m, _ := v.(map[string]any)
	st := kg.Statement{
		ID: str(m["id"]), Document: str(m["document"]), Predicate: kg.Predicate(str(m["predicate"])),
		Polarity: kg.Polarity(str(m["polarity"])), Date: str(m["date"]), Modality: str(m["modality"]),
		CAMEO: str(m["cameo_code"]), Summary: str(m["summary_en"]), Confidence: num(m["confidence"]), Method: str(m["method"]),
	}
	for _, a := range list(m["speakers"]) {
		actor := actorFrom(a)
		st.SpeakerActors = append(st.SpeakerActors, actor)
		st.Speakers = append(st.Speakers, actor.ID)
	}
	for _, t := range list(m["targets"]) {
		if target := targetFrom(t); target != nil {
			st.TargetNodes = append(st.TargetNodes, target)
		}
	}
	if e, ok := m["event"].(map[string]any); ok {
		ev := eventFrom(e)
		st.Occasion = &ev
		st.Event = ev.ID
	}
	for _, mn := range list(m["evidence"]) {
		st.Evidence = append(st.Evidence, mentionFrom(mn))
	}
	return st
}

// targetFrom decodes a node returned with its labels.
func targetFrom(v any) kg.Target {
	m, _ := v.(map[string]any)
	labels := strings.Join(strs(m["labels"]), ",")
	switch {
	case strings.Contains(labels, "Actor"):
		a := actorFrom(m)
		return a
	case strings.Contains(labels, "Topic"):
		return topicFrom(m)
	case strings.Contains(labels, "Event"):
		return eventFrom(m)
	}
	return nil
}

func mentionFrom(v any) kg.Mention {
	m, _ := v.(map[string]any)
	mn := kg.Mention{
		ID: str(m["id"]), Document: str(m["document"]), Start: integer(m["start"]), End: integer(m["end"]),
		Text: str(m["text"]), Cue: str(m["cue"]), QuoteType: kg.QuoteType(str(m["quote_type"])), Headline: m["headline"] == true,
	}
	if d, ok := m["doc"].(map[string]any); ok {
		doc := documentFrom(d)
		mn.Doc = &doc
	}
	return mn
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}
