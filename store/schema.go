package store

// The schema and its upkeep: creating it before a load (loader.Writer's
// EnsureSchema, which also brings graphs written by older versions up to
// date), waiting for the full-text indexes after one (loader.Writer's
// RefreshSearch), and telling the server's readiness probe whether it is in
// place (server.Database's SchemaReady).

import (
	"context"
	"fmt"
	"slices"
)

// schema lists every constraint and index, each created with IF NOT EXISTS so
// that EnsureSchema is idempotent and can run before every load.
var schema = []struct{ name, cypher string }{
	{"actor_id", `CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE`},
	{"topic_id", `CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE`},
	{"event_id", `CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE`},
	{"place_id", `CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE`},
	{"document_id", `CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE`},
	{"statement_id", `CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE`},
	{"mention_id", `CREATE CONSTRAINT mention_id IF NOT EXISTS FOR (n:Mention) REQUIRE n.id IS UNIQUE`},
	{"actor_kind", `CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind)`},
	{"actor_wikidata", `CREATE INDEX actor_wikidata IF NOT EXISTS FOR (n:Actor) ON (n.wikidata)`},
	{"actor_iso", `CREATE INDEX actor_iso IF NOT EXISTS FOR (n:Actor) ON (n.iso)`},
	{"event_date", `CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)`},
	{"document_date", `CREATE INDEX document_date IF NOT EXISTS FOR (n:Document) ON (n.date)`},
	{"statement_date", `CREATE INDEX statement_date IF NOT EXISTS FOR (n:Statement) ON (n.date)`},
	// The statement lists' orders (Statements): each key with the id that
	// breaks its ties, so a page walks the index in order and stops.
	{"statement_sort_date", `CREATE INDEX statement_sort_date IF NOT EXISTS FOR (n:Statement) ON (n.sort_date, n.id)`},
	{"statement_confidence", `CREATE INDEX statement_confidence IF NOT EXISTS FOR (n:Statement) ON (n.confidence, n.id)`},
	// A speaker's and a target's pages (walkPage): each MADE and TARGETS
	// relationship keyed by its speaker or target, then as above.
	{"made_sort_date", `CREATE INDEX made_sort_date IF NOT EXISTS FOR ()-[m:MADE]-() ON (m.speaker, m.sort_date, m.statement)`},
	{"made_confidence", `CREATE INDEX made_confidence IF NOT EXISTS FOR ()-[m:MADE]-() ON (m.speaker, m.confidence, m.statement)`},
	{"targets_sort_date", `CREATE INDEX targets_sort_date IF NOT EXISTS FOR ()-[m:TARGETS]-() ON (m.target, m.sort_date, m.statement)`},
	{"targets_confidence", `CREATE INDEX targets_confidence IF NOT EXISTS FOR ()-[m:TARGETS]-() ON (m.target, m.confidence, m.statement)`},
	{"statement_predicate", `CREATE INDEX statement_predicate IF NOT EXISTS FOR (n:Statement) ON (n.predicate)`},
	{"statement_polarity", `CREATE INDEX statement_polarity IF NOT EXISTS FOR (n:Statement) ON (n.polarity)`},
	{"statement_document", `CREATE INDEX statement_document IF NOT EXISTS FOR (n:Statement) ON (n.document)`},
	{"mention_document", `CREATE INDEX mention_document IF NOT EXISTS FOR (n:Mention) ON (n.document)`},
	// The name filters (actors(filter: {name}), topics(label:)): CONTAINS
	// over the folded names, one string per node (namesKey).
	{"actor_names_key", `CREATE TEXT INDEX actor_names_key IF NOT EXISTS FOR (n:Actor) ON (n.names_key)`},
	{"topic_names_key", `CREATE TEXT INDEX topic_names_key IF NOT EXISTS FOR (n:Topic) ON (n.names_key)`},
	// Collapsed STANCE edges left stale by a replaced document (see stanceSteps).
	{"stance_stale", `CREATE INDEX stance_stale IF NOT EXISTS FOR ()-[e:STANCE]-() ON (e.stale)`},
	// Full-text search. The indexes over statements, mentions and documents
	// are eventually consistent: Lucene updates in the write transaction
	// made bulk loads ten times slower, so they are applied in the
	// background and a load ends by waiting for them (RefreshSearch).
	// Lucene's Arabic analyzer normalises alef forms, teh
	// marbuta, alef maksura, diacritics and tatweel, and strips the article
	// and common prefixes, so spelling variants meet; English text passes
	// through it lower-cased.
	{"entity_search", "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Actor|Topic|Event|Place) ON EACH [n.search_en, n.search_ar] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}"},
	{"mention_search", "CREATE FULLTEXT INDEX mention_search IF NOT EXISTS FOR (n:Mention) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic', `fulltext.eventually_consistent`: true}}"},
	{"statement_search", "CREATE FULLTEXT INDEX statement_search IF NOT EXISTS FOR (n:Statement) ON EACH [n.summary_en] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english', `fulltext.eventually_consistent`: true}}"},
	{"document_search", "CREATE FULLTEXT INDEX document_search IF NOT EXISTS FOR (n:Document) ON EACH [n.title, n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic', `fulltext.eventually_consistent`: true}}"},
}

// EnsureSchema creates the constraints and indexes that are missing and waits
// until all indexes are online.
func (s *Store) EnsureSchema(ctx context.Context) error {
	for _, c := range schema {
		if _, err := s.write(ctx, "schema."+c.name, c.cypher, nil); err != nil {
			return fmt.Errorf("store: create %s: %w", c.name, err)
		}
	}
	if _, err := s.write(ctx, "schema.await", `CALL db.awaitIndexes(300)`, nil); err != nil {
		return fmt.Errorf("store: await indexes: %w", err)
	}
	if err := s.backfillNameKeys(ctx); err != nil {
		return err
	}
	if err := s.backfillSortDates(ctx); err != nil {
		return err
	}
	if err := s.backfillPageKeys(ctx); err != nil {
		return err
	}
	return s.backfillStances(ctx)
}

// backfillPageKeys copies each statement's sort keys and id, and the
// speaker's or target's id, onto its MADE and TARGETS relationships in a
// graph loaded by a version of whosaid that did not, which a speaker's or
// a target's page would otherwise never reach; a batch at a time, and only
// when an index holds fewer relationships than the count store.
func (s *Store) backfillPageKeys(ctx context.Context) error {
	for _, r := range []struct{ typ, pattern, end string }{
		{"MADE", "(x)-[m:MADE]->(s:Statement)", "speaker"},
		{"TARGETS", "(s:Statement)-[m:TARGETS]->(x)", "target"},
	} {
		res, err := s.readPrimary(ctx, "schema.pageKeys.count", `
MATCH ()-[m:`+r.typ+`]->() WHERE m.`+r.end+` IS NOT NULL AND m.sort_date IS NOT NULL AND m.statement IS NOT NULL
RETURN count(m) = COUNT { ()-[:`+r.typ+`]->() } AS complete`, nil)
		if err != nil {
			return fmt.Errorf("store: backfill page keys: %w", err)
		}
		if complete, err := one(res, func(r fields) bool { return r.flag("complete") }); err != nil {
			return err
		} else if complete {
			continue
		}
		for {
			res, err := s.write(ctx, "schema.pageKeys", `
MATCH `+r.pattern+` WHERE m.statement IS NULL
WITH x, m, s LIMIT 10000
SET m.`+r.end+` = x.id, m.sort_date = s.sort_date, m.confidence = s.confidence, m.statement = s.id
RETURN count(m) AS n`, nil)
			if err != nil {
				return fmt.Errorf("store: backfill page keys: %w", err)
			}
			if n, err := one(res, func(r fields) int { return r.integer("n") }); err != nil {
				return err
			} else if n == 0 {
				break
			}
		}
	}
	return nil
}

// backfillNameKeys writes names_key on the actors and topics of a graph
// loaded by a version of whosaid that did not store it, which the name
// filters would otherwise never find; a page at a time, until none lacks it.
func (s *Store) backfillNameKeys(ctx context.Context) error {
	for _, label := range []string{"Actor", "Topic"} {
		for {
			res, err := s.readPrimary(ctx, "schema.nameKeys.read", `
MATCH (n:`+label+`) WHERE n.names_key IS NULL
RETURN n.id AS id, [coalesce(n.name_en, n.label_en), coalesce(n.name_ar, n.label_ar)] AS names,
       coalesce(n.aliases_en, []) + coalesce(n.aliases_ar, []) AS aliases
LIMIT 1000`, nil)
			if err != nil {
				return fmt.Errorf("store: backfill name keys: %w", err)
			}
			rows, err := decode(res, func(r fields) map[string]any {
				return map[string]any{"id": r.str("id"), "key": namesKey(r.strs("names"), r.strs("aliases"))}
			})
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				break
			}
			if _, err := s.write(ctx, "schema.nameKeys.write", `
UNWIND $rows AS row MATCH (n:`+label+` {id: row.id}) SET n.names_key = row.key`, map[string]any{"rows": rows}); err != nil {
				return fmt.Errorf("store: backfill name keys: %w", err)
			}
		}
	}
	return nil
}

// backfillSortDates writes sort_date on the statements of a graph loaded
// by a version of whosaid that did not store it, which the statement lists
// would otherwise never reach; a batch at a time, and only when the index
// holds fewer statements than the count store (an index scan, not a read of
// every statement, on a graph that is up to date).
func (s *Store) backfillSortDates(ctx context.Context) error {
	res, err := s.readPrimary(ctx, "schema.sortDates.count", `
MATCH (s:Statement) WHERE s.sort_date IS NOT NULL AND s.id IS NOT NULL
RETURN count(s) = COUNT { (:Statement) } AS complete`, nil)
	if err != nil {
		return fmt.Errorf("store: backfill sort dates: %w", err)
	}
	if complete, err := one(res, func(r fields) bool { return r.flag("complete") }); err != nil || complete {
		return err
	}
	for {
		res, err := s.write(ctx, "schema.sortDates", `
MATCH (s:Statement) WHERE s.sort_date IS NULL
WITH s LIMIT 10000
SET s.sort_date = coalesce(s.date, '')
RETURN count(s) AS n`, nil)
		if err != nil {
			return fmt.Errorf("store: backfill sort dates: %w", err)
		}
		if n, err := one(res, func(r fields) int { return r.integer("n") }); err != nil || n == 0 {
			return err
		}
	}
}

// backfillStances adds the collapsed STANCE relationships to a graph loaded
// by a version of whosaid that did not keep them (statements but no STANCE
// relationship; both counts come from the count store), or their calendars
// (stances.go) to one that kept them without, one page of speakers per
// transaction.
func (s *Store) backfillStances(ctx context.Context) error {
	res, err := s.readPrimary(ctx, "schema.stances", `
RETURN COUNT { MATCH ()-[:MADE]->(:Statement) } AS made, COUNT { MATCH ()-[:STANCE]->() } AS stances,
       EXISTS { MATCH ()-[e:STANCE]->() WHERE e.months IS NULL } AS noCalendar`, nil)
	if err != nil {
		return err
	}
	type need struct{ edges, calendars bool }
	needed, err := one(res, func(r fields) need {
		made := r.integer("made") > 0
		return need{edges: made && r.integer("stances") == 0, calendars: made && r.flag("noCalendar")}
	})
	if err != nil || !needed.edges && !needed.calendars {
		return err
	}
	// Edges there already (an offline import writes them without calendars,
	// which its lists of months cannot carry) keep what they have and gain
	// their calendars alone.
	write := `MERGE (a)-[e:STANCE {polarity: polarity}]->(t)
  SET e.weight = weight, e.first = first, e.last = last, e.predicates = predicates, ` + setStanceMonths("e")
	if !needed.edges {
		write = `MATCH (a)-[e:STANCE {polarity: polarity}]->(t) WHERE e.months IS NULL
  SET ` + setStanceMonths("e")
	}
	batches, err := s.stanceBatches(ctx)
	if err != nil {
		return err
	}
	for _, ids := range batches {
		if _, err := s.write(ctx, "schema.backfillStances", `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
CALL (a) {
  MATCH (a)-[:MADE]->(s:Statement)-[:TARGETS]->(t)
  WITH t, s.polarity AS polarity, count(DISTINCT s) AS weight, min(s.date) AS first, max(s.date) AS last,
       collect(DISTINCT s.predicate) AS predicates, collect(DISTINCT s) AS statements
  `+stanceMonthsOf("statements")+`
  `+write+`
}`, map[string]any{"ids": ids}); err != nil {
			return fmt.Errorf("store: backfill stance edges: %w", err)
		}
	}
	return nil
}

// stanceBatchStatements bounds the statements behind the stance edges one
// transaction of backfillStances writes. The transaction holds every edge
// it writes with its calendar (four lists of up to a value a month): 200
// actors at a time, a million statements' edges took more than a 1 GB heap.
var stanceBatchStatements = 20000

// stanceBatches splits the actors who made statements, in id order, into
// batches that made at most stanceBatchStatements statements between them;
// an actor who made more is a batch alone.
func (s *Store) stanceBatches(ctx context.Context) ([][]string, error) {
	res, err := s.readPrimary(ctx, "schema.stances.actors", `
MATCH (a:Actor) WHERE a.id IS NOT NULL
WITH a.id AS id, COUNT { (a)-[:MADE]->() } AS made
WHERE made > 0
RETURN id, made ORDER BY id`, nil)
	if err != nil {
		return nil, fmt.Errorf("store: backfill stance edges: %w", err)
	}
	type speaker struct {
		id   string
		made int
	}
	speakers, err := decode(res, func(r fields) speaker { return speaker{r.str("id"), r.integer("made")} })
	if err != nil {
		return nil, err
	}
	var batches [][]string
	total := 0
	for _, sp := range speakers {
		if len(batches) == 0 || total+sp.made > stanceBatchStatements {
			batches, total = append(batches, nil), 0
		}
		batches[len(batches)-1] = append(batches[len(batches)-1], sp.id)
		total += sp.made
	}
	return batches, nil
}

// SchemaReady reports whether every constraint and index of the schema exists
// and is online; it returns the names of those that are not.
func (s *Store) SchemaReady(ctx context.Context) (missing []string, err error) {
	res, err := s.read(ctx, "schema.show",
		`SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN collect(name) AS names`, nil)
	if err != nil {
		return nil, err
	}
	online, err := one(res, func(r fields) []string { return r.strs("names") })
	if err != nil {
		return nil, err
	}
	for _, c := range schema {
		if !slices.Contains(online, c.name) {
			missing = append(missing, c.name)
		}
	}
	return missing, nil
}

// RefreshSearch waits until the eventually consistent full-text indexes have
// caught up with every committed write, so a search right after a load sees
// what was loaded.
func (s *Store) RefreshSearch(ctx context.Context) error {
	_, err := s.write(ctx, "schema.refreshSearch", `CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()`, nil)
	return err
}
