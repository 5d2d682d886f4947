package storetest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// roots are the nodes the walks' source is asked about: actors, topics,
// an event, a place, a statement and an id that names nothing.
var roots = []string{"vladimir-putin", "csto", "russia", "sergey-lavrov", "syrian-crisis", "military-intervention-in-syria",
	"csto-summit-sochi-2013", "sochi", seedDocument + ":s01", "nobody"}

// drawings are the views and filters the source is asked in: the first two
// answered from the collapsed STANCE relationships, the others from the
// statements.
var drawings = []struct {
	name   string
	view   subgraph.View
	filter subgraph.Filter
}{
	{"collapsed", subgraph.ViewCollapsed, subgraph.Filter{}},
	{"collapsed against", subgraph.ViewCollapsed, subgraph.Filter{Polarities: []kg.Polarity{kg.Against}}},
	{"collapsed reject or call for", subgraph.ViewCollapsed, subgraph.Filter{Predicates: []kg.Predicate{"REJECT", "CALL_FOR"}}},
	{"collapsed from 2013-09-23", subgraph.ViewCollapsed, subgraph.Filter{From: ptr("2013-09-23")}},
	{"nodes", subgraph.ViewNodes, subgraph.Filter{}},
	{"nodes favor until 2013-09-22", subgraph.ViewNodes, subgraph.Filter{Polarities: []kg.Polarity{kg.Favor}, To: ptr("2013-09-22")}},
}

// sortLinks orders links, which the store returns in no order of its own.
func sortLinks(links []subgraph.Link) []subgraph.Link {
	slices.SortFunc(links, func(a, b subgraph.Link) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), strings.Compare(a.Target, b.Target), strings.Compare(string(a.Kind), string(b.Kind)),
			strings.Compare(string(a.Polarity), string(b.Polarity)), strings.Compare(a.Date, b.Date), strings.Compare(a.Statement, b.Statement))
	})
	for i := range links {
		slices.Sort(links[i].Statements)
	}
	return links
}

func linksTouch(ids ...string) func(*testing.T, []subgraph.Link) {
	return func(t *testing.T, links []subgraph.Link) {
		t.Helper()
		for _, l := range links {
			if !slices.Contains(ids, l.Source) && !slices.Contains(ids, l.Target) {
				t.Errorf("link %s>%s touches none of %v", l.Source, l.Target, ids)
			}
		}
		if len(links) == 0 {
			t.Error("no links")
		}
	}
}

func subgraphCases() []Case {
	var cases []Case
	for _, d := range drawings {
		cases = append(cases,
			newCase("neighbours/"+d.name, func(ctx context.Context, r graph.Reader) ([]map[string][]string, error) {
				few, err := r.Neighbours(ctx, roots, 3, d.view, d.filter)
				if err != nil {
					return nil, err
				}
				all, err := r.Neighbours(ctx, roots, 100, d.view, d.filter)
				return []map[string][]string{few, all}, err
			}, func(t *testing.T, m []map[string][]string) {
				few, all := m[0], m[1]
				for id, nb := range all {
					if len(few[id]) > 3 || !slices.Equal(few[id], nb[:min(3, len(nb))]) {
						t.Errorf("%s: the 3 strongest ties %v are not the first of %v", id, few[id], nb)
					}
				}
				if len(all["csto"]) == 0 {
					t.Error("the CSTO has no neighbours")
				}
			}),
			newCase("links/"+d.name, func(ctx context.Context, r graph.Reader) ([]subgraph.Link, error) {
				links, err := r.Links(ctx, roots, d.view, d.filter)
				return sortLinks(links), err
			}, linksTouch(roots...)),
			newCase("linksAmong/"+d.name, func(ctx context.Context, r graph.Reader) ([]subgraph.Link, error) {
				links, err := r.LinksAmong(ctx, []string{"vladimir-putin", "russia", "csto", "sergey-lavrov"}, []string{"syrian-crisis", "military-intervention-in-syria"}, d.view, d.filter)
				return sortLinks(links), err
			}),
			newCase("graphNodes/"+d.name, func(ctx context.Context, r graph.Reader) (map[string]subgraph.Node, error) {
				return r.GraphNodes(ctx, roots, d.view, d.filter)
			}, func(t *testing.T, m map[string]subgraph.Node) {
				if _, ok := m["nobody"]; ok || len(m) != len(roots)-1 {
					t.Errorf("nodes for %d of %d ids (nobody among them: %v)", len(m), len(roots), ok)
				}
				if n := m["csto"]; n.Kind != "ORGANISATION" || n.Degree == 0 || n.LabelAr == "" {
					t.Errorf("the CSTO drawn as %+v", n)
				}
			}),
		)
	}
	cases = append(cases, newCase("stanceStatements", func(ctx context.Context, r graph.Reader) (map[subgraph.StanceKey][]string, error) {
		links, err := r.Links(ctx, roots, subgraph.ViewCollapsed, subgraph.Filter{})
		if err != nil {
			return nil, err
		}
		keys := []subgraph.StanceKey{{Source: "nobody", Target: "syrian-crisis", Polarity: kg.Against}}
		for _, l := range links {
			if l.Kind == "STANCE" {
				keys = append(keys, subgraph.StanceKey{Source: l.Source, Target: l.Target, Polarity: l.Polarity})
			}
		}
		return r.StanceStatements(ctx, keys)
	}, func(t *testing.T, m map[subgraph.StanceKey][]string) {
		if len(m) < 10 {
			t.Errorf("statements behind %d STANCE edges", len(m))
		}
	}))
	return append(cases, walkCases()...)
}

// walkCases draw neighbourhoods and paths, which ask the source what the
// API's drawings ask it.
func walkCases() []Case {
	var cases []Case
	for _, w := range []struct {
		root     string
		depth    int
		maxNodes int
		exclude  []string
	}{
		{"vladimir-putin", 2, 100, []string{"csto"}},
		{"csto", 1, 5, nil},
		{"syrian-crisis", 2, 30, nil},
		{"csto-summit-sochi-2013", 3, 500, nil},
	} {
		for _, d := range drawings {
			name := fmt.Sprintf("neighbourhood/%s depth %d max %d/%s", w.root, w.depth, w.maxNodes, d.name)
			cases = append(cases, newCase(name, func(ctx context.Context, r graph.Reader) (subgraph.Subgraph, error) {
				sg, err := subgraph.Neighbourhood(ctx, r, w.root, w.depth, w.maxNodes, w.exclude, d.view, d.filter)
				if err != nil {
					return sg, err
				}
				return subgraph.WithStatements(ctx, r, sg)
			}, func(t *testing.T, sg subgraph.Subgraph) {
				if len(sg.Nodes) < 2 || len(sg.Nodes) > w.maxNodes {
					t.Errorf("%d nodes, want 2 to %d", len(sg.Nodes), w.maxNodes)
				}
				for _, n := range sg.Nodes {
					if slices.Contains(w.exclude, n.ID) {
						t.Errorf("excluded %s drawn", n.ID)
					}
				}
				for _, e := range sg.Edges {
					if e.Kind == "STANCE" && len(e.Statements) != int(e.Weight) {
						t.Errorf("edge %s of weight %v has statements %v", e.ID, e.Weight, e.Statements)
					}
				}
			}))
		}
	}
	for _, p := range [][2]string{{"alexander-lukashenko", "geneva-ii-conference"}, {"vladimir-putin", "john-kerry"}} {
		for _, view := range []subgraph.View{subgraph.ViewCollapsed, subgraph.ViewNodes} {
			cases = append(cases, newCase(fmt.Sprintf("paths/%s to %s/%s", p[0], p[1], view), func(ctx context.Context, r graph.Reader) (subgraph.Subgraph, error) {
				return subgraph.Paths(ctx, r, p[0], p[1], 4, view)
			}, func(t *testing.T, sg subgraph.Subgraph) {
				ids := map[string]bool{}
				for _, n := range sg.Nodes {
					ids[n.ID] = true
				}
				if !ids[p[0]] || !ids[p[1]] {
					t.Errorf("a path from %s to %s through %v", p[0], p[1], ids)
				}
			}))
		}
	}
	return append(cases, newCase("paths/to nobody", func(ctx context.Context, r graph.Reader) (kg.ErrorKind, error) {
		_, err := subgraph.Paths(ctx, r, "csto", "nobody", 4, subgraph.ViewCollapsed)
		return kg.KindOf(err), nil
	}, func(t *testing.T, kind kg.ErrorKind) {
		if kind != kg.NotFound {
			t.Errorf("a path to an unknown node: %s, want %s", kind, kg.NotFound)
		}
	}))
}
