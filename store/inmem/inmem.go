// Package inmem holds the knowledge graph in memory and answers the reads
// of the API (graph.Reader) and the walks (subgraph.Source) as the Neo4j
// store does, for tests that want answers in milliseconds. It is written by
// the loader like the Neo4j store (it is a loader.Writer), so it holds
// whatever the seed folders hold, and it keeps what Neo4j would: a
// relationship to a node that did not exist when it was written is not
// made, a document's properties are the ones the store keeps.
//
// The contract suite (store/storetest) runs against both stores and
// compares their answers, so the two cannot drift. What this store does
// not implement (full-text search, whole-graph exports) answers ErrNotImplemented.
package inmem

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/whosaid/whosaid/kg"
)

// ErrNotImplemented is in the chain of the error of a read the in-memory
// store does not answer.
var ErrNotImplemented = errors.New("inmem: not implemented")

func notImplemented(what string) error {
	return &kg.Error{Kind: kg.Internal, Message: what + " is not available in the in-memory store", Err: ErrNotImplemented}
}

// Store is the in-memory knowledge graph. It is safe for concurrent use.
type Store struct {
	mu         sync.RWMutex
	actors     map[string]kg.Actor
	topics     map[string]kg.Topic // Broader: the BROADER relationships made
	events     map[string]kg.Event // Place, Participants, Topics: the relationships made
	places     map[string]kg.Place // Country: the IN_COUNTRY relationship made
	documents  map[string]kg.Document
	statements map[string]*statement
	mentions   map[string]kg.Mention // statements' evidence and facts', without Doc
	relations  map[relationKey]*relation
}

// statement is a statement as written, with the relationships made for it.
type statement struct {
	kg.Statement // Speakers, Targets, Event, Evidence: as the loader gave them
	speakers     []string
	targets      []string
	event        string
	evidence     []string // mention ids
}

// relationKey is what the store merges context relations on: a person may
// hold one office in several terms, told apart by their start.
type relationKey struct {
	t              kg.RelationType
	from, to, term string
}

type relation struct {
	kg.Relation // Evidence unused: see evidence
	evidence    []string
}

// New returns an empty store.
func New() *Store {
	return &Store{
		actors: map[string]kg.Actor{}, topics: map[string]kg.Topic{}, events: map[string]kg.Event{},
		places: map[string]kg.Place{}, documents: map[string]kg.Document{}, statements: map[string]*statement{},
		mentions: map[string]kg.Mention{}, relations: map[relationKey]*relation{},
	}
}

// EnsureSchema has nothing to do: there is no schema in memory.
func (s *Store) EnsureSchema(context.Context) error { return nil }

// Ping always answers: the store is in the process.
func (s *Store) Ping(context.Context) error { return nil }

// SchemaReady reports nothing missing.
func (s *Store) SchemaReady(context.Context) ([]string, error) { return nil, nil }

// WriteCatalogue upserts the catalogue as store.WriteCatalogue does:
// properties replaced, an entity's outgoing relationships made anew to the
// nodes that exist, catalogue relations merged and marked curated.
func (s *Store) WriteCatalogue(_ context.Context, c kg.Catalogue) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range c.Actors {
		s.actors[a.ID] = a
	}
	for _, t := range c.Topics {
		s.topics[t.ID] = t
	}
	for _, t := range c.Topics {
		t.Broader = s.existing(t.Broader, s.isTopic)
		s.topics[t.ID] = t
	}
	for _, p := range c.Places {
		if a, ok := s.actors[p.Country]; !ok || a.Kind != kg.Country {
			p.Country = ""
		}
		s.places[p.ID] = p
	}
	for _, e := range c.Events {
		if _, ok := s.places[e.Place]; !ok {
			e.Place = ""
		}
		e.Participants = sortedSet(s.existing(e.Participants, s.isActor))
		e.Topics = sortedSet(s.existing(e.Topics, s.isTopic))
		s.events[e.ID] = e
	}
	s.mergeRelations(c.Relations, true)
	return nil
}

// RefreshSearch has nothing to wait for: the in-memory store has no
// full-text indexes that lag behind its writes.
func (s *Store) RefreshSearch(context.Context) error { return nil }

// WriteDocuments replaces what the documents contribute, in the order
// store.WriteDocuments takes its steps: the documents, then their old
// statements, mentions and fact evidence cleared, then the new ones.
func (s *Store) WriteDocuments(_ context.Context, docs []kg.AnnotatedDocument) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ad := range docs {
		d := ad.Document
		// The store keeps neither outlet nor split, and counts the text.
		s.documents[d.ID] = kg.Document{ID: d.ID, Title: d.Title, Lang: d.Lang, Date: d.Date, URL: d.URL,
			Source: d.Source, Licence: d.Licence, Text: d.Text, Length: len([]rune(d.Text))}
	}
	for _, ad := range docs {
		s.clearDocument(ad.Document.ID)
	}
	for _, ad := range docs {
		for _, st := range ad.Statements {
			s.statements[st.ID] = &statement{Statement: st,
				speakers: s.existing(st.Speakers, s.isActor), targets: s.existing(st.Targets, s.isTarget)}
			if _, ok := s.events[st.Event]; ok {
				s.statements[st.ID].event = st.Event
			}
		}
	}
	for _, ad := range docs {
		for _, st := range ad.Statements {
			for _, m := range st.Evidence {
				if _, ok := s.documents[m.Document]; ok {
					s.mentions[m.ID] = m
					s.statements[st.ID].evidence = append(s.statements[st.ID].evidence, m.ID)
				}
			}
		}
	}
	for _, ad := range docs {
		for _, r := range ad.Relations {
			for _, m := range r.Evidence {
				if _, ok := s.documents[m.Document]; ok {
					s.mentions[m.ID] = m
				}
			}
		}
		s.mergeRelations(ad.Relations, false)
	}
	return nil
}

// clearDocument deletes a document's statements and mentions, and the
// evidence it gave for context relations; a relation left with none goes
// unless the catalogue holds it.
func (s *Store) clearDocument(doc string) {
	for id, st := range s.statements {
		if st.Document == doc {
			delete(s.statements, id)
		}
	}
	for id, m := range s.mentions {
		if m.Document == doc {
			delete(s.mentions, id)
		}
	}
	for k, r := range s.relations {
		before := len(r.evidence)
		r.evidence = slices.DeleteFunc(r.evidence, func(id string) bool { return strings.HasPrefix(id, doc+"@") })
		if len(r.evidence) < before && len(r.evidence) == 0 && !r.Curated {
			delete(s.relations, k)
		}
	}
}

// mergeRelations merges relations between existing actors as
// store.relationSteps does: evidence added, curated once curated, and
// title and dates kept where the new one has none.
func (s *Store) mergeRelations(rels []kg.Relation, curated bool) {
	for _, r := range rels {
		if !s.isActor(r.From) || !s.isActor(r.To) {
			continue
		}
		k := relationKey{t: r.Type, from: r.From, to: r.To}
		if r.Type == kg.HoldsPosition {
			k.term = r.Start
		}
		x := s.relations[k]
		if x == nil {
			x = &relation{Relation: kg.Relation{Type: r.Type, From: r.From, To: r.To}}
			s.relations[k] = x
		}
		x.Curated = x.Curated || curated
		for _, m := range r.Evidence {
			if !slices.Contains(x.evidence, m.ID) {
				x.evidence = append(x.evidence, m.ID)
			}
		}
		x.Title.En = cmpOr(r.Title.En, x.Title.En)
		x.Title.Ar = cmpOr(r.Title.Ar, x.Title.Ar)
		x.Start = cmpOr(r.Start, x.Start)
		x.End = cmpOr(r.End, x.End)
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (s *Store) isActor(id string) bool { _, ok := s.actors[id]; return ok }
func (s *Store) isTopic(id string) bool { _, ok := s.topics[id]; return ok }
func (s *Store) isEvent(id string) bool { _, ok := s.events[id]; return ok }
func (s *Store) isPlace(id string) bool { _, ok := s.places[id]; return ok }

// isTarget reports whether a statement can target id: a topic, an actor or
// an event.
func (s *Store) isTarget(id string) bool { return s.isTopic(id) || s.isActor(id) || s.isEvent(id) }

// existing keeps the ids that name a node: a relationship is only made to
// a node that is there.
func (s *Store) existing(ids []string, is func(string) bool) []string {
	var out []string
	for _, id := range ids {
		if is(id) {
			out = append(out, id)
		}
	}
	return out
}

// sortedSet sorts ids and drops repeats, never nil: MERGE makes one
// relationship per pair, and the store lists them by id.
func sortedSet(ids []string) []string {
	return slices.Compact(slices.Sorted(slices.Values(append([]string{}, ids...))))
}
