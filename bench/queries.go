package bench

import (
	"context"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/store"
	"github.com/whosaid/whosaid/subgraph"
)

// query is one entry of the fixed mix: the GraphQL request a client sends,
// and the same store work done straight through the Go driver (the limit
// whosaid's GraphQL layer is measured against).
type query struct {
	name      string
	graphql   string
	variables map[string]any
	direct    func(ctx context.Context, st *store.Store) error
}

// mix builds the query mix for a synthetic corpus: a00000 is the most
// active speaker (Zipf head, a country with bodies and officials), a00030
// a middling one, t0000… the first topics.
func mix(searchName string) []query {
	s := func(v string) *string { return &v }
	heavy, middling := "a00000", "a00030"
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
		},
		{
			name: "statements page (50, nested)",
			graphql: `query($a: ID!) { statements(first: 50, filter: {speaker: $a}) { edges { node { id predicate polarity date
				speakers { id name } targets { ... on Topic { id label } ... on Actor { id name } ... on Event { id name } }
				evidence { start end text document { id title } } } } } }`,
			variables: map[string]any{"a": middling},
			direct: func(ctx context.Context, st *store.Store) error {
				_, _, err := st.Statements(ctx, kg.StatementScope{Speaker: middling}, kg.StatementFilter{}, kg.StatementOrder{Field: kg.OrderByDate, Direction: kg.Asc}, 50, nil, kg.AllStatementParts)
				return err
			},
		},
		{
			name:      "actor roll-up",
			graphql:   `query($a: ID!) { statements(first: 50, filter: {speaker: $a, includeAffiliates: true}) { edges { node { id speakers { id } } } } }`,
			variables: map[string]any{"a": heavy},
			direct: func(ctx context.Context, st *store.Store) error {
				_, _, err := st.Statements(ctx, kg.StatementScope{Speaker: heavy, Reach: kg.Reach{Affiliates: true, Narrower: true}}, kg.StatementFilter{}, kg.StatementOrder{Field: kg.OrderByDate, Direction: kg.Asc}, 50, nil, kg.AllStatementParts)
				return err
			},
		},
		{
			name:      "stanceMatrix",
			graphql:   `query($a: [ID!], $t: [ID!], $from: String) { stanceMatrix(actors: $a, topics: $t, from: $from) { cells { actor { id } topic { id } favor against neutral net latestDate } } }`,
			variables: map[string]any{"a": actors, "t": topics, "from": "2020-01-01"},
			direct: func(ctx context.Context, st *store.Store) error {
				_, err := st.StanceMatrix(ctx, actors, topics, s("2020-01-01"), nil, kg.Trust{}, kg.ReachOf(nil, nil))
				return err
			},
		},
		{
			name:      "neighbourhood depth 2",
			graphql:   `query($a: ID!) { neighbourhood(id: $a, depth: 2, maxNodes: 150) { truncated nodes { id kind label degree } edges { id source target kind weight } } }`,
			variables: map[string]any{"a": middling},
			direct: func(ctx context.Context, st *store.Store) error {
				_, err := subgraph.Neighbourhood(ctx, st, middling, 2, 150, nil, subgraph.ViewCollapsed, subgraph.Filter{})
				return err
			},
		},
		{
			name:      "paths",
			graphql:   `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4) { nodes { id } edges { id } } }`,
			variables: map[string]any{"a": middling, "b": "t0005"},
			direct: func(ctx context.Context, st *store.Store) error {
				_, err := subgraph.Paths(ctx, st, middling, "t0005", 4, subgraph.ViewCollapsed)
				return err
			},
		},
	}
}
