package kg

import "strings"

// StatementOrderField is what statements are sorted by.
type StatementOrderField string

// OrderDirection is ascending or descending.
type OrderDirection string

// Sort fields and directions; their values are the GraphQL enum values.
const (
	OrderByDate       StatementOrderField = "DATE"
	OrderByConfidence StatementOrderField = "CONFIDENCE"
	Asc               OrderDirection      = "ASC"
	Desc              OrderDirection      = "DESC"
)

// StatementOrder sorts a statement list; ties are broken by id.
type StatementOrder struct {
	Field     StatementOrderField
	Direction OrderDirection
}

// StanceMatrix holds stance counts of actors toward topics.
type StanceMatrix struct {
	Actors []string
	Topics []string
	Cells  []StanceCell
}

// StanceCell counts one actor's statements toward one proposition: Topic is
// the topic the statements target, Group the matrix column it falls under
// (Topic itself or a broader topic). Propositions are kept apart because
// opposing an intervention and backing a settlement are not two stances on
// one thing.
type StanceCell struct {
	Actor, Group, Topic     string
	Favor, Against, Neutral int
	LatestDate              string
	Statements              []string
}

// Alignment scores how much another actor agrees with the one asked about.
type Alignment struct {
	Actor                     string
	Score                     float64
	Agreements, Disagreements int
	Shared                    []SharedTarget
}

// SharedTarget is a target both actors took positions on, with each side's
// net polarity (1, -1, or 0 when mixed) and statements.
type SharedTarget struct {
	Target                        string
	Mine, Theirs                  int
	MyStatements, TheirStatements []string
}

// TimeBucket is the width of a timeline bucket.
type TimeBucket string

// The bucket widths.
const (
	Day   TimeBucket = "DAY"
	Month TimeBucket = "MONTH"
	Year  TimeBucket = "YEAR"
)

// TimelineBucket counts statements by predicate within one bucket.
type TimelineBucket struct {
	Bucket string
	Total  int
	Counts []PredicateCount
}

// PredicateCount is how many statements have one predicate.
type PredicateCount struct {
	Predicate Predicate
	Count     int
}

// LabelCount is how many nodes (or relationships) have one label (or type).
type LabelCount struct {
	Label string
	Count int
}

// Stats describes the whole graph.
type Stats struct {
	Nodes, Relationships []LabelCount
	Predicates           []PredicateCount
	FirstDate, LastDate  string
	Documents            int
	Statements           int
}

// StatementView says whether a subgraph shows statements as nodes or
// collapses them into speaker → target edges.
type StatementView string

// The statement views.
const (
	ViewNodes     StatementView = "NODES"
	ViewCollapsed StatementView = "COLLAPSED"
)

// SubgraphFilter narrows the statements a subgraph shows.
type SubgraphFilter struct {
	Predicates []Predicate
	Polarities []Polarity
	From, To   *string
}

// Subgraph is a bounded piece of the graph for drawing tools. Edge
// endpoints are in Nodes, or in the ids the client asked to exclude.
type Subgraph struct {
	Roots     []string
	Nodes     []GraphNode
	Edges     []GraphEdge
	Truncated bool
}

// GraphNode is a node of a subgraph.
type GraphNode struct {
	ID           string
	Kind         NodeKind
	Label        string
	LabelAr      string
	Degree       int
	HiddenDegree int
}

// GraphEdge is an edge of a subgraph: a stored relationship, or statements
// collapsed into one speaker → target edge of one polarity.
type GraphEdge struct {
	ID         string
	Source     string
	Target     string
	Kind       EdgeKind
	Predicate  Predicate   // the predicate all its statements share, or ""
	Predicates []Predicate // every predicate of its statements, sorted: several behind a STANCE edge
	Polarity   Polarity
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
	Kind           EdgeKind
	Statement      string      // the statement, when the link stands for exactly one
	Statements     []string    // every statement the link stands for (STANCE)
	Predicate      Predicate   // the predicate all its statements share, or ""
	Predicates     []Predicate // every predicate of its statements, sorted
	Polarity       Polarity
	Date           string // earliest statement date (or the relationship's start)
	Last           string // latest statement date
	// Weight is the number of statements behind a STANCE link read from the
	// stored aggregate (Statements is then empty: they are fetched only when
	// asked for, see StanceKey).
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
	case Collapsed:
		id += ":" + string(l.Polarity)
	case Context:
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
	Polarity       Polarity
}
