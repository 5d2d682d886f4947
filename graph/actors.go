package graph

import (
	"context"

	"github.com/whosaid/whosaid/graph/model"
	"github.com/whosaid/whosaid/kg"
)

// actorsPage runs the actors query behind Query.actors.
func (r *Resolver) actorsPage(ctx context.Context, filter *kg.ActorFilter, first *int, after *string) (*model.ActorConnection, error) {
	n, err := pageSize(first)
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
	actors, hasNext, err := r.Graph.Actors(ctx, f, n, afterID)
	if err != nil {
		return nil, err
	}
	conn := &model.ActorConnection{
		Edges: make([]*model.ActorEdge, len(actors)),
		Count: func(ctx context.Context) (int, error) { return r.Graph.CountActors(ctx, f) },
	}
	cursors := make([]string, len(actors))
	for i := range actors {
		cursors[i] = encodeCursor("actor", actors[i].ID)
		conn.Edges[i] = &model.ActorEdge{Cursor: cursors[i], Node: &actors[i]}
	}
	conn.PageInfo = pageInfo(cursors, hasNext, afterID != "")
	return conn, nil
}

// actorByID returns the actor with the id, or nil when there is none.
func (r *Resolver) actorByID(ctx context.Context, id string) (*kg.Actor, error) {
	found, err := r.Graph.ActorsByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	a, ok := found[id]
	if !ok {
		return nil, nil
	}
	return &a, nil
}
