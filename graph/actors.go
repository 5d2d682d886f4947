package graph

import (
	"context"

	"github.com/whosaid/whosaid/graph/model"
	"github.com/whosaid/whosaid/kg"
)

// actorsPage runs the actors query behind Query.actors.
func (r *Resolver) actorsPage(ctx context.Context, filter *kg.ActorFilter, first *int, after *string) (*model.ActorConnection, error) {
	n, err := PageSize(first)
	if err != nil {
		return nil, err
	}
	afterID, err := decodeCursor("actor", after)
	if err != nil {
		return nil, err
	}
	var f kg.ActorFilter
	if filter != nil {
		f = *filter
	}
	actors, hasNext, err := fetchPage(ctx, n, func() ([]kg.Actor, bool, error) { return r.Graph.Actors(ctx, f, n, afterID) })
	if err != nil {
		return nil, err
	}
	return connection(actors, hasNext, afterID != "",
		func(a *kg.Actor) string { return encodeCursor("actor", a.ID) },
		func(ctx context.Context) (int, error) { return r.Graph.CountActors(ctx, f) }), nil
}

func (r *Resolver) actor(ctx context.Context, id string) (*kg.Actor, error) {
	return load(ctx, r.loaders(ctx).actors, id)
}

func (r *Resolver) actorList(ctx context.Context, ids []string) ([]*kg.Actor, error) {
	return loadAll(ctx, r.loaders(ctx).actors, ids)
}

// byKind fetches one node of a known kind through the general node lookup.
func nodeAs[T any](ctx context.Context, r *Resolver, id string) (*T, error) {
	n, err := r.Graph.NodeByID(ctx, id)
	if err != nil || n == nil {
		return nil, err
	}
	if t, ok := n.(T); ok {
		return &t, nil
	}
	return nil, nil
}
