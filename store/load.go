package store

// What the loader writes (loader.Writer; its schema half is in schema.go),
// what unloading deletes, and the counts a load reports.

import (
	"context"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// WriteCatalogue upserts actors, topics, events, places and catalogue
// relations in one transaction. Properties are replaced, so editing an entry
// and reloading updates it; entities are never deleted here, because other
// seed folders loaded earlier may still refer to them.
func (s *Store) WriteCatalogue(ctx context.Context, c kg.Catalogue) error {
	byKind := map[kg.ActorKind][]map[string]any{}
	for _, a := range c.Actors {
		byKind[a.Kind] = append(byKind[a.Kind], actorProps(a))
	}
	var steps []step
	// Labels cannot be parameters, so each kind has its own statement; the
	// REMOVE keeps an actor whose kind was corrected from carrying two labels.
	var kindLabels []string
	for _, kind := range kg.ActorKinds {
		kindLabels = append(kindLabels, kg.NodeKind(kind).Label())
	}
	for i, kind := range kg.ActorKinds {
		steps = append(steps, step{"actors." + kindLabels[i], `
UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
SET n = row
REMOVE n:` + strings.Join(kindLabels, ":") + `
SET n:` + kindLabels[i], map[string]any{"rows": orEmptyRows(byKind[kind])}})
	}

	var topics, broader []map[string]any
	for _, t := range c.Topics {
		topics = append(topics, topicProps(t))
		for _, b := range t.Broader {
			broader = append(broader, map[string]any{"from": t.ID, "to": b})
		}
	}
	var places []map[string]any
	for _, p := range c.Places {
		places = append(places, map[string]any{"props": placeProps(p), "country": kg.OrNull(p.Country)})
	}
	var events []map[string]any
	for _, e := range c.Events {
		events = append(events, map[string]any{"props": eventProps(e),
			"place": kg.OrNull(e.Place), "participants": orEmpty(e.Participants), "topics": orEmpty(e.Topics)})
	}
	steps = append(steps,
		step{"topics", `
UNWIND $rows AS row
MERGE (n:Topic {id: row.id})
SET n = row
WITH n
OPTIONAL MATCH (n)-[old:BROADER]->()
DELETE old`, map[string]any{"rows": orEmptyRows(topics)}},
		step{"topics.broader", `
UNWIND $rows AS row
MATCH (a:Topic {id: row.from}), (b:Topic {id: row.to})
MERGE (a)-[:BROADER]->(b)`, map[string]any{"rows": orEmptyRows(broader)}},
		step{"places", `
UNWIND $rows AS row
MERGE (n:Place {id: row.props.id})
SET n = row.props
WITH n, row
OPTIONAL MATCH (n)-[old:IN_COUNTRY]->()
DELETE old
WITH DISTINCT n, row
MATCH (c:Country {id: row.country})
MERGE (n)-[:IN_COUNTRY]->(c)`, map[string]any{"rows": orEmptyRows(places)}},
		step{"events", `
UNWIND $rows AS row
MERGE (n:Event {id: row.props.id})
SET n = row.props
WITH n, row
OPTIONAL MATCH (n)-[old:HELD_IN|PARTICIPANT|ABOUT]->()
DELETE old
WITH DISTINCT n, row
CALL (n, row) {
  MATCH (p:Place {id: row.place})
  MERGE (n)-[:HELD_IN]->(p)
}
CALL (n, row) {
  UNWIND row.participants AS pid
  MATCH (a:Actor {id: pid})
  MERGE (n)-[:PARTICIPANT]->(a)
}
CALL (n, row) {
  UNWIND row.topics AS tid
  MATCH (t:Topic {id: tid})
  MERGE (n)-[:ABOUT]->(t)
}`, map[string]any{"rows": orEmptyRows(events)}},
	)
	steps = append(steps, relationSteps("catalogue", c.Relations, "")...)
	return s.writeTx(ctx, "load.catalogue", steps)
}

// relationSteps writes context relations. Catalogue relations (doc == "")
// are marked curated; a document's relations add that document's mentions to
// the relation's evidence list.
func relationSteps(op string, rels []kg.Relation, doc string) []step {
	rows := map[kg.RelationType][]map[string]any{}
	for _, r := range rels {
		rows[r.Type] = append(rows[r.Type], relationRow(r))
	}
	curated := doc == ""
	var steps []step
	for _, t := range contextRelations {
		// The type comes from our own constant list, never from input.
		steps = append(steps, step{op + "." + string(t), `
UNWIND $rows AS row
MATCH (a:Actor {id: row.from}), (b:Actor {id: row.to})
MERGE (a)-[r:` + string(t) + ` {term: CASE WHEN $keyByStart THEN coalesce(row.start, '') ELSE '' END}]->(b)
SET r.curated = coalesce(r.curated, false) OR $curated,
    r.evidence = coalesce(r.evidence, []) + [x IN row.evidence WHERE NOT x IN coalesce(r.evidence, [])],
    r.title_en = coalesce(row.title_en, r.title_en),
    r.title_ar = coalesce(row.title_ar, r.title_ar),
    r.start = coalesce(row.start, r.start),
    r.end = coalesce(row.end, r.end)`, map[string]any{"rows": orEmptyRows(rows[t]), "curated": curated,
			"keyByStart": keyedByStart(t)}})
	}
	return steps
}

// WriteDocuments replaces everything the given documents contribute to the
// graph (their statements, mentions and the evidence they give for context
// relations) in one transaction, so a reload after an edit leaves no
// duplicates or orphans and a failure leaves the previous version intact.
// Batching many documents per transaction is what makes bulk loads fast:
// each step is one UNWIND over the whole batch.
func (s *Store) WriteDocuments(ctx context.Context, docs []kg.AnnotatedDocument) error {
	var docRows, statements, mentions, factRows []map[string]any
	var docIDs, prefixes []string
	var relations []kg.Relation
	facts := map[string]bool{}
	for _, ad := range docs {
		d := ad.Document
		docIDs = append(docIDs, d.ID)
		prefixes = append(prefixes, d.ID+"@")
		docRows = append(docRows, documentProps(d))
		for _, st := range ad.Statements {
			statements = append(statements, map[string]any{
				"props":    statementProps(st),
				"speakers": st.Speakers, "targets": st.Targets, "event": kg.OrNull(st.Event),
			})
			for _, m := range st.Evidence {
				mentions = append(mentions, map[string]any{"statement": st.ID, "doc": m.Document, "props": mentionProps(m, "statement")})
			}
		}
		for _, r := range ad.Relations {
			for _, m := range r.Evidence {
				if !facts[m.ID] {
					facts[m.ID] = true
					factRows = append(factRows, map[string]any{"doc": m.Document, "props": mentionProps(m, "fact")})
				}
			}
		}
		relations = append(relations, ad.Relations...)
	}
	steps := []step{
		{"documents", `
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d = row`, map[string]any{"rows": orEmptyRows(docRows)}},
		{"documents.clear", documentsClear, map[string]any{"docs": docIDs}},
		{"documents.clearFacts", documentsClearFacts, map[string]any{"prefixes": prefixes}},
		{"statements", `
UNWIND $rows AS row
CREATE (s:Statement)
SET s = row.props
WITH s, row
CALL (s, row) {
  UNWIND range(0, size(row.speakers) - 1) AS i
  MATCH (a:Actor {id: row.speakers[i]})
  CREATE (a)-[:MADE {role: CASE WHEN size(row.speakers) > 1 THEN 'joint' ELSE 'speaker' END, position: i,
    speaker: a.id, sort_date: s.sort_date, confidence: s.confidence, statement: s.id}]->(s)
}
CALL (s, row) {
  UNWIND range(0, size(row.targets) - 1) AS i
  CALL (row, i) {` + nodeWithID("t", "row.targets[i]", targetLabels) + `}
  CREATE (s)-[:TARGETS {primary: i = 0, position: i, target: t.id, sort_date: s.sort_date, confidence: s.confidence, statement: s.id}]->(t)
}
CALL (s, row) {
  MATCH (e:Event {id: row.event})
  CREATE (s)-[:MADE_AT]->(e)
}`, map[string]any{"rows": orEmptyRows(statements)}},
		{"mentions", `
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (s:Statement {id: row.statement})
CREATE (s)-[:EVIDENCED_BY]->(m:Mention)-[:IN_DOCUMENT]->(d)
SET m = row.props`, map[string]any{"rows": orEmptyRows(mentions)}},
		{"facts.mentions", `
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MERGE (m:Mention {id: row.props.id})
SET m = row.props
MERGE (m)-[:IN_DOCUMENT]->(d)`, map[string]any{"rows": orEmptyRows(factRows)}},
	}
	steps = append(steps, relationSteps("documents.facts", relations, "document")...)
	steps = append(steps, stanceSteps(docs)...)
	return s.writeTx(ctx, "load.documents", steps)
}

// documentsClear deletes the statements and mentions of the documents $docs;
// the collapsed STANCE edges those statements counted in are marked stale,
// to be recounted at the end of the transaction (stances.recount).
const documentsClear = `
UNWIND $docs AS doc
CALL (doc) {
  MATCH (s:Statement {document: doc})
  CALL (s) {
    MATCH (a:Actor)-[:MADE]->(s)-[:TARGETS]->(t)
    MATCH (a)-[e:STANCE {polarity: s.polarity}]->(t)
    SET e.stale = true
  }
  DETACH DELETE s
}
CALL (doc) {
  MATCH (m:Mention {document: doc})
  DETACH DELETE m
}`

// documentsClearFacts removes the evidence documents gave for context
// relations ($prefixes: "<document>@"), and the relations left with none
// that the catalogue does not hold.
const documentsClearFacts = `
MATCH ()-[r:HOLDS_POSITION|PART_OF|MEMBER_OF]->()
WHERE any(x IN r.evidence WHERE any(p IN $prefixes WHERE x STARTS WITH p))
SET r.evidence = [x IN r.evidence WHERE none(p IN $prefixes WHERE x STARTS WITH p)]
WITH r
WHERE size(r.evidence) = 0 AND NOT r.curated
DELETE r`

// stanceSteps keep the collapsed (speaker)-[:STANCE {polarity}]->(target)
// relationships in step with the statements: one per speaker, target and
// polarity, with the number of statements behind it (weight), their
// earliest and latest dates and their predicates. Neighbourhoods, paths and
// degrees read these instead of every statement, so their cost follows the
// number of distinct partners, not of statements (a head of state makes
// tens of thousands).
//
// New statements are added to the counts; edges that lost statements to a
// replaced document were marked stale when those were deleted and are
// recounted from the statements that remain, from whichever end has fewer.
func stanceSteps(docs []kg.AnnotatedDocument) []step {
	tally := newStanceTally()
	for _, ad := range docs {
		for _, st := range ad.Statements {
			tally.add(st)
		}
	}
	rows := tally.rows()
	return []step{
		{"stances.add", `
UNWIND $rows AS row
MATCH (a:Actor {id: row.speaker})
CALL (row) {` + nodeWithID("t", "row.target", targetLabels) + `}
MERGE (a)-[e:STANCE {polarity: row.polarity}]->(t)
ON CREATE SET e.weight = row.weight, e.first = row.first, e.last = row.last, e.predicates = row.predicates
ON MATCH SET e.weight = e.weight + row.weight,
  e.first = CASE WHEN row.first IS NULL OR row.first >= e.first THEN e.first ELSE row.first END,
  e.last = CASE WHEN row.last IS NULL OR row.last <= e.last THEN e.last ELSE row.last END,
  e.predicates = e.predicates + [p IN row.predicates WHERE NOT p IN e.predicates]
` + addStanceMonths, map[string]any{"rows": orEmptyRows(rows)}},
		{"stances.recount", `
MATCH (a:Actor)-[e:STANCE]->(t)
WHERE e.stale = true
CALL (a, t, e) {
  WITH a, t, e.polarity AS polarity
  ` + stanceStatementsOf + `
  RETURN count(s) AS weight, min(s.date) AS first, max(s.date) AS last, collect(DISTINCT s.predicate) AS predicates,
         collect(s) AS statements
}
` + stanceMonthsOf("statements") + `
SET e.weight = weight, e.first = first, e.last = last, e.predicates = predicates, e.stale = null,
    ` + setStanceMonths("e") + `
WITH e
WHERE e.weight = 0
DELETE e`, nil},
	}
}

// DeleteDocuments removes documents from the graph in one transaction: their
// statements, mentions and the evidence they gave for context relations
// (relations no other evidence or the catalogue holds go too), the derived
// STANCE relationships recounted from the statements that remain, and the
// actors and topics their extraction introduced that nothing else refers to
// any more. It returns how many documents were there.
func (s *Store) DeleteDocuments(ctx context.Context, ids []string) (int, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	found, err := s.readCount(ctx, "unload.find", `MATCH (d:Document) WHERE d.id IN $ids RETURN count(d) AS n`, map[string]any{"ids": ids})
	if err != nil || found == 0 {
		return 0, err
	}
	var prefixes []string
	for _, id := range ids {
		prefixes = append(prefixes, id+"@")
	}
	steps := []step{
		{"unload.statements", documentsClear, map[string]any{"docs": ids}},
		{"unload.facts", documentsClearFacts, map[string]any{"prefixes": prefixes}},
		{"unload.documents", `
MATCH (d:Document) WHERE d.id IN $ids
DETACH DELETE d`, map[string]any{"ids": ids}},
	}
	steps = append(steps, stanceSteps(nil)...)
	steps = append(steps, step{"unload.introduced", `
CALL () {
  MATCH (a:Actor) WHERE a.introduced_by IN $ids AND NOT EXISTS { (a)--() }
  RETURN a AS n
  UNION
  MATCH (t:Topic) WHERE t.introduced_by IN $ids AND NOT EXISTS { (t)--() }
  RETURN t AS n
}
DELETE n`, map[string]any{"ids": ids}})
	return found, s.writeTx(ctx, "unload", steps)
}

// The labels and relationship types whosaid writes, for Counts.
var (
	nodeLabels = []string{"Actor", "Person", "Organisation", "Country", "Topic", "Event", "Place", "Document", "Statement", "Mention"}
	relTypes   = []string{"MADE", "TARGETS", "MADE_AT", "EVIDENCED_BY", "IN_DOCUMENT", "HOLDS_POSITION", "PART_OF", "MEMBER_OF",
		"PARTICIPANT", "HELD_IN", "ABOUT", "BROADER", "IN_COUNTRY"}
	// One row per label and type, each a COUNT subquery that the planner
	// answers from the count store. (A UNION of `MATCH … RETURN count(…)`
	// arms, which reads the same, is planned as label and type scans.)
	countsQuery = func() string {
		var rows []string
		for _, l := range nodeLabels {
			rows = append(rows, "{key: '"+l+"', n: COUNT { (:"+l+") }, what: 'node'}")
		}
		for _, t := range relTypes {
			rows = append(rows, "{key: '"+t+"', n: COUNT { ()-[:"+t+"]->() }, what: 'rel'}")
		}
		return "UNWIND [\n  " + strings.Join(rows, ",\n  ") + "\n] AS row\nRETURN row.key AS key, row.n AS n, row.what AS what"
	}()
)

// Counts returns the number of nodes by label and relationships by type
// (only those present), read from Neo4j's count store without scanning.
func (s *Store) Counts(ctx context.Context) (nodes, rels map[string]int, err error) {
	res, err := s.read(ctx, "counts", countsQuery, nil)
	if err != nil {
		return nil, nil, err
	}
	type labelCount struct {
		key, what string
		n         int
	}
	rows, err := decode(res, func(r fields) labelCount { return labelCount{r.str("key"), r.str("what"), r.integer("n")} })
	if err != nil {
		return nil, nil, err
	}
	nodes, rels = map[string]int{}, map[string]int{}
	for _, r := range rows {
		switch {
		case r.n == 0:
		case r.what == "node":
			nodes[r.key] = r.n
		default:
			rels[r.key] = r.n
		}
	}
	return nodes, rels, nil
}

// searchText joins a name and its aliases, one per line, for the full-text
// index (a line break keeps phrase queries from running across names).
func searchText(name string, more ...any) string {
	parts := []string{name}
	for _, m := range more {
		switch v := m.(type) {
		case string:
			if v != "" {
				parts = append(parts, v)
			}
		case []string:
			parts = append(parts, v...)
		}
	}
	return strings.Join(parts, "\n")
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func orEmptyRows(rows []map[string]any) []map[string]any {
	if rows == nil {
		return []map[string]any{}
	}
	return rows
}
