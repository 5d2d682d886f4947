package store

// How the API's nodes are read: each projection with the decoder that reads
// it, so that every query returning a node returns the same shape.

import (
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// actorProjection is the map projection every actor query returns, decoded by
// actorFrom.
const actorProjection = `a {.id, .kind, .name_en, .name_ar, .aliases_en, .aliases_ar, .wikidata, .iso, .org_type, .description}`

// topicProjection, placeProjection and eventProjection read a topic t, a
// place p and an event e with what topicFrom, placeFrom and eventFrom decode.
const topicProjection = `t {.*, broader: COLLECT { MATCH (t)-[:BROADER]->(b) RETURN b.id }}`

// placeProjection: see topicProjection.
const placeProjection = `p {.*, country: COLLECT { MATCH (p)-[:IN_COUNTRY]->(c) RETURN c.id }[0]}`

// eventProjection returns an event with its place (whole, so drawing a
// statement's occasion needs no further query) and the ids of its
// participants and topics.
const eventProjection = `e {.*,
  place: COLLECT { MATCH (e)-[:HELD_IN]->(p:Place) RETURN ` + placeProjection + ` }[0],
  participants: COLLECT { MATCH (e)-[:PARTICIPANT]->(a:Actor) RETURN a.id ORDER BY a.id },
  topics: COLLECT { MATCH (e)-[:ABOUT]->(t:Topic) RETURN t.id ORDER BY t.id },
  complete: true
}`

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

func actorFrom(v any) kg.Actor {
	m, _ := v.(map[string]any)
	return kg.Actor{
		ID:          str(m["id"]),
		Kind:        kg.ActorKind(str(m["kind"])),
		Name:        kg.Names{En: str(m["name_en"]), Ar: str(m["name_ar"])},
		Aliases:     kg.Aliases{En: strs(m["aliases_en"]), Ar: strs(m["aliases_ar"])},
		Wikidata:    str(m["wikidata"]),
		ISO:         str(m["iso"]),
		OrgType:     str(m["org_type"]),
		Description: str(m["description"]),
	}
}

func topicFrom(v any) kg.Topic {
	m, _ := v.(map[string]any)
	return kg.Topic{ID: str(m["id"]), Label: kg.Names{En: str(m["label_en"]), Ar: str(m["label_ar"])},
		Aliases: kg.Aliases{En: strs(m["aliases_en"]), Ar: strs(m["aliases_ar"])}, Broader: strs(m["broader"])}
}

func placeFrom(v any) kg.Place {
	m, _ := v.(map[string]any)
	return kg.Place{ID: str(m["id"]), Name: kg.Names{En: str(m["name_en"]), Ar: str(m["name_ar"])},
		Aliases: kg.Aliases{En: strs(m["aliases_en"]), Ar: strs(m["aliases_ar"])}, Country: str(m["country"]), Wikidata: str(m["wikidata"])}
}

func eventFrom(v any) kg.Event {
	m, _ := v.(map[string]any)
	e := kg.Event{ID: str(m["id"]), Kind: str(m["kind"]), Name: kg.Names{En: str(m["name_en"]), Ar: str(m["name_ar"])},
		Aliases: kg.Aliases{En: strs(m["aliases_en"]), Ar: strs(m["aliases_ar"])}, Date: str(m["date"]), EndDate: str(m["end_date"]),
		Participants: strs(m["participants"]), Topics: strs(m["topics"]), Wikidata: str(m["wikidata"]),
		Complete: m["complete"] == true}
	if p, ok := m["place"].(map[string]any); ok {
		place := placeFrom(p)
		e.Place, e.PlaceNode = place.ID, &place
	}
	return e
}

func documentFrom(v any) kg.Document {
	m, _ := v.(map[string]any)
	return kg.Document{ID: str(m["id"]), Title: str(m["title"]), Lang: str(m["lang"]), Date: str(m["date"]), URL: str(m["url"]),
		Source: str(m["source"]), Licence: str(m["licence"]), Text: str(m["text"]), Length: integer(m["char_length"])}
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
