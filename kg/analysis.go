package kg

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

// The sides of a stance matrix: at most MatrixMaxSide actors and topics
// may be asked for; without them, the MatrixDefaultSide most active are
// taken.
const (
	MatrixDefaultSide = 10
	MatrixMaxSide     = 50
)

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
