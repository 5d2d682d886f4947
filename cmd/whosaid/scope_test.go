package main

import (
	"maps"
	"slices"
	"testing"

	"github.com/whosaid/whosaid/loader"
)

// These tests hold every statement query to one scope model: a topic reaches
// its narrower topics unless includeNarrower is false, an actor its
// affiliates only when includeAffiliates is true. Expected statements come
// from the seed files.

// aboutTopic returns the ids of the seed statements that target topic or,
// with narrower, a topic under it.
func aboutTopic(s *loader.Seeds, topic string, narrower bool) map[string]bool {
	closure := broaderClosure(s)
	out := map[string]bool{}
	for _, st := range seedStatements(s) {
		for _, tg := range st.Targets {
			if tg == topic || (narrower && closure[tg][topic]) {
				out[st.ID] = true
			}
		}
	}
	return out
}

// asserted keeps the ids of asserted statements: what the aggregates count.
func asserted(s *loader.Seeds, ids map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, st := range seedStatements(s) {
		if ids[st.ID] && st.Modality == "asserted" {
			out[st.ID] = true
		}
	}
	return out
}

func intersect(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for id := range a {
		if b[id] {
			out[id] = true
		}
	}
	return out
}

func sortedIDs(set map[string]bool) []string { return slices.Sorted(maps.Keys(set)) }

// seedSpeakers lists every actor that made a seed statement.
func seedSpeakers(s *loader.Seeds) []string {
	set := map[string]bool{}
	for _, st := range seedStatements(s) {
		for _, sp := range st.Speakers {
			set[sp] = true
		}
	}
	return sortedIDs(set)
}

// scopeAnswers is what the list, the timeline and the stance matrix say
// about one scope: the statements listed (all modalities), their count, the
// timeline's sum, and the statements the matrix cells count.
type scopeAnswers struct {
	listed      map[string]bool
	totalCount  int
	timelineSum int
	matrix      map[string]bool
}

// askScope asks the same scope of the three queries. vars holds $actor
// (null for none), $actors, $topic, $affiliates and $narrower.
func askScope(t *testing.T, base string, vars map[string]any) scopeAnswers {
	t.Helper()
	_, r := postGraphQL(t, base, `query($actor: ID, $actors: [ID!], $topic: ID!, $affiliates: Boolean, $narrower: Boolean) {
		statements(first: 100, filter: {speaker: $actor, target: $topic, includeAffiliates: $affiliates, includeNarrower: $narrower}) { totalCount edges { node { id } } }
		timeline(actor: $actor, topic: $topic, bucket: YEAR, includeAffiliates: $affiliates, includeNarrower: $narrower) { total }
		stanceMatrix(actors: $actors, topics: [$topic], includeAffiliates: $affiliates, includeNarrower: $narrower) { cells { group { id } statements { id } } } }`, vars)
	got := decode[struct {
		Statements struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID string } }
		}
		Timeline     []struct{ Total int }
		StanceMatrix struct {
			Cells []struct {
				Group      struct{ ID string }
				Statements []struct{ ID string }
			}
		}
	}](t, r)
	a := scopeAnswers{listed: map[string]bool{}, matrix: map[string]bool{}, totalCount: got.Statements.TotalCount}
	for _, e := range got.Statements.Edges {
		a.listed[e.Node.ID] = true
	}
	for _, b := range got.Timeline {
		a.timelineSum += b.Total
	}
	for _, c := range got.StanceMatrix.Cells {
		if c.Group.ID != vars["topic"] {
			t.Errorf("a cell grouped under %s, want %s", c.Group.ID, vars["topic"])
		}
		for _, st := range c.Statements {
			a.matrix[st.ID] = true
		}
	}
	return a
}

// check compares the answers with the seed statements of the scope.
func (a scopeAnswers) check(t *testing.T, seeds *loader.Seeds, name string, want map[string]bool) {
	t.Helper()
	counted := asserted(seeds, want)
	if a.totalCount != len(want) || len(a.listed) != len(want) {
		t.Errorf("%s: statements totalCount %d, listed %d, want %d", name, a.totalCount, len(a.listed), len(want))
	}
	for id := range want {
		if !a.listed[id] {
			t.Errorf("%s: statements misses %s", name, id)
		}
	}
	if a.timelineSum != len(counted) {
		t.Errorf("%s: timeline sums to %d, want the %d asserted statements", name, a.timelineSum, len(counted))
	}
	if len(a.matrix) != len(counted) {
		t.Errorf("%s: stanceMatrix cells count %v, want %v", name, sortedIDs(a.matrix), sortedIDs(counted))
	}
}

func TestScopeCountsAgreeAcrossQueries(t *testing.T) {
	seeds := readSeeds(t)
	speakers := seedSpeakers(seeds)
	if len(speakers) > 50 {
		t.Fatalf("%d speakers; stanceMatrix takes at most 50 actors", len(speakers))
	}
	const topic = "syrian-crisis"
	narrower, exact := aboutTopic(seeds, topic, true), aboutTopic(seeds, topic, false)
	if len(narrower) <= len(exact) || len(exact) == 0 {
		t.Fatalf("the seeds give %d statements about %s itself and %d with its narrower topics; the test needs both, and more of the second", len(exact), topic, len(narrower))
	}
	roll := rolledUp(seeds, "russia")
	own := map[string]bool{}
	for _, st := range seedStatements(seeds) {
		if contains(st.Speakers, "russia") {
			own[st.ID] = true
		}
	}
	base := startServer(t, nil, "../../seeds")
	for _, tc := range []struct {
		name string
		vars map[string]any
		want map[string]bool
	}{
		{"topic, narrower by default", map[string]any{"actor": nil, "actors": speakers, "topic": topic}, narrower},
		{"topic, includeNarrower: false", map[string]any{"actor": nil, "actors": speakers, "topic": topic, "narrower": false}, exact},
		{"Russia's own on the topic", map[string]any{"actor": "russia", "actors": []string{"russia"}, "topic": topic}, intersect(own, narrower)},
		{"Russia with affiliates on the topic", map[string]any{"actor": "russia", "actors": []string{"russia"}, "topic": topic, "affiliates": true}, intersect(roll, narrower)},
		{"Russia with affiliates on the topic itself", map[string]any{"actor": "russia", "actors": []string{"russia"}, "topic": topic, "affiliates": true, "narrower": false}, intersect(roll, exact)},
	} {
		askScope(t, base, tc.vars).check(t, seeds, tc.name, tc.want)
	}
	// The same for an actor alone: the roll-up and the timeline agree; and
	// Topic.statementsAbout reaches as far as statements(filter: {target}),
	// its filter's speaker as far as the statements filter's.
	_, r := postGraphQL(t, base, `{ statements(filter: {speaker: "russia", includeAffiliates: true}) { totalCount }
		timeline(actor: "russia", includeAffiliates: true, bucket: YEAR) { total }
		own: timeline(actor: "russia", bucket: YEAR) { total }
		topic(id: "syrian-crisis") { statementsAbout { totalCount } exact: statementsAbout(filter: {includeNarrower: false}) { totalCount }
			russia: statementsAbout(filter: {speaker: "russia", includeAffiliates: true}) { totalCount } } }`, nil)
	got := decode[struct {
		Statements    struct{ TotalCount int }
		Timeline, Own []struct{ Total int }
		Topic         struct{ StatementsAbout, Exact, Russia struct{ TotalCount int } }
	}](t, r)
	sum := func(buckets []struct{ Total int }) int {
		n := 0
		for _, b := range buckets {
			n += b.Total
		}
		return n
	}
	if got.Statements.TotalCount != len(roll) || sum(got.Timeline) != len(asserted(seeds, roll)) || sum(got.Own) != len(asserted(seeds, own)) {
		t.Errorf("Russia: roll-up lists %d and its timeline sums to %d (own %d), want %d, %d asserted (own %d)",
			got.Statements.TotalCount, sum(got.Timeline), sum(got.Own), len(roll), len(asserted(seeds, roll)), len(asserted(seeds, own)))
	}
	if got.Topic.StatementsAbout.TotalCount != len(narrower) || got.Topic.Exact.TotalCount != len(exact) {
		t.Errorf("statementsAbout %s = %d (exact %d), want %d (%d)", topic, got.Topic.StatementsAbout.TotalCount, got.Topic.Exact.TotalCount, len(narrower), len(exact))
	}
	if want := len(intersect(roll, narrower)); got.Topic.Russia.TotalCount != want {
		t.Errorf("statementsAbout %s by Russia with affiliates = %d, want %d", topic, got.Topic.Russia.TotalCount, want)
	}
}

// Alignment with includeAffiliates compares what Russia and its affiliates
// said with the others', and leaves the affiliates out of the others.
func TestAlignmentRollsUpAffiliates(t *testing.T) {
	seeds := readSeeds(t)
	roll := rolledUp(seeds, "russia")
	bodies, positions := affiliatesOf(seeds, "russia")
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ alone: alignment(actor: "russia") { actor { id } }
		alignment(actor: "russia", includeAffiliates: true, first: 100) { actor { id } shared { myStatements { id } } } }`, nil)
	got := decode[struct {
		Alone     []struct{ Actor struct{ ID string } }
		Alignment []struct {
			Actor  struct{ ID string }
			Shared []struct{ MyStatements []struct{ ID string } }
		}
	}](t, r)
	if len(got.Alignment) == 0 || len(got.Alignment) <= len(got.Alone) {
		t.Fatalf("alignment of Russia with affiliates has %d actors, alone %d: the roll-up should find more", len(got.Alignment), len(got.Alone))
	}
	for _, a := range got.Alignment {
		if bodies[a.Actor.ID] {
			t.Errorf("%s, part of Russia, is compared with it", a.Actor.ID)
		}
		for _, p := range positions {
			if p.From == a.Actor.ID {
				t.Errorf("%s, an official of Russia, is compared with it", a.Actor.ID)
			}
		}
		for _, s := range a.Shared {
			for _, st := range s.MyStatements {
				if !roll[st.ID] {
					t.Errorf("%s: Russia's side counts %s, not in its roll-up", a.Actor.ID, st.ID)
				}
			}
		}
	}
}

// Putin opposed a military intervention in Syria and backed a peaceful
// settlement: two propositions under the Syrian crisis. A cell that added
// them up called him "net +3 on the Syrian crisis"; each cell must stand for
// the one proposition its statements target.
func TestStanceCellsKeepPropositionsApart(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	type cellJSON struct {
		Group, Topic   struct{ ID string }
		Favor, Against int
		Statements     []struct {
			ID      string
			Targets []struct{ ID string }
		}
	}
	matrix := func(narrower bool) []cellJSON {
		_, r := postGraphQL(t, base, `query($n: Boolean) { stanceMatrix(actors: ["vladimir-putin"], topics: ["syrian-crisis"], includeNarrower: $n) {
			cells { group { id } topic { id } favor against statements { id targets { ... on Topic { id } } } } } }`, map[string]any{"n": narrower})
		return decode[struct{ StanceMatrix struct{ Cells []cellJSON } }](t, r).StanceMatrix.Cells
	}
	cells := matrix(true)
	byTopic := map[string]cellJSON{}
	for _, c := range cells {
		byTopic[c.Topic.ID] = c
		if c.Group.ID != "syrian-crisis" {
			t.Errorf("cell %s is grouped under %s, want syrian-crisis", c.Topic.ID, c.Group.ID)
		}
		for _, st := range c.Statements {
			targeted := false
			for _, tg := range st.Targets {
				targeted = targeted || tg.ID == c.Topic.ID
			}
			if !targeted {
				t.Errorf("cell %s counts %s, which does not target it", c.Topic.ID, st.ID)
			}
		}
	}
	if c := byTopic["military-intervention-in-syria"]; c.Against == 0 || c.Favor != 0 {
		t.Errorf("Putin on military intervention = %+v, want against only", c)
	}
	if c := byTopic["peaceful-settlement-of-syrian-crisis"]; c.Favor == 0 || c.Against != 0 {
		t.Errorf("Putin on a peaceful settlement = %+v, want favour only", c)
	}
	if _, ok := byTopic["syrian-crisis"]; ok || len(cells) < 2 {
		t.Errorf("cells %+v: want one per proposition Putin targeted, none for the parent he never named", cells)
	}
	// Without narrower topics only the parent itself counts; Putin never targeted it.
	if exact := matrix(false); len(exact) != 0 {
		t.Errorf("includeNarrower: false gave %+v, want no cells", exact)
	}
}
