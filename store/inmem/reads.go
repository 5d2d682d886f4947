package inmem

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/store"
)

// The *Out functions give a node in the form the Neo4j store's reads
// decode it: lists never nil, the properties the store does not read left
// out, related nodes filled in where its projections bring them.

func actorOut(a kg.Actor) kg.Actor {
	return kg.Actor{ID: a.ID, Kind: a.Kind, Name: a.Name, Aliases: aliasesOut(a.Aliases),
		Wikidata: a.Wikidata, ISO: a.ISO, OrgType: a.OrgType, Description: a.Description}
}

func aliasesOut(a kg.Aliases) kg.Aliases {
	return kg.Aliases{En: nonNil(a.En), Ar: nonNil(a.Ar)}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

// topicOut is a topic as the store's projection reads it, broader topics
// by id.
func topicOut(t kg.Topic) kg.Topic {
	broader := slices.Clone(nonNil(t.Broader))
	slices.Sort(broader) // as the store's projection orders them
	return kg.Topic{ID: t.ID, Label: t.Label, Aliases: aliasesOut(t.Aliases), Broader: broader}
}

func (s *Store) eventOut(e kg.Event) kg.Event {
	out := kg.Event{ID: e.ID, Kind: e.Kind, Name: e.Name, Aliases: aliasesOut(e.Aliases), Date: e.Date, EndDate: e.EndDate,
		Participants: nonNil(e.Participants), Topics: nonNil(e.Topics), Wikidata: e.Wikidata, Complete: true}
	if p, ok := s.places[e.Place]; ok {
		place := placeOut(p)
		out.Place, out.PlaceNode = p.ID, &place
	}
	return out
}

func placeOut(p kg.Place) kg.Place {
	return kg.Place{ID: p.ID, Name: p.Name, Aliases: aliasesOut(p.Aliases), Country: p.Country, Wikidata: p.Wikidata}
}

// documentOut is a document with its length, and its text only when asked.
func documentOut(d kg.Document, withText bool) kg.Document {
	if !withText {
		d.Text = ""
	}
	return d
}

// pageOf cuts a sorted list after the cursor to first items, saying whether
// more follow.
func pageOf[T any](items []T, first int, after func(T) bool) ([]T, bool) {
	out := []T{}
	for _, it := range items {
		if after(it) {
			out = append(out, it)
		}
	}
	if len(out) > first {
		return out[:first], true
	}
	return out, false
}

// byIDs looks ids up in m, giving each found value in its read form.
func byIDs[T, U any](ids []string, m map[string]T, out func(T) U) map[string]U {
	found := make(map[string]U, len(ids))
	for _, id := range ids {
		if v, ok := m[id]; ok {
			found[id] = out(v)
		}
	}
	return found
}

// sortedValues lists m's values in the order of their ids.
func sortedValues[T any](m map[string]T) []T {
	ids := slices.Sorted(maps.Keys(m))
	out := make([]T, len(ids))
	for i, id := range ids {
		out[i] = m[id]
	}
	return out
}

// nameMatches compares a name filter with every name and alias, folded as
// the store's names_key is; a filter that folds to nothing matches all.
func nameMatches(query string, names ...[]string) bool {
	q := store.FoldName(query)
	if q == "" {
		return true
	}
	for _, list := range names {
		for _, n := range list {
			if strings.Contains(store.FoldName(n), q) {
				return true
			}
		}
	}
	return false
}

func (s *Store) actorList(f kg.ActorFilter) []kg.Actor {
	var out []kg.Actor
	for _, a := range sortedValues(s.actors) {
		if f.Kind != nil && a.Kind != *f.Kind {
			continue
		}
		if f.Name != nil && !nameMatches(*f.Name, []string{a.Name.En, a.Name.Ar}, a.Aliases.En, a.Aliases.Ar) {
			continue
		}
		out = append(out, actorOut(a))
	}
	return out
}

// Actors returns up to first actors ordered by id after afterID.
func (s *Store) Actors(_ context.Context, f kg.ActorFilter, first int, afterID string) ([]kg.Actor, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	items, more := pageOf(s.actorList(f), first, func(a kg.Actor) bool { return a.ID > afterID })
	return items, more, nil
}

// CountActors counts the actors matching f.
func (s *Store) CountActors(_ context.Context, f kg.ActorFilter) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.actorList(f)), nil
}

// ActorsByID returns the actors with the given ids.
func (s *Store) ActorsByID(_ context.Context, ids []string) (map[string]kg.Actor, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return byIDs(ids, s.actors, actorOut), nil
}

// Relations returns the context relations of one type touching the given
// actors, each with its evidence, in the store's order: by from, to and
// start (relations without one last).
func (s *Store) Relations(_ context.Context, t kg.RelationType, ids []string, incoming bool) (map[string][]kg.Relation, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var rels []*relation
	for _, r := range s.relations {
		if r.Type == t {
			rels = append(rels, r)
		}
	}
	slices.SortFunc(rels, func(a, b *relation) int {
		return cmp.Or(strings.Compare(a.From, b.From), strings.Compare(a.To, b.To), compareNullLast(a.Start, b.Start))
	})
	out := map[string][]kg.Relation{}
	for _, id := range ids {
		if !s.isActor(id) {
			continue
		}
		for _, r := range rels {
			if (!incoming && r.From == id) || (incoming && r.To == id) {
				out[id] = append(out[id], s.relationOut(r))
			}
		}
	}
	return out, nil
}

// compareNullLast orders strings as Cypher orders a property that may be
// missing (""): ascending, missing last.
func compareNullLast(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return strings.Compare(a, b)
}

func (s *Store) relationOut(r *relation) kg.Relation {
	out := r.Relation
	out.Evidence = nil
	var mentions []kg.Mention
	for _, id := range r.evidence {
		if m, ok := s.mentions[id]; ok {
			mentions = append(mentions, m)
		}
	}
	sortMentions(mentions)
	out.Evidence = mentions
	return out
}

// sortMentions orders mentions by document and start, as the store lists evidence.
func sortMentions(ms []kg.Mention) {
	slices.SortFunc(ms, func(a, b kg.Mention) int {
		return cmp.Or(strings.Compare(a.Document, b.Document), cmp.Compare(a.Start, b.Start), strings.Compare(a.ID, b.ID))
	})
}

func (s *Store) topicList(label string) []kg.Topic {
	var out []kg.Topic
	for _, t := range sortedValues(s.topics) {
		if nameMatches(label, []string{t.Label.En, t.Label.Ar}, t.Aliases.En, t.Aliases.Ar) {
			out = append(out, topicOut(t))
		}
	}
	return out
}

// Topics returns up to first topics ordered by id after afterID, those
// whose label or alias holds label when one is given.
func (s *Store) Topics(_ context.Context, label string, first int, afterID string) ([]kg.Topic, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	items, more := pageOf(s.topicList(label), first, func(t kg.Topic) bool { return t.ID > afterID })
	return items, more, nil
}

// CountTopics counts what Topics would list.
func (s *Store) CountTopics(_ context.Context, label string) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.topicList(label)), nil
}

// TopicsByID returns topics with their broader ones.
func (s *Store) TopicsByID(_ context.Context, ids []string) (map[string]kg.Topic, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return byIDs(ids, s.topics, topicOut), nil
}

// NarrowerTopics returns, for each topic that has any, its narrower topics.
func (s *Store) NarrowerTopics(_ context.Context, ids []string) (map[string][]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string][]string{}
	for _, id := range ids {
		for _, t := range sortedValues(s.topics) {
			if slices.Contains(t.Broader, id) {
				out[id] = append(out[id], t.ID)
			}
		}
	}
	return out, nil
}

// Events returns up to first events in (date, id) order after the key.
func (s *Store) Events(_ context.Context, first int, after *kg.SortKey) ([]kg.Event, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	events := sortedValues(s.events)
	slices.SortStableFunc(events, func(a, b kg.Event) int { return strings.Compare(a.Date, b.Date) })
	items, more := pageOf(events, first, func(e kg.Event) bool {
		if after == nil {
			return true
		}
		date, ok := after.Value.(string)
		return ok && (e.Date > date || e.Date == date && e.ID > after.ID)
	})
	for i := range items {
		items[i] = s.eventOut(items[i])
	}
	return items, more, nil
}

// CountEvents counts all events.
func (s *Store) CountEvents(context.Context) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.events), nil
}

// EventsByID returns events with their place, participants and topics.
func (s *Store) EventsByID(_ context.Context, ids []string) (map[string]kg.Event, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return byIDs(ids, s.events, s.eventOut), nil
}

// PlacesByID returns places keyed by id.
func (s *Store) PlacesByID(_ context.Context, ids []string) (map[string]kg.Place, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return byIDs(ids, s.places, placeOut), nil
}

// Documents returns up to first documents ordered by id, without their text.
func (s *Store) Documents(_ context.Context, first int, afterID string) ([]kg.Document, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	items, more := pageOf(sortedValues(s.documents), first, func(d kg.Document) bool { return d.ID > afterID })
	for i := range items {
		items[i] = documentOut(items[i], false)
	}
	return items, more, nil
}

// CountDocuments counts all documents.
func (s *Store) CountDocuments(context.Context) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.documents), nil
}

// DocumentsByID returns documents, with their text only when withText is set.
func (s *Store) DocumentsByID(_ context.Context, ids []string, withText bool) (map[string]kg.Document, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return byIDs(ids, s.documents, func(d kg.Document) kg.Document { return documentOut(d, withText) }), nil
}

// MentionsByID returns mentions keyed by id, without their document.
func (s *Store) MentionsByID(_ context.Context, ids []string) (map[string]kg.Mention, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return byIDs(ids, s.mentions, func(m kg.Mention) kg.Mention { return m }), nil
}

// NodeByID finds any node with a public id, looked for in the store's
// order: actors, topics, events, places, documents, statements, mentions.
// No node is (nil, nil).
func (s *Store) NodeByID(_ context.Context, id string) (kg.Node, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if a, ok := s.actors[id]; ok {
		return actorOut(a), nil
	}
	if t, ok := s.topics[id]; ok {
		return topicOut(t), nil
	}
	if e, ok := s.events[id]; ok {
		return s.eventOut(e), nil
	}
	if p, ok := s.places[id]; ok {
		return placeOut(p), nil
	}
	if d, ok := s.documents[id]; ok {
		return documentOut(d, false), nil
	}
	if st, ok := s.statements[id]; ok {
		return s.statementOut(st), nil
	}
	if m, ok := s.mentions[id]; ok {
		return m, nil
	}
	return nil, nil
}

// Search is not implemented: Lucene's scores cannot be had in memory.
func (s *Store) Search(context.Context, string, []kg.SearchKind, kg.Lang, int) ([]kg.SearchHit, error) {
	return nil, notImplemented("search")
}
