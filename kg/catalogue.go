package kg

import "time"

// Topic is an issue, policy or proposition statements take positions on.
type Topic struct {
	ID      string
	Label   Names
	Aliases Aliases
	Broader []string
	// IntroducedBy is the document whose extraction added the topic (the
	// words a statement is about that no catalogue names); empty for the
	// catalogue's.
	IntroducedBy string
}

// IsNode marks Topic as a GraphQL Node.
func (Topic) IsNode() {}

// IsTarget marks Topic as something statements can be about.
func (Topic) IsTarget() {}

// Event is an occasion statements are made at, or an event they are about.
type Event struct {
	ID           string
	Kind         string
	Name         Names
	Aliases      Aliases
	Date         string
	EndDate      string
	Place        string
	Participants []string
	Topics       []string
	Wikidata     string

	// Filled by reads: the place itself, and whether Place, Participants
	// and Topics were read (false when the event came without them).
	PlaceNode *Place
	Complete  bool
}

// IsNode marks Event as a GraphQL Node.
func (Event) IsNode() {}

// IsTarget marks Event as something statements can be about.
func (Event) IsTarget() {}

// Place is where an event happened.
type Place struct {
	ID       string
	Name     Names
	Aliases  Aliases
	Country  string
	Wikidata string
}

// IsNode marks Place as a GraphQL Node.
func (Place) IsNode() {}

// Document is a source text. Offsets of mentions count Unicode code points of Text.
type Document struct {
	ID      string
	Title   string
	Lang    string
	Date    string
	URL     string
	Source  string
	Licence string
	// Outlet names the publisher in a short form spelled the same for every
	// article of that source (evaluation reports by it); Split says which
	// evaluation split (test, dev) an evaluation document belongs to.
	Outlet string
	Split  string
	Text   string
	Length int // code points of Text; set by reads that leave Text out
}

// IsNode marks Document as a GraphQL Node.
func (Document) IsNode() {}

// Relation is a context fact between two catalogue entities: a person's
// position, an organisation being part of another, or a membership. Evidence
// lists the mentions that state it; facts from the catalogue have none.
type Relation struct {
	Type     RelationType
	From     string
	To       string
	Title    Names // positions only
	Start    string
	End      string
	Evidence []Mention
	Curated  bool // recorded by the catalogue, besides any document
}

// HeldDuring reports whether the relation held at some time in the period
// of days [first, last]. Its start and end are dates as ParseDate reads
// them, a month or year standing for all of it; an unknown start or end is
// open, as the catalogue leaves out the end of what is still current.
func (r Relation) HeldDuring(first, last time.Time) bool {
	if start, ok := ParseDate(r.Start, false); ok && start.After(last) {
		return false
	}
	if end, ok := ParseDate(r.End, true); ok && end.Before(first) {
		return false
	}
	return true
}

// RelationType names the relationship a Relation becomes in the graph.
type RelationType string

// The relation types.
const (
	HoldsPosition RelationType = "HOLDS_POSITION"
	PartOf        RelationType = "PART_OF"
	MemberOf      RelationType = "MEMBER_OF"
)

// Catalogue is everything known independently of any one document.
type Catalogue struct {
	Actors    []Actor
	Topics    []Topic
	Events    []Event
	Places    []Place
	Relations []Relation
}

// AnnotatedDocument is a document with what its annotations say: the
// statements it reports and the context facts it states.
type AnnotatedDocument struct {
	Document   Document
	Statements []Statement
	Relations  []Relation
}
