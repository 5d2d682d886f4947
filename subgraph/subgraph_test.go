package subgraph_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// tiny is a Source over a handful of links, written for each test: enough
// of a graph to see what the walks do with it, with no store behind it. It
// ignores the view and filter (the tests draw collapsed statements, unfiltered).
type tiny struct {
	kinds map[string]string // node id → kind
	links []subgraph.Link
	// weightsOnly hands out STANCE links as the store's collapsed
	// relationships do: a weight, the statements only through StanceStatements.
	weightsOnly bool
	asked       [][]string // the ids of each Neighbours call
}

func newTiny(nodes ...string) *tiny {
	g := &tiny{kinds: map[string]string{}}
	for _, n := range nodes {
		g.kinds[n] = "PERSON"
	}
	return g
}

// stance adds the statements of one polarity from speaker to target.
func (g *tiny) stance(speaker, target string, polarity kg.Polarity, statements ...string) *tiny {
	g.links = append(g.links, subgraph.Link{Source: speaker, Target: target, Kind: kg.StanceEdge, Polarity: polarity, Statements: statements})
	return g
}

// rel adds a stored relationship.
func (g *tiny) rel(from string, kind kg.EdgeKind, to string) *tiny {
	g.links = append(g.links, subgraph.Link{Source: from, Target: to, Kind: kind})
	return g
}

// tie joins a and b by n statements, named a>b:1 … a>b:n.
func (g *tiny) tie(a, b string, n int) *tiny {
	var ids []string
	for i := 1; i <= n; i++ {
		ids = append(ids, fmt.Sprintf("%s>%s:%d", a, b, i))
	}
	return g.stance(a, b, kg.Favor, ids...)
}

func (g *tiny) out(l subgraph.Link) subgraph.Link {
	if l.Kind == "STANCE" && g.weightsOnly {
		l.Weight, l.Statements = len(l.Statements), nil
	}
	return l
}

func weightOf(l subgraph.Link) int { return max(len(l.Statements), 1) }

func (g *tiny) Neighbours(_ context.Context, ids []string, limit int, _ subgraph.View, _ subgraph.Filter) (map[string][]string, error) {
	g.asked = append(g.asked, slices.Clone(ids))
	out := map[string][]string{}
	for _, id := range ids {
		weight := map[string]int{}
		for _, l := range g.links {
			switch {
			case l.Source == id && l.Target != id:
				weight[l.Target] += weightOf(l)
			case l.Target == id && l.Source != id:
				weight[l.Source] += weightOf(l)
			}
		}
		var ranked []string
		for m := range weight {
			ranked = append(ranked, m)
		}
		sort.Slice(ranked, func(i, j int) bool {
			a, b := ranked[i], ranked[j]
			return weight[a] > weight[b] || weight[a] == weight[b] && a < b
		})
		out[id] = ranked[:min(limit, len(ranked))]
	}
	return out, nil
}

func (g *tiny) Links(_ context.Context, ids []string, _ subgraph.View, _ subgraph.Filter) ([]subgraph.Link, error) {
	in := set(ids)
	var out []subgraph.Link
	for _, l := range g.links {
		if in[l.Source] || in[l.Target] {
			out = append(out, g.out(l))
		}
	}
	return out, nil
}

func (g *tiny) LinksAmong(_ context.Context, ids, others []string, _ subgraph.View, _ subgraph.Filter) ([]subgraph.Link, error) {
	in, ends := set(ids), set(append(slices.Clone(ids), others...))
	var out []subgraph.Link
	for _, l := range g.links {
		if (in[l.Source] && ends[l.Target]) || (in[l.Target] && ends[l.Source]) {
			out = append(out, g.out(l))
		}
	}
	return out, nil
}

func (g *tiny) StanceStatements(_ context.Context, keys []subgraph.StanceKey) (map[subgraph.StanceKey][]string, error) {
	out := map[subgraph.StanceKey][]string{}
	for _, k := range keys {
		for _, l := range g.links {
			if l.Kind == "STANCE" && l.Source == k.Source && l.Target == k.Target && l.Polarity == k.Polarity {
				out[k] = append(out[k], l.Statements...)
			}
		}
		slices.Sort(out[k])
	}
	return out, nil
}

func (g *tiny) GraphNodes(_ context.Context, ids []string, _ subgraph.View, _ subgraph.Filter) (map[string]subgraph.Node, error) {
	out := map[string]subgraph.Node{}
	for _, id := range ids {
		kind, ok := g.kinds[id]
		if !ok {
			continue
		}
		edges := map[string]bool{}
		for _, l := range g.links {
			if l.Source == id || l.Target == id {
				edges[subgraph.EdgeID(l)] = true
			}
		}
		out[id] = subgraph.Node{ID: id, Kind: kg.NodeKind(kind), Label: strings.ToUpper(id), Degree: len(edges)}
	}
	return out, nil
}

func set(ids []string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func nodeIDs(sg subgraph.Subgraph) []string {
	var ids []string
	for _, n := range sg.Nodes {
		ids = append(ids, n.ID)
	}
	return ids
}

func edgeIDs(sg subgraph.Subgraph) []string {
	var ids []string
	for _, e := range sg.Edges {
		ids = append(ids, e.ID)
	}
	return ids
}

func hidden(sg subgraph.Subgraph, id string) int {
	for _, n := range sg.Nodes {
		if n.ID == id {
			return n.HiddenDegree
		}
	}
	return -1
}

var ctx = context.Background()

func neighbourhood(t *testing.T, g *tiny, root string, depth, maxNodes int, exclude ...string) subgraph.Subgraph {
	t.Helper()
	sg, err := subgraph.Neighbourhood(ctx, g, root, depth, maxNodes, exclude, subgraph.ViewCollapsed, subgraph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return sg
}

// Ensure a neighbourhood cut at maxNodes keeps the root's strongest ties
// (most statements), says it was truncated, and counts the ties it left
// out as the root's hidden degree.
func TestNeighbourhoodCutKeepsTheStrongestTies(t *testing.T) {
	g := newTiny("root", "a", "b", "c", "d").tie("root", "a", 3).tie("root", "b", 1).tie("c", "root", 5).tie("root", "d", 2)
	sg := neighbourhood(t, g, "root", 1, 3)
	if got, want := nodeIDs(sg), []string{"a", "c", "root"}; !slices.Equal(got, want) {
		t.Errorf("nodes %v, want %v (root and its two strongest ties)", got, want)
	}
	if !sg.Truncated {
		t.Error("a neighbourhood cut at maxNodes is not marked truncated")
	}
	if got := hidden(sg, "root"); got != 2 {
		t.Errorf("root's hidden degree %d, want 2 (b and d left out)", got)
	}
	if got, want := edgeIDs(sg), []string{"stance:c>root:favor", "stance:root>a:favor"}; !slices.Equal(got, want) {
		t.Errorf("edges %v, want %v", got, want)
	}

	whole := neighbourhood(t, g, "root", 1, 5)
	if whole.Truncated || len(whole.Nodes) != 5 || hidden(whole, "root") != 0 {
		t.Errorf("room for everyone: truncated %v, %d nodes, root hides %d; want false, 5, 0", whole.Truncated, len(whole.Nodes), hidden(whole, "root"))
	}
}

// Ensure excluded ids are never members — the next strongest tie takes the
// place — while the edges to them are drawn, so a client can hang the
// subgraph on nodes it already shows.
func TestNeighbourhoodLeavesOutExcludedIDsButDrawsTheirEdges(t *testing.T) {
	g := newTiny("root", "a", "b", "c").tie("root", "a", 3).tie("root", "b", 2).tie("root", "c", 1).tie("a", "b", 1)
	sg := neighbourhood(t, g, "root", 1, 3, "a")
	if got, want := nodeIDs(sg), []string{"b", "c", "root"}; !slices.Equal(got, want) {
		t.Errorf("nodes %v, want %v", got, want)
	}
	if got, want := edgeIDs(sg), []string{"stance:a>b:favor", "stance:root>a:favor", "stance:root>b:favor", "stance:root>c:favor"}; !slices.Equal(got, want) {
		t.Errorf("edges %v, want %v (those to the excluded a included)", got, want)
	}
	if sg.Truncated {
		t.Error("truncated, though excluding a node cuts nothing")
	}
	// The root itself cannot be excluded.
	if sg := neighbourhood(t, g, "root", 1, 3, "root"); !slices.Contains(nodeIDs(sg), "root") {
		t.Errorf("excluding the root dropped it: %v", nodeIDs(sg))
	}
}

// Ensure depth counts hops: depth 1 stops at the root's neighbours, depth 2
// takes in theirs; a node at the last hop with neighbours further out does
// not make the neighbourhood truncated (that is what depth asked for).
func TestNeighbourhoodWalksDepthHops(t *testing.T) {
	g := newTiny("root", "a", "b", "c").tie("root", "a", 1).tie("a", "b", 1).tie("b", "c", 1)
	one := neighbourhood(t, g, "root", 1, 10)
	if got := nodeIDs(one); !slices.Equal(got, []string{"a", "root"}) || one.Truncated || hidden(one, "a") != 1 {
		t.Errorf("depth 1: nodes %v truncated %v, a hides %d; want [a root], false, 1", got, one.Truncated, hidden(one, "a"))
	}
	two := neighbourhood(t, g, "root", 2, 10)
	if got := nodeIDs(two); !slices.Equal(got, []string{"a", "b", "root"}) || two.Truncated {
		t.Errorf("depth 2: nodes %v truncated %v; want [a b root], false", got, two.Truncated)
	}
	// Cut at the first hop, so a node nearer than depth hides a neighbour.
	cut := neighbourhood(t, g, "root", 2, 2)
	if got := nodeIDs(cut); !slices.Equal(got, []string{"a", "root"}) || !cut.Truncated {
		t.Errorf("depth 2 cut at 2: nodes %v truncated %v; want [a root], true", got, cut.Truncated)
	}
}

// Ensure a hop that fills the subgraph stops reading neighbourhoods: the
// frontier is read a chunk at a time, so a root with many neighbours does
// not cost a read of all their neighbourhoods.
func TestNeighbourhoodStopsReadingWhenFull(t *testing.T) {
	g := newTiny("root")
	for i := range 40 {
		n := fmt.Sprintf("n%02d", i)
		g.kinds[n] = "PERSON"
		g.tie("root", n, 1).tie(n, n+"-far", 1)
		g.kinds[n+"-far"] = "PERSON"
	}
	sg := neighbourhood(t, g, "root", 2, 45)
	if len(sg.Nodes) != 45 || !sg.Truncated {
		t.Fatalf("%d nodes, truncated %v; want 45, true", len(sg.Nodes), sg.Truncated)
	}
	read := 0
	for _, ids := range g.asked {
		read += len(ids)
	}
	// root, then chunks of 8 of the 40 at the second hop: the first fills it.
	if read != 1+8 {
		t.Errorf("Neighbours read %d nodes' neighbourhoods in calls %v, want 9: the root and one chunk of 8", read, g.asked)
	}
}

// Ensure the walks refuse what they bound and report an unknown root.
func TestWalksRefuseOutOfBoundArguments(t *testing.T) {
	g := newTiny("root", "a").tie("root", "a", 1)
	many := make([]string, 5001)
	for i := range many {
		many[i] = fmt.Sprint("x", i)
	}
	for _, tc := range []struct {
		name string
		err  error
		want kg.ErrorKind
	}{
		{"depth 0", walk(g, "root", 0, 10, nil), kg.Invalid},
		{"depth 4", walk(g, "root", subgraph.MaxDepth+1, 10, nil), kg.Invalid},
		{"maxNodes 0", walk(g, "root", 1, 0, nil), kg.Invalid},
		{"maxNodes 501", walk(g, "root", 1, subgraph.MaxNodes+1, nil), kg.Invalid},
		{"5001 excluded", walk(g, "root", 1, 10, many), kg.Invalid},
		{"unknown root", walk(g, "nobody", 1, 10, nil), kg.NotFound},
		{"paths of 0 hops", paths(g, "root", "a", 0), kg.Invalid},
		{"paths of 7 hops", paths(g, "root", "a", subgraph.MaxHops+1), kg.Invalid},
		{"paths from nobody", paths(g, "nobody", "a", 2), kg.NotFound},
		{"paths to nobody", paths(g, "root", "nobody", 2), kg.NotFound},
	} {
		if tc.err == nil || kg.KindOf(tc.err) != tc.want {
			t.Errorf("%s: error %v, want %s", tc.name, tc.err, tc.want)
		}
	}
}

func walk(g *tiny, root string, depth, maxNodes int, exclude []string) error {
	_, err := subgraph.Neighbourhood(ctx, g, root, depth, maxNodes, exclude, subgraph.ViewCollapsed, subgraph.Filter{})
	return err
}

func paths(g *tiny, from, to string, maxHops int) error {
	_, err := subgraph.Paths(ctx, g, from, to, maxHops, subgraph.ViewCollapsed)
	return err
}

// Ensure Paths draws every shortest path and nothing else: in a diamond
// with a detour, both two-hop paths, not the three-hop detour nor the edge
// across the diamond (a path through it is longer); with
// fewer hops allowed than the shortest path takes, only the two roots.
func TestPathsDrawsEveryShortestPath(t *testing.T) {
	g := newTiny("from", "a", "b", "c", "d", "to").
		tie("from", "a", 1).tie("a", "to", 1).
		rel("b", "MEMBER_OF", "from").tie("b", "to", 2).rel("a", "PART_OF", "b").
		tie("from", "c", 1).tie("c", "d", 1).tie("d", "to", 1)
	sg, err := subgraph.Paths(ctx, g, "from", "to", 4, subgraph.ViewCollapsed)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := nodeIDs(sg), []string{"a", "b", "from", "to"}; !slices.Equal(got, want) {
		t.Errorf("nodes %v, want %v", got, want)
	}
	if got, want := edgeIDs(sg), []string{"member_of:b>from", "stance:a>to:favor", "stance:b>to:favor", "stance:from>a:favor"}; !slices.Equal(got, want) {
		t.Errorf("edges %v, want %v", got, want)
	}
	if !slices.Equal(sg.Roots, []string{"from", "to"}) {
		t.Errorf("roots %v", sg.Roots)
	}

	none, err := subgraph.Paths(ctx, g, "from", "to", 1, subgraph.ViewCollapsed)
	if err != nil {
		t.Fatal(err)
	}
	if len(none.Nodes) != 0 || len(none.Edges) != 0 || !slices.Equal(none.Roots, []string{"from", "to"}) {
		t.Errorf("no path within 1 hop: got %v %v roots %v, want no nodes or edges and both roots", nodeIDs(none), edgeIDs(none), none.Roots)
	}
}

// Ensure statements behind one speaker, target and polarity become one
// STANCE edge weighted by their number, with every predicate they have and
// the span of their dates; the shared predicate only when there is one.
func TestStatementsCollapseIntoWeightedEdges(t *testing.T) {
	g := newTiny("putin", "syria")
	g.links = []subgraph.Link{
		{Source: "putin", Target: "syria", Kind: "STANCE", Polarity: kg.Against, Statement: "s2", Predicate: "WARN", Predicates: []kg.Predicate{"WARN"}, Date: "2013-09-20"},
		{Source: "putin", Target: "syria", Kind: "STANCE", Polarity: kg.Against, Statement: "s1", Predicate: "OPPOSE", Predicates: []kg.Predicate{"OPPOSE"}, Date: "2013-09-23"},
		{Source: "putin", Target: "syria", Kind: "STANCE", Polarity: kg.Against, Statement: "s1", Predicate: "OPPOSE", Predicates: []kg.Predicate{"OPPOSE"}, Date: "2013-09-23"},
		{Source: "putin", Target: "syria", Kind: "STANCE", Polarity: kg.Favor, Statement: "s3", Predicate: "SUPPORT", Predicates: []kg.Predicate{"SUPPORT"}, Date: "2013-09"},
	}
	sg := neighbourhood(t, g, "putin", 1, 10)
	if len(sg.Edges) != 2 {
		t.Fatalf("edges %v, want one per polarity", edgeIDs(sg))
	}
	against, favor := sg.Edges[0], sg.Edges[1]
	if against.ID != "stance:putin>syria:against" || against.Weight != 2 || !slices.Equal(against.Statements, []string{"s1", "s2"}) ||
		against.Predicate != "" || !slices.Equal(against.Predicates, []kg.Predicate{"OPPOSE", "WARN"}) ||
		against.Start != "2013-09-20" || against.End != "2013-09-23" {
		t.Errorf("against edge %+v: want weight 2 (s1 once), statements [s1 s2], no shared predicate, [OPPOSE WARN], 2013-09-20 to 2013-09-23", against)
	}
	if favor.Weight != 1 || favor.Predicate != "SUPPORT" || favor.Start != "2013-09" || favor.End != "2013-09" {
		t.Errorf("favor edge %+v: want weight 1, predicate SUPPORT, 2013-09 to 2013-09", favor)
	}
}

// Ensure WithStatements reads the statements behind edges drawn from
// weights alone, sorted, and leaves the weight as it was.
func TestWithStatementsFillsEdgesDrawnFromWeights(t *testing.T) {
	g := newTiny("putin", "syria").stance("putin", "syria", kg.Against, "s9", "s1", "s5").rel("putin", "MEMBER_OF", "syria")
	g.weightsOnly = true
	sg := neighbourhood(t, g, "putin", 1, 10)
	if len(sg.Edges) != 2 || sg.Edges[1].Statements != nil || sg.Edges[1].Weight != 3 {
		t.Fatalf("edges %+v: want the member edge and a STANCE edge of weight 3 without its statements", sg.Edges)
	}
	filled, err := subgraph.WithStatements(ctx, g, sg)
	if err != nil {
		t.Fatal(err)
	}
	stance := filled.Edges[1]
	if !slices.Equal(stance.Statements, []string{"s1", "s5", "s9"}) || stance.Weight != 3 {
		t.Errorf("STANCE edge after WithStatements: statements %v weight %v, want [s1 s5 s9] and 3", stance.Statements, stance.Weight)
	}
	if filled.Edges[0].Statements != nil {
		t.Errorf("the member edge got statements %v", filled.Edges[0].Statements)
	}
}
