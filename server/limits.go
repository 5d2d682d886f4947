package server

import (
	"context"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// depthLimit rejects operations nested deeper than max fields, counting
// through fragments, and operations with more than maxAliases aliased
// fields (aliases let one request repeat an expensive field many times).
// Introspection fields are not counted: the playground's own schema query
// is deep but cheap.
type depthLimit struct{ max, maxAliases int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }
func (d depthLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if depth := selectionDepth(oc.Operation.SelectionSet, 0); depth > d.max {
		err := gqlerror.Errorf("query is nested %d levels deep; the limit is %d", depth, d.max)
		err.Extensions = map[string]any{"code": "BAD_USER_INPUT"}
		return err
	}
	if n := countAliases(oc.Operation.SelectionSet, 0); n > d.maxAliases {
		err := gqlerror.Errorf("query has %d aliased fields; the limit is %d", n, d.maxAliases)
		err.Extensions = map[string]any{"code": "BAD_USER_INPUT"}
		return err
	}
	return nil
}

func countAliases(set ast.SelectionSet, guard int) int {
	if guard > 100 {
		return 0
	}
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				n++
			}
			n += countAliases(s.SelectionSet, guard+1)
		case *ast.InlineFragment:
			n += countAliases(s.SelectionSet, guard+1)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				n += countAliases(s.Definition.SelectionSet, guard+1)
			}
		}
	}
	return n
}

func selectionDepth(set ast.SelectionSet, guard int) int {
	if guard > 100 { // fragment cycles are rejected by validation; stay safe anyway
		return guard
	}
	deepest := 0
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.Name) > 1 && s.Name[:2] == "__" {
				continue
			}
			d = 1 + selectionDepth(s.SelectionSet, guard+1)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, guard+1)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = selectionDepth(s.Definition.SelectionSet, guard+1)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// capResponse replaces an answer whose data is larger than max bytes with a
// RESPONSE_TOO_LARGE error. Query cost bounds what an answer can hold; this
// bounds what it does hold, for the fields whose fan-out cost can only
// estimate (a cell's statements, a document's text).
func capResponse(max int) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp == nil || len(resp.Data) <= max {
			return resp
		}
		err := gqlerror.Errorf("the answer is %d bytes; the limit is %d: ask for fewer items (first), fewer fields, or document text in slices (text(start, end))", len(resp.Data), max)
		err.Extensions = map[string]any{"code": codeResponseTooLarge, "limitBytes": max}
		return &graphql.Response{Errors: gqlerror.List{err}, Extensions: resp.Extensions}
	}
}

// writeGrace is how long past its timeout a request may take to write its
// answer: enough for an error, not for a client that stopped reading.
const writeGrace = 2 * time.Second

// withTimeout bounds every request, writing its answer included: the store
// passes what is left of it to Neo4j as the transaction timeout, and a
// client that stops reading loses the connection when it runs out instead
// of holding the handler (and the answer in memory) for as long as it likes.
func withTimeout(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		// Not every ResponseWriter supports deadlines (httptest's recorder
		// does not); the server's own WriteTimeout still applies then.
		// The deadline leaves writeGrace past the request's time, so that a
		// request that runs out of it can still be told TIMEOUT.
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(d + writeGrace))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
