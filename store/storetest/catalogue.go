package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
)

// Listing is a whole list read a page at a time, with its count.
type Listing[T any] struct {
	Items []T
	More  []bool // each page's hasNext
	Count int
}

// readAll reads a list page by page, each page after the last item of the
// one before (nil for the first), until a page says nothing follows.
func readAll[T any](next func(last *T) ([]T, bool, error), count func() (int, error)) (Listing[T], error) {
	var l Listing[T]
	var last *T
	for range 1000 {
		items, more, err := next(last)
		if err != nil {
			return l, err
		}
		l.Items = append(l.Items, items...)
		l.More = append(l.More, more)
		if !more || len(items) == 0 {
			break
		}
		last = &items[len(items)-1]
	}
	var err error
	l.Count, err = count()
	return l, err
}

// wellPaged checks what every listing must be: as many items as counted,
// each once, in order, every page but the last saying more follow.
func wellPaged[T any](id func(T) string, before func(a, b T) bool) func(*testing.T, Listing[T]) {
	return func(t *testing.T, l Listing[T]) {
		t.Helper()
		if len(l.Items) != l.Count {
			t.Errorf("%d items over the pages, counted %d", len(l.Items), l.Count)
		}
		seen := map[string]bool{}
		for i, it := range l.Items {
			if seen[id(it)] {
				t.Errorf("%s listed twice", id(it))
			}
			seen[id(it)] = true
			if i > 0 && !before(l.Items[i-1], it) {
				t.Errorf("%s listed after %s, out of order", id(it), id(l.Items[i-1]))
			}
		}
		for i, more := range l.More {
			if more != (i < len(l.More)-1) {
				t.Errorf("page %d of %d says more follow: %v", i+1, len(l.More), more)
			}
		}
	}
}

// holds checks that a listing has the given ids among its items.
func holds[T any](id func(T) string, want ...string) func(*testing.T, Listing[T]) {
	return func(t *testing.T, l Listing[T]) {
		t.Helper()
		var ids []string
		for _, it := range l.Items {
			ids = append(ids, id(it))
		}
		for _, w := range want {
			if !slices.Contains(ids, w) {
				t.Errorf("%s missing from %v", w, ids)
			}
		}
	}
}

func actorID(a kg.Actor) string  { return a.ID }
func topicID(t kg.Topic) string  { return t.ID }
func eventID(e kg.Event) string  { return e.ID }
func docID(d kg.Document) string { return d.ID }

func byActorID(a, b kg.Actor) bool   { return a.ID < b.ID }
func byTopicID(a, b kg.Topic) bool   { return a.ID < b.ID }
func byDocID(a, b kg.Document) bool  { return a.ID < b.ID }
func byEventDate(a, b kg.Event) bool { return a.Date < b.Date || a.Date == b.Date && a.ID < b.ID }

func actors(f kg.ActorFilter) func(context.Context, graph.Reader) (Listing[kg.Actor], error) {
	return func(ctx context.Context, r graph.Reader) (Listing[kg.Actor], error) {
		return readAll(func(last *kg.Actor) ([]kg.Actor, bool, error) {
			after := ""
			if last != nil {
				after = last.ID
			}
			return r.Actors(ctx, f, 7, after)
		}, func() (int, error) { return r.CountActors(ctx, f) })
	}
}

func topics(label string) func(context.Context, graph.Reader) (Listing[kg.Topic], error) {
	return func(ctx context.Context, r graph.Reader) (Listing[kg.Topic], error) {
		return readAll(func(last *kg.Topic) ([]kg.Topic, bool, error) {
			after := ""
			if last != nil {
				after = last.ID
			}
			return r.Topics(ctx, label, 5, after)
		}, func() (int, error) { return r.CountTopics(ctx, label) })
	}
}

func events(ctx context.Context, r graph.Reader) (Listing[kg.Event], error) {
	return readAll(func(last *kg.Event) ([]kg.Event, bool, error) {
		var after *kg.SortKey
		if last != nil {
			after = &kg.SortKey{Value: last.Date, ID: last.ID}
		}
		return r.Events(ctx, 4, after)
	}, func() (int, error) { return r.CountEvents(ctx) })
}

func documents(ctx context.Context, r graph.Reader) (Listing[kg.Document], error) {
	return readAll(func(last *kg.Document) ([]kg.Document, bool, error) {
		after := ""
		if last != nil {
			after = last.ID
		}
		return r.Documents(ctx, 1, after)
	}, func() (int, error) { return r.CountDocuments(ctx) })
}

// idsOf lists the ids of a listing's items after one that names nothing,
// for the lookups by id.
func idsOf[T any](l Listing[T], id func(T) string) []string {
	ids := []string{"nobody"}
	for _, it := range l.Items {
		ids = append(ids, id(it))
	}
	return ids
}

func allActorIDs(ctx context.Context, r graph.Reader) ([]string, error) {
	l, err := actors(kg.ActorFilter{})(ctx, r)
	return idsOf(l, actorID), err
}

func allTopicIDs(ctx context.Context, r graph.Reader) ([]string, error) {
	l, err := topics("")(ctx, r)
	return idsOf(l, topicID), err
}

// sortBroader orders a topic's broader topics, which the store reads in no
// order of its own.
func sortBroader(t kg.Topic) kg.Topic {
	t.Broader = slices.Sorted(slices.Values(t.Broader))
	return t
}

func ptr[T any](v T) *T { return &v }

const seedDocument = "000_34de9ea8cd55db5f"

func catalogueCases() []Case {
	cases := []Case{
		newCase("actors", actors(kg.ActorFilter{}), wellPaged(actorID, byActorID), holds(actorID, "csto", "vladimir-putin", "russia"),
			func(t *testing.T, l Listing[kg.Actor]) {
				if l.Count < 30 {
					t.Errorf("%d actors, the seeds have about 40", l.Count)
				}
			}),
		newCase("actors/persons", actors(kg.ActorFilter{Kind: ptr(kg.Person)}), wellPaged(actorID, byActorID), holds(actorID, "vladimir-putin", "sergey-lavrov"),
			func(t *testing.T, l Listing[kg.Actor]) {
				for _, a := range l.Items {
					if a.Kind != kg.Person {
						t.Errorf("%s is a %s", a.ID, a.Kind)
					}
				}
			}),
		newCase("actors/name in Arabic", actors(kg.ActorFilter{Name: ptr("بوتين")}), wellPaged(actorID, byActorID), holds(actorID, "vladimir-putin")),
		newCase("actors/name with harakat", actors(kg.ActorFilter{Name: ptr("بُوتِين")}), holds(actorID, "vladimir-putin")),
		newCase("actors/name in capitals", actors(kg.ActorFilter{Name: ptr("PUTIN")}), holds(actorID, "vladimir-putin")),
		newCase("actors/alias", actors(kg.ActorFilter{Name: ptr("CSTO"), Kind: ptr(kg.Organisation)}), holds(actorID, "csto")),
		newCase("actors/blank name matches all", actors(kg.ActorFilter{Name: ptr(" - ")}), func(t *testing.T, l Listing[kg.Actor]) {
			if l.Count < 30 {
				t.Errorf("a name of punctuation only narrowed the actors to %d", l.Count)
			}
		}),
		newCase("actors/no such name", actors(kg.ActorFilter{Name: ptr("zzzz")}), func(t *testing.T, l Listing[kg.Actor]) {
			if l.Count != 0 || len(l.Items) != 0 {
				t.Errorf("found %v", l.Items)
			}
		}),
		newCase("actorsByID", func(ctx context.Context, r graph.Reader) (map[string]kg.Actor, error) {
			ids, err := allActorIDs(ctx, r)
			if err != nil {
				return nil, err
			}
			return r.ActorsByID(ctx, ids)
		}, func(t *testing.T, m map[string]kg.Actor) {
			if _, ok := m["nobody"]; ok || m["csto"].Kind != kg.Organisation || m["vladimir-putin"].Name.Ar == "" {
				t.Errorf("nobody found, or csto %+v, putin %+v", m["csto"], m["vladimir-putin"])
			}
		}),
		newCase("topics", topics(""), wellPaged(topicID, byTopicID), holds(topicID, "syrian-crisis", "military-intervention-in-syria")),
		newCase("topics/label", topics("syria"), wellPaged(topicID, byTopicID), holds(topicID, "syrian-crisis")),
		newCase("topics/label in Arabic", topics("سوريا"), wellPaged(topicID, byTopicID)),
		newCase("topicsByID", func(ctx context.Context, r graph.Reader) (map[string]kg.Topic, error) {
			ids, err := allTopicIDs(ctx, r)
			if err != nil {
				return nil, err
			}
			m, err := r.TopicsByID(ctx, ids)
			for id, t := range m {
				m[id] = sortBroader(t)
			}
			return m, err
		}, func(t *testing.T, m map[string]kg.Topic) {
			if !slices.Contains(m["military-intervention-in-syria"].Broader, "syrian-crisis") {
				t.Errorf("military-intervention-in-syria's broader topics: %v", m["military-intervention-in-syria"].Broader)
			}
		}),
		newCase("narrowerTopics", func(ctx context.Context, r graph.Reader) (map[string][]string, error) {
			ids, err := allTopicIDs(ctx, r)
			if err != nil {
				return nil, err
			}
			m, err := r.NarrowerTopics(ctx, ids)
			for id := range m {
				slices.Sort(m[id])
			}
			return m, err
		}, func(t *testing.T, m map[string][]string) {
			if !slices.Contains(m["syrian-crisis"], "military-intervention-in-syria") {
				t.Errorf("syrian-crisis's narrower topics: %v", m["syrian-crisis"])
			}
		}),
		newCase("events", events, wellPaged(eventID, byEventDate), holds(eventID, "csto-summit-sochi-2013")),
		newCase("eventsByID", func(ctx context.Context, r graph.Reader) (map[string]kg.Event, error) {
			l, err := events(ctx, r)
			if err != nil {
				return nil, err
			}
			return r.EventsByID(ctx, idsOf(l, eventID))
		}, func(t *testing.T, m map[string]kg.Event) {
			e := m["csto-summit-sochi-2013"]
			if e.Place != "sochi" || e.PlaceNode == nil || !slices.Contains(e.Participants, "vladimir-putin") || !e.Complete {
				t.Errorf("the Sochi summit: %+v", e)
			}
		}),
		newCase("placesByID", func(ctx context.Context, r graph.Reader) (map[string]kg.Place, error) {
			return r.PlacesByID(ctx, []string{"sochi", "geneva", "tashkent", "nairobi", "nowhere"})
		}, func(t *testing.T, m map[string]kg.Place) {
			if len(m) != 4 || m["sochi"].Country != "russia" {
				t.Errorf("places %+v", m)
			}
		}),
		newCase("documents", documents, wellPaged(docID, byDocID), holds(docID, seedDocument)),
		newCase("documentsByID", func(ctx context.Context, r graph.Reader) ([]map[string]kg.Document, error) {
			ids := []string{seedDocument, "nothing"}
			bare, err := r.DocumentsByID(ctx, ids, false)
			if err != nil {
				return nil, err
			}
			full, err := r.DocumentsByID(ctx, ids, true)
			return []map[string]kg.Document{bare, full}, err
		}, func(t *testing.T, m []map[string]kg.Document) {
			bare, full := m[0][seedDocument], m[1][seedDocument]
			if bare.Text != "" || full.Text == "" || full.Length != len([]rune(full.Text)) || bare.Length != full.Length {
				t.Errorf("without text: %d code points, %q…; with: %d code points, text of %d", bare.Length, bare.Text, full.Length, len([]rune(full.Text)))
			}
		}),
	}
	for _, t := range []kg.RelationType{kg.HoldsPosition, kg.PartOf, kg.MemberOf} {
		for _, incoming := range []bool{false, true} {
			cases = append(cases, newCase(fmt.Sprintf("relations/%s/incoming=%v", t, incoming), func(ctx context.Context, r graph.Reader) (map[string][]kg.Relation, error) {
				ids, err := allActorIDs(ctx, r)
				if err != nil {
					return nil, err
				}
				return r.Relations(ctx, t, ids, incoming)
			}, relationFacts(t, incoming)))
		}
	}
	for _, id := range []string{"csto", "syrian-crisis", "csto-summit-sochi-2013", "sochi", seedDocument, seedDocument + ":s01", seedDocument + ":s01:m1", "nobody"} {
		cases = append(cases, newCase("node/"+id, func(ctx context.Context, r graph.Reader) (kg.Node, error) {
			n, err := r.NodeByID(ctx, id)
			if t, ok := n.(kg.Topic); ok {
				n = sortBroader(t)
			}
			return n, err
		}, func(t *testing.T, n kg.Node) {
			if (n == nil) != (id == "nobody") {
				t.Errorf("node %q: %v", id, n)
			}
		}))
	}
	return cases
}

// relationFacts checks what the seeds and the contract's own document say
// of some relations: Putin's terms in order, the CSTO's members with the
// article's evidence, evidence added to a catalogue relation and a fact
// gone with the version of the document that stated it.
func relationFacts(t kg.RelationType, incoming bool) func(*testing.T, map[string][]kg.Relation) {
	return func(tt *testing.T, m map[string][]kg.Relation) {
		switch {
		case t == kg.HoldsPosition && !incoming:
			var starts []string
			for _, r := range m["vladimir-putin"] {
				if r.To == "russia" {
					starts = append(starts, r.Start)
				}
			}
			if !slices.Equal(starts, []string{"2000-05-07", "2012-05-07", ""}) {
				tt.Errorf("Putin's terms start %v, want 2000-05-07, 2012-05-07, then the one without dates", starts)
			}
		case t == kg.MemberOf && incoming:
			members := map[string]kg.Relation{}
			for _, r := range m["csto"] {
				members[r.From] = r
			}
			if r := members["russia"]; !r.Curated || len(r.Evidence) == 0 || r.Evidence[0].Document != seedDocument {
				tt.Errorf("Russia's CSTO membership: %+v", r)
			}
			if r, ok := members["syria"]; ok {
				tt.Errorf("Syria is no CSTO member: %+v", r)
			}
		case t == kg.HoldsPosition && incoming:
			var ushakov []kg.Relation
			for _, r := range m["russia"] {
				if r.From == "yuri-ushakov" {
					ushakov = append(ushakov, r)
				}
			}
			if len(ushakov) != 1 || !ushakov[0].Curated || len(ushakov[0].Evidence) != 2 {
				tt.Errorf("Ushakov's one term, curated, with the article's and the extra document's evidence: %+v", ushakov)
			}
		case t == kg.PartOf && incoming:
			if len(m["united-nations"]) != 1 {
				tt.Errorf("the United Nations' parts %+v: the one the replaced document stated is gone", m["united-nations"])
			}
		}
	}
}
