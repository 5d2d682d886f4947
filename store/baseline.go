package store

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// BaselineRow is one statement as the benchmark's baseline writes it.
type BaselineRow struct {
	Doc, ID, Predicate, Polarity, Date, Summary string
	Speakers, Targets                           []string
	Event                                       string
	Start, End                                  int
	Text                                        string
}

// BaselineWrite is the yardstick of the load benchmark: the simplest batched
// Cypher that writes the same nodes and relationships as the loader (no
// validation, no replacing of earlier versions, no retries beyond the
// driver's), so loader time / baseline time is the loader's overhead.
func (s *Store) BaselineWrite(ctx context.Context, docs []map[string]any, rows []BaselineRow) error {
	stmts := make([]map[string]any, len(rows))
	for i, r := range rows {
		stmts[i] = map[string]any{"doc": r.Doc, "id": r.ID, "predicate": r.Predicate, "polarity": r.Polarity, "date": r.Date,
			"summary": r.Summary, "speakers": r.Speakers, "targets": r.Targets, "event": r.Event,
			"start": r.Start, "end": r.End, "text": r.Text}
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db})
	defer session.Close(ctx)
	start := time.Now()
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, q := range []struct {
			cypher string
			params map[string]any
		}{
			{`UNWIND $docs AS d CREATE (:Document {id: d.id, title: d.title, lang: d.lang, date: d.date, text: d.text})`, map[string]any{"docs": docs}},
			{`UNWIND $rows AS r
MATCH (d:Document {id: r.doc})
CREATE (s:Statement {id: r.doc + ':' + r.id, document: r.doc, predicate: r.predicate, polarity: r.polarity, date: r.date, summary_en: r.summary})
CREATE (s)-[:EVIDENCED_BY]->(m:Mention {id: r.doc + ':' + r.id + ':m1', document: r.doc, start: r.start, end: r.end, text: r.text})-[:IN_DOCUMENT]->(d)
WITH s, r
CALL (s, r) { UNWIND r.speakers AS sp MATCH (a:Actor {id: sp}) CREATE (a)-[:MADE]->(s) }
CALL (s, r) { UNWIND r.targets AS tg MATCH (t:Topic {id: tg}) CREATE (s)-[:TARGETS]->(t) }
CALL (s, r) { MATCH (e:Event {id: r.event}) CREATE (s)-[:MADE_AT]->(e) }
CALL (s, r) {
  UNWIND r.speakers AS sp
  UNWIND r.targets AS tg
  MATCH (a:Actor {id: sp})
  MATCH (t:Topic {id: tg})
  MERGE (a)-[e:STANCE {polarity: r.polarity}]->(t)
  SET e.weight = coalesce(e.weight, 0) + 1, e.first = coalesce(e.first, r.date), e.last = r.date
}`, map[string]any{"rows": stmts}},
		} {
			res, err := tx.Run(ctx, q.cypher, q.params)
			if err != nil {
				return nil, err
			}
			if _, err := res.Consume(ctx); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	s.observe("baseline", time.Since(start), err)
	return err
}
