package inmem

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// The walks' Source, answering as store/subgraph.go does: from the
// collapsed STANCE relationships (computed here from the statements) when
// they can answer, from the statements themselves for the statement view
// and predicate or date filters.

// edge is one stored relationship a subgraph draws, or one collapsed
// STANCE relationship.
type edge struct {
	source, target string
	kind           kg.EdgeKind
	start          string // a context relation's start
	// STANCE only
	polarity    kg.Polarity
	weight      int
	first, last string
	predicates  []kg.Predicate
}

// contextEdges are the stored relationships a subgraph draws as they are
// (store.contextTypes).
func (s *Store) contextEdges() []edge {
	var out []edge
	for _, r := range sortedRelations(s.relations) {
		out = append(out, edge{source: r.From, target: r.To, kind: kg.EdgeKind(r.Type), start: r.Start})
	}
	for _, e := range sortedValues(s.events) {
		for _, a := range e.Participants {
			out = append(out, edge{source: e.ID, target: a, kind: kg.ParticipantEdge})
		}
		if e.Place != "" {
			out = append(out, edge{source: e.ID, target: e.Place, kind: kg.HeldInEdge})
		}
		for _, t := range e.Topics {
			out = append(out, edge{source: e.ID, target: t, kind: kg.AboutEdge})
		}
	}
	for _, t := range sortedValues(s.topics) {
		for _, b := range t.Broader {
			out = append(out, edge{source: t.ID, target: b, kind: kg.BroaderEdge})
		}
	}
	return out
}

// stanceEdges are the collapsed STANCE relationships: one per speaker,
// target and polarity, with the number of statements behind it, their
// dates and predicates (store.stanceSteps).
func (s *Store) stanceEdges() []edge {
	byKey := map[subgraph.StanceKey]*edge{}
	var keys []subgraph.StanceKey
	for _, st := range sortedValues(s.statements) {
		for _, a := range st.speakers {
			for _, t := range st.targets {
				k := subgraph.StanceKey{Source: a, Target: t, Polarity: st.Polarity}
				e := byKey[k]
				if e == nil {
					e = &edge{source: a, target: t, kind: kg.StanceEdge, polarity: st.Polarity}
					byKey[k] = e
					keys = append(keys, k)
				}
				e.weight++
				if st.Date != "" && (e.first == "" || st.Date < e.first) {
					e.first = st.Date
				}
				e.last = max(e.last, st.Date)
				if !slices.Contains(e.predicates, st.Predicate) {
					e.predicates = append(e.predicates, st.Predicate)
				}
			}
		}
	}
	out := make([]edge, len(keys))
	for i, k := range keys {
		out[i] = *byKey[k]
	}
	return out
}

// stanceEdgesIn are the STANCE relationships of the given polarities (all when none).
func (s *Store) stanceEdgesIn(polarities []kg.Polarity) []edge {
	var out []edge
	for _, e := range s.stanceEdges() {
		if len(polarities) == 0 || slices.Contains(polarities, e.polarity) {
			out = append(out, e)
		}
	}
	return out
}

// anchor reports whether the walks can start from id: an actor, topic,
// event, place or statement (store.anchorNodes).
func (s *Store) anchor(id string) bool {
	_, isStatement := s.statements[id]
	return s.isActor(id) || s.isTopic(id) || s.isEvent(id) || s.isPlace(id) || isStatement
}

// aggregated is store.aggregated: the STANCE relationships can answer.
func aggregated(view subgraph.View, f subgraph.Filter) bool {
	return view != subgraph.ViewNodes && len(f.Predicates) == 0 && f.From == nil && f.To == nil
}

// link is an edge as the store's link queries return it.
func (e edge) link() subgraph.Link {
	l := subgraph.Link{Source: e.source, Target: e.target, Kind: e.kind, Statements: []string{}, Date: e.start, Weight: 1}
	if e.kind == kg.StanceEdge {
		l.Polarity, l.Date, l.Last, l.Weight = e.polarity, e.first, e.last, e.weight
		l.Predicates, l.Predicate = predicatesOf(e.predicates)
	}
	return l
}

// predicatesOf is the store's decoding of a list of predicates: sorted,
// without repeats, and the one they all are.
func predicatesOf(list []kg.Predicate) (all []kg.Predicate, shared kg.Predicate) {
	for _, p := range slices.Sorted(slices.Values(list)) {
		if !slices.Contains(all, p) {
			all = append(all, p)
		}
	}
	if len(all) == 1 {
		shared = all[0]
	}
	return all, shared
}

func (e edge) touches(id string) bool { return e.source == id || e.target == id }

// other is the end of e that is not id (id itself for a loop).
func (e edge) other(id string) string {
	if e.source == id {
		return e.target
	}
	return e.source
}

// distinctLinks drops repeated links, as RETURN DISTINCT does.
func distinctLinks(links []subgraph.Link) []subgraph.Link {
	seen := map[string]bool{}
	var out []subgraph.Link
	for _, l := range links {
		k := fmt.Sprintf("%#v", l)
		if !seen[k] {
			seen[k] = true
			out = append(out, l)
		}
	}
	return out
}

// anchors keeps the ids the walks can start from.
func (s *Store) anchors(ids []string) []string {
	var out []string
	for _, id := range ids {
		if s.anchor(id) {
			out = append(out, id)
		}
	}
	return out
}

// Links returns every edge touching the given nodes in the chosen view.
func (s *Store) Links(_ context.Context, ids []string, view subgraph.View, f subgraph.Filter) ([]subgraph.Link, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if !aggregated(view, f) {
		return s.statementLinks(ids, view, f), nil
	}
	edges := append(s.contextEdges(), s.stanceEdgesIn(f.Polarities)...)
	var out []subgraph.Link
	for _, n := range s.anchors(ids) {
		for _, e := range edges {
			if e.touches(n) {
				out = append(out, e.link())
			}
		}
	}
	return distinctLinks(out), nil
}

// Neighbours returns up to limit neighbours of each node, the most strongly
// tied first, ties by id; a node without neighbours is left out, as the
// store leaves it out.
func (s *Store) Neighbours(_ context.Context, ids []string, limit int, view subgraph.View, f subgraph.Filter) (map[string][]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string][]string{}
	if !aggregated(view, f) {
		links := s.statementLinks(ids, view, f)
		for _, id := range ids {
			weight := map[string]int{}
			for _, l := range links {
				if l.Source != l.Target && (l.Source == id || l.Target == id) {
					weight[edge{source: l.Source, target: l.Target}.other(id)] += max(len(l.Statements), 1)
				}
			}
			out[id] = strongest(weight, limit)
		}
		return out, nil
	}
	edges := append(s.contextEdges(), s.stanceEdgesIn(f.Polarities)...)
	for _, n := range s.anchors(ids) {
		weight := map[string]int{}
		for _, e := range edges {
			if e.touches(n) && e.other(n) != n {
				weight[e.other(n)] += max(e.weight, 1)
			}
		}
		if len(weight) > 0 {
			out[n] = strongest(weight, limit)
		}
	}
	return out, nil
}

// strongest ranks neighbours by weight, ties by id, and keeps limit.
func strongest(weight map[string]int, limit int) []string {
	ranked := make([]string, 0, len(weight))
	for m := range weight {
		ranked = append(ranked, m)
	}
	slices.SortFunc(ranked, func(a, b string) int { return cmp.Or(cmp.Compare(weight[b], weight[a]), strings.Compare(a, b)) })
	return ranked[:min(len(ranked), limit)]
}

// LinksAmong returns the edges between a node of ids and a node of ids or
// of others; collapsed statements are followed from their speaker.
func (s *Store) LinksAmong(_ context.Context, ids, others []string, view subgraph.View, f subgraph.Filter) ([]subgraph.Link, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ends := append(slices.Clone(ids), others...)
	if !aggregated(view, f) {
		var out []subgraph.Link
		for _, l := range s.statementLinks(ids, view, f) {
			if slices.Contains(ends, l.Source) && slices.Contains(ends, l.Target) {
				out = append(out, l)
			}
		}
		return out, nil
	}
	stances := s.stanceEdgesIn(f.Polarities)
	var out []subgraph.Link
	for _, n := range s.anchors(ids) {
		for _, e := range s.contextEdges() {
			if e.touches(n) && slices.Contains(ends, e.other(n)) {
				out = append(out, e.link())
			}
		}
		for _, e := range stances {
			if (e.source == n && slices.Contains(ends, e.target)) || (e.target == n && slices.Contains(others, e.source)) {
				out = append(out, e.link())
			}
		}
	}
	return distinctLinks(out), nil
}

// StanceStatements returns the sorted ids of the statements behind each
// STANCE edge that has any.
func (s *Store) StanceStatements(_ context.Context, keys []subgraph.StanceKey) (map[subgraph.StanceKey][]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[subgraph.StanceKey][]string{}
	for _, k := range keys {
		if !s.isActor(k.Source) || !s.isTarget(k.Target) {
			continue
		}
		for _, st := range sortedValues(s.statements) {
			if st.Polarity == k.Polarity && slices.Contains(st.speakers, k.Source) && slices.Contains(st.targets, k.Target) {
				out[k] = append(out[k], st.ID)
			}
		}
	}
	return out, nil
}

// GraphNodes returns the nodes' drawable form with their degree in the
// whole graph, the view and filter applied.
func (s *Store) GraphNodes(_ context.Context, ids []string, view subgraph.View, f subgraph.Filter) (map[string]subgraph.Node, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string]subgraph.Node{}
	for _, id := range s.anchors(ids) {
		out[id] = s.graphNode(id)
	}
	if aggregated(view, f) {
		edges := append(s.contextEdges(), s.stanceEdgesIn(f.Polarities)...)
		for id, n := range out {
			for _, e := range edges {
				if e.touches(id) {
					n.Degree++
				}
			}
			out[id] = n
		}
		return out, nil
	}
	subgraph.AddDegrees(out, s.statementLinks(ids, view, f))
	return out, nil
}

// graphNode is a node's kind and captions (the English one, as stored).
func (s *Store) graphNode(id string) subgraph.Node {
	if a, ok := s.actors[id]; ok {
		return subgraph.Node{ID: id, Kind: kg.NodeKind(a.Kind), Label: a.Name.En, LabelAr: a.Name.Ar}
	}
	if t, ok := s.topics[id]; ok {
		return subgraph.Node{ID: id, Kind: kg.TopicNode, Label: t.Label.En, LabelAr: t.Label.Ar}
	}
	if e, ok := s.events[id]; ok {
		return subgraph.Node{ID: id, Kind: kg.EventNode, Label: e.Name.En, LabelAr: e.Name.Ar}
	}
	if p, ok := s.places[id]; ok {
		return subgraph.Node{ID: id, Kind: kg.PlaceNode, Label: p.Name.En, LabelAr: p.Name.Ar}
	}
	return subgraph.Node{ID: id, Kind: kg.StatementNode, Label: s.statements[id].Summary}
}

// row is one statement (or stored relationship) seen from a node, before
// store.statementLinks groups them into links.
type row struct {
	source, target string
	kind           kg.EdgeKind
	statement      string
	predicate      kg.Predicate
	polarity       kg.Polarity
	date           string
}

// statementLinks reads every statement touching the given nodes, one link
// per edge (store.statementLinks).
func (s *Store) statementLinks(ids []string, view subgraph.View, f subgraph.Filter) []subgraph.Link {
	collapsed := view != subgraph.ViewNodes
	var rows []row
	for _, n := range s.anchors(ids) {
		for _, e := range s.contextEdges() {
			if e.touches(n) {
				rows = append(rows, row{source: e.source, target: e.target, kind: e.kind, date: e.start})
			}
		}
		for _, st := range sortedValues(s.statements) {
			if !shown(st, f) {
				continue
			}
			at := func(source, target string, kind kg.EdgeKind) row {
				return row{source: source, target: target, kind: kind, statement: st.ID, predicate: st.Predicate, polarity: st.Polarity, date: st.Date}
			}
			speaks, targeted, occasion, itself := slices.Contains(st.speakers, n), slices.Contains(st.targets, n), st.event == n, st.ID == n
			switch {
			case collapsed:
				for _, t := range st.targets {
					if speaks {
						rows = append(rows, at(n, t, kg.StanceEdge))
					}
				}
				for _, a := range st.speakers {
					if targeted {
						rows = append(rows, at(a, n, kg.StanceEdge))
					}
				}
			default:
				if speaks {
					rows = append(rows, at(n, st.ID, kg.MadeEdge))
				}
				if targeted || itself {
					for _, t := range st.targets {
						if t == n || itself {
							rows = append(rows, at(st.ID, t, kg.TargetsEdge))
						}
					}
				}
				if (occasion || itself) && st.event != "" {
					rows = append(rows, at(st.ID, st.event, kg.MadeAtEdge))
				}
				if itself {
					for _, a := range st.speakers {
						rows = append(rows, at(a, st.ID, kg.MadeEdge))
					}
				}
			}
		}
	}
	return groupRows(rows)
}

// shown is store.subgraphStatement: the SubgraphFilter on a statement.
func shown(st *statement, f subgraph.Filter) bool {
	return (len(f.Predicates) == 0 || slices.Contains(f.Predicates, st.Predicate)) &&
		(len(f.Polarities) == 0 || slices.Contains(f.Polarities, st.Polarity)) && inDates(st.Date, f.From, f.To)
}

// groupRows makes one link per edge: statements collapsed into a STANCE
// link per speaker, target and polarity; every other row (a statement's
// MADE, TARGETS, MADE_AT, a relationship's term) a link of its own.
func groupRows(rows []row) []subgraph.Link {
	type group struct {
		source, target string
		kind           kg.EdgeKind
		polarity       kg.Polarity
		key            string
	}
	byGroup := map[group]*subgraph.Link{}
	var order []group
	for _, r := range rows {
		g := group{r.source, r.target, r.kind, r.polarity, ""}
		if r.kind != kg.StanceEdge {
			g.key = r.statement + r.date
		}
		l := byGroup[g]
		if l == nil {
			l = &subgraph.Link{Source: r.source, Target: r.target, Kind: r.kind, Polarity: r.polarity, Statements: []string{}}
			byGroup[g] = l
			order = append(order, g)
		}
		if r.statement != "" && !slices.Contains(l.Statements, r.statement) {
			l.Statements = append(l.Statements, r.statement)
		}
		if r.predicate != "" && !slices.Contains(l.Predicates, r.predicate) {
			l.Predicates = append(l.Predicates, r.predicate)
		}
		if r.date != "" && (l.Date == "" || r.date < l.Date) {
			l.Date = r.date
		}
		l.Last = max(l.Last, r.date)
	}
	out := make([]subgraph.Link, len(order))
	for i, g := range order {
		l := *byGroup[g]
		slices.Sort(l.Statements)
		l.Predicates, l.Predicate = predicatesOf(l.Predicates)
		if len(l.Statements) == 1 {
			l.Statement = l.Statements[0]
		}
		out[i] = l
	}
	return out
}

// ExportIDs is not implemented in memory: whole-graph exports are tested
// against Neo4j, whose paging Cypher is what they exercise.
func (s *Store) ExportIDs(context.Context, []kg.NodeKind, string, int, subgraph.Filter) ([]string, error) {
	return nil, notImplemented("exporting the whole graph")
}

// ExportEdges is not implemented in memory, for the same reason.
func (s *Store) ExportEdges(context.Context, []string, subgraph.View, subgraph.Filter) ([]subgraph.Edge, error) {
	return nil, notImplemented("exporting the whole graph")
}
