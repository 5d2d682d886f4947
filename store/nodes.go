package store

// How the API's nodes are read: each projection with the decoder that reads
// it, so that every query returning a node returns the same shape. A
// projection names every key its decoder reads (a property a node lacks
// comes back null), so that decoding can tell a missing key from an absent
// property (decode.go).

import (
	"slices"

	"github.com/whosaid/whosaid/kg"
)

// actorProjection reads an actor a, decoded by actorFrom.
const actorProjection = `a {.id, .kind, .name_en, .name_ar, .aliases_en, .aliases_ar, .wikidata, .iso, .org_type, .description}`

// topicProjection reads a topic t, decoded by topicFrom.
const topicProjection = `t {.id, .label_en, .label_ar, .aliases_en, .aliases_ar,
  broader: COLLECT { MATCH (t)-[:BROADER]->(b) RETURN b.id ORDER BY b.id }}`

// placeProjection reads a place p, decoded by placeFrom.
const placeProjection = `p {.id, .name_en, .name_ar, .aliases_en, .aliases_ar, .wikidata,
  country: COLLECT { MATCH (p)-[:IN_COUNTRY]->(c) RETURN c.id }[0]}`

// eventProjection reads an event e with its place (whole, so drawing a
// statement's occasion needs no further query) and the ids of its
// participants and topics, decoded by eventFrom.
const eventProjection = `e {.id, .kind, .name_en, .name_ar, .aliases_en, .aliases_ar, .date, .end_date, .wikidata,
  place: COLLECT { MATCH (e)-[:HELD_IN]->(p:Place) RETURN ` + placeProjection + ` }[0],
  participants: COLLECT { MATCH (e)-[:PARTICIPANT]->(a:Actor) RETURN a.id ORDER BY a.id },
  topics: COLLECT { MATCH (e)-[:ABOUT]->(t:Topic) RETURN t.id ORDER BY t.id },
  complete: true
}`

// documentProjection reads a document d with the given text (null for
// none: most answers need only the metadata), decoded by documentFrom.
func documentProjection(text string) string {
	return `d {.id, .title, .lang, .date, .url, .source, .licence, .char_length, text: ` + text + `}`
}

// mentionProjection reads the mention bound to v with the given document
// (null, or a documentProjection), decoded by mentionFrom.
func mentionProjection(v, doc string) string {
	return v + ` {.id, .document, .start, .end, .text, .cue, .quote_type, .headline, doc: ` + doc + `}`
}

// statementProjection reads a statement s with its speakers (in the text's
// order), targets (primary first, with their labels), occasion and evidence
// in one round trip, so a page of statements never costs a query per
// statement; decoded by statementFrom.
var statementProjection = statementProjectionOf(kg.AllStatementParts)

// statementProjectionOf reads a statement s with the given parts; a part
// left out is null, which its decoder reads as none.
func statementProjectionOf(parts kg.StatementParts) string {
	part := func(p kg.StatementParts, cypher string) string {
		if parts.Has(p) {
			return cypher
		}
		return "null"
	}
	return `s {
  .id, .document, .predicate, .polarity, .date, .modality, .cameo_code, .summary_en, .confidence, .method,
  speakers: ` + part(kg.WithSpeakers, `COLLECT { MATCH (a:Actor)-[m:MADE]->(s) RETURN `+actorProjection+` ORDER BY m.position }`) + `,
  targets: ` + part(kg.WithTargets, `COLLECT { MATCH (s)-[tr:TARGETS]->(x)
    WITH x, tr, CASE
      WHEN x:Event THEN COLLECT { WITH x AS e RETURN `+eventProjection+` }[0]
      WHEN x:Topic THEN COLLECT { WITH x AS t RETURN `+topicProjection+` }[0]
      ELSE COLLECT { WITH x AS a RETURN `+actorProjection+` }[0] END AS m
    RETURN m {.*, labels: labels(x)} ORDER BY tr.position }`) + `,
  event: ` + part(kg.WithOccasion, `COLLECT { MATCH (s)-[:MADE_AT]->(e:Event) RETURN `+eventProjection+` }[0]`) + `,
  evidence: ` + part(kg.WithEvidence, `COLLECT { MATCH (s)-[:EVIDENCED_BY]->(mn:Mention)-[:IN_DOCUMENT]->(d:Document)
    RETURN `+mentionProjection("mn", part(kg.WithEvidenceDocuments, documentProjection("null")))+` ORDER BY mn.document, mn.start }`) + `
}`
}

func actorFrom(m fields) kg.Actor {
	return kg.Actor{
		ID:          m.str("id"),
		Kind:        kg.ActorKind(m.str("kind")),
		Name:        kg.Names{En: m.str("name_en"), Ar: m.str("name_ar")},
		Aliases:     kg.Aliases{En: m.strs("aliases_en"), Ar: m.strs("aliases_ar")},
		Wikidata:    m.str("wikidata"),
		ISO:         m.str("iso"),
		OrgType:     m.str("org_type"),
		Description: m.str("description"),
	}
}

func topicFrom(m fields) kg.Topic {
	return kg.Topic{ID: m.str("id"), Label: kg.Names{En: m.str("label_en"), Ar: m.str("label_ar")},
		Aliases: kg.Aliases{En: m.strs("aliases_en"), Ar: m.strs("aliases_ar")}, Broader: m.strs("broader")}
}

func placeFrom(m fields) kg.Place {
	return kg.Place{ID: m.str("id"), Name: kg.Names{En: m.str("name_en"), Ar: m.str("name_ar")},
		Aliases: kg.Aliases{En: m.strs("aliases_en"), Ar: m.strs("aliases_ar")}, Country: m.str("country"), Wikidata: m.str("wikidata")}
}

func eventFrom(m fields) kg.Event {
	e := kg.Event{ID: m.str("id"), Kind: m.str("kind"), Name: kg.Names{En: m.str("name_en"), Ar: m.str("name_ar")},
		Aliases: kg.Aliases{En: m.strs("aliases_en"), Ar: m.strs("aliases_ar")}, Date: m.str("date"), EndDate: m.str("end_date"),
		Participants: m.strs("participants"), Topics: m.strs("topics"), Wikidata: m.str("wikidata"),
		Complete: m.flag("complete")}
	if p, ok := m.nested("place"); ok {
		place := placeFrom(p)
		e.Place, e.PlaceNode = place.ID, &place
	}
	return e
}

func documentFrom(m fields) kg.Document {
	return kg.Document{ID: m.str("id"), Title: m.str("title"), Lang: m.str("lang"), Date: m.str("date"), URL: m.str("url"),
		Source: m.str("source"), Licence: m.str("licence"), Text: m.str("text"), Length: m.integer("char_length")}
}

func mentionFrom(m fields) kg.Mention {
	mn := kg.Mention{
		ID: m.str("id"), Document: m.str("document"), Start: m.integer("start"), End: m.integer("end"),
		Text: m.str("text"), Cue: m.str("cue"), QuoteType: kg.QuoteType(m.str("quote_type")), Headline: m.flag("headline"),
	}
	if d, ok := m.nested("doc"); ok {
		doc := documentFrom(d)
		mn.Doc = &doc
	}
	return mn
}

func statementFrom(m fields) kg.Statement {
	st := kg.Statement{
		ID: m.str("id"), Document: m.str("document"), Predicate: kg.Predicate(m.str("predicate")),
		Polarity: kg.Polarity(m.str("polarity")), Date: m.str("date"), Modality: m.str("modality"),
		CAMEO: m.str("cameo_code"), Summary: m.str("summary_en"), Confidence: m.num("confidence"), Method: m.str("method"),
	}
	for _, a := range m.each("speakers") {
		actor := actorFrom(a)
		st.SpeakerActors = append(st.SpeakerActors, actor)
		st.Speakers = append(st.Speakers, actor.ID)
	}
	for _, t := range m.each("targets") {
		st.TargetNodes = append(st.TargetNodes, targetFrom(t))
	}
	if e, ok := m.nested("event"); ok {
		ev := eventFrom(e)
		st.Occasion = &ev
		st.Event = ev.ID
	}
	for _, mn := range m.each("evidence") {
		st.Evidence = append(st.Evidence, mentionFrom(mn))
	}
	return st
}

// targetFrom decodes a statement's target, told apart by its labels.
func targetFrom(m fields) kg.Target {
	labels := m.strs("labels")
	switch {
	case slices.Contains(labels, "Event"):
		return eventFrom(m)
	case slices.Contains(labels, "Topic"):
		return topicFrom(m)
	case !slices.Contains(labels, "Actor"):
		m.fail("labels", "%v name no statement target", labels)
	}
	return actorFrom(m)
}
