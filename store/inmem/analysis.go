package inmem

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"
	"strings"

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
		if e.kind == kg.ParticipantEdge || e.kind == kg.HeldInEdge || e.kind == kg.AboutEdge || e.kind == kg.BroaderEdge {
			add(rels, string(e.kind), 1)
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

// asserted is store.datedStatement: an asserted statement within the
// dates and trust asked for.
func asserted(st *statement, from, to *string, trust kg.Trust) bool {
	return st.Modality == "asserted" && inDates(st.Date, from, to) && trusted(st, trust)
}

// since is store.anyStatement's anchor: every dated statement from the
// from date on (undated ones are not in the date index).
func since(st *statement, from *string) bool {
	return st.Date != "" && (from == nil || st.Date >= *from)
}

// ranked orders ids by their count, most first, ties by id, and keeps 10
// (store.mostActive); never nil.
func ranked(counts map[string]int) []string {
	out := []string{}
	for id := range counts {
		out = append(out, id)
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b)) })
	return out[:min(len(out), 10)]
}

// StanceMatrix counts, per actor and proposition, the asserted statements
// for, against and neutral toward it; see store.StanceMatrix.
func (s *Store) StanceMatrix(_ context.Context, actors, topics []string, from, to *string, trust kg.Trust, reach kg.Reach, withStatements bool) (kg.StanceMatrix, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(actors) == 0 {
		counts := map[string]int{}
		for _, st := range sortedValues(s.statements) {
			if since(st, from) && asserted(st, from, to, trust) && slices.ContainsFunc(st.targets, s.isTopic) {
				for _, a := range st.speakers {
					counts[a]++
				}
			}
		}
		actors = ranked(counts)
	}
	made := map[string][]*statement{} // each actor's asserted statements, as far as reach takes it
	for _, a := range actors {
		for id := range s.madeBy(a, reach.Affiliates) {
			if st := s.statements[id]; asserted(st, from, to, trust) {
				made[a] = append(made[a], st)
			}
		}
	}
	if len(topics) == 0 {
		counted := map[string]map[string]bool{} // topic → statements
		for _, a := range actors {
			for _, st := range made[a] {
				for _, t := range st.targets {
					if s.isTopic(t) {
						if counted[t] == nil {
							counted[t] = map[string]bool{}
						}
						counted[t][st.ID] = true
					}
				}
			}
		}
		counts := map[string]int{}
		for t, stmts := range counted {
			counts[t] = len(stmts)
		}
		topics = ranked(counts)
	}
	m := kg.StanceMatrix{Actors: actors, Topics: topics, Cells: []kg.StanceCell{}}
	for _, a := range actors {
		for _, group := range sortedSet(topics) {
			if !s.isTopic(group) {
				continue
			}
			for _, topic := range s.narrowerThan(group, reach.Narrower) {
				if cell, ok := stanceCell(a, group, topic, made[a]); ok {
					if !withStatements {
						cell.Statements = nil
					}
					m.Cells = append(m.Cells, cell)
				}
			}
		}
	}
	slices.SortFunc(m.Cells, func(x, y kg.StanceCell) int {
		return cmp.Or(strings.Compare(x.Actor, y.Actor), strings.Compare(x.Group, y.Group), strings.Compare(x.Topic, y.Topic))
	})
	return m, nil
}

// stanceCell counts the statements among made that target topic.
func stanceCell(actor, group, topic string, made []*statement) (kg.StanceCell, bool) {
	cell := kg.StanceCell{Actor: actor, Group: group, Topic: topic}
	for _, st := range made {
		if !slices.Contains(st.targets, topic) {
			continue
		}
		switch st.Polarity {
		case kg.Favor:
			cell.Favor++
		case kg.Against:
			cell.Against++
		case kg.Neutral:
			cell.Neutral++
		}
		cell.LatestDate = max(cell.LatestDate, st.Date)
		cell.Statements = append(cell.Statements, st.ID)
	}
	slices.Sort(cell.Statements)
	return cell, len(cell.Statements) > 0
}

// Alignment compares actor with every actor that took a non-neutral
// position on a target it also took one on; see store.Alignment.
func (s *Store) Alignment(_ context.Context, actor string, from, to *string, first int, trust kg.Trust, reach kg.Reach) ([]kg.Alignment, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	team := map[string]bool{}
	for _, sp := range s.speakersFor(actor, reach.Affiliates) {
		team[sp.id] = true
	}
	taken := func(st *statement) bool { return st.Polarity != kg.Neutral && asserted(st, from, to, trust) }
	mine := map[string][]*statement{} // target → my statements
	for id := range s.madeBy(actor, reach.Affiliates) {
		if st := s.statements[id]; taken(st) {
			for _, t := range st.targets {
				mine[t] = append(mine[t], st)
			}
		}
	}
	theirs := map[string]map[string][]*statement{} // other actor → target → their statements
	for _, st := range sortedValues(s.statements) {
		if !taken(st) {
			continue
		}
		for _, t := range st.targets {
			if mine[t] == nil {
				continue
			}
			for _, y := range st.speakers {
				if team[y] {
					continue
				}
				if theirs[y] == nil {
					theirs[y] = map[string][]*statement{}
				}
				theirs[y][t] = append(theirs[y][t], st)
			}
		}
	}
	out := []kg.Alignment{}
	for y, byTarget := range theirs {
		out = append(out, alignment(y, mine, byTarget))
	}
	// Ranked by the exact score, shown rounded to three places.
	slices.SortFunc(out, func(a, b kg.Alignment) int {
		return cmp.Or(cmp.Compare(len(b.Shared), len(a.Shared)), cmp.Compare(math.Abs(b.Score), math.Abs(a.Score)), strings.Compare(a.Actor, b.Actor))
	})
	out = out[:min(len(out), first)]
	for i := range out {
		out[i].Score = math.Round(out[i].Score*1000) / 1000
	}
	return out, nil
}

// alignment scores one other actor over the targets both took positions on.
func alignment(other string, mine, theirs map[string][]*statement) kg.Alignment {
	al := kg.Alignment{Actor: other}
	total := 0
	for _, t := range slices.Sorted(maps.Keys(theirs)) {
		st := kg.SharedTarget{Target: t, Mine: net(mine[t]), Theirs: net(theirs[t]), MyStatements: ids(mine[t]), TheirStatements: ids(theirs[t])}
		switch st.Mine * st.Theirs {
		case 1:
			al.Agreements++
		case -1:
			al.Disagreements++
		}
		total += st.Mine * st.Theirs
		al.Shared = append(al.Shared, st)
	}
	al.Score = float64(total) / float64(len(al.Shared))
	return al
}

// net is the sign of a side's positions: +1 for each in favour, -1 against.
func net(stmts []*statement) int {
	n := 0
	for _, st := range stmts {
		if st.Polarity == kg.Favor {
			n++
		} else {
			n--
		}
	}
	return cmp.Compare(n, 0)
}

func ids(stmts []*statement) []string {
	out := []string{}
	for _, st := range stmts {
		if !slices.Contains(out, st.ID) {
			out = append(out, st.ID)
		}
	}
	slices.Sort(out)
	return out
}

// Timeline counts statements by predicate per bucket, for an actor and/or
// a topic, each reaching as far as reach says, or for all dated statements;
// see store.Timeline.
func (s *Store) Timeline(_ context.Context, actor, topic string, from, to *string, bucket kg.TimeBucket, trust kg.Trust, reach kg.Reach) ([]kg.TimelineBucket, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	width := map[kg.TimeBucket]int{kg.Day: 10, kg.Month: 7, kg.Year: 4}[bucket]
	if width == 0 {
		width = 7
	}
	var about []string
	if topic != "" && s.isTopic(topic) {
		about = s.narrowerThan(topic, reach.Narrower)
	}
	var keep func(*statement) bool
	switch {
	case actor != "":
		made := s.madeBy(actor, reach.Affiliates)
		keep = func(st *statement) bool { return made[st.ID] && (topic == "" || targetsAny(st, about)) }
	case topic != "":
		keep = func(st *statement) bool { return targetsAny(st, about) }
	default:
		keep = func(st *statement) bool { return since(st, from) }
	}
	counts := map[string]map[kg.Predicate]int{} // bucket ("" undated) → predicate → statements
	for _, st := range s.statements {
		if keep(st) && asserted(st, from, to, trust) {
			b := st.Date[:min(len(st.Date), width)]
			if counts[b] == nil {
				counts[b] = map[kg.Predicate]int{}
			}
			counts[b][st.Predicate]++
		}
	}
	out := []kg.TimelineBucket{}
	for _, b := range slices.SortedFunc(maps.Keys(counts), compareNullLast) {
		tb := kg.TimelineBucket{Bucket: b}
		for _, p := range slices.Sorted(maps.Keys(counts[b])) {
			tb.Counts = append(tb.Counts, kg.PredicateCount{Predicate: p, Count: counts[b][p]})
			tb.Total += counts[b][p]
		}
		out = append(out, tb)
	}
	return out, nil
}
