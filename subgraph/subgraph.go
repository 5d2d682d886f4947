// Package subgraph cuts drawable pieces out of the knowledge graph —
// neighbourhoods and shortest paths — for the API and the exports alike. It
// walks the graph breadth-first, one store query per hop, and collapses
// statements into weighted speaker → target edges when asked.
package subgraph

import (
	"context"
	"slices"
	"sort"

	"github.com/whosaid/whosaid/kg"
)

// Source is what the walks need from the store.
type Source interface {
	// Neighbours returns up to limit neighbours of each node, the most
	// strongly tied (most statements) first, ties by id.
	Neighbours(ctx context.Context, ids []string, limit int, view View, f Filter) (map[string][]string, error)
	// Links returns every link touching the given nodes.
	Links(ctx context.Context, ids []string, view View, f Filter) ([]Link, error)
	// LinksAmong returns the links between a node of ids and a node of ids
	// or of others.
	LinksAmong(ctx context.Context, ids, others []string, view View, f Filter) ([]Link, error)
	// StanceStatements returns the sorted statement ids behind STANCE edges.
	StanceStatements(ctx context.Context, keys []StanceKey) (map[StanceKey][]string, error)
	// GraphNodes returns the nodes' drawable form with their degree: the
	// number of edges touching each in the whole graph (the view and filter
	// applied; a loop counts once).
	GraphNodes(ctx context.Context, ids []string, view View, f Filter) (map[string]Node, error)
}

// Defaults for what a client leaves out, the same for the GraphQL
// neighbourhood and paths queries, the export endpoint and the export
// command (schema.graphqls repeats them; a test in graph holds it to these).
const (
	DefaultDepth    = 1
	DefaultMaxNodes = 150
	DefaultMaxHops  = 4
)

// Limits on what a client may ask for.
const (
	MaxDepth    = 3
	MaxNodes    = 500
	MaxHops     = 6
	MaxExclude  = 5000 // ids a neighbourhood may be asked to leave out
	maxFrontier = 5000 // nodes one hop of a path search may expand
)

// Neighbourhood returns the nodes within depth hops of root (at most
// maxNodes, root included), leaving out the ids in exclude, with every edge
// among them and to the excluded ids. When maxNodes cuts, the strongest
// ties (most statements) are the ones kept, and the result is truncated.
func Neighbourhood(ctx context.Context, src Source, root string, depth, maxNodes int, exclude []string, view View, f Filter) (Subgraph, error) {
	if depth < 1 || depth > MaxDepth {
		return Subgraph{}, kg.Errorf(kg.Invalid, "depth must be between 1 and %d", MaxDepth)
	}
	if maxNodes < 1 || maxNodes > MaxNodes {
		return Subgraph{}, kg.Errorf(kg.Invalid, "maxNodes must be between 1 and %d", MaxNodes)
	}
	if len(exclude) > MaxExclude {
		return Subgraph{}, kg.Errorf(kg.Invalid, "exclude lists at most %d ids", MaxExclude)
	}
	// An unknown root is reported by build, which looks the members up anyway.
	excluded := set(exclude)
	delete(excluded, root)
	members := []string{root}
	in := map[string]bool{root: true}
	dist := map[string]int{root: 0}
	truncated := false
	frontier := []string{root}
	// Breadth first, strongest ties first: each hop takes the frontier in
	// the order its nodes joined and each node's neighbours by weight, and
	// reads the frontier a chunk at a time, so a hop that fills the subgraph
	// early does not read the rest of the frontier's (possibly huge)
	// neighbourhoods.
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []string
		for start, chunk := 0, 8; start < len(frontier) && len(members) < maxNodes; start, chunk = start+chunk, chunk*2 {
			batch := frontier[start:min(start+chunk, len(frontier))]
			// Enough for a node whose strongest ties are all members or
			// excluded already to still offer a new one.
			neighbours, err := src.Neighbours(ctx, batch, maxNodes+len(excluded), view, f)
			if err != nil {
				return Subgraph{}, err
			}
			for _, id := range batch {
				for _, nb := range neighbours[id] {
					if in[nb] || excluded[nb] {
						continue
					}
					if len(members) >= maxNodes {
						truncated = true
						break
					}
					in[nb] = true
					dist[nb] = d + 1
					members = append(members, nb)
					next = append(next, nb)
				}
			}
		}
		frontier = next
		if len(members) >= maxNodes {
			// Full: walking on cannot add anyone, and whether there was
			// more to see is read off the hidden degrees below.
			break
		}
	}
	sg, err := build(ctx, src, []string{root}, members, excluded, view, f, truncated, nil)
	if err != nil {
		return Subgraph{}, err
	}
	// A node nearer than depth with a neighbour left out: maxNodes cut it.
	for _, n := range sg.Nodes {
		if dist[n.ID] < depth && n.HiddenDegree > 0 {
			sg.Truncated = true
		}
	}
	return sg, nil
}

// WithStatements fills in the statements behind the STANCE edges that came
// from the collapsed relationships with their weight only (exports list
// them; the API reads them when asked).
func WithStatements(ctx context.Context, src Source, sg Subgraph) (Subgraph, error) {
	var keys []StanceKey
	for _, e := range sg.Edges {
		if k, unread := e.Unread(); unread {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return sg, nil
	}
	found, err := src.StanceStatements(ctx, keys)
	if err != nil {
		return Subgraph{}, err
	}
	for i, e := range sg.Edges {
		if k, unread := e.Unread(); unread {
			sg.Edges[i].Statements = found[k]
		}
	}
	return sg, nil
}

// Paths returns every shortest path between from and to of at most maxHops
// edges, as one subgraph. No path gives an empty subgraph (roots only).
func Paths(ctx context.Context, src Source, from, to string, maxHops int, view View) (Subgraph, error) {
	if maxHops < 1 || maxHops > MaxHops {
		return Subgraph{}, kg.Errorf(kg.Invalid, "maxHops must be between 1 and %d", MaxHops)
	}
	ends, err := src.GraphNodes(ctx, []string{from, to}, view, Filter{})
	if err != nil {
		return Subgraph{}, err
	}
	if err := requireAll(ends, from, to); err != nil {
		return Subgraph{}, err
	}
	f := Filter{}
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
			return Subgraph{}, err
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
		return Subgraph{Roots: []string{from, to}, Nodes: []Node{}, Edges: []Edge{}, Truncated: truncated}, nil
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
	keep := func(l Link) bool {
		ls, lt := level[l.Source], level[l.Target]
		return (ls-lt == 1 && contains(parents[l.Source], l.Target)) || (lt-ls == 1 && contains(parents[l.Target], l.Source))
	}
	return build(ctx, src, []string{from, to}, members, nil, view, f, truncated, keep)
}

// requireAll reports the first id that is not among the found nodes.
func requireAll(found map[string]Node, ids ...string) error {
	for _, id := range ids {
		if _, ok := found[id]; !ok {
			return kg.Errorf(kg.NotFound, "no node with id %q", id)
		}
	}
	return nil
}

// build fetches the members' drawable form with their degrees in the whole
// graph and the links among them (and to excluded ids), then collapses the
// links into edges; a node's hidden degree is its degree less the edges
// drawn.
func build(ctx context.Context, src Source, roots, members []string, excluded map[string]bool, view View, f Filter, truncated bool, keep func(Link) bool) (Subgraph, error) {
	nodes, err := src.GraphNodes(ctx, members, view, f)
	if err != nil {
		return Subgraph{}, err
	}
	if err := requireAll(nodes, roots...); err != nil {
		return Subgraph{}, err
	}
	links, err := src.LinksAmong(ctx, members, keys(excluded), view, f)
	if err != nil {
		return Subgraph{}, err
	}
	var kept []Link
	for _, l := range links {
		if keep == nil || keep(l) {
			kept = append(kept, l)
		}
	}
	sg := Subgraph{Roots: roots, Truncated: truncated, Edges: collapse(kept)}
	drawn := map[string]int{}
	for _, e := range sg.Edges {
		drawn[e.Source]++
		if e.Target != e.Source {
			drawn[e.Target]++
		}
	}
	for _, id := range members {
		n, ok := nodes[id]
		if !ok {
			continue
		}
		n.HiddenDegree = max(n.Degree-drawn[id], 0)
		sg.Nodes = append(sg.Nodes, n)
	}
	sort.Slice(sg.Nodes, func(i, j int) bool { return sg.Nodes[i].ID < sg.Nodes[j].ID })
	if sg.Nodes == nil {
		sg.Nodes = []Node{}
	}
	return sg, nil
}

// collapse turns links into edges with deterministic ids: statements of one
// polarity from one speaker to one target become one STANCE edge weighted by
// their number; stored relationships and statement-node links stay one edge
// each.
func collapse(links []Link) []Edge {
	byID := map[string]*Edge{}
	for _, l := range links {
		id := EdgeID(l)
		e, ok := byID[id]
		if !ok {
			e = &Edge{ID: id, Source: l.Source, Target: l.Target, Kind: l.Kind}
			switch l.Kind.Role() {
			case kg.Collapsed:
				e.Polarity, e.Predicate = l.Polarity, l.Predicate
			case kg.StatementLink:
				e.Statement, e.Polarity, e.Predicate, e.Start, e.End = l.Statement, l.Polarity, l.Predicate, l.Date, l.Date
				e.Predicates = l.Predicates
			}
			byID[id] = e
		}
		if l.Kind.Role() != kg.Collapsed {
			e.Weight = 1
			continue
		}
		if l.Weight > 0 {
			// From the stored aggregate: the statements are read when asked for.
			e.Weight += float64(l.Weight)
		} else {
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
		}
		if e.Predicate != l.Predicate {
			e.Predicate = "" // mixed predicates
		}
		for _, p := range l.Predicates {
			if !slices.Contains(e.Predicates, p) {
				e.Predicates = append(e.Predicates, p)
			}
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
	out := make([]Edge, 0, len(byID))
	for _, e := range byID {
		sort.Strings(e.Statements)
		slices.Sort(e.Predicates)
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func sortLinks(links []Link) {
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
