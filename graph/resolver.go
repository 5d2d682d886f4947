// Package graph is the GraphQL layer (gqlgen): "graph" here means GraphQL.
// The executor in generated.go and the models in model/ are generated from
// ../schema.graphqls by `make generate`; the resolvers are thin: they check
// arguments, call the Reader (through per-request loaders for related
// nodes), and shape the answer.
package graph

//go:generate sh -c "cd .. && go tool gqlgen generate"

import (
	"context"
	"log/slog"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// Reader is what the resolvers need from the knowledge graph, in the parts
// its implementations (store.Store: one file each) serve.
type Reader interface {
	Catalogue
	StatementReader
	Searcher
	Analyses
	subgraph.Source
}

// Catalogue reads the catalogue: any node by its public id, and actors,
// topics, events, places, documents and mentions in pages or by id. A
// ...ByID lookup leaves out the ids it does not find; NodeByID answers
// (nil, nil) for an unknown id.
type Catalogue interface {
	NodeByID(ctx context.Context, id string) (kg.Node, error)

	Actors(ctx context.Context, f kg.ActorFilter, first int, afterID string) ([]kg.Actor, bool, error)
	CountActors(ctx context.Context, f kg.ActorFilter) (int, error)
	ActorsByID(ctx context.Context, ids []string) (map[string]kg.Actor, error)
	Relations(ctx context.Context, t kg.RelationType, ids []string, incoming bool) (map[string][]kg.Relation, error)

	Topics(ctx context.Context, label string, first int, afterID string) ([]kg.Topic, bool, error)
	CountTopics(ctx context.Context, label string) (int, error)
	TopicsByID(ctx context.Context, ids []string) (map[string]kg.Topic, error)
	NarrowerTopics(ctx context.Context, ids []string) (map[string][]string, error)

	Events(ctx context.Context, first int, after *kg.SortKey) ([]kg.Event, bool, error)
	CountEvents(ctx context.Context) (int, error)
	EventsByID(ctx context.Context, ids []string) (map[string]kg.Event, error)
	PlacesByID(ctx context.Context, ids []string) (map[string]kg.Place, error)

	Documents(ctx context.Context, first int, afterID string) ([]kg.Document, bool, error)
	CountDocuments(ctx context.Context) (int, error)
	DocumentsByID(ctx context.Context, ids []string, withText bool) (map[string]kg.Document, error)
	MentionsByID(ctx context.Context, ids []string) (map[string]kg.Mention, error)
}

// StatementReader reads statements: pages in a scope, with the parts of
// each statement asked for; a page for each of many parents at once; their
// count; and statements by id.
type StatementReader interface {
	Statements(ctx context.Context, scope kg.StatementScope, f kg.StatementFilter, order kg.StatementOrder, first int, after *kg.SortKey, parts kg.StatementParts) ([]kg.Statement, bool, error)
	StatementPages(ctx context.Context, b kg.StatementBatch, starts []kg.PageStart) ([]kg.StatementPage, error)
	CountStatements(ctx context.Context, scope kg.StatementScope, f kg.StatementFilter) (int, error)
	StatementsByID(ctx context.Context, ids []string) (map[string]kg.Statement, error)
}

// Searcher finds nodes by what they are called or say.
type Searcher interface {
	Search(ctx context.Context, query string, kinds []kg.SearchKind, lang kg.Lang, first int) ([]kg.SearchHit, error)
}

// Analyses sum statements up: who stands where on what, who agrees with
// whom, when things were said, and the graph as a whole.
type Analyses interface {
	// withStatements: the cells list their statements; without, a store
	// may count them without reading each one.
	StanceMatrix(ctx context.Context, actors, topics []string, from, to *string, trust kg.Trust, reach kg.Reach, withStatements bool) (kg.StanceMatrix, error)
	Alignment(ctx context.Context, actor string, from, to *string, first int, trust kg.Trust, reach kg.Reach) ([]kg.Alignment, error)
	Timeline(ctx context.Context, actor, topic string, from, to *string, bucket kg.TimeBucket, trust kg.Trust, reach kg.Reach) ([]kg.TimelineBucket, error)
	Stats(ctx context.Context) (kg.Stats, error)
}

// Resolver holds the resolvers' dependencies.
type Resolver struct {
	Graph Reader
	Log   *slog.Logger
}
