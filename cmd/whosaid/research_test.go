package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
)

// These tests ask the researcher's questions of the seed graph through HTTP.
// Expected answers are computed from the seed files themselves, by code
// independent of the store's Cypher, so a wrong query cannot pass.

func readSeeds(t *testing.T) *loader.Seeds {
	t.Helper()
	s, err := loader.Read(loader.Dir("../../seeds"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func seedStatements(s *loader.Seeds) []kg.Statement {
	var out []kg.Statement
	for _, d := range s.Documents {
		out = append(out, d.Statements...)
	}
	return out
}

type hitJSON struct {
	Kind  string
	Score float64
	Node  struct{ ID string }
}

func TestSearchFindsSpellingVariantsInBothLanguages(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	tests := []struct{ query, want string }{
		{"اتفاقية الأمن الجماعي", "csto"},
		{"collective security", "csto"},
		{"CSTO", "csto"},
		{"طاجكستان", "tajikistan"},
		{"طاجيكستان", "tajikistan"},
		{"بوتين", "vladimir-putin"},
		{"بُوتِين", "vladimir-putin"}, // with diacritics
		{"Lavrov", "sergey-lavrov"},
		{"حلف شمال الأطلسي", "nato"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, r := postGraphQL(t, base, `query($q: String!) { search(query: $q, kinds: [ACTOR], first: 3) { kind score node { id } } }`,
				map[string]any{"q": tt.query})
			got := decode[struct{ Search []hitJSON }](t, r)
			if len(got.Search) == 0 || got.Search[0].Node.ID != tt.want {
				t.Errorf("search %q = %+v, want %s first", tt.query, got.Search, tt.want)
			}
		})
	}
	// Statements are found through their Arabic evidence and English summary.
	_, r := postGraphQL(t, base, `{ search(query: "التدخل العسكري", kinds: [STATEMENT], first: 5) { kind node { ... on Statement { id evidence { text } } } } }`, nil)
	got := decode[struct {
		Search []struct {
			Kind string
			Node struct {
				ID       string
				Evidence []struct{ Text string }
			}
		}
	}](t, r)
	if len(got.Search) == 0 {
		t.Fatal("no statement found for التدخل العسكري")
	}
	for _, h := range got.Search {
		if h.Kind != "STATEMENT" || h.Node.ID == "" {
			t.Errorf("hit %+v is not a statement", h)
		}
	}
}

func TestSearchTreatsLuceneSyntaxAsWords(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	for _, q := range []string{`C++`, `AND`, `"unbalanced`, `(Putin`, `*`, `Putin OR`, `[a TO z]`, `\`, `~~~`, `:`, `title:x`, `NOT NOT`, ""} {
		_, r := postGraphQL(t, base, `query($q: String!) { search(query: $q) { node { id } } }`, map[string]any{"q": q})
		if len(r.Errors) > 0 {
			t.Errorf("search %q failed: %+v", q, r.Errors)
		}
	}
	_, r := postGraphQL(t, base, `{ search(query: "(Putin") { node { id } } }`, nil)
	got := decode[struct{ Search []hitJSON }](t, r)
	if len(got.Search) == 0 || got.Search[0].Node.ID != "vladimir-putin" {
		t.Errorf(`search "(Putin" = %+v, want Putin`, got.Search)
	}
}

// affiliatesOf computes, from the seed files, the actors whose statements
// roll up to root: root, bodies part of it (transitively), and people
// holding a position in any of those while the statement was made.
func affiliatesOf(s *loader.Seeds, root string) (bodies map[string]bool, positions []kg.Relation) {
	var rels []kg.Relation
	rels = append(rels, s.Catalogue.Relations...)
	for _, d := range s.Documents {
		rels = append(rels, d.Relations...)
	}
	bodies = map[string]bool{root: true}
	for grew := true; grew; {
		grew = false
		for _, r := range rels {
			if r.Type == kg.PartOf && bodies[r.To] && !bodies[r.From] {
				bodies[r.From], grew = true, true
			}
		}
	}
	for _, r := range rels {
		if r.Type == kg.HoldsPosition && bodies[r.To] {
			positions = append(positions, r)
		}
	}
	return bodies, positions
}

// rolledUp returns the ids of the seed statements root's roll-up lists:
// those root, a body of it, or one of their officials (while in office) made.
func rolledUp(s *loader.Seeds, root string) map[string]bool {
	bodies, positions := affiliatesOf(s, root)
	want := map[string]bool{}
	for _, st := range seedStatements(s) {
		for _, sp := range st.Speakers {
			ok := bodies[sp]
			for _, p := range positions {
				if p.From == sp && (p.Start == "" || p.Start <= st.Date) && (p.End == "" || st.Date <= p.End+"~") {
					ok = true
				}
			}
			if ok {
				want[st.ID] = true
			}
		}
	}
	return want
}

func TestActorRollUpIncludesOfficialsAndBodies(t *testing.T) {
	seeds := readSeeds(t)
	want := rolledUp(seeds, "russia")
	if len(want) < 10 {
		t.Fatalf("the seeds give only %d statements for Russia's roll-up; the test expects Putin, Lavrov, the ministry and the chambers", len(want))
	}
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ statements(first: 100, filter: {speaker: "russia", includeAffiliates: true}) { totalCount edges { node { id speakers { id } } } } }`, nil)
	got := decode[struct {
		Statements struct {
			TotalCount int
			Edges      []struct{ Node statementJSON }
		}
	}](t, r)
	gotIDs := map[string]bool{}
	for _, e := range got.Statements.Edges {
		gotIDs[e.Node.ID] = true
	}
	if got.Statements.TotalCount != len(want) || len(gotIDs) != len(want) {
		t.Errorf("roll-up gave %d (totalCount %d), want %d", len(gotIDs), got.Statements.TotalCount, len(want))
	}
	for id := range want {
		if !gotIDs[id] {
			t.Errorf("roll-up misses %s", id)
		}
	}
	// Without the roll-up only Russia's own statements come back.
	_, r = postGraphQL(t, base, `{ statements(first: 100, filter: {speaker: "russia"}) { totalCount } }`, nil)
	own := decode[struct{ Statements struct{ TotalCount int } }](t, r)
	if own.Statements.TotalCount >= len(want) {
		t.Errorf("Russia alone has %d statements, not fewer than its roll-up (%d)", own.Statements.TotalCount, len(want))
	}
}

func TestStatementsOrderByConfidenceAndDateWithKeysetPages(t *testing.T) {
	seeds := readSeeds(t)
	all := seedStatements(seeds)
	base := startServer(t, nil, "../../seeds")
	for _, order := range []string{"{field: DATE, direction: DESC}", "{field: CONFIDENCE, direction: ASC}"} {
		var ids []string
		var after any
		for page := 0; page < 20; page++ {
			_, r := postGraphQL(t, base, `query($after: String) { statements(first: 9, after: $after, orderBy: `+order+`) {
				edges { node { id date confidence } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"after": after})
			got := decode[struct {
				Statements struct {
					Edges []struct {
						Node struct {
							ID, Date   string
							Confidence float64
						}
					}
					PageInfo struct {
						HasNextPage bool
						EndCursor   string
					}
				}
			}](t, r)
			for _, e := range got.Statements.Edges {
				ids = append(ids, e.Node.ID+"|"+e.Node.Date)
			}
			if !got.Statements.PageInfo.HasNextPage {
				break
			}
			after = got.Statements.PageInfo.EndCursor
		}
		if len(ids) != len(all) {
			t.Errorf("%s: paged %d statements, want %d", order, len(ids), len(all))
		}
		if strings.Contains(order, "DATE, direction: DESC") {
			for i := 1; i < len(ids); i++ {
				a, b := strings.Split(ids[i-1], "|"), strings.Split(ids[i], "|")
				if a[1] < b[1] || (a[1] == b[1] && a[0] < b[0]) {
					t.Errorf("not in (date, id) descending order: %s before %s", ids[i-1], ids[i])
				}
			}
		}
	}
	// A cursor of one order is refused by another.
	_, r := postGraphQL(t, base, `{ statements(first: 1) { pageInfo { endCursor } } }`, nil)
	c := decode[struct {
		Statements struct{ PageInfo struct{ EndCursor string } }
	}](t, r).Statements.PageInfo.EndCursor
	_, r = postGraphQL(t, base, `query($c: String) { statements(after: $c, orderBy: {field: CONFIDENCE}) { totalCount } }`, map[string]any{"c": c})
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("a DATE cursor in a CONFIDENCE list gave %+v", r.Errors)
	}
}

// narrowerClosure maps each topic to itself and every topic under it.
func broaderClosure(s *loader.Seeds) map[string]map[string]bool {
	up := map[string][]string{}
	for _, t := range s.Catalogue.Topics {
		up[t.ID] = t.Broader
	}
	closure := map[string]map[string]bool{}
	for _, t := range s.Catalogue.Topics {
		seen := map[string]bool{t.ID: true}
		stack := []string{t.ID}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, b := range up[x] {
				if !seen[b] {
					seen[b] = true
					stack = append(stack, b)
				}
			}
		}
		closure[t.ID] = seen // t and all topics above it
	}
	return closure
}

func TestStanceMatrixCountsMatchTheSeeds(t *testing.T) {
	seeds := readSeeds(t)
	closure := broaderClosure(seeds)
	actors := []string{"vladimir-putin", "csto", "federation-council"}
	topics := []string{"syrian-crisis", "terrorism", "military-intervention-in-syria"}
	// One cell per actor, column and proposition: the topic a statement
	// targets, under each column it is (narrower than) or equals.
	type cell struct{ favor, against, neutral int }
	want := map[string]cell{}
	for _, st := range seedStatements(seeds) {
		if st.Modality != "asserted" {
			continue
		}
		for _, a := range actors {
			if !contains(st.Speakers, a) {
				continue
			}
			for _, group := range topics {
				for _, tg := range st.Targets {
					if !closure[tg][group] {
						continue
					}
					key := a + "/" + group + "/" + tg
					c := want[key]
					switch st.Polarity {
					case kg.Favor:
						c.favor++
					case kg.Against:
						c.against++
					default:
						c.neutral++
					}
					want[key] = c
				}
			}
		}
	}
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ stanceMatrix(actors: ["vladimir-putin", "csto", "federation-council"], topics: ["syrian-crisis", "terrorism", "military-intervention-in-syria"]) {
		cells { actor { id } group { id } topic { id } favor against neutral net total statements { id } } } }`, nil)
	got := decode[struct {
		StanceMatrix struct {
			Cells []struct {
				Actor, Group, Topic                 struct{ ID string }
				Favor, Against, Neutral, Net, Total int
				Statements                          []struct{ ID string }
			}
		}
	}](t, r)
	if len(got.StanceMatrix.Cells) != len(want) {
		t.Errorf("%d cells, want %d (%v)", len(got.StanceMatrix.Cells), len(want), want)
	}
	for _, c := range got.StanceMatrix.Cells {
		w := want[c.Actor.ID+"/"+c.Group.ID+"/"+c.Topic.ID]
		if c.Favor != w.favor || c.Against != w.against || c.Neutral != w.neutral || c.Net != w.favor-w.against || len(c.Statements) != c.Total {
			t.Errorf("%s/%s/%s = %+v, want %+v", c.Actor.ID, c.Group.ID, c.Topic.ID, c, w)
		}
	}
	// With nothing given, the most active actors and topics.
	_, r = postGraphQL(t, base, `{ stanceMatrix { actors { id } topics { id } cells { total } } }`, nil)
	auto := decode[struct {
		StanceMatrix struct {
			Actors, Topics []struct{ ID string }
			Cells          []struct{ Total int }
		}
	}](t, r)
	if len(auto.StanceMatrix.Actors) == 0 || len(auto.StanceMatrix.Topics) == 0 || len(auto.StanceMatrix.Cells) == 0 {
		t.Errorf("default stance matrix is empty: %+v", auto)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAlignmentOfJointSpeakers(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ alignment(actor: "federation-council", first: 5) { actor { id } score agreements disagreements
		shared { target { ... on Topic { id } ... on Event { id } ... on Actor { id } } mine theirs myStatements { id } theirStatements { id } } } }`, nil)
	got := decode[struct {
		Alignment []struct {
			Actor                     struct{ ID string }
			Score                     float64
			Agreements, Disagreements int
			Shared                    []struct {
				Mine, Theirs                  int
				MyStatements, TheirStatements []struct{ ID string }
			}
		}
	}](t, r)
	if len(got.Alignment) == 0 || got.Alignment[0].Actor.ID != "china-npc" {
		t.Fatalf("alignment of the Federation Council = %+v, want China's NPC first (they spoke jointly)", got.Alignment)
	}
	top := got.Alignment[0]
	if top.Score != 1 || top.Disagreements != 0 || top.Agreements != len(top.Shared) {
		t.Errorf("NPC alignment = %+v, want full agreement", top)
	}
	for _, a := range got.Alignment {
		agree, disagree := 0, 0
		for _, s := range a.Shared {
			if len(s.MyStatements) == 0 || len(s.TheirStatements) == 0 {
				t.Errorf("%s: a shared target without statements on both sides", a.Actor.ID)
			}
			switch s.Mine * s.Theirs {
			case 1:
				agree++
			case -1:
				disagree++
			}
		}
		if agree != a.Agreements || disagree != a.Disagreements {
			t.Errorf("%s: %d/%d agreements/disagreements, shared targets say %d/%d", a.Actor.ID, a.Agreements, a.Disagreements, agree, disagree)
		}
	}
}

func TestTimelineBucketsCountEveryStatement(t *testing.T) {
	seeds := readSeeds(t)
	want := map[string]int{}
	for _, st := range seedStatements(seeds) {
		if contains(st.Speakers, "vladimir-putin") && st.Modality == "asserted" {
			want[st.Date[:min(len(st.Date), 7)]]++
		}
	}
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ timeline(actor: "vladimir-putin", bucket: MONTH) { bucket total counts { predicate count } } }`, nil)
	got := decode[struct {
		Timeline []struct {
			Bucket string
			Total  int
			Counts []struct {
				Predicate string
				Count     int
			}
		}
	}](t, r)
	if len(got.Timeline) != len(want) {
		t.Errorf("timeline = %+v, want buckets %v", got.Timeline, want)
	}
	for _, b := range got.Timeline {
		sum := 0
		for _, c := range b.Counts {
			sum += c.Count
		}
		if b.Total != want[b.Bucket] || sum != b.Total {
			t.Errorf("bucket %s: total %d (counts sum %d), want %d", b.Bucket, b.Total, sum, want[b.Bucket])
		}
	}
}

func TestStatsCountTheSeedGraph(t *testing.T) {
	seeds := readSeeds(t)
	all := seedStatements(seeds)
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ stats { documents statements firstDate lastDate predicates { predicate count } nodes { label count } } }`, nil)
	got := decode[struct {
		Stats struct {
			Documents, Statements int
			FirstDate, LastDate   string
			Predicates            []struct {
				Predicate string
				Count     int
			}
		}
	}](t, r)
	sum := 0
	for _, p := range got.Stats.Predicates {
		sum += p.Count
	}
	if got.Stats.Documents != len(seeds.Documents) || got.Stats.Statements != len(all) || sum != len(all) {
		t.Errorf("stats = %+v, want %d documents and %d statements", got.Stats, len(seeds.Documents), len(all))
	}
	if got.Stats.FirstDate == "" || got.Stats.FirstDate > got.Stats.LastDate {
		t.Errorf("date range %q–%q", got.Stats.FirstDate, got.Stats.LastDate)
	}
}

type subgraphJSON struct {
	Roots     []string
	Truncated bool
	Nodes     []struct {
		ID, Kind, Label      string
		Degree, HiddenDegree int
	}
	Edges []struct {
		ID, Source, Target, Kind string
		Weight                   float64
		Statements               []struct{ ID string }
	}
}

func checkSubgraph(t *testing.T, name string, sg subgraphJSON, exclude map[string]bool) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, n := range sg.Nodes {
		if ids[n.ID] {
			t.Errorf("%s: duplicate id %s", name, n.ID)
		}
		ids[n.ID] = true
		if n.HiddenDegree > n.Degree {
			t.Errorf("%s: %s hides %d of %d neighbours", name, n.ID, n.HiddenDegree, n.Degree)
		}
	}
	nodes := map[string]bool{}
	for id := range ids {
		nodes[id] = true
	}
	for _, e := range sg.Edges {
		if ids[e.ID] {
			t.Errorf("%s: edge id %s repeats a node or edge id", name, e.ID)
		}
		ids[e.ID] = true
		for _, end := range []string{e.Source, e.Target} {
			if !nodes[end] && !exclude[end] {
				t.Errorf("%s: edge %s points at %s, which is not in the subgraph", name, e.ID, end)
			}
		}
		if e.Kind == "STANCE" && int(e.Weight) != len(e.Statements) {
			t.Errorf("%s: stance edge %s weighs %v but stands for %d statements", name, e.ID, e.Weight, len(e.Statements))
		}
	}
	return nodes
}

const subgraphFields = `roots truncated nodes { id kind label degree hiddenDegree } edges { id source target kind weight statements { id } }`

// Ensure a neighbourhood cut by maxNodes keeps the root's strongest ties:
// the neighbours with the most statements (and stored relationships) to
// and from the root, ties by id, as counted from the uncut neighbourhood.
func TestNeighbourhoodCutKeepsTheStrongestTies(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	for _, root := range []string{"vladimir-putin", "csto", "peaceful-settlement-of-syrian-crisis"} {
		_, r := postGraphQL(t, base, `query($id: ID!) { neighbourhood(id: $id, depth: 1, maxNodes: 500) { `+subgraphFields+` } }`, map[string]any{"id": root})
		whole := decode[struct{ Neighbourhood subgraphJSON }](t, r).Neighbourhood
		weight := map[string]float64{}
		for _, e := range whole.Edges {
			switch root {
			case e.Source:
				weight[e.Target] += e.Weight
			case e.Target:
				weight[e.Source] += e.Weight
			}
		}
		delete(weight, root)
		ranked := make([]string, 0, len(weight))
		for id := range weight {
			ranked = append(ranked, id)
		}
		sort.Slice(ranked, func(i, j int) bool {
			if weight[ranked[i]] != weight[ranked[j]] {
				return weight[ranked[i]] > weight[ranked[j]]
			}
			return ranked[i] < ranked[j]
		})
		const keep = 4
		if len(ranked) <= keep || weight[ranked[0]] == weight[ranked[len(ranked)-1]] {
			t.Fatalf("%s: %d neighbours, weights %v: too few or all equal to test a cut", root, len(ranked), weight)
		}
		_, r = postGraphQL(t, base, `query($id: ID!) { neighbourhood(id: $id, depth: 1, maxNodes: 5) { `+subgraphFields+` } }`, map[string]any{"id": root})
		cut := decode[struct{ Neighbourhood subgraphJSON }](t, r).Neighbourhood
		var got []string
		for _, n := range cut.Nodes {
			if n.ID != root {
				got = append(got, n.ID)
			}
		}
		want := append([]string{}, ranked[:keep]...)
		sort.Strings(got)
		sort.Strings(want)
		if !slices.Equal(got, want) || !cut.Truncated {
			t.Errorf("%s cut to 5 nodes: %v (truncated %v), want the strongest ties %v (weights %v)", root, got, cut.Truncated, want, weight)
		}
	}
}

func TestNeighbourhoodExpandsWithoutFetchingTwice(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ neighbourhood(id: "vladimir-putin", depth: 1) { `+subgraphFields+` } }`, nil)
	first := decode[struct{ Neighbourhood subgraphJSON }](t, r).Neighbourhood
	shown := checkSubgraph(t, "putin", first, nil)
	if !shown["vladimir-putin"] || len(first.Nodes) < 5 || first.Truncated {
		t.Fatalf("neighbourhood of Putin = %d nodes, truncated %v", len(first.Nodes), first.Truncated)
	}
	// Expand the CSTO, excluding what is shown: no shown node comes back.
	exclude := make([]string, 0, len(shown))
	for id := range shown {
		exclude = append(exclude, id)
	}
	_, r = postGraphQL(t, base, `query($ex: [ID!]) { neighbourhood(id: "csto", depth: 1, exclude: $ex) { `+subgraphFields+` } }`, map[string]any{"ex": exclude})
	second := decode[struct{ Neighbourhood subgraphJSON }](t, r).Neighbourhood
	checkSubgraph(t, "csto", second, shown)
	for _, n := range second.Nodes {
		if shown[n.ID] && n.ID != "csto" {
			t.Errorf("expansion fetched %s again", n.ID)
		}
	}
	// maxNodes cuts and says so.
	_, r = postGraphQL(t, base, `{ neighbourhood(id: "csto", depth: 2, maxNodes: 5) { `+subgraphFields+` } }`, nil)
	cut := decode[struct{ Neighbourhood subgraphJSON }](t, r).Neighbourhood
	checkSubgraph(t, "cut", cut, nil)
	if len(cut.Nodes) != 5 || !cut.Truncated {
		t.Errorf("maxNodes 5 gave %d nodes, truncated %v", len(cut.Nodes), cut.Truncated)
	}
	// Statements as nodes: speaker → statement → target.
	_, r = postGraphQL(t, base, `{ neighbourhood(id: "vladimir-putin", depth: 2, statements: NODES) { `+subgraphFields+` } }`, nil)
	asNodes := decode[struct{ Neighbourhood subgraphJSON }](t, r).Neighbourhood
	checkSubgraph(t, "nodes view", asNodes, nil)
	kinds := map[string]bool{}
	for _, n := range asNodes.Nodes {
		kinds[n.Kind] = true
	}
	if !kinds["STATEMENT"] {
		t.Error("NODES view has no statement nodes")
	}
	_, r = postGraphQL(t, base, `{ neighbourhood(id: "vladimir-putin", depth: 9) { truncated } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("depth 9 gave %+v", r.Errors)
	}
	_, r = postGraphQL(t, base, `{ neighbourhood(id: "nobody") { truncated } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
		t.Errorf("unknown id gave %+v", r.Errors)
	}
}

func TestPathsConnectTwoActors(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ paths(from: "alexander-lukashenko", to: "geneva-ii-conference", maxHops: 4) { `+subgraphFields+` } }`, nil)
	sg := decode[struct{ Paths subgraphJSON }](t, r).Paths
	nodes := checkSubgraph(t, "paths", sg, nil)
	if !nodes["alexander-lukashenko"] || !nodes["geneva-ii-conference"] {
		t.Fatalf("path misses an end: %+v", sg.Nodes)
	}
	// The ends are connected inside the subgraph, in at most maxHops edges.
	adj := map[string][]string{}
	for _, e := range sg.Edges {
		adj[e.Source] = append(adj[e.Source], e.Target)
		adj[e.Target] = append(adj[e.Target], e.Source)
	}
	dist := map[string]int{"alexander-lukashenko": 0}
	queue := []string{"alexander-lukashenko"}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		for _, y := range adj[x] {
			if _, ok := dist[y]; !ok {
				dist[y] = dist[x] + 1
				queue = append(queue, y)
			}
		}
	}
	if d, ok := dist["geneva-ii-conference"]; !ok || d > 4 {
		t.Errorf("ends not connected within 4 hops (distance %v, %v)", d, ok)
	}
	// Every node is on a shortest path: its distances add up.
	_, r = postGraphQL(t, base, `{ paths(from: "alexander-lukashenko", to: "alexander-lukashenko") { nodes { id } } }`, nil)
	self := decode[struct {
		Paths struct{ Nodes []struct{ ID string } }
	}](t, r)
	if len(self.Paths.Nodes) != 1 {
		t.Errorf("path from a node to itself = %+v", self.Paths.Nodes)
	}
}

func TestPageOf50StatementsCostsConstantRoundTrips(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_DEBUG": "1"}, "../../seeds")
	const q = `query($n: Int) { statements(first: $n) { edges { node { id speakers { id name } targets { ... on Topic { id label } ... on Actor { id } ... on Event { id place { id } } }
		event { id } evidence { start end text document { id title } } } } } }`
	trips := map[int]float64{}
	for _, n := range []int{5, 50} {
		_, r := postGraphQL(t, base, q, map[string]any{"n": n})
		var ext struct {
			Whosaid struct{ CypherQueries float64 }
		}
		raw := decode[map[string]any](t, r)
		if len(raw) == 0 {
			t.Fatal("no data")
		}
		ext.Whosaid.CypherQueries = -1
		if w, ok := r.Extensions["whosaid"].(map[string]any); ok {
			ext.Whosaid.CypherQueries = w["cypherQueries"].(float64)
		}
		trips[n] = ext.Whosaid.CypherQueries
	}
	if trips[5] <= 0 || trips[5] != trips[50] {
		t.Errorf("round trips: %v for 5 and 50 statements; want the same, positive count", trips)
	}
	t.Logf("a page of 50 statements with speakers, targets, events and evidence costs %v Cypher round trips", trips[50])
}

// cypherQueries runs q and returns how many Cypher round trips it cost
// (the server must run with WHOSAID_DEBUG=1).
func cypherQueries(t *testing.T, base, q string, vars map[string]any) (float64, map[string]any) {
	t.Helper()
	_, r := postGraphQL(t, base, q, vars)
	data := decode[map[string]any](t, r)
	w, ok := r.Extensions["whosaid"].(map[string]any)
	if !ok {
		t.Fatalf("no extensions.whosaid in the answer to %s", q)
	}
	return w["cypherQueries"].(float64), data
}

// Ensure a page of search hits of every kind costs one round trip: the
// nodes come with the hits.
func TestSearchPageCostsOneRoundTrip(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_DEBUG": "1"}, "../../seeds")
	const q = `query($q: String!) { search(query: $q, first: 20) { kind score
		node { id ... on Actor { name kind } ... on Topic { label } ... on Event { name date place { id name } } ... on Place { name }
			... on Statement { predicate speakers { id name } evidence { text } } ... on Document { title } } } }`
	for _, query := range []string{"سوريا", "Russia", "Sochi", "التدخل العسكري"} {
		trips, data := cypherQueries(t, base, q, map[string]any{"q": query})
		hits, _ := data["search"].([]any)
		kinds := map[string]bool{}
		for _, h := range hits {
			hit := h.(map[string]any)
			kinds[hit["kind"].(string)] = true
			if node, _ := hit["node"].(map[string]any); node == nil || node["id"] == "" {
				t.Errorf("%q: hit without its node: %v", query, hit)
			}
		}
		t.Logf("%q: %d hits of %d kinds, %v round trips", query, len(hits), len(kinds), trips)
		if len(hits) == 0 {
			t.Errorf("%q: no hits", query)
		}
		if trips != 1 {
			t.Errorf("%q: %v Cypher round trips, want 1", query, trips)
		}
	}
}

// Ensure the statements behind the edges of a neighbourhood drawn from the
// collapsed STANCE relationships cost the same two queries whatever the
// number of edges (their ids for all edges, then the statements), and
// match the edges' weights.
func TestNeighbourhoodEdgeStatementsCostTwoQueries(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_DEBUG": "1"}, "../../seeds")
	const bare = `{ neighbourhood(id: "vladimir-putin", depth: 1) { edges { id kind weight } } }`
	const full = `{ neighbourhood(id: "vladimir-putin", depth: 1) { edges { id kind weight statements { id speakers { id } } } } }`
	without, _ := cypherQueries(t, base, bare, nil)
	with, data := cypherQueries(t, base, full, nil)
	if with != without+2 {
		t.Errorf("edges with their statements cost %v round trips, without %v; want two more", with, without)
	}
	stances := 0
	for _, e := range data["neighbourhood"].(map[string]any)["edges"].([]any) {
		edge := e.(map[string]any)
		n := len(edge["statements"].([]any))
		if edge["kind"] == "STANCE" {
			stances++
			if float64(n) != edge["weight"].(float64) {
				t.Errorf("%s: weight %v, %d statements", edge["id"], edge["weight"], n)
			}
		} else if n != 0 {
			t.Errorf("%s: a %s edge with %d statements", edge["id"], edge["kind"], n)
		}
	}
	if stances == 0 {
		t.Fatal("no STANCE edges around Putin")
	}
	t.Logf("%d STANCE edges; %v round trips without their statements, %v with", stances, without, with)
}

func TestSchemaSDLAndPersistedQueries(t *testing.T) {
	base := startServer(t, nil)
	resp, err := http.Get(base + "/schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	sdl, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: string(sdl)})
	if gerr != nil {
		t.Fatalf("/schema.graphql does not parse: %v", gerr)
	}
	for _, name := range []string{"Statement", "Subgraph", "StanceMatrix", "SearchHit"} {
		if schema.Types[name] == nil {
			t.Errorf("/schema.graphql lacks %s", name)
		}
	}
	// Every type, field and argument of the contract is described.
	var undocumented []string
	for name, def := range schema.Types {
		if strings.HasPrefix(name, "__") || def.BuiltIn {
			continue
		}
		if def.Description == "" {
			undocumented = append(undocumented, name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue // introspection fields come with GraphQL itself
			}
			if f.Description == "" {
				undocumented = append(undocumented, name+"."+f.Name)
			}
			for _, a := range f.Arguments {
				if a.Description == "" {
					undocumented = append(undocumented, name+"."+f.Name+"("+a.Name+")")
				}
			}
		}
		for _, v := range def.EnumValues {
			if v.Description == "" {
				undocumented = append(undocumented, name+"."+v.Name)
			}
		}
	}
	sort.Strings(undocumented)
	if len(undocumented) > 0 {
		t.Errorf("%d types, fields, arguments or values without a description: %v", len(undocumented), undocumented)
	}

	// Automatic persisted queries: the hash alone is refused until the
	// query has been sent once with it.
	query := `{ stats { statements } }`
	sum := sha256.Sum256([]byte(query))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	_, r := postWithExtensions(t, base, "", ext)
	if len(r.Errors) == 0 || r.Errors[0].Message != "PersistedQueryNotFound" {
		t.Errorf("unknown hash gave %+v", r.Errors)
	}
	_, r = postWithExtensions(t, base, query, ext)
	if len(r.Errors) > 0 {
		t.Fatalf("registering the query failed: %+v", r.Errors)
	}
	_, r = postWithExtensions(t, base, "", ext)
	if len(r.Errors) > 0 {
		t.Errorf("hash after registration gave %+v", r.Errors)
	}
}

func TestDepthLimit(t *testing.T) {
	base := startServer(t, nil)
	deep := `{ actors(first: 1) { edges { node { statements(first: 1) { edges { node { speakers { statements(first: 1) { edges { node { speakers { statements(first: 1) { edges { node { id } } } } } } } } } } } } } } }`
	_, r := postGraphQL(t, base, deep, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "nested") {
		t.Errorf("a 15-level query gave %+v", r.Errors)
	}
}

// Ensure a list asked only for its totalCount (or for no items) costs its
// one count query, not the page query as well.
func TestCountAloneCostsOneRoundTrip(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_DEBUG": "1"}, "../../seeds")
	for _, q := range []string{
		`{ statements { totalCount } }`,
		`{ statements(first: 0) { totalCount edges { cursor } } }`,
		`{ statements(filter: {predicate: [REJECT]}) { totalCount } }`,
		`{ actors { totalCount } }`,
		`{ topics { totalCount } }`,
		`{ events { totalCount } }`,
		`{ documents { totalCount } }`,
	} {
		trips, data := cypherQueries(t, base, q, nil)
		for _, v := range data {
			if n, _ := v.(map[string]any)["totalCount"].(float64); n <= 0 {
				t.Errorf("%s: totalCount %v, want some", q, v)
			}
		}
		if trips != 1 {
			t.Errorf("%s: %v Cypher round trips, want 1", q, trips)
		}
	}
}
