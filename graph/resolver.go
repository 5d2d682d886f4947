// Package graph is the GraphQL layer (gqlgen): "graph" here means GraphQL.
// The executor in generated.go and the models in model/ are generated from
// ../schema.graphqls by `make generate`; the resolvers are thin: they check
// arguments, call the Reader, and shape the answer.
package graph

//go:generate sh -c "cd .. && go tool gqlgen generate"

import (
	"context"
	"log/slog"

	"github.com/whosaid/whosaid/kg"
)

// Reader is what the resolvers need from the knowledge graph.
type Reader interface {
	Actors(ctx context.Context, f kg.ActorFilter, first int, afterID string) ([]kg.Actor, bool, error)
	CountActors(ctx context.Context, f kg.ActorFilter) (int, error)
	ActorsByID(ctx context.Context, ids []string) (map[string]kg.Actor, error)
}

// Resolver holds the resolvers' dependencies.
type Resolver struct {
	Graph Reader
	Log   *slog.Logger
}
