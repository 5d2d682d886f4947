// Package kg is the domain of whosaid: the knowledge graph of actors, events,
// topics and the statements they made, with the evidence behind each one.
// It imports only the standard library; the Neo4j store, the loader and the
// GraphQL layer all speak in these types.
package kg

import "slices"

// ActorKind says what sort of actor an Actor is.
type ActorKind string

// The actor kinds. Their string values are the GraphQL enum values.
const (
	Person       ActorKind = "PERSON"
	Organisation ActorKind = "ORGANISATION"
	Country      ActorKind = "COUNTRY"
)

// ActorKinds is the actor kind vocabulary, in the schema's order.
var ActorKinds = []ActorKind{Person, Organisation, Country}

// Valid reports whether k is one of the known kinds.
func (k ActorKind) Valid() bool { return slices.Contains(ActorKinds, k) }

// Names holds a name in English and Arabic.
type Names struct {
	En string
	Ar string
}

// Lang is a language names, labels and titles are given in. Its values are
// the suffixes of the stored properties (name_ar, name_en); the GraphQL enum
// spells them AR and EN.
type Lang string

// The languages of names.
const (
	Arabic  Lang = "ar"
	English Lang = "en"
)

// Aliases holds alternative names in English and Arabic.
type Aliases struct {
	En []string
	Ar []string
}

// Actor is a person, organisation or country that can make statements.
type Actor struct {
	ID          string
	Kind        ActorKind
	Name        Names
	Aliases     Aliases
	Wikidata    string
	ISO         string // ISO 3166-1 alpha-3, countries only
	OrgType     string // organisations only
	Description string
	// IntroducedBy is the document whose extraction added the actor to the
	// graph (empty for the catalogue's): unloading that document removes it
	// when nothing else refers to it.
	IntroducedBy string
}

// IsNode marks Actor as a GraphQL Node.
func (Actor) IsNode() {}

// IsTarget marks Actor as something statements can be about.
func (Actor) IsTarget() {}

// PageArgs asks for one page of a list: at most First items after the cursor.
type PageArgs struct {
	First int
	After string
}

// PageInfo says where a page sits in its list (Relay).
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// ActorFilter narrows a list of actors. Zero fields match everything.
type ActorFilter struct {
	Kind *ActorKind
	Name *string // case-insensitive substring of a name or alias, either language
}

// Node is anything the API can fetch by its id.
type Node interface {
	IsNode()
}
