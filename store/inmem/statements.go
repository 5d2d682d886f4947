package inmem

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// statementOut is a statement as the store's projection reads it: its
// speakers in the text's order, its targets (primary first), occasion and
// evidence with each mention's document.
func (s *Store) statementOut(st *statement) kg.Statement {
	out := kg.Statement{ID: st.ID, Document: st.Document, Predicate: st.Predicate, Polarity: st.Polarity, Date: st.Date,
		Modality: st.Modality, CAMEO: st.CAMEO, Summary: st.Summary, Confidence: st.Confidence, Method: st.Method}
	for _, id := range st.speakers {
		a := actorOut(s.actors[id])
		out.SpeakerActors = append(out.SpeakerActors, a)
		out.Speakers = append(out.Speakers, a.ID)
	}
	for _, id := range st.targets {
		out.TargetNodes = append(out.TargetNodes, s.targetOut(id))
	}
	if e, ok := s.events[st.event]; ok {
		ev := s.eventOut(e)
		out.Occasion, out.Event = &ev, ev.ID
	}
	var evidence []kg.Mention
	for _, id := range st.evidence {
		if m, ok := s.mentions[id]; ok {
			d := documentOut(s.documents[m.Document], false)
			m.Doc = &d
			evidence = append(evidence, m)
		}
	}
	sortMentions(evidence)
	out.Evidence = evidence
	return out
}

// targetOut is a statement's target: a topic (without its broader ones, as
// the store reads it here), an actor or an event.
func (s *Store) targetOut(id string) kg.Target {
	if t, ok := s.topics[id]; ok {
		return topicOut(t)
	}
	if a, ok := s.actors[id]; ok {
		return actorOut(a)
	}
	return s.eventOut(s.events[id])
}

// speaker is an actor who speaks for another: the actor itself, a body
// part of it, or a person holding a position in it (office set), whose
// statements count only while in office.
type speaker struct {
	id     string
	office *relation
}

// speakersFor is store.speakersFor: the actor v and, with affiliates, the
// bodies that are part of it up to three levels down and the people
// holding a position in v or one of them.
func (s *Store) speakersFor(v string, affiliates bool) []speaker {
	if !s.isActor(v) {
		return nil
	}
	if !affiliates {
		return []speaker{{id: v}}
	}
	bodies := s.reachBack(v, 3, func(r *relation) bool { return r.Type == kg.PartOf })
	var out []speaker
	for _, b := range bodies {
		out = append(out, speaker{id: b})
	}
	for _, r := range s.relations {
		if r.Type == kg.HoldsPosition && slices.Contains(bodies, r.To) && s.actors[r.From].Kind == kg.Person {
			out = append(out, speaker{id: r.From, office: r})
		}
	}
	return out
}

// reachBack lists v and the actors with a path of at most hops relations
// (those follow accepts) leading to v, in the order they are found.
func (s *Store) reachBack(v string, hops int, follow func(*relation) bool) []string {
	found := []string{v}
	frontier := []string{v}
	for range hops {
		var next []string
		for _, r := range sortedRelations(s.relations) {
			if follow(r) && slices.Contains(frontier, r.To) && !slices.Contains(found, r.From) {
				found = append(found, r.From)
				next = append(next, r.From)
			}
		}
		frontier = next
	}
	return found
}

func sortedRelations(m map[relationKey]*relation) []*relation {
	out := make([]*relation, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *relation) int {
		return cmp.Or(strings.Compare(string(a.Type), string(b.Type)), strings.Compare(a.From, b.From),
			strings.Compare(a.To, b.To), strings.Compare(a.Start, b.Start))
	})
	return out
}

// inOffice is store.madeBy's condition on an affiliate's statement: a
// person's counts only while in office, an undated one only for an office
// with no known dates.
func inOffice(office *relation, date string) bool {
	if office == nil {
		return true
	}
	return (office.Start == "" || office.Start <= date) && (office.End == "" || date <= office.End+"~")
}

// madeBy is the set of statements the actor v made or, with affiliates,
// that its affiliates made (store.madeBy).
func (s *Store) madeBy(v string, affiliates bool) map[string]bool {
	out := map[string]bool{}
	for _, sp := range s.speakersFor(v, affiliates) {
		for id, st := range s.statements {
			if slices.Contains(st.speakers, sp.id) && inOffice(sp.office, st.Date) {
				out[id] = true
			}
		}
	}
	return out
}

// narrowerThan is v and, with narrower, the topics up to three BROADER
// steps below it (store.targeting).
func (s *Store) narrowerThan(v string, narrower bool) []string {
	found := []string{v}
	if !narrower {
		return found
	}
	frontier := []string{v}
	for range 3 {
		var next []string
		for _, t := range sortedValues(s.topics) {
			if !slices.Contains(found, t.ID) && slices.ContainsFunc(t.Broader, func(b string) bool { return slices.Contains(frontier, b) }) {
				found = append(found, t.ID)
				next = append(next, t.ID)
			}
		}
		frontier = next
	}
	return found
}

// targetsAny reports whether st targets one of ids.
func targetsAny(st *statement, ids []string) bool {
	return slices.ContainsFunc(st.targets, func(t string) bool { return slices.Contains(ids, t) })
}

// scoped lists the statements a scope anchors on, as store.statementMatch
// picks them: an actor's (as far as reach takes it), an event's, those
// about an actor, topic or event, or all.
func (s *Store) scoped(scope kg.StatementScope) []*statement {
	var keep func(*statement) bool
	switch {
	case scope.Speaker != "":
		made := s.madeBy(scope.Speaker, scope.Affiliates)
		keep = func(st *statement) bool { return made[st.ID] }
	case scope.Event != "":
		keep = func(st *statement) bool { return st.event == scope.Event }
	case scope.About != "":
		if !s.isTarget(scope.About) {
			return nil
		}
		about := s.narrowerThan(scope.About, scope.Narrower)
		keep = func(st *statement) bool { return targetsAny(st, about) }
	default:
		keep = func(*statement) bool { return true }
	}
	var out []*statement
	for _, st := range sortedValues(s.statements) {
		if keep(st) {
			out = append(out, st)
		}
	}
	return out
}

// inDates is the store's date filter: a bound leaves out undated statements.
func inDates(date string, from, to *string) bool {
	if from != nil && *from != "" && (date == "" || date < *from) {
		return false
	}
	if to != nil && *to != "" && (date == "" || date > *to+"~") {
		return false
	}
	return true
}

// trusted is store.trustedStatement.
func trusted(st *statement, t kg.Trust) bool {
	if t.Method != nil && (st.Method == "curated") != (*t.Method == kg.Curated) {
		return false
	}
	return t.MinConfidence == nil || st.Confidence >= *t.MinConfidence
}

// filter is store.statementWhere: the filters every statement list
// shares, the speaker and target reaching as far as r says.
func (s *Store) filter(f kg.StatementFilter, r kg.Reach) func(*statement) bool {
	given := func(p *string) bool { return p != nil && *p != "" }
	var spoke map[string]bool
	if given(f.Speaker) {
		spoke = s.madeBy(*f.Speaker, r.Affiliates)
	}
	var about []string
	if given(f.Target) {
		about = s.narrowerThan(*f.Target, r.Narrower)
	}
	return func(st *statement) bool {
		switch {
		case given(f.Speaker) && !spoke[st.ID],
			given(f.Target) && !targetsAny(st, about),
			len(f.Predicate) > 0 && !slices.Contains(f.Predicate, st.Predicate),
			f.Polarity != nil && st.Polarity != *f.Polarity,
			given(f.Event) && st.event != *f.Event,
			given(f.Document) && !s.evidencedIn(st, *f.Document):
			return false
		}
		return inDates(st.Date, f.From, f.To) && trusted(st, f.Trust)
	}
}

func (s *Store) evidencedIn(st *statement, doc string) bool {
	for _, id := range st.evidence {
		if m, ok := s.mentions[id]; ok && m.Document == doc {
			return true
		}
	}
	return false
}

func (s *Store) statementList(scope kg.StatementScope, f kg.StatementFilter) []*statement {
	var out []*statement
	keep := s.filter(f, scope.Reach)
	for _, st := range s.scoped(scope) {
		if keep(st) {
			out = append(out, st)
		}
	}
	return out
}

// Statements returns up to first statements in the given order after the
// key, and whether more follow, each with the given parts.
func (s *Store) Statements(_ context.Context, scope kg.StatementScope, f kg.StatementFilter, order kg.StatementOrder, first int, after *kg.SortKey, parts kg.StatementParts) ([]kg.Statement, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	list := s.statementList(scope, f)
	sign := 1
	if order.Direction == kg.Desc {
		sign = -1
	}
	compare := func(a, b *statement) int {
		if order.Field == kg.OrderByConfidence {
			return cmp.Or(cmp.Compare(a.Confidence, b.Confidence), strings.Compare(a.ID, b.ID)) * sign
		}
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.ID, b.ID)) * sign
	}
	slices.SortFunc(list, compare)
	items, more := pageOf(list, first, func(st *statement) bool { return after == nil || afterKey(st, order.Field, after, sign) })
	out := make([]kg.Statement, len(items))
	for i, st := range items {
		out[i] = withParts(s.statementOut(st), parts)
	}
	return out, more, nil
}

// withParts leaves out of st the parts the store's projection would not
// read (store.statementProjectionOf).
func withParts(st kg.Statement, parts kg.StatementParts) kg.Statement {
	if !parts.Has(kg.WithSpeakers) {
		st.SpeakerActors, st.Speakers = nil, nil
	}
	if !parts.Has(kg.WithTargets) {
		st.TargetNodes = nil
	}
	if !parts.Has(kg.WithOccasion) {
		st.Occasion, st.Event = nil, ""
	}
	if !parts.Has(kg.WithEvidence) {
		st.Evidence = nil
	}
	if !parts.Has(kg.WithEvidenceDocuments) {
		for i := range st.Evidence {
			st.Evidence[i].Doc = nil
		}
	}
	return st
}

// StatementPages reads one page of b for each start, as Statements would
// for each parent alone.
func (s *Store) StatementPages(ctx context.Context, b kg.StatementBatch, starts []kg.PageStart) ([]kg.StatementPage, error) {
	out := make([]kg.StatementPage, len(starts))
	for i, st := range starts {
		items, more, err := s.Statements(ctx, b.Anchor.Scope(st.Parent, b.Reach), b.Filter, b.Order, b.First, st.After, b.Parts)
		if err != nil {
			return nil, err
		}
		out[i] = kg.StatementPage{Items: items, HasNext: more}
	}
	return out, nil
}

// afterKey reports whether st comes after the keyset position in the list's
// order; a key of the other field's type is after nothing, as in Cypher.
func afterKey(st *statement, field kg.StatementOrderField, key *kg.SortKey, sign int) bool {
	var c int
	switch v := key.Value.(type) {
	case string:
		if field == kg.OrderByConfidence {
			return false
		}
		c = strings.Compare(st.Date, v)
	case float64:
		if field != kg.OrderByConfidence {
			return false
		}
		c = cmp.Compare(st.Confidence, v)
	default:
		return false
	}
	return c*sign > 0 || c == 0 && strings.Compare(st.ID, key.ID)*sign > 0
}

// CountStatements counts what Statements would list.
func (s *Store) CountStatements(_ context.Context, scope kg.StatementScope, f kg.StatementFilter) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.statementList(scope, f)), nil
}

// StatementsByID returns the statements with the given ids.
func (s *Store) StatementsByID(_ context.Context, ids []string) (map[string]kg.Statement, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return byIDs(ids, s.statements, s.statementOut), nil
}
