package inmem

import (
	"context"
	"maps"
	"slices"

	"github.com/whosaid/whosaid/kg"
)

// counts are the nodes by label and relationships by type the store
// counts (store.Counts), those present only.
func (s *Store) counts() (nodes, rels map[string]int) {
	nodes, rels = map[string]int{}, map[string]int{}
	add := func(m map[string]int, key string, n int) {
		if n > 0 {
			m[key] += n
		}
	}
	add(nodes, "Actor", len(s.actors))
	for _, a := range s.actors {
		add(nodes, map[kg.ActorKind]string{kg.Person: "Person", kg.Organisation: "Organisation", kg.Country: "Country"}[a.Kind], 1)
	}
	add(nodes, "Topic", len(s.topics))
	add(nodes, "Event", len(s.events))
	add(nodes, "Place", len(s.places))
	add(nodes, "Document", len(s.documents))
	add(nodes, "Statement", len(s.statements))
	add(nodes, "Mention", len(s.mentions))
	for _, st := range s.statements {
		add(rels, "MADE", len(st.speakers))
		add(rels, "TARGETS", len(st.targets))
		add(rels, "EVIDENCED_BY", len(st.evidence))
		if st.event != "" {
			add(rels, "MADE_AT", 1)
		}
	}
	add(rels, "IN_DOCUMENT", len(s.mentions))
	for _, r := range s.relations {
		add(rels, string(r.Type), 1)
	}
	for _, e := range s.contextEdges() {
		if e.kind == "PARTICIPANT" || e.kind == "HELD_IN" || e.kind == "ABOUT" || e.kind == "BROADER" {
			add(rels, e.kind, 1)
		}
	}
	for _, p := range s.places {
		if p.Country != "" {
			add(rels, "IN_COUNTRY", 1)
		}
	}
	return nodes, rels
}

func labelCounts(m map[string]int) []kg.LabelCount {
	out := make([]kg.LabelCount, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, kg.LabelCount{Label: k, Count: m[k]})
	}
	return out
}

// Stats describes the whole graph: counts by label, type and predicate (of
// dated statements), the statement date range and the number of documents.
func (s *Store) Stats(context.Context) (kg.Stats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	nodes, rels := s.counts()
	st := kg.Stats{Nodes: labelCounts(nodes), Relationships: labelCounts(rels), Documents: nodes["Document"], Statements: nodes["Statement"]}
	byPredicate := map[kg.Predicate]int{}
	for _, x := range s.statements {
		if x.Date == "" {
			continue
		}
		byPredicate[x.Predicate]++
		if st.FirstDate == "" || x.Date < st.FirstDate {
			st.FirstDate = x.Date
		}
		st.LastDate = max(st.LastDate, x.Date)
	}
	for _, p := range slices.Sorted(maps.Keys(byPredicate)) {
		st.Predicates = append(st.Predicates, kg.PredicateCount{Predicate: p, Count: byPredicate[p]})
	}
	return st, nil
}

// StanceMatrix is not implemented in memory yet.
func (s *Store) StanceMatrix(context.Context, []string, []string, *string, *string, kg.Trust, kg.Reach) (kg.StanceMatrix, error) {
	return kg.StanceMatrix{}, notImplemented("stanceMatrix")
}

// Alignment is not implemented in memory yet.
func (s *Store) Alignment(context.Context, string, *string, *string, int, kg.Trust, kg.Reach) ([]kg.Alignment, error) {
	return nil, notImplemented("alignment")
}

// Timeline is not implemented in memory yet.
func (s *Store) Timeline(context.Context, string, string, *string, *string, kg.TimeBucket, kg.Trust, kg.Reach) ([]kg.TimelineBucket, error) {
	return nil, notImplemented("timeline")
}
