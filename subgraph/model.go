package subgraph

import (
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// The drawing model: what a subgraph is made of, for the API and the
// exports alike. Kinds (kg.NodeKind, kg.EdgeKind) are kg's vocabularies;
// everything else about drawings lives here.

// View says whether a subgraph shows statements as nodes or collapses them
// into speaker → target edges.
type View string

// The statement views; their values are the GraphQL enum values.
const (
	ViewNodes     View = "NODES"
	ViewCollapsed View = "COLLAPSED"
)

// Filter narrows the statements a subgraph shows; a nil or empty field
// keeps every statement.
type Filter struct {
	Predicates []kg.Predicate
	Polarities []kg.Polarity
	From, To   *string
}

// Narrowed reports whether f leaves out any statement.
func (f Filter) Narrowed() bool {
	return f.From != nil || f.To != nil || len(f.Predicates) > 0 || len(f.Polarities) > 0
}

// Subgraph is a bounded piece of the graph for drawing tools. Edge
// endpoints are in Nodes, or in the ids the client asked to exclude.
type Subgraph struct {
	Roots     []string
	Nodes     []Node
	Edges     []Edge
	Truncated bool
}

// Node is a node of a subgraph.
type Node struct {
	ID           string
	Kind         kg.NodeKind
	Label        string
	LabelAr      string
	Degree       int
	HiddenDegree int
}

// Edge is an edge of a subgraph: a stored relationship, or statements
// collapsed into one speaker → target edge of one polarity.
type Edge struct {
	ID         string
	Source     string
	Target     string
	Kind       kg.EdgeKind
	Predicate  kg.Predicate   // the predicate all its statements share, or ""
	Predicates []kg.Predicate // every predicate of its statements, sorted: several behind a STANCE edge
	Polarity   kg.Polarity
	Weight     float64
	Statement  string   // MADE, TARGETS, MADE_AT: the statement it belongs to
	Statements []string // STANCE: the statements behind it
	Start, End string
}

// Link is one edge touching a node of a subgraph before collapsing: a stored
// relationship, or one statement seen as speaker → target (or, with
// statements as nodes, speaker → statement → target).
type Link struct {
	Source, Target string
	Kind           kg.EdgeKind
	Statement      string         // the statement, when the link stands for exactly one
	Statements     []string       // every statement the link stands for (STANCE)
	Predicate      kg.Predicate   // the predicate all its statements share, or ""
	Predicates     []kg.Predicate // every predicate of its statements, sorted
	Polarity       kg.Polarity
	Date           string // earliest statement date (or the relationship's start)
	Last           string // latest statement date
	// Weight is the number of statements behind a STANCE link read from the
	// stored aggregate (Statements is then empty: they are read only when
	// asked for, see Edge.Unread).
	Weight int
}

// EdgeID is the stable id of the subgraph edge a link belongs to, minted
// here only so that the API and the exports agree:
// `stance:<speaker>><target>:<polarity>` for collapsed statements,
// `<kind>:<source>><target>` for statement links and stored relationships,
// with `:<start>` appended for a relationship with a start date (a person
// may hold one office in several terms).
func EdgeID(l Link) string {
	id := strings.ToLower(string(l.Kind)) + ":" + l.Source + ">" + l.Target
	switch l.Kind.Role() {
	case kg.Collapsed:
		id += ":" + string(l.Polarity)
	case kg.Context:
		if l.Date != "" {
			id += ":" + l.Date
		}
	}
	return id
}

// StanceKey names one collapsed STANCE edge: the statements of one polarity
// a speaker made toward a target.
type StanceKey struct {
	Source, Target string
	Polarity       kg.Polarity
}

// Unread reports whether e is a STANCE edge drawn from the stored aggregate
// with its weight only, and names it: its statements are read when asked
// for (Source.StanceStatements), since a dense drawing has thousands behind
// its edges and most clients never look.
func (e Edge) Unread() (StanceKey, bool) {
	if e.Kind != kg.StanceEdge || e.Statements != nil || e.Weight <= 0 {
		return StanceKey{}, false
	}
	return StanceKey{Source: e.Source, Target: e.Target, Polarity: e.Polarity}, true
}

// Accessors for the API, which binds the nullable fields to them (see
// kg/accessors.go for why methods and not resolvers).

// LabelArOrNull is the node's Arabic caption, or null.
func (n Node) LabelArOrNull() *string { return kg.OrNull(n.LabelAr) }

// PredicateOrNull is the edge's predicate, or null (stored relationships,
// mixed predicates).
func (e Edge) PredicateOrNull() *kg.Predicate { return kg.OrNull(e.Predicate) }

// PolarityOrNull is the edge's polarity, or null for stored relationships.
func (e Edge) PolarityOrNull() *kg.Polarity { return kg.OrNull(e.Polarity) }

// StartOrNull is the edge's earliest date, or null.
func (e Edge) StartOrNull() *string { return kg.OrNull(e.Start) }

// EndOrNull is the edge's latest date, or null.
func (e Edge) EndOrNull() *string { return kg.OrNull(e.End) }
