package store

// The API's reads of the catalogue: graph.Catalogue.

import (
	"context"

	"github.com/whosaid/whosaid/kg"
)

// NodeByID finds any node with a public id: catalogue entities, documents,
// statements and mentions, each through its own unique index.
func (s *Store) NodeByID(ctx context.Context, id string) (kg.Node, error) {
	res, err := s.read(ctx, "node", `
CALL () {`+nodeWithID("n", "$id", publicLabels)+`}
RETURN labels(n) AS labels LIMIT 1`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	found, err := decode(res, func(r fields) []string { return r.strs("labels") })
	if err != nil || len(found) == 0 {
		return nil, err
	}
	ids := []string{id}
	for _, l := range found[0] {
		switch l {
		case "Actor":
			return firstOf(s.ActorsByID(ctx, ids))
		case "Topic":
			return firstOf(s.TopicsByID(ctx, ids))
		case "Event":
			return firstOf(s.EventsByID(ctx, ids))
		case "Place":
			return firstOf(s.PlacesByID(ctx, ids))
		case "Document":
			return firstOf(s.DocumentsByID(ctx, ids, false))
		case "Statement":
			return firstOf(s.StatementsByID(ctx, ids))
		case "Mention":
			return firstOf(s.MentionsByID(ctx, ids))
		}
	}
	return nil, nil
}

func firstOf[T kg.Node](m map[string]T, err error) (kg.Node, error) {
	if err != nil {
		return nil, err
	}
	for _, v := range m {
		return v, nil
	}
	return nil, nil
}

// Actors returns up to first actors ordered by id, after the id afterID
// (keyset pagination: no SKIP), and whether more follow.
func (s *Store) Actors(ctx context.Context, f kg.ActorFilter, first int, afterID string) ([]kg.Actor, bool, error) {
	where, params := actorWhere(f)
	params["after"] = afterID // '' sorts before every id, so the id index serves the first page too
	params["limit"] = first + 1
	res, err := s.read(ctx, "actors", `
MATCH (a:Actor)
WHERE a.id > $after AND `+where+`
RETURN `+actorProjection+` AS a
ORDER BY a.id
LIMIT $limit`, params)
	if err != nil {
		return nil, false, err
	}
	return page(res, "a", first, actorFrom)
}

// actorWhere filters actors by kind and name. A name is compared folded
// with the stored names_key (foldName), and only when given, so that the
// planner can answer it from the text index.
func actorWhere(f kg.ActorFilter) (string, map[string]any) {
	where := `($kind IS NULL OR a.kind = $kind)`
	params := map[string]any{"kind": kindParam(f.Kind)}
	if f.Name != nil {
		if name := nameQuery(*f.Name); name != nil {
			where += ` AND a.names_key CONTAINS $name`
			params["name"] = name
		}
	}
	return where, params
}

// CountActors counts the actors matching f; the API asks only when a client
// selects totalCount.
func (s *Store) CountActors(ctx context.Context, f kg.ActorFilter) (int, error) {
	where, params := actorWhere(f)
	return s.readCount(ctx, "actors.count", `
MATCH (a:Actor) WHERE a.id > '' AND `+where+`
RETURN count(a) AS n`, params)
}

// ActorsByID returns the actors with the given ids, keyed by id; ids that do
// not exist are absent from the map.
func (s *Store) ActorsByID(ctx context.Context, ids []string) (map[string]kg.Actor, error) {
	return readByID(ctx, s, "actors.byId", `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN `+actorProjection+` AS a`, map[string]any{"ids": ids}, "a", actorFrom, func(a kg.Actor) string { return a.ID })
}

// Relations returns context relations of one type touching the given actors:
// outgoing (the actor is the member, person or part) or incoming (the actor
// is the organisation, country or whole), keyed by the actor's id, each with
// the mentions that state it.
func (s *Store) Relations(ctx context.Context, t kg.RelationType, ids []string, incoming bool) (map[string][]kg.Relation, error) {
	pattern := `(a:Actor {id: id})-[r:` + string(t) + `]->(b:Actor)`
	if incoming {
		pattern = `(b:Actor)-[r:` + string(t) + `]->(a:Actor {id: id})`
	}
	if !validRelation[t] {
		return nil, kg.Errorf(kg.Internal, "unknown relation type")
	}
	res, err := s.read(ctx, "relations."+string(t), `
UNWIND $ids AS id
MATCH `+pattern+`
RETURN id, startNode(r).id AS from, endNode(r).id AS to, r {.title_en, .title_ar, .start, .end, .curated} AS r,
       COLLECT { UNWIND coalesce(r.evidence, []) AS mid MATCH (m:Mention {id: mid})
         RETURN `+mentionProjection("m", "null")+` ORDER BY m.document, m.start } AS evidence
ORDER BY from, to, r.start`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	type actorRelation struct {
		actor string
		rel   kg.Relation
	}
	rows, err := decode(res, func(row fields) actorRelation {
		r, _ := row.nested("r")
		rel := kg.Relation{Type: t, From: row.str("from"), To: row.str("to"),
			Title: kg.Names{En: r.str("title_en"), Ar: r.str("title_ar")},
			Start: r.str("start"), End: r.str("end"), Curated: r.flag("curated")}
		for _, m := range row.each("evidence") {
			rel.Evidence = append(rel.Evidence, mentionFrom(m))
		}
		return actorRelation{row.str("id"), rel}
	})
	if err != nil {
		return nil, err
	}
	out := map[string][]kg.Relation{}
	for _, r := range rows {
		out[r.actor] = append(out[r.actor], r.rel)
	}
	return out, nil
}

var validRelation = map[kg.RelationType]bool{kg.HoldsPosition: true, kg.PartOf: true, kg.MemberOf: true}

// Topics returns up to first topics ordered by id after afterID, optionally
// those whose label or alias contains label (either language), compared
// folded as actor names are (actorWhere).
func (s *Store) Topics(ctx context.Context, label string, first int, afterID string) ([]kg.Topic, bool, error) {
	where, params := topicWhere(label)
	params["after"], params["limit"] = afterID, first+1 // '' sorts before every id, as in Actors
	res, err := s.read(ctx, "topics", `
MATCH (t:Topic)
WHERE t.id > $after AND `+where+`
RETURN `+topicProjection+` AS t ORDER BY t.id LIMIT $limit`, params)
	if err != nil {
		return nil, false, err
	}
	return page(res, "t", first, topicFrom)
}

func topicWhere(label string) (string, map[string]any) {
	if name := nameQuery(label); name != nil {
		return `t.names_key CONTAINS $label`, map[string]any{"label": name}
	}
	return `true`, map[string]any{}
}

// CountTopics counts what Topics would list.
func (s *Store) CountTopics(ctx context.Context, label string) (int, error) {
	where, params := topicWhere(label)
	return s.readCount(ctx, "topics.count", `MATCH (t:Topic) WHERE `+where+` RETURN count(t) AS n`, params)
}

// TopicsByID returns topics keyed by id.
func (s *Store) TopicsByID(ctx context.Context, ids []string) (map[string]kg.Topic, error) {
	return readByID(ctx, s, "topics.byId", `
UNWIND $ids AS id MATCH (t:Topic {id: id})
RETURN `+topicProjection+` AS t`, map[string]any{"ids": ids}, "t", topicFrom, func(t kg.Topic) string { return t.ID })
}

// NarrowerTopics returns, for each topic id, the ids of its narrower topics.
func (s *Store) NarrowerTopics(ctx context.Context, ids []string) (map[string][]string, error) {
	res, err := s.read(ctx, "topics.narrower", `
UNWIND $ids AS id MATCH (n:Topic)-[:BROADER]->(:Topic {id: id})
RETURN id, collect(n.id) AS narrower`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return listsByID(res, "narrower")
}

// Events returns up to first events in (date, id) order after the key.
func (s *Store) Events(ctx context.Context, first int, after *kg.SortKey) ([]kg.Event, bool, error) {
	params := map[string]any{"limit": first + 1, "afterDate": nil, "afterID": nil}
	if after != nil {
		params["afterDate"], params["afterID"] = after.Value, after.ID
	}
	res, err := s.read(ctx, "events", `
MATCH (e:Event)
WHERE $afterID IS NULL OR coalesce(e.date, '') > $afterDate OR (coalesce(e.date, '') = $afterDate AND e.id > $afterID)
RETURN `+eventProjection+` AS e ORDER BY coalesce(e.date, ''), e.id LIMIT $limit`, params)
	if err != nil {
		return nil, false, err
	}
	return page(res, "e", first, eventFrom)
}

// CountEvents counts all events.
func (s *Store) CountEvents(ctx context.Context) (int, error) {
	return s.readCount(ctx, "events.count", `MATCH (e:Event) RETURN count(e) AS n`, nil)
}

// EventsByID returns events keyed by id.
func (s *Store) EventsByID(ctx context.Context, ids []string) (map[string]kg.Event, error) {
	return readByID(ctx, s, "events.byId", `
UNWIND $ids AS id MATCH (e:Event {id: id})
RETURN `+eventProjection+` AS e`, map[string]any{"ids": ids}, "e", eventFrom, func(e kg.Event) string { return e.ID })
}

// PlacesByID returns places keyed by id.
func (s *Store) PlacesByID(ctx context.Context, ids []string) (map[string]kg.Place, error) {
	return readByID(ctx, s, "places.byId", `
UNWIND $ids AS id MATCH (p:Place {id: id})
RETURN `+placeProjection+` AS p`, map[string]any{"ids": ids}, "p", placeFrom, func(p kg.Place) string { return p.ID })
}

// Documents returns up to first documents ordered by id, without their
// text: a walk of the id index from the cursor (the empty string sorts
// before every id, so the first page walks it too), never a sort of every
// document.
func (s *Store) Documents(ctx context.Context, first int, afterID string) ([]kg.Document, bool, error) {
	res, err := s.read(ctx, "documents", `
MATCH (d:Document) WHERE d.id > $after
RETURN `+documentProjection("null")+` AS d ORDER BY d.id LIMIT $limit`, map[string]any{"after": afterID, "limit": first + 1})
	if err != nil {
		return nil, false, err
	}
	return page(res, "d", first, documentFrom)
}

// CountDocuments counts all documents.
func (s *Store) CountDocuments(ctx context.Context) (int, error) {
	return s.readCount(ctx, "documents.count", `MATCH (d:Document) RETURN count(d) AS n`, nil)
}

// DocumentsByID returns documents keyed by id, with their text only when
// withText is set (texts can be long; most answers need only the metadata).
func (s *Store) DocumentsByID(ctx context.Context, ids []string, withText bool) (map[string]kg.Document, error) {
	return readByID(ctx, s, "documents.byId", `
UNWIND $ids AS id MATCH (d:Document {id: id})
RETURN `+documentProjection("CASE WHEN $withText THEN d.text END")+` AS d`, map[string]any{"ids": ids, "withText": withText}, "d", documentFrom, func(d kg.Document) string { return d.ID })
}

// MentionsByID returns mentions keyed by id.
func (s *Store) MentionsByID(ctx context.Context, ids []string) (map[string]kg.Mention, error) {
	return readByID(ctx, s, "mentions.byId", `
UNWIND $ids AS id MATCH (m:Mention {id: id}) RETURN `+mentionProjection("m", "null")+` AS m`, map[string]any{"ids": ids}, "m", mentionFrom, func(m kg.Mention) string { return m.ID })
}
