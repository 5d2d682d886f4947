package store

// The properties the loader stores on each node and relationship, built in
// one place for both ways of writing them: the transactional loader
// (load.go) and the offline importer's files (backfill.go). A property
// added here reaches both, so the two graphs cannot drift apart.

import (
	"slices"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

func actorProps(a kg.Actor) map[string]any {
	return map[string]any{
		"id": a.ID, "kind": string(a.Kind), "name_en": a.Name.En, "name_ar": a.Name.Ar,
		"aliases_en": orEmpty(a.Aliases.En), "aliases_ar": orEmpty(a.Aliases.Ar),
		"wikidata": kg.OrNull(a.Wikidata), "iso": kg.OrNull(a.ISO), "org_type": kg.OrNull(a.OrgType),
		"description": kg.OrNull(a.Description), "introduced_by": kg.OrNull(a.IntroducedBy),
		"search_en": searchText(a.Name.En, a.Aliases.En, a.ISO, a.Wikidata), "search_ar": searchText(a.Name.Ar, a.Aliases.Ar),
		"names_key": namesKey([]string{a.Name.En, a.Name.Ar}, a.Aliases.En, a.Aliases.Ar),
	}
}

func topicProps(t kg.Topic) map[string]any {
	return map[string]any{"id": t.ID, "label_en": t.Label.En, "label_ar": t.Label.Ar,
		"aliases_en": orEmpty(t.Aliases.En), "aliases_ar": orEmpty(t.Aliases.Ar), "introduced_by": kg.OrNull(t.IntroducedBy),
		"search_en": searchText(t.Label.En, t.Aliases.En), "search_ar": searchText(t.Label.Ar, t.Aliases.Ar),
		"names_key": namesKey([]string{t.Label.En, t.Label.Ar}, t.Aliases.En, t.Aliases.Ar)}
}

// placeProps leaves the country out: it is an IN_COUNTRY relationship.
func placeProps(p kg.Place) map[string]any {
	return map[string]any{"id": p.ID, "name_en": p.Name.En, "name_ar": p.Name.Ar,
		"aliases_en": orEmpty(p.Aliases.En), "aliases_ar": orEmpty(p.Aliases.Ar), "wikidata": kg.OrNull(p.Wikidata),
		"search_en": searchText(p.Name.En, p.Aliases.En), "search_ar": searchText(p.Name.Ar, p.Aliases.Ar)}
}

// eventProps leaves the place, participants and topics out: they are
// HELD_IN, PARTICIPANT and ABOUT relationships.
func eventProps(e kg.Event) map[string]any {
	return map[string]any{"id": e.ID, "kind": e.Kind, "name_en": e.Name.En, "name_ar": e.Name.Ar,
		"aliases_en": orEmpty(e.Aliases.En), "aliases_ar": orEmpty(e.Aliases.Ar),
		"date": kg.OrNull(e.Date), "end_date": kg.OrNull(e.EndDate), "wikidata": kg.OrNull(e.Wikidata),
		"search_en": searchText(e.Name.En, e.Aliases.En), "search_ar": searchText(e.Name.Ar, e.Aliases.Ar)}
}

func documentProps(d kg.Document) map[string]any {
	return map[string]any{
		"id": d.ID, "title": d.Title, "lang": d.Lang, "date": kg.OrNull(d.Date), "url": kg.OrNull(d.URL),
		"source": kg.OrNull(d.Source), "licence": kg.OrNull(d.Licence), "text": d.Text,
		"char_length": len([]rune(d.Text)), "offsets": "unicode code points of text",
	}
}

func statementProps(st kg.Statement) map[string]any {
	return map[string]any{
		"id": st.ID, "document": st.Document, "predicate": string(st.Predicate), "polarity": string(st.Polarity),
		"date": kg.OrNull(st.Date), "sort_date": st.Date, "modality": st.Modality, "cameo_code": st.CAMEO, "summary_en": st.Summary,
		"confidence": st.Confidence, "method": st.Method, "num_mentions": len(st.Evidence),
	}
}

// withPageKeys adds to the properties of a statement's MADE or TARGETS
// relationship the statement's sort keys and id, which the loader copies
// from the statement node (see walkPage).
func withPageKeys(props map[string]any, st kg.Statement) map[string]any {
	props["sort_date"], props["confidence"], props["statement"] = st.Date, st.Confidence, st.ID
	return props
}

// mentionProps: kind is "statement" for a statement's evidence, "fact" for
// a context relation's.
func mentionProps(m kg.Mention, kind string) map[string]any {
	return map[string]any{
		"id": m.ID, "document": m.Document, "start": m.Start, "end": m.End, "text": m.Text,
		"cue": kg.OrNull(m.Cue), "quote_type": kg.OrNull(string(m.QuoteType)), "headline": m.Headline, "kind": kind,
	}
}

// The context relations between actors, each its own relationship type.
var contextRelations = []kg.RelationType{kg.HoldsPosition, kg.PartOf, kg.MemberOf}

// keyedByStart: a person can hold the same office in several terms (Putin's
// two presidencies), so HOLDS_POSITION relationships are told apart by
// their start (the term property); the others are one per pair.
func keyedByStart(t kg.RelationType) bool { return t == kg.HoldsPosition }

// relationRow is a context relation as relationSteps merges it: its ends,
// titles, dates and the ids of its evidence mentions.
func relationRow(r kg.Relation) map[string]any {
	ids := make([]string, len(r.Evidence))
	for i, m := range r.Evidence {
		ids[i] = m.ID
	}
	return map[string]any{"from": r.From, "to": r.To,
		"title_en": kg.OrNull(r.Title.En), "title_ar": kg.OrNull(r.Title.Ar),
		"start": kg.OrNull(r.Start), "end": kg.OrNull(r.End), "evidence": ids}
}

// stanceTally sums statements into collapsed STANCE relationships: one per
// speaker, target and polarity, with the number of statements behind it
// (weight), their earliest and latest dates and their predicates in the
// order first seen. Adding a batch's tally to an edge (stances.add) gives
// what one tally of all the batches would, so the loader counts a batch at
// a time and the backfill the whole corpus at once.
type stanceTally struct {
	byKey map[subgraph.StanceKey]*stance
	keys  []subgraph.StanceKey
}

type stance struct {
	weight      int
	first, last string
	predicates  []string
	months      stanceMonths // the calendar of the asserted statements (stances.go)
}

func newStanceTally() *stanceTally {
	return &stanceTally{byKey: map[subgraph.StanceKey]*stance{}}
}

func (t *stanceTally) add(st kg.Statement) {
	seen := map[subgraph.StanceKey]bool{}
	for _, a := range st.Speakers {
		for _, target := range st.Targets {
			k := subgraph.StanceKey{Source: a, Target: target, Polarity: st.Polarity}
			if seen[k] {
				continue // a statement counts once per edge
			}
			seen[k] = true
			x := t.byKey[k]
			if x == nil {
				x = &stance{}
				t.byKey[k] = x
				t.keys = append(t.keys, k)
			}
			x.weight++
			if st.Date != "" && (x.first == "" || st.Date < x.first) {
				x.first = st.Date
			}
			if st.Date > x.last {
				x.last = st.Date
			}
			if !slices.Contains(x.predicates, string(st.Predicate)) {
				x.predicates = append(x.predicates, string(st.Predicate))
			}
			if st.Modality == asserted {
				x.months.add(st.Date)
			}
		}
	}
}

// rows are the edges in the order first seen, with their ends.
func (t *stanceTally) rows() []map[string]any {
	rows := make([]map[string]any, 0, len(t.keys))
	for _, k := range t.keys {
		x := t.byKey[k]
		rows = append(rows, map[string]any{"speaker": k.Source, "target": k.Target,
			"polarity": string(k.Polarity), "weight": x.weight, "first": kg.OrNull(x.first), "last": kg.OrNull(x.last),
			"predicates": x.predicates, "months": x.months.rows()})
	}
	return rows
}
