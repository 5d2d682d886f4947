package server

import (
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"golang.org/x/sync/semaphore"

	"github.com/whosaid/whosaid/kg"
)

// drawingFields are the root fields whose answers are built whole in memory
// before they are written: drawings cut out of the graph (a dense
// neighbourhood of 150 nodes at 100k statements has 12,000 edges) and the
// analyses that carry every statement behind their figures (a stance matrix
// of up to 50 × 50 cells, an alignment's shared targets).
var drawingFields = map[string]bool{"neighbourhood": true, "paths": true, "stanceMatrix": true, "alignment": true}

// drawingSlots admit at most n subgraph drawings at once: GraphQL
// operations that draw (see admitDrawings) and neighbourhood exports share
// them. Drawings are bound by CPU (Neo4j's and the encoder's), so more of
// them at once only share the same cores while each holds its answer in
// memory: 64 clients asking for dense neighbourhoods took the server past
// 1 GiB.
type drawingSlots struct{ sem *semaphore.Weighted }

func newDrawingSlots(n int) drawingSlots { return drawingSlots{semaphore.NewWeighted(int64(n))} }

// errDrawingsBusy is what a drawing that found no slot in time answers.
var errDrawingsBusy = kg.Errorf(kg.Timeout, "the server is busy building other large answers (drawings, matrices, alignments) and none finished in time; try again")

// acquire waits for a slot until ctx ends (errDrawingsBusy then) and
// returns how to give it back; calling release more than once is harmless.
func (s drawingSlots) acquire(ctx context.Context) (release func(), err error) {
	if err := s.sem.Acquire(ctx, 1); err != nil {
		return nil, errDrawingsBusy
	}
	var once sync.Once
	return func() { once.Do(func() { s.sem.Release(1) }) }, nil
}

// admitDrawings lets operations that draw subgraphs run only in one of
// slots; the others wait for a slot within their own deadline and answer
// TIMEOUT if none comes. Other operations are not held back.
func admitDrawings(slots drawingSlots, present graphql.ErrorPresenterFunc) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if !graphql.HasOperationContext(ctx) || !drawsSubgraph(graphql.GetOperationContext(ctx).Operation) {
			return next(ctx)
		}
		release, err := slots.acquire(ctx)
		if err != nil {
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{present(ctx, err)}})
		}
		respond := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			// A query has one response; its data is encoded by the time
			// respond returns, so the slot is free again then.
			defer release()
			return respond(ctx)
		}
	}
}

// drawsSubgraph reports whether op selects a drawing field at its root
// (directly or through fragments).
func drawsSubgraph(op *ast.OperationDefinition) bool {
	if op == nil {
		return false
	}
	var walk func(ast.SelectionSet) bool
	walk = func(set ast.SelectionSet) bool {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if drawingFields[s.Name] {
					return true
				}
			case *ast.InlineFragment:
				if walk(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if s.Definition != nil && walk(s.Definition.SelectionSet) {
					return true
				}
			}
		}
		return false
	}
	return walk(op.SelectionSet)
}
