package store

// The hooks only tests and benchmarks call: none of them is part of what a
// consumer of the store may ask (see the package comment), and none may be
// called by production code.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/db"
)

// RecordQueries makes the store report every read and write query it runs,
// with its parameters; the query-plan test uses it to EXPLAIN all of them.
func (s *Store) RecordQueries(f func(op, cypher string, params map[string]any)) { s.record = f }

// Explain returns the operators Neo4j would use for a query, without running
// it. Tests use it to prove every query starts from an index.
func (s *Store) Explain(ctx context.Context, cypher string, params map[string]any) ([]PlanStep, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.reader, "EXPLAIN "+cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting(), neo4j.ExecuteQueryWithoutBookmarkManager())
	if err != nil {
		return nil, err
	}
	var steps []PlanStep
	var walk func(p *db.Plan, spine bool)
	walk = func(p *db.Plan, spine bool) {
		details, _ := p.Arguments["Details"].(string)
		steps = append(steps, PlanStep{Operator: strings.SplitN(p.Operator, "@", 2)[0], Details: details, Spine: spine})
		for i := range p.Children {
			walk(&p.Children[i], spine && i == 0)
		}
	}
	if root := rawPlan(res.Summary.Plan()); root != nil {
		walk(root, true)
	}
	return steps, nil
}

// PeakMemory runs a query under PROFILE and returns the most memory it held
// at once, in bytes, as Neo4j reports it (GlobalMemory). EXPLAIN gives no
// estimate of memory, so a test that bounds it must run the query.
func (s *Store) PeakMemory(ctx context.Context, cypher string, params map[string]any) (int64, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "PROFILE "+cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return 0, err
	}
	profile := res.Summary.Profile()
	if profile == nil {
		return 0, fmt.Errorf("store: no profile")
	}
	peak, ok := profile.Arguments()["GlobalMemory"].(int64)
	if !ok {
		return 0, fmt.Errorf("store: the profile reports no GlobalMemory")
	}
	return peak, nil
}

// rawPlan is the driver's plan behind p. The driver's own Plan.Children
// (v5.28.4) takes the address of its loop variable, so every child it
// returns is the last one: the right-hand side of a binary operator twice,
// its left-hand side (where a query's scan usually is) never. The profile's
// children were fixed upstream (neo4j-go-driver#249), the plan's were not.
func rawPlan(p neo4j.Plan) *db.Plan {
	v := reflect.ValueOf(p)
	if p == nil || v.Kind() != reflect.Pointer {
		return nil
	}
	field := v.Elem().FieldByName("plan")
	if !field.IsValid() || field.Type() != reflect.TypeFor[*db.Plan]() {
		return nil
	}
	return *(**db.Plan)(unsafe.Pointer(field.UnsafeAddr()))
}

// PlanStep is one operator of a query plan, with its details (for a label
// scan, the variable and label it scans).
type PlanStep struct {
	Operator string
	Details  string
	// Spine is whether the operator is on the query's main pipeline: reached
	// from the root through first children only, not inside a subquery
	// (the right-hand side of an Apply, such as a COLLECT of one row's
	// neighbours), whose work is bounded by that row.
	Spine bool
}

// Checksum hashes the content of every statement (id, predicate, polarity,
// speakers, targets, evidence spans) in id order, so two graphs can be
// compared for equal content, not only equal counts. Tests use it to show
// that an interrupted load, run again, gives the graph of an uninterrupted
// one.
func (s *Store) Checksum(ctx context.Context) (string, int, error) {
	res, err := s.read(ctx, "checksum", `
MATCH (s:Statement) USING INDEX s:Statement(date) WHERE s.date >= ''
WITH s ORDER BY s.id
RETURN s.id AS id, s.predicate AS p, s.polarity AS pol,
  COLLECT { MATCH (a:Actor)-[m:MADE]->(s) RETURN a.id ORDER BY m.position } AS speakers,
  COLLECT { MATCH (s)-[t:TARGETS]->(x) RETURN x.id ORDER BY t.position } AS targets,
  COLLECT { MATCH (s)-[:EVIDENCED_BY]->(m:Mention) RETURN m.document + '@' + toString(m.start) + '-' + toString(m.end) ORDER BY m.id } AS spans`, nil)
	if err != nil {
		return "", 0, err
	}
	return hashRecords(res), len(res.Records), nil
}

// DeleteEverything removes all nodes and relationships (not the schema). It
// exists for tests and benchmarks. Relationships go first, in batches, so
// that deleting a dense node (a speaker with a million statements) never
// needs one huge transaction.
func (s *Store) DeleteEverything(ctx context.Context) error {
	for _, q := range []string{
		`MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS deleted`,
		`MATCH (n) WITH n LIMIT 20000 DELETE n RETURN count(*) AS deleted`,
	} {
		for {
			res, err := s.write(ctx, "deleteEverything", q, nil)
			if err != nil {
				return err
			}
			deleted, err := one(res, func(r fields) int { return r.integer("deleted") })
			if err != nil {
				return err
			}
			if deleted == 0 {
				break
			}
		}
	}
	return nil
}

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
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, BookmarkManager: s.writes})
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
CREATE (s:Statement {id: r.doc + ':' + r.id, document: r.doc, predicate: r.predicate, polarity: r.polarity, date: r.date, sort_date: coalesce(r.date, ''), summary_en: r.summary})
CREATE (s)-[:EVIDENCED_BY]->(m:Mention {id: r.doc + ':' + r.id + ':m1', document: r.doc, start: r.start, end: r.end, text: r.text})-[:IN_DOCUMENT]->(d)
WITH s, r
CALL (s, r) { UNWIND r.speakers AS sp MATCH (a:Actor {id: sp}) CREATE (a)-[:MADE {speaker: sp, sort_date: s.sort_date, confidence: s.confidence, statement: s.id}]->(s) }
CALL (s, r) { UNWIND r.targets AS tg MATCH (t:Topic {id: tg}) CREATE (s)-[:TARGETS {target: tg, sort_date: s.sort_date, confidence: s.confidence, statement: s.id}]->(t) }
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
	s.observe(PathWrite, "baseline", time.Since(start), err)
	return err
}

// DerivedChecksum hashes what a load derives beside the statements: every
// STANCE relationship (its weight, first and last dates, calendar and predicates) and
// every context relation with the evidence it holds. Lists whose order
// follows the order documents were written in are compared sorted, so two
// loads of the same documents in different orders and batches agree. Tests
// use it with Checksum to show that redelivered and rewritten documents
// counted once.
func (s *Store) DerivedChecksum(ctx context.Context) (string, int, error) {
	res, err := s.read(ctx, "derivedChecksum", `
CALL () {
  MATCH (a:Actor)-[e:STANCE]->(t)
  RETURN 'STANCE' AS type, a.id AS from, t.id AS to, e.polarity AS key,
    [e.weight, e.first, e.last, e.months, e.asserted, e.firsts, e.lasts] AS facts,
    COLLECT { UNWIND e.predicates AS p RETURN p ORDER BY p } AS list
  UNION ALL
  MATCH (a:Actor)-[r:HOLDS_POSITION|PART_OF|MEMBER_OF]->(b:Actor)
  RETURN type(r) AS type, a.id AS from, b.id AS to, r.term AS key, [r.curated] AS facts,
    COLLECT { UNWIND r.evidence AS x RETURN x ORDER BY x } AS list
}
RETURN type, from, to, key, facts, list
ORDER BY type, from, to, key`, nil)
	if err != nil {
		return "", 0, err
	}
	return hashRecords(res), len(res.Records), nil
}

// hashRecords is the SHA-256 of a result's rows, one line each.
func hashRecords(res *result) string {
	h := sha256.New()
	for _, r := range res.Records {
		fmt.Fprintln(h, r.Values...)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ContentChecksum hashes everything in the graph: the labels and every
// property of every node, and the type, ends and every property of every
// relationship, in a fixed order (nodes by id, relationships by their ends'
// ids, type and properties). Two graphs with the same checksum hold the
// same content whatever wrote them: the backfill test compares a
// transactional load with an offline import with it. It reads the whole
// graph in one transaction, so it is for test-sized graphs.
func (s *Store) ContentChecksum(ctx context.Context) (sum string, nodes, rels int, err error) {
	res, err := s.read(ctx, "contentChecksum", `
CALL () {
  MATCH (n)
  RETURN 'node' AS kind, n.id AS a, '' AS type, '' AS b, labels(n) AS labels, properties(n) AS props
  UNION ALL
  MATCH (x)-[r]->(y)
  RETURN 'rel' AS kind, x.id AS a, type(r) AS type, y.id AS b, [] AS labels, properties(r) AS props
}
RETURN kind, a, type, b, labels, props`, nil)
	if err != nil {
		return "", 0, 0, err
	}
	lines := make([]string, 0, len(res.Records))
	for _, r := range res.Records {
		kind, _ := r.Get("kind")
		labels, _ := r.Get("labels")
		if l, ok := labels.([]any); ok {
			slices.SortFunc(l, func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		}
		if kind == "node" {
			nodes++
		} else {
			rels++
		}
		// encoding/json writes map keys sorted, so equal properties encode alike.
		line, err := json.Marshal(r.Values)
		if err != nil {
			return "", 0, 0, err
		}
		lines = append(lines, string(line))
	}
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		fmt.Fprintln(h, l)
	}
	return hex.EncodeToString(h.Sum(nil)), nodes, rels, nil
}
