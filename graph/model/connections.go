// Package model holds the GraphQL-only types: Relay connections and edges
// (generated ones go to models_gen.go). Domain types come from kg.
package model

import (
	"context"

	"github.com/whosaid/whosaid/kg"
)

// Counter counts the whole list behind a connection. Connections carry one so
// that totalCount costs a query only when a client selects it.
type Counter func(ctx context.Context) (int, error)

// Edge is one item of a connection with its cursor.
type Edge[T any] struct {
	Cursor string
	Node   *T
}

// Connection is a Relay connection.
type Connection[T any] struct {
	Edges    []*Edge[T]
	PageInfo *kg.PageInfo
	Count    Counter
}

// The connection and edge types of the schema.
type (
	ActorEdge           = Edge[kg.Actor]
	ActorConnection     = Connection[kg.Actor]
	StatementEdge       = Edge[kg.Statement]
	StatementConnection = Connection[kg.Statement]
	TopicEdge           = Edge[kg.Topic]
	TopicConnection     = Connection[kg.Topic]
	EventEdge           = Edge[kg.Event]
	EventConnection     = Connection[kg.Event]
	DocumentEdge        = Edge[kg.Document]
	DocumentConnection  = Connection[kg.Document]
)
