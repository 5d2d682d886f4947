package kg

import (
	"fmt"
	"strings"
)

// The closed vocabularies of the graph — predicates, node kinds and edge
// kinds — each with everything the code says about its members, so that a
// member is added in one place. `go generate ./kg` (make generate) writes
// the copies that cannot import kg (see vocabgen): the values of
// schema.graphqls's Predicate enum, the explorer page's predicate list and
// seeds/README.md's predicate table. The schema's other enums are written by
// hand; tests in graph hold them to these tables in both directions.

//go:generate go run ./vocabgen

// The predicates. Their values are the GraphQL enum values.
const (
	Assert         Predicate = "ASSERT"
	Support        Predicate = "SUPPORT"
	AgreeWith      Predicate = "AGREE_WITH"
	Commit         Predicate = "COMMIT"
	CallFor        Predicate = "CALL_FOR"
	Demand         Predicate = "DEMAND"
	Oppose         Predicate = "OPPOSE"
	Reject         Predicate = "REJECT"
	Condemn        Predicate = "CONDEMN"
	Accuse         Predicate = "ACCUSE"
	Deny           Predicate = "DENY"
	Warn           Predicate = "WARN"
	Threaten       Predicate = "THREATEN"
	Hope           Predicate = "HOPE"
	Praise         Predicate = "PRAISE"
	Welcome        Predicate = "WELCOME"
	Concern        Predicate = "CONCERN"
	Propose        Predicate = "PROPOSE"
	Announce       Predicate = "ANNOUNCE"
	DeclineComment Predicate = "DECLINE_COMMENT"
)

// PredicateInfo describes a predicate.
type PredicateInfo struct {
	Name Predicate
	// Polarity is the usual polarity toward the statement's targets; the
	// annotator or the extractor decides each statement's own.
	Polarity Polarity
	// PolarityNote says what the usual polarity is toward where that is not
	// plainly the target ("toward what is called for"), or is empty.
	PolarityNote string
	// CAMEO is the default code: the CAMEO 1.1b3 verb codebook and
	// PETRARCH's dictionary. A statement may override it where its object
	// changes the CAMEO reading (REJECT of military cooperation → 1212).
	CAMEO string
	// Verb renders the predicate in an extracted statement's English
	// summary, in the third person: "warns about".
	Verb string
	// Use is what the predicate is for, as one sentence without its final
	// full stop: "Denouncing or criticising".
	Use string
}

// Description is the predicate's description in schema.graphqls: its use,
// usual polarity and CAMEO code.
func (p PredicateInfo) Description() string {
	pol := strings.ToUpper(string(p.Polarity))
	if p.PolarityNote != "" {
		pol += " " + p.PolarityNote
	}
	return p.Use + " (usually " + pol + "; CAMEO " + p.CAMEO + ")."
}

// PredicateTable is the predicate vocabulary, in the schema's order.
//
// To add a predicate: a constant above and a row here; the value, with the
// row's Description, in schema.graphqls's enum Predicate (then `make
// generate`, which also rewrites the explorer's list and seeds/README.md's
// table, and `make explorer`); a cue in each lexicon of loader/extract, or
// an entry in arabicUncued or englishUncued naming the rule that gives it.
// A test fails until each is done.
var PredicateTable = []PredicateInfo{
	{Assert, Neutral, "", "010", "states a position on", "A neutral claim or statement"},
	{Support, Favor, "", "051", "supports", "Endorsing or backing a policy, actor or initiative"},
	{AgreeWith, Favor, "", "019", "agrees with", "Expressing accord with another actor's position"},
	{Commit, Favor, "", "030", "commits to", "A pledge, an intent to act, or readiness"},
	{CallFor, Favor, "toward what is called for", "020", "calls for", "An appeal, urging, or call to convene"},
	{Demand, Favor, "toward the demanded act", "100", "demands", "A forceful request"},
	{Oppose, Against, "", "110", "opposes", "Objecting to a policy or action of others"},
	{Reject, Against, "", "120", "rejects", "Refusing a request, proposal or participation that involves the speaker"},
	{Condemn, Against, "", "111", "condemns", "Denouncing or criticising"},
	{Accuse, Against, "the accused", "112", "accuses", "Alleging wrongdoing"},
	{Deny, Against, "the accusation", "016", "denies", "Rejecting an accusation"},
	{Warn, Against, "the feared outcome", "012", "warns about", "A pessimistic warning without coercion"},
	{Threaten, Against, "", "130", "threatens", "A coercive warning involving the speaker's own action"},
	{Hope, Favor, "", "013", "expresses hope about", "An optimistic comment or expectation"},
	{Praise, Favor, "", "051", "praises", "Commending or thanking"},
	{Welcome, Favor, "", "051", "welcomes", "Welcoming a decision or development"},
	{Concern, Against, "", "012", "expresses concern about", "Expressing concern or worry"},
	{Propose, Favor, "", "030", "proposes", "Putting forward a proposal"},
	{Announce, Neutral, "", "010", "announces", "Announcing a fact or plan, such as an agenda or upcoming talks"},
	{DeclineComment, Neutral, "", "011", "declines to comment on", "Declining to comment"},
}

// Predicates is PredicateTable by name.
var Predicates = byName(PredicateTable, func(p PredicateInfo) Predicate { return p.Name })

// NodeKind is what a node of a subgraph is.
type NodeKind string

// The node kinds. Their values are the GraphQL enum values; an actor's is
// its ActorKind.
const (
	PersonNode                = NodeKind(Person)
	OrganisationNode          = NodeKind(Organisation)
	CountryNode               = NodeKind(Country)
	TopicNode        NodeKind = "TOPIC"
	EventNode        NodeKind = "EVENT"
	PlaceNode        NodeKind = "PLACE"
	StatementNode    NodeKind = "STATEMENT"
)

// RGB is a colour for drawings.
type RGB struct{ R, G, B uint8 }

// NodeKindInfo describes a node kind.
type NodeKindInfo struct {
	Kind NodeKind
	// Labels are the node's labels in Neo4j, the most general first
	// (Actor, Person); the last one tells the kind apart.
	Labels []string
	// Colour draws the kind (Tableau 10) in exports that carry colours.
	Colour RGB
}

// NodeKindTable is the node kind vocabulary, in the schema's order.
var NodeKindTable = []NodeKindInfo{
	{PersonNode, []string{"Actor", "Person"}, RGB{78, 121, 167}},
	{OrganisationNode, []string{"Actor", "Organisation"}, RGB{242, 142, 43}},
	{CountryNode, []string{"Actor", "Country"}, RGB{89, 161, 79}},
	{TopicNode, []string{"Topic"}, RGB{176, 122, 161}},
	{EventNode, []string{"Event"}, RGB{237, 201, 72}},
	{PlaceNode, []string{"Place"}, RGB{118, 183, 178}},
	{StatementNode, []string{"Statement"}, RGB{156, 117, 95}},
}

// NodeKinds is NodeKindTable by kind.
var NodeKinds = byName(NodeKindTable, func(n NodeKindInfo) NodeKind { return n.Kind })

// Label is the Neo4j label that tells nodes of kind k apart, or "" for an
// unknown kind.
func (k NodeKind) Label() string {
	if ls := NodeKinds[k].Labels; len(ls) > 0 {
		return ls[len(ls)-1]
	}
	return ""
}

// EdgeKind is what an edge of a subgraph stands for.
type EdgeKind string

// The edge kinds. Their values are the GraphQL enum values and the Neo4j
// relationship types.
const (
	StanceEdge        EdgeKind = "STANCE"
	MadeEdge          EdgeKind = "MADE"
	TargetsEdge       EdgeKind = "TARGETS"
	MadeAtEdge        EdgeKind = "MADE_AT"
	HoldsPositionEdge          = EdgeKind(HoldsPosition)
	PartOfEdge                 = EdgeKind(PartOf)
	MemberOfEdge               = EdgeKind(MemberOf)
	ParticipantEdge   EdgeKind = "PARTICIPANT"
	HeldInEdge        EdgeKind = "HELD_IN"
	AboutEdge         EdgeKind = "ABOUT"
	BroaderEdge       EdgeKind = "BROADER"
)

// EdgeRole says how an edge of a subgraph comes from the graph.
type EdgeRole uint8

// The edge roles.
const (
	// Context edges are stored relationships drawn as they are.
	Context EdgeRole = iota
	// Collapsed edges stand for the statements of one polarity from one
	// speaker to one target.
	Collapsed
	// StatementLink edges join a statement drawn as a node to its speaker,
	// target or occasion.
	StatementLink
)

// EdgeKindInfo describes an edge kind.
type EdgeKindInfo struct {
	Kind EdgeKind
	Role EdgeRole
	// Type is the Neo4j relationship type the edge is read from (STANCE
	// edges from the collapsed relationships, or from the statements).
	Type string
}

// EdgeKindTable is the edge kind vocabulary, in the schema's order. Edges
// carry no colour of their own: statement edges are drawn in their
// polarity's (PolarityColours), context edges plain.
var EdgeKindTable = []EdgeKindInfo{
	{StanceEdge, Collapsed, "STANCE"},
	{MadeEdge, StatementLink, "MADE"},
	{TargetsEdge, StatementLink, "TARGETS"},
	{MadeAtEdge, StatementLink, "MADE_AT"},
	{HoldsPositionEdge, Context, "HOLDS_POSITION"},
	{PartOfEdge, Context, "PART_OF"},
	{MemberOfEdge, Context, "MEMBER_OF"},
	{ParticipantEdge, Context, "PARTICIPANT"},
	{HeldInEdge, Context, "HELD_IN"},
	{AboutEdge, Context, "ABOUT"},
	{BroaderEdge, Context, "BROADER"},
}

// EdgeKinds is EdgeKindTable by kind.
var EdgeKinds = byName(EdgeKindTable, func(e EdgeKindInfo) EdgeKind { return e.Kind })

// Role is how edges of kind k come from the graph; an unknown kind is a
// stored relationship.
func (k EdgeKind) Role() EdgeRole { return EdgeKinds[k].Role }

// EdgeTypes lists the Neo4j relationship types of the edge kinds with the
// given role, in table order.
func EdgeTypes(role EdgeRole) []string {
	var out []string
	for _, e := range EdgeKindTable {
		if e.Role == role {
			out = append(out, e.Type)
		}
	}
	return out
}

// PolarityColours draw statement edges by their polarity (Tableau 10).
var PolarityColours = map[Polarity]RGB{
	Favor:   {89, 161, 79},
	Against: {225, 87, 89},
	Neutral: {186, 176, 172},
}

// byName indexes a vocabulary table, panicking at start-up on a name
// given twice: a table with a duplicate would silently lose a member.
func byName[K comparable, V any](table []V, name func(V) K) map[K]V {
	m := make(map[K]V, len(table))
	for _, v := range table {
		if _, dup := m[name(v)]; dup {
			panic(fmt.Sprintf("kg: %v is listed twice in its vocabulary", name(v)))
		}
		m[name(v)] = v
	}
	return m
}
