package bench

import (
	"context"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/store"
	"github.com/whosaid/whosaid/subgraph"
)

// query is one entry of the fixed mix: the GraphQL request a client sends,
// the same store work done straight through the Go driver (the limit
// whosaid's GraphQL layer is measured against) and, where @neo4j/graphql
// can express it, the peer's fastest form of the same question.
type query struct {
	name      string
	graphql   string
	variables map[string]any
	direct    func(ctx context.Context, st *store.Store) error
	peer      []peerForm // none: @neo4j/graphql cannot express it
	cannot    string     // when there is no peer form: what the peer lacks
}

// peerForm is one way to ask the @neo4j/graphql peer (bench/peer) q's
// question: aliases give its fields whosaid's names, and shape says how the
// answers may differ in form. A query can have several (the connection
// form, the list form); the bench times the fastest that answers alike.
type peerForm struct {
	name      string
	graphql   string
	variables map[string]any
	shape     shape
}

func (f *peerForm) body() []byte { return requestBody(f.graphql, f.variables) }

// connectionOrList is the peer's two forms of a paginated question: its
// connection form (xxxConnection with first and sort), about 10× faster
// than its list form for nested lists, and its list form (limit and sort),
// which can win for a top-level page.
func connectionOrList(connection, list string, variables map[string]any, s shape) []peerForm {
	return []peerForm{
		{name: "connection", graphql: connection, variables: variables, shape: s},
		{name: "list", graphql: list, variables: variables, shape: s},
	}
}

// Date then id on both sides, so pages agree.
const (
	peerSortTop    = `sort: [{date: ASC}, {id: ASC}]`
	peerSortNested = `sort: [{node: {date: ASC}}, {node: {id: ASC}}]`
	peerSortList   = peerSortTop
	targetsSel     = `targets { ... on Topic { id label } ... on Actor { id name } ... on Event { id name } }`
	statementSel   = `id predicate polarity date speakers { id name } ` + targetsSel
)

// mix builds the query mix for a synthetic corpus: a00000 is the most
// active speaker (Zipf head, a country with bodies and officials), a00030
// a middling one, t0000… the first topics.
func mix(searchName string) []query {
	heavy, middling := "a00000", "a00030"
	qs := []query{
		statementsPage(),
		actorStatements("actor a00030 + 20 statements", middling),
		actorStatements("busiest actor a00000 + 20 statements", heavy),
		twoHop(middling),
		totalCount(),
		idsAndDates(),
	}
	return append(qs, whosaidOnly(searchName, heavy, middling)...)
}

func statementsPage() query {
	return query{
		name:    "statements page (50, nested)",
		graphql: `{ statements(first: 50) { edges { node { ` + statementSel + ` evidence { start end text document { id title } } } } } }`,
		direct: func(ctx context.Context, st *store.Store) error {
			// The page brings its documents along, as whosaid's page query does.
			_, _, err := st.Statements(ctx, kg.StatementScope{}, kg.StatementFilter{}, byDate, 50, nil,
				kg.WithSpeakers|kg.WithTargets|kg.WithEvidence|kg.WithEvidenceDocuments)
			return err
		},
		peer: connectionOrList(
			`{ statements: statementsConnection(first: 50, `+peerSortTop+`) { edges { node { `+statementSel+` evidence { start end text document { id title } } } } } }`,
			`{ statements(limit: 50, `+peerSortList+`) { `+statementSel+` evidence { start end text document { id title } } } }`,
			nil, shape{
				Unordered: []string{"statements.speakers", "statements.targets", "statements.evidence"},
				Single:    []string{"statements.evidence.document"},
				Caseless:  []string{"statements.polarity"},
			}),
	}
}

var byDate = kg.StatementOrder{Field: kg.OrderByDate, Direction: kg.Asc}

func actorStatements(name, actor string) query {
	const sel = `id predicate polarity date summary`
	return query{
		name:      name,
		graphql:   `query($a: ID!) { actor(id: $a) { id name statements(first: 20) { edges { node { ` + sel + ` } } } } }`,
		variables: map[string]any{"a": actor},
		direct: func(ctx context.Context, st *store.Store) error {
			if _, err := st.ActorsByID(ctx, []string{actor}); err != nil {
				return err
			}
			_, _, err := st.Statements(ctx, kg.StatementScope{Speaker: actor}, kg.StatementFilter{}, byDate, 20, nil, 0)
			return err
		},
		peer: connectionOrList(
			`query($a: ID!) { actor: actors(where: {id: {eq: $a}}) { id name statements: statementsConnection(first: 20, `+peerSortNested+`) { edges { node { `+sel+` } } } } }`,
			`query($a: ID!) { actor: actors(where: {id: {eq: $a}}) { id name statements(limit: 20, `+peerSortList+`) { `+sel+` } } }`,
			map[string]any{"a": actor}, shape{Single: []string{"actor"}, Caseless: []string{"actor.statements.polarity"}}),
	}
}

// twoHop is actor → statements(20) → targets → statementsAbout(5) →
// speakers. The peer's statementsAbout is the TARGETS relationship itself,
// so whosaid's leaves narrower topics out here.
func twoHop(actor string) query {
	return query{
		name: "2-hop actor→statements→targets→about",
		graphql: `query($a: ID!) { actor(id: $a) { id statements(first: 20) { edges { node { id targets { ... on Topic { id label
			statementsAbout(first: 5, filter: {includeNarrower: false}) { edges { node { id date speakers { id name } } } } } } } } } } }`,
		variables: map[string]any{"a": actor},
		direct: func(ctx context.Context, st *store.Store) error {
			if _, err := st.ActorsByID(ctx, []string{actor}); err != nil {
				return err
			}
			page, _, err := st.Statements(ctx, kg.StatementScope{Speaker: actor}, kg.StatementFilter{}, byDate, 20, nil, kg.WithTargets)
			if err != nil {
				return err
			}
			// One batch for every target's first five, as whosaid's nested lists are read.
			seen := map[string]bool{}
			var starts []kg.PageStart
			for _, s := range page {
				// The targets read with the page (TargetNodes; Targets holds
				// ids only where the graph was written from), topics only,
				// as the query selects.
				for _, t := range s.TargetNodes {
					if topic, ok := t.(kg.Topic); ok && !seen[topic.ID] {
						seen[topic.ID] = true
						starts = append(starts, kg.PageStart{Parent: topic.ID})
					}
				}
			}
			_, err = st.StatementPages(ctx, kg.StatementBatch{Anchor: kg.AboutIt, Order: byDate, First: 5, Parts: kg.WithSpeakers}, starts)
			return err
		},
		peer: connectionOrList(
			`query($a: ID!) { actor: actors(where: {id: {eq: $a}}) { id statements: statementsConnection(first: 20, `+peerSortNested+`) { edges { node { id targets { ... on Topic { id label
				statementsAbout: statementsAboutConnection(first: 5, `+peerSortNested+`) { edges { node { id date speakers { id name } } } } } } } } } } }`,
			`query($a: ID!) { actor: actors(where: {id: {eq: $a}}) { id statements(limit: 20, `+peerSortList+`) { id targets { ... on Topic { id label
				statementsAbout(limit: 5, `+peerSortList+`) { id date speakers { id name } } } } } } }`,
			map[string]any{"a": actor}, shape{
				Single:    []string{"actor"},
				Unordered: []string{"actor.statements.targets", "actor.statements.targets.statementsAbout.speakers"},
			}),
	}
}

func totalCount() query {
	return query{
		name:    "statements totalCount only",
		graphql: `{ statements { totalCount } }`,
		direct: func(ctx context.Context, st *store.Store) error {
			_, err := st.CountStatements(ctx, kg.StatementScope{}, kg.StatementFilter{})
			return err
		},
		peer: []peerForm{{name: "connection", graphql: `{ statements: statementsConnection { totalCount } }`}},
	}
}

func idsAndDates() query {
	return query{
		name:    "statements page (50, id+date)",
		graphql: `{ statements(first: 50) { edges { node { id date } } } }`,
		direct: func(ctx context.Context, st *store.Store) error {
			_, _, err := st.Statements(ctx, kg.StatementScope{}, kg.StatementFilter{}, byDate, 50, nil, 0)
			return err
		},
		peer: connectionOrList(
			`{ statements: statementsConnection(first: 50, `+peerSortTop+`) { edges { node { id date } } } }`,
			`{ statements(limit: 50, `+peerSortList+`) { id date } }`, nil, shape{}),
	}
}

// whosaidOnly are the queries @neo4j/graphql cannot express: it generates
// reads of declared fields and relationships, with filters, sorts and
// counts, but no ranking, aggregation by group, graph traversal of unknown
// depth or scope expansion.
func whosaidOnly(searchName, heavy, middling string) []query {
	s := func(v string) *string { return &v }
	actors := []string{heavy, "a00001", "a00002", middling}
	topics := []string{"t0000", "t0001", "t0002", "t0003", "t0004"}
	return []query{
		{
			name:      "search",
			graphql:   `query($q: String!) { search(query: $q, first: 10) { kind score node { id } } }`,
			variables: map[string]any{"q": searchName},
			direct: func(ctx context.Context, st *store.Store) error {
				_, err := st.Search(ctx, searchName, nil, "", 10)
				return err
			},
			cannot: "cross-kind ranked search: its fulltext filter is per type and gives no score order across actors, topics and events, nor Arabic-aware matching",
		},
		{
			name:      "actor roll-up",
			graphql:   `query($a: ID!) { statements(first: 50, filter: {speaker: $a, includeAffiliates: true}) { edges { node { id speakers { id } } } } }`,
			variables: map[string]any{"a": heavy},
			direct: func(ctx context.Context, st *store.Store) error {
				_, _, err := st.Statements(ctx, kg.StatementScope{Speaker: heavy, Reach: kg.Reach{Affiliates: true, Narrower: true}}, kg.StatementFilter{}, byDate, 50, nil, kg.AllStatementParts)
				return err
			},
			cannot: "affiliate roll-up: officials while in office (HOLDS_POSITION dates) and bodies up to three PART_OF levels",
		},
		{
			name:      "stanceMatrix",
			graphql:   `query($a: [ID!], $t: [ID!], $from: String) { stanceMatrix(actors: $a, topics: $t, from: $from) { cells { actor { id } topic { id } favor against neutral net latestDate } } }`,
			variables: map[string]any{"a": actors, "t": topics, "from": "2020-01-01"},
			direct: func(ctx context.Context, st *store.Store) error {
				_, err := st.StanceMatrix(ctx, actors, topics, s("2020-01-01"), nil, kg.Trust{}, kg.ReachOf(nil, nil), false)
				return err
			},
			cannot: "stance matrix: counts grouped by actor × topic (its aggregations are per field, not grouped)",
		},
		{
			name:      "neighbourhood depth 2",
			graphql:   `query($a: ID!) { neighbourhood(id: $a, depth: 2, maxNodes: 150) { truncated nodes { id kind label degree } edges { id source target kind weight } } }`,
			variables: map[string]any{"a": middling},
			direct: func(ctx context.Context, st *store.Store) error {
				_, err := subgraph.Neighbourhood(ctx, st, middling, 2, 150, nil, subgraph.ViewCollapsed, subgraph.Filter{})
				return err
			},
			cannot: "neighbourhood: a capped subgraph over every relationship type, statements collapsed into weighted edges",
		},
		{
			name:      "paths",
			graphql:   `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4) { nodes { id } edges { id } } }`,
			variables: map[string]any{"a": middling, "b": "t0005"},
			direct: func(ctx context.Context, st *store.Store) error {
				_, err := subgraph.Paths(ctx, st, middling, "t0005", 4, subgraph.ViewCollapsed)
				return err
			},
			cannot: "paths: shortest paths of variable length between two nodes",
		},
	}
}

// peerCannot lists what @neo4j/graphql cannot express at all, for the
// report: the whosaid-only queries of the mix and the rest of the API.
var peerCannot = []string{
	"stance matrix (statement counts grouped by actor × topic, per proposition)",
	"alignment (actors ranked by shared stances)",
	"timeline (counts bucketed by day, month or year)",
	"neighbourhood (a capped subgraph with statements collapsed into weighted edges)",
	"paths (shortest paths of variable length)",
	"affiliate roll-ups (officials while in office, bodies up to three PART_OF levels) and narrower-topic scope",
	"insert-stable cursors (its cursors are offsets: an insert before the cursor shifts the next page)",
	"cross-kind ranked search (Arabic-aware, one score order across actors, topics and events)",
}
