package model

import (
	"context"

	"github.com/whosaid/whosaid/kg"
)

// Counter counts the whole list behind a connection. Connections carry one so
// that totalCount costs a query only when a client selects it.
type Counter func(ctx context.Context) (int, error)

// ActorConnection is a Relay connection of actors.
type ActorConnection struct {
	Edges    []*ActorEdge
	PageInfo *kg.PageInfo
	Count    Counter
}

// ActorEdge is one actor in an ActorConnection.
type ActorEdge struct {
	Cursor string
	Node   *kg.Actor
}
