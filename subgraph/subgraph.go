// Package subgraph cuts drawable pieces out of the knowledge graph —
// neighbourhoods and shortest paths — for the API and the exports alike. It
// walks the graph breadth-first, one store query per hop, and collapses
// statements into weighted speaker → target edges when asked.
package subgraph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// Source is what the walks need from the store.
type Source interface {
	Links(ctx context.Context, ids []string, view kg.StatementView, f kg.SubgraphFilter) ([]kg.Link, error)
	GraphNodes(ctx context.Context, ids []string) (map[string]kg.GraphNode, error)
}

// Limits on what a client may ask for.
const (
	MaxDepth    = 3
	MaxNodes    = 500
	MaxHops     = 6
	maxFrontier = 5000 // nodes one hop of a path search may expand
)

// Neighbourhood returns the nodes within depth hops of root (at most
// maxNodes, root included), leaving out the ids in exclude, with every edge
// among them and to the excluded ids.
func Neighbourhood(ctx context.Context, src Source, root string, depth, maxNodes int, exclude []string, view kg.StatementView, f kg.SubgraphFilter) (kg.Subgraph, error) {
	if depth < 1 || depth > MaxDepth {
		return kg.Subgraph{}, kg.Errorf(kg.Invalid, "depth must be between 1 and %d", MaxDepth)
	}
	if maxNodes < 1 || maxNodes > MaxNodes {
		return kg.Subgraph{}, kg.Errorf(kg.Invalid, "maxNodes must be between 1 and %d", MaxNodes)
	}
	if len(exclude) > 5000 {
		return kg.Subgraph{}, kg.Errorf(kg.Invalid, "exclude lists at most 5000 ids")
	}
	// An unknown root is reported by build, which looks the members up anyway.
	excluded := set(exclude)
	delete(excluded, root)
	members := []string{root}
	in := map[string]bool{root: true}
	truncated := false
	frontier := []string{root}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		links, err := src.Links(ctx, frontier, view, f)
		if err != nil {
			return kg.Subgraph{}, err
		}
		sortLinks(links)
		var next []string
		for _, l := range links {
			for _, id := range []string{l.Source, l.Target} {
				if in[id] || excluded[id] {
					continue
				}
				if len(members) >= maxNodes {
					truncated = true
					continue
				}
				in[id] = true
				members = append(members, id)
				next = append(next, id)
			}
		}
		frontier = next
	}
	return build(ctx, src, []string{root}, members, excluded, view, f, truncated, nil)
}

// Paths returns every shortest path between from and to of at most maxHops
// edges, as one subgraph. No path gives an empty subgraph (roots only).
func Paths(ctx context.Context, src Source, from, to string, maxHops int, view kg.StatementView) (kg.Subgraph, error) {
	if maxHops < 1 || maxHops > MaxHops {
		return kg.Subgraph{}, kg.Errorf(kg.Invalid, "maxHops must be between 1 and %d", MaxHops)
	}
	ends, err := src.GraphNodes(ctx, []string{from, to})
	if err != nil {
		return kg.Subgraph{}, err
	}
	if err := requireAll(ends, from, to); err != nil {
		return kg.Subgraph{}, err
	}
	f := kg.SubgraphFilter{}
	level := map[string]int{from: 0}
	parents := map[string][]string{}
	frontier := []string{from}
	truncated := false
	for hop := 1; hop <= maxHops && len(frontier) > 0 && from != to; hop++ {
		if _, found := level[to]; found {
			break
		}
		links, err := src.Links(ctx, frontier, view, f)
		if err != nil {
			return kg.Subgraph{}, err
		}
		sortLinks(links)
		inFrontier := set(frontier)
		var next []string
		for _, l := range links {
			for _, pair := range [][2]string{{l.Source, l.Target}, {l.Target, l.Source}} {
				u, v := pair[0], pair[1]
				if !inFrontier[u] {
					continue
				}
				lv, seen := level[v]
				if !seen {
					if len(next) >= maxFrontier {
						truncated = true
						continue
					}
					level[v] = hop
					next = append(next, v)
					lv = hop
				}
				if lv == hop && !contains(parents[v], u) {
					parents[v] = append(parents[v], u)
				}
			}
		}
		frontier = next
	}
	if _, found := level[to]; !found {
		return kg.Subgraph{Roots: []string{from, to}, Nodes: []kg.GraphNode{}, Edges: []kg.GraphEdge{}, Truncated: truncated}, nil
	}
	// Walk back from `to` along parents: the nodes on some shortest path.
	onPath := map[string]bool{to: true}
	stack := []string{to}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, u := range parents[v] {
			if !onPath[u] {
				onPath[u] = true
				stack = append(stack, u)
			}
		}
	}
	members := keys(onPath)
	// keep only edges that step one level along a path
	keep := func(l kg.Link) bool {
		ls, lt := level[l.Source], level[l.Target]
		return (ls-lt == 1 && contains(parents[l.Source], l.Target)) || (lt-ls == 1 && contains(parents[l.Target], l.Source))
	}
	return build(ctx, src, []string{from, to}, members, nil, view, f, truncated, keep)
}

// requireAll reports the first id that is not among the found nodes.
func requireAll(found map[string]kg.GraphNode, ids ...string) error {
	for _, id := range ids {
		if _, ok := found[id]; !ok {
			return kg.Errorf(kg.NotFound, "no node with id %q", id)
		}
	}
	return nil
}

// build fetches the members' drawable form and every link touching them
// (one query each), then keeps the edges among members (and to excluded
// ids), collapsing statements, and counts degrees.
func build(ctx context.Context, src Source, roots, members []string, excluded map[string]bool, view kg.StatementView, f kg.SubgraphFilter, truncated bool, keep func(kg.Link) bool) (kg.Subgraph, error) {
	nodes, err := src.GraphNodes(ctx, members)
	if err != nil {
		return kg.Subgraph{}, err
	}
	if err := requireAll(nodes, roots...); err != nil {
		return kg.Subgraph{}, err
	}
	links, err := src.Links(ctx, members, view, f)
	if err != nil {
		return kg.Subgraph{}, err
	}
	in := set(members)
	neighbours := map[string]map[string]bool{}
	addNeighbour := func(a, b string) {
		if neighbours[a] == nil {
			neighbours[a] = map[string]bool{}
		}
		neighbours[a][b] = true
	}
	var kept []kg.Link
	for _, l := range links {
		addNeighbour(l.Source, l.Target)
		addNeighbour(l.Target, l.Source)
		inS, inT := in[l.Source], in[l.Target]
		if !(inS && inT) && !(inS && excluded[l.Target]) && !(inT && excluded[l.Source]) {
			continue
		}
		if keep != nil && !keep(l) {
			continue
		}
		kept = append(kept, l)
	}
	sg := kg.Subgraph{Roots: roots, Truncated: truncated, Edges: collapse(kept)}
	for _, id := range members {
		n, ok := nodes[id]
		if !ok {
			continue
		}
		for nb := range neighbours[id] {
			n.Degree++
			if !in[nb] && !excluded[nb] {
				n.HiddenDegree++
			}
		}
		sg.Nodes = append(sg.Nodes, n)
	}
	sort.Slice(sg.Nodes, func(i, j int) bool { return sg.Nodes[i].ID < sg.Nodes[j].ID })
	if sg.Nodes == nil {
		sg.Nodes = []kg.GraphNode{}
	}
	return sg, nil
}

// collapse turns links into edges with deterministic ids: statements of one
// polarity from one speaker to one target become one STANCE edge weighted by
// their number; stored relationships and statement-node links stay one edge
// each.
func collapse(links []kg.Link) []kg.GraphEdge {
	byID := map[string]*kg.GraphEdge{}
	for _, l := range links {
		var id string
		switch l.Kind {
		case "STANCE":
			id = fmt.Sprintf("stance:%s>%s:%s", l.Source, l.Target, l.Polarity)
		case "MADE", "TARGETS", "MADE_AT":
			id = fmt.Sprintf("%s:%s>%s", strings.ToLower(l.Kind), l.Source, l.Target)
		default:
			id = fmt.Sprintf("%s:%s>%s", strings.ToLower(l.Kind), l.Source, l.Target)
			if l.Date != "" {
				id += ":" + l.Date // a person may hold one office in several terms
			}
		}
		e, ok := byID[id]
		if !ok {
			e = &kg.GraphEdge{ID: id, Source: l.Source, Target: l.Target, Kind: l.Kind}
			switch l.Kind {
			case "STANCE":
				e.Polarity, e.Predicate = l.Polarity, l.Predicate
			case "MADE", "TARGETS", "MADE_AT":
				e.Statement, e.Polarity, e.Predicate, e.Start, e.End = l.Statement, l.Polarity, l.Predicate, l.Date, l.Date
			}
			byID[id] = e
		}
		if l.Kind != "STANCE" {
			e.Weight = 1
			continue
		}
		stmts := l.Statements
		if len(stmts) == 0 && l.Statement != "" {
			stmts = []string{l.Statement}
		}
		for _, st := range stmts {
			if !contains(e.Statements, st) {
				e.Statements = append(e.Statements, st)
			}
		}
		e.Weight = float64(len(e.Statements))
		if e.Predicate != l.Predicate {
			e.Predicate = "" // mixed predicates
		}
		if l.Date != "" && (e.Start == "" || l.Date < e.Start) {
			e.Start = l.Date
		}
		last := l.Last
		if last == "" {
			last = l.Date
		}
		if last > e.End {
			e.End = last
		}
	}
	out := make([]kg.GraphEdge, 0, len(byID))
	for _, e := range byID {
		sort.Strings(e.Statements)
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func sortLinks(links []kg.Link) {
	sort.Slice(links, func(i, j int) bool {
		a, b := links[i], links[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Statement < b.Statement
	})
}

func set(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
