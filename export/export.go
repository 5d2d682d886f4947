// Package export writes pieces of the knowledge graph in the file formats
// researchers' tools read: GEXF 1.3 (Gephi, Gephi Lite, graphology/sigma),
// GraphML (Cytoscape desktop, yEd, NetworkX, igraph, Neo4j APOC), Cytoscape.js
// JSON (.cyjs) and a zip of two CSV tables (Gephi's spreadsheet import,
// pandas, R).
//
// The encoders are pure: they read a Graph — a header and a stream of nodes
// then edges — and write as they read, so a whole-graph export holds one
// store page at a time, not the graph. A neighbourhood is cut by the same
// subgraph code the GraphQL `neighbourhood` query uses; the whole graph comes
// from the store in keyset pages (see Whole).
//
// Every format carries the same attributes under the same names:
// nodes kind, label_en, label_ar, degree, hidden_degree; edges kind,
// predicate, polarity, weight, statement, statements, start, end. Ids are the
// API's stable public ids; polarities are spelt as the API spells them
// (FAVOR); lists (predicate, statements) are space-separated where the
// format's attributes are scalars.
package export

import (
	"context"
	"fmt"
	"io"
	"iter"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// Graph is what an encoder writes: a header known up front and the nodes,
// then the edges, each read once and in order. Every edge's endpoints are
// among the nodes. A Graph from Select or Whole reads the store as it is
// iterated, with the context it was made with; it is good for one encoding.
type Graph struct {
	Title     string   // what was exported, for the file's description
	Roots     []string // the ids the selection started from; none for the whole graph
	Truncated bool     // maxNodes cut the selection
	Nodes     iter.Seq2[subgraph.Node, error]
	Edges     iter.Seq2[subgraph.Edge, error]
}

// FromSubgraph streams an in-memory subgraph.
func FromSubgraph(sg subgraph.Subgraph) Graph {
	return Graph{
		Roots:     sg.Roots,
		Truncated: sg.Truncated,
		Nodes:     each(sg.Nodes),
		Edges:     each(sg.Edges),
	}
}

func each[T any](list []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, x := range list {
			if !yield(x, nil) {
				return
			}
		}
	}
}

// Format is one export format.
type Format struct {
	Name        string // as in /export/{name} and --format
	Ext         string // file name extension
	ContentType string
	Encode      func(w io.Writer, g Graph) error
}

var formats = []Format{
	{"gexf", "gexf", "application/gexf+xml", EncodeGEXF},
	{"graphml", "graphml", "application/graphml+xml", EncodeGraphML},
	{"cyjs", "cyjs", "application/json", EncodeCyJS},
	{"csv", "csv.zip", "application/zip", EncodeCSV},
}

// FormatNamed returns the format with the given name.
func FormatNamed(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// FormatNames lists the formats' names.
func FormatNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}

// Request selects what to export: the neighbourhood of ID (as the GraphQL
// `neighbourhood` query with the same arguments gives it), or the whole graph
// when ID is empty.
type Request struct {
	ID       string
	Depth    int // neighbourhood only; default subgraph.DefaultDepth
	MaxNodes int // neighbourhood only; default subgraph.DefaultMaxNodes
	View     subgraph.View
	Filter   subgraph.Filter
}

// FileName is the name a download of r in format f should be saved under:
// whosaid-<id>.<ext>, or whosaid-graph.<ext> for the whole graph, with
// anything but letters, digits, '.', '_' and '-' in the id replaced by '_'.
func (r Request) FileName(f Format) string {
	name := "graph"
	if r.ID != "" {
		name = strings.Map(func(c rune) rune {
			if c < 128 && (c == '.' || c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return c
			}
			return '_'
		}, r.ID)
	}
	return "whosaid-" + name + "." + f.Ext
}

// QueryParams are the selection parameters ParseQuery understands.
var QueryParams = []string{"id", "depth", "maxNodes", "statements", "predicate", "polarity", "from", "to"}

// ParseQuery reads a Request from URL query parameters — id, depth,
// maxNodes, statements (COLLAPSED or NODES), predicate and polarity (each
// repeatable), from, to — which the HTTP endpoint and the CLI both use. Bad
// or unknown parameters are Invalid errors.
func ParseQuery(q url.Values) (Request, error) {
	for k := range q {
		if !slices.Contains(QueryParams, k) {
			return Request{}, kg.Errorf(kg.Invalid, "unknown parameter %q; known: %s", k, strings.Join(QueryParams, ", "))
		}
	}
	r := Request{ID: q.Get("id"), View: subgraph.ViewCollapsed}
	if r.ID == "" && (q.Has("depth") || q.Has("maxNodes")) {
		return Request{}, kg.Errorf(kg.Invalid, "depth and maxNodes need an id; without one the whole graph is exported")
	}
	var err error
	if r.Depth, err = intParam(q, "depth", subgraph.DefaultDepth); err != nil {
		return Request{}, err
	}
	if r.MaxNodes, err = intParam(q, "maxNodes", subgraph.DefaultMaxNodes); err != nil {
		return Request{}, err
	}
	switch v := strings.ToUpper(q.Get("statements")); v {
	case "", string(subgraph.ViewCollapsed):
	case string(subgraph.ViewNodes):
		r.View = subgraph.ViewNodes
	default:
		return Request{}, kg.Errorf(kg.Invalid, "statements must be COLLAPSED or NODES, not %q", q.Get("statements"))
	}
	for _, p := range q["predicate"] {
		p := kg.Predicate(strings.ToUpper(p))
		if _, ok := kg.Predicates[p]; !ok {
			return Request{}, kg.Errorf(kg.Invalid, "unknown predicate %q", p)
		}
		r.Filter.Predicates = append(r.Filter.Predicates, p)
	}
	for _, p := range q["polarity"] {
		p := kg.Polarity(strings.ToLower(p))
		if !p.Valid() {
			return Request{}, kg.Errorf(kg.Invalid, "polarity must be FAVOR, AGAINST or NEUTRAL, not %q", p)
		}
		r.Filter.Polarities = append(r.Filter.Polarities, p)
	}
	for _, d := range []struct {
		name string
		to   **string
	}{{"from", &r.Filter.From}, {"to", &r.Filter.To}} {
		if !q.Has(d.name) {
			continue
		}
		v := q.Get(d.name)
		if _, ok := kg.ParseDate(v, false); !ok {
			return Request{}, kg.Errorf(kg.Invalid, "%s: %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", d.name, v)
		}
		*d.to = &v
	}
	return r, nil
}

func intParam(q url.Values, name string, def int) (int, error) {
	if !q.Has(name) {
		return def, nil
	}
	n, err := strconv.Atoi(q.Get(name))
	if err != nil {
		return 0, kg.Errorf(kg.Invalid, "%s must be a whole number, not %q", name, q.Get(name))
	}
	return n, nil
}

// Store is what exports read: the subgraph walks' source, and keyset pages
// over every node for whole-graph exports.
type Store interface {
	subgraph.Source
	// ExportIDs returns up to n ids of nodes of the given kinds sorting
	// after `after`, in id order; statements only where the filter keeps
	// them. The kinds are one family: one kind, or several actor kinds.
	// Anything else is an Invalid error.
	ExportIDs(ctx context.Context, kinds []kg.NodeKind, after string, n int, f subgraph.Filter) ([]string, error)
	// ExportEdges returns the edges, in the view, whose source is one of
	// ids and whose target is exported too, with the ids, weights and dates
	// a neighbourhood gives them.
	ExportEdges(ctx context.Context, ids []string, view subgraph.View, f subgraph.Filter) ([]subgraph.Edge, error)
}

// PageSize is how many nodes a whole-graph export reads from the store at a
// time.
const PageSize = 500

// Select returns what r asks for: a neighbourhood cut by subgraph.Neighbourhood
// (errors as it gives them: Invalid, NotFound, …), or the whole graph
// streamed by Whole.
func Select(ctx context.Context, st Store, r Request) (Graph, error) {
	if r.ID == "" {
		return Whole(ctx, st, r.View, r.Filter, PageSize)
	}
	sg, err := subgraph.Neighbourhood(ctx, st, r.ID, r.Depth, r.MaxNodes, nil, r.View, r.Filter)
	if err != nil {
		return Graph{}, err
	}
	if sg, err = subgraph.WithStatements(ctx, st, sg); err != nil {
		return Graph{}, err
	}
	g := FromSubgraph(sg)
	g.Title = fmt.Sprintf("whosaid: neighbourhood of %s, depth %d, statements %s", r.ID, r.Depth, r.View)
	return g, nil
}

// wholeKinds are the node kinds a whole-graph export pages through, one
// family at a time, in order: actors of every kind together (so they come
// in id order, whatever their kind), then topics, events, places and, with
// statements as nodes, statements.
func wholeKinds(view subgraph.View) [][]kg.NodeKind {
	actors := make([]kg.NodeKind, len(kg.ActorKinds))
	for i, k := range kg.ActorKinds {
		actors[i] = kg.NodeKind(k)
	}
	families := [][]kg.NodeKind{actors, {kg.TopicNode}, {kg.EventNode}, {kg.PlaceNode}}
	if view == subgraph.ViewNodes {
		families = append(families, []kg.NodeKind{kg.StatementNode})
	}
	return families
}

// Whole streams every actor, topic, event and place (and, with statements as
// nodes, every statement the filter keeps) and every edge among them in the
// view, pageSize nodes at a time. Nodes carry their degree under the filter
// (hidden degree 0: nothing is hidden). It reads the first page before
// returning, so an unreachable store is an error here rather than halfway
// through a download.
func Whole(ctx context.Context, src Store, view subgraph.View, f subgraph.Filter, pageSize int) (Graph, error) {
	families := wholeKinds(view)
	first, firstIDs, err := nodePage(ctx, src, families[0], "", pageSize, view, f)
	if err != nil {
		return Graph{}, err
	}
	title := "whosaid: whole graph, statements " + string(view)
	if f.Narrowed() {
		title += " (filtered)"
	}
	nodes := func(yield func(subgraph.Node, error) bool) {
		page, ids := first, firstIDs
		for i, kinds := range families {
			for after := ""; ; {
				if i > 0 || after != "" {
					var err error
					if page, ids, err = nodePage(ctx, src, kinds, after, pageSize, view, f); err != nil {
						yield(subgraph.Node{}, err)
						return
					}
				}
				for _, n := range page {
					if !yield(n, nil) {
						return
					}
				}
				if len(ids) < pageSize {
					break
				}
				after = ids[len(ids)-1]
			}
		}
	}
	edges := func(yield func(subgraph.Edge, error) bool) {
		for _, kinds := range families {
			for after := ""; ; {
				ids, err := src.ExportIDs(ctx, kinds, after, pageSize, f)
				var page []subgraph.Edge
				if err == nil && len(ids) > 0 {
					page, err = src.ExportEdges(ctx, ids, view, f)
				}
				if err != nil {
					yield(subgraph.Edge{}, err)
					return
				}
				for _, e := range page {
					if !yield(e, nil) {
						return
					}
				}
				if len(ids) < pageSize {
					break
				}
				after = ids[len(ids)-1]
			}
		}
	}
	return Graph{Title: title, Nodes: nodes, Edges: edges}, nil
}

// nodePage reads one page of ids and those nodes in their drawable form,
// with their degrees as a neighbourhood gives them.
func nodePage(ctx context.Context, src Store, kinds []kg.NodeKind, after string, n int, view subgraph.View, f subgraph.Filter) ([]subgraph.Node, []string, error) {
	ids, err := src.ExportIDs(ctx, kinds, after, n, f)
	if err != nil || len(ids) == 0 {
		return nil, ids, err
	}
	found, err := src.GraphNodes(ctx, ids, view, f)
	if err != nil {
		return nil, nil, err
	}
	page := make([]subgraph.Node, 0, len(ids))
	for _, id := range ids {
		node, ok := found[id]
		if !ok {
			continue // deleted between the two reads
		}
		page = append(page, node)
	}
	return page, ids, nil
}
