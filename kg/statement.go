package kg

// Predicate is the speech act of a statement.
type Predicate string

// Polarity is the speaker's position toward a statement's targets.
type Polarity string

// The polarities.
const (
	Favor   Polarity = "favor"
	Against Polarity = "against"
	Neutral Polarity = "neutral"
)

// Valid reports whether p is a known polarity.
func (p Polarity) Valid() bool { return p == Favor || p == Against || p == Neutral }

// Modalities a statement can have; only asserted ones count in aggregates by default.
var Modalities = map[string]bool{
	"asserted": true, "negated": true, "hypothetical": true, "future": true, "conditional": true,
}

// QuoteType says how a mention reports a statement.
type QuoteType string

// The quote types.
const (
	Direct   QuoteType = "direct"
	Indirect QuoteType = "indirect"
	Mixed    QuoteType = "mixed"
	Summary  QuoteType = "summary"
)

// QuoteTypes of a mention.
var QuoteTypes = map[QuoteType]bool{Direct: true, Indirect: true, Mixed: true, Summary: true}

// Statement is one stated position: speakers → predicate → targets.
type Statement struct {
	ID         string
	Document   string // the document whose annotations define it
	Speakers   []string
	Predicate  Predicate
	Polarity   Polarity
	Targets    []string // first is the primary object
	Event      string   // occasion, optional
	Date       string   // YYYY, YYYY-MM or YYYY-MM-DD
	Modality   string
	CAMEO      string
	Summary    string
	Confidence float64
	Method     string // curated or extracted
	Evidence   []Mention

	// Filled by reads: the speakers, targets and occasion themselves.
	SpeakerActors []Actor
	TargetNodes   []Target
	Occasion      *Event
}

// Target is what a statement can be about: a Topic, an Actor or an Event.
type Target interface {
	Node
	IsTarget()
}

// IsNode marks Statement as a GraphQL Node.
func (Statement) IsNode() {}

// Mention is one report of a statement (or a fact) in a document: an exact
// span of its stored text, in Unicode code points, end exclusive.
type Mention struct {
	ID        string
	Document  string
	Start     int
	End       int
	Text      string
	Cue       string
	QuoteType QuoteType
	Headline  bool

	Doc *Document // filled by reads: the document's metadata, without its text
}

// IsNode marks Mention as a GraphQL Node.
func (Mention) IsNode() {}

// StatementFilter narrows a list of statements. Zero fields match everything.
type StatementFilter struct {
	Speaker   *string
	Target    *string
	Predicate []Predicate
	Polarity  *Polarity
	Event     *string
	Document  *string
	From      *string
	To        *string

	// The statement list's reach (see Reach); nil means the default.
	IncludeAffiliates *bool
	IncludeNarrower   *bool

	Trust
}

// StatementMethod says how a statement came into the graph.
type StatementMethod string

// The methods a list can be narrowed to.
const (
	Curated   StatementMethod = "CURATED"   // annotated by hand (method "curated")
	Extracted StatementMethod = "EXTRACTED" // found by the extraction rules
)

// Trust narrows statements by how they were made: annotated by hand or
// extracted, and how confident. Zero fields match everything.
type Trust struct {
	Method        *StatementMethod
	MinConfidence *float64
}

// StatementScope anchors a statement list: everything, or what one actor
// said, or what targets one node, or what was said at one event.
type StatementScope struct {
	Speaker string // statements made by this actor
	About   string // statements targeting this node
	Event   string // statements made at this event
	// How far Speaker, About and the filter's speaker and target reach.
	Reach
}

// Anchored reports whether the scope names a node the list starts from;
// the reach alone (the API's default includes narrower topics) scopes
// nothing.
func (s StatementScope) Anchored() bool { return s.Speaker != "" || s.About != "" || s.Event != "" }

// Reach is the one scope model of every statement query (statements,
// statementsAbout, timeline, alignment, stanceMatrix): how far a named actor
// or topic reaches.
type Reach struct {
	// Affiliates: an actor stands also for the bodies that are part of it
	// (PART_OF, up to three levels) and for the people holding a position in
	// it or in one of those bodies, for what they said while in office.
	Affiliates bool
	// Narrower: a topic stands also for its narrower topics (BROADER, up to
	// three levels down). Other targets have none.
	Narrower bool
}

// ReachOf applies the defaults, the same for every query: affiliates only
// when asked for, narrower topics unless switched off. A statement about
// "threat of force against Syria" is about the Syrian crisis, while what
// Lavrov says is Russia's only when the question says so.
func ReachOf(includeAffiliates, includeNarrower *bool) Reach {
	return Reach{
		Affiliates: includeAffiliates != nil && *includeAffiliates,
		Narrower:   includeNarrower == nil || *includeNarrower,
	}
}

// SortKey is a keyset position: the sort value (a date string or a
// confidence) and the id that breaks ties.
type SortKey struct {
	Value any
	ID    string
}

// StatementParts says which related nodes a statement read brings along
// with each statement. A page reads only the parts its client selected: a
// list of ids and dates need not read any speaker, target or evidence.
type StatementParts uint8

// The parts of a statement beyond its own properties.
const (
	WithSpeakers StatementParts = 1 << iota
	WithTargets
	WithOccasion
	WithEvidence
	// WithEvidenceDocuments adds each mention's document to the evidence.
	WithEvidenceDocuments

	AllStatementParts = WithSpeakers | WithTargets | WithOccasion | WithEvidence | WithEvidenceDocuments
)

// Has reports whether p includes every part of q.
func (p StatementParts) Has(q StatementParts) bool { return p&q == q }

// Anchor says which statements of a parent node a nested list holds.
type Anchor uint8

// The nested statement lists.
const (
	MadeBy  Anchor = iota // an actor's statements (Actor.statements)
	MadeAt                // an event's statements (Event.statements)
	AboutIt               // the statements targeting a node (statementsAbout)
)

// Scope is the statement scope of the list anchored on parent.
func (a Anchor) Scope(parent string, r Reach) StatementScope {
	switch a {
	case MadeBy:
		return StatementScope{Speaker: parent, Reach: r}
	case MadeAt:
		return StatementScope{Event: parent, Reach: r}
	}
	return StatementScope{About: parent, Reach: r}
}

// StatementBatch is one statement list asked of many parents at once, as a
// nested connection under a list asks it: the same anchor, reach, filter,
// order, size and parts for every parent.
type StatementBatch struct {
	Anchor Anchor
	Reach  Reach
	Filter StatementFilter
	Order  StatementOrder
	First  int
	Parts  StatementParts
}

// PageStart is where one parent's page of a batch starts: after its own
// keyset position, or at the head of its list (nil After).
type PageStart struct {
	Parent string
	After  *SortKey
}

// StatementPage is one parent's page of a batch.
type StatementPage struct {
	Items   []Statement
	HasNext bool
}
