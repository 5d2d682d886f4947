package graph

import (
	"context"
	"encoding/json"
	"reflect"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"github.com/whosaid/whosaid/graph/model"
	"github.com/whosaid/whosaid/kg"
)

// nestedStatements answers a statement list nested under a node (an
// actor's statements, what was said at an event, what was said about a
// node). Under a list of parents, every parent asking the same list (same
// anchor, filter, size and selected parts) is answered by one query for
// all of them; a parent alone (`actor(id:)`) asks its own page at once,
// without waiting for others.
func (r *Resolver) nestedStatements(ctx context.Context, anchor kg.Anchor, parent string, filter *kg.StatementFilter, first *int, after *string) (*model.StatementConnection, error) {
	q, err := statementArgs(anchor.Scope(parent, kg.Reach{}), filter, nil, first, after)
	if err != nil {
		return nil, err
	}
	parts := statementParts(ctx)
	if !inList(ctx) {
		return r.statementConnection(ctx, q, func() ([]kg.Statement, bool, error) {
			return r.Graph.Statements(ctx, q.scope, q.f, q.order, q.size, q.after, parts)
		})
	}
	b := kg.StatementBatch{Anchor: anchor, Reach: q.scope.Reach, Filter: q.f, Order: q.order, First: q.size, Parts: parts}
	// A cursor is a keyset position in its parent's own list: parents with
	// different cursors still share the batch, each after its own.
	start := pageKey{parent: parent}
	if q.after != nil {
		start.afterValue, start.afterID = q.after.Value, q.after.ID
	}
	return r.statementConnection(ctx, q, func() ([]kg.Statement, bool, error) {
		p, err := r.loaders(ctx).pages(b, siblings(ctx)).Load(ctx, start)
		return p.Items, p.HasNext, err
	})
}

// inList reports whether the field being resolved belongs to an item of a
// list, where its siblings under the other items ask alike.
func inList(ctx context.Context) bool {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return true
		}
	}
	return false
}

// siblings is how many items of a list ask the field being resolved when
// that list is the only one above it (each actor of `actors`, each topic
// among a statement's targets), or 0 when it cannot say (lists within
// lists: the topics of each statement of a page).
func siblings(ctx context.Context) int {
	field := graphql.GetFieldContext(ctx)
	var item *graphql.FieldContext
	for fc := field; fc != nil; fc = fc.Parent {
		if fc.Index == nil {
			continue
		}
		if item != nil {
			return 0
		}
		item = fc
	}
	if item == nil || item.Parent == nil {
		return 0
	}
	list := reflect.ValueOf(item.Parent.Result)
	if list.Kind() != reflect.Slice {
		return 0
	}
	return askers(list, field.Object)
}

// askers counts the items of list that are of the GraphQL type object
// (kg's types are named as the schema's); a list of wrappers (edges) holds
// none, and then every item asks.
func askers(list reflect.Value, object string) int {
	n := 0
	for i := range list.Len() {
		item := list.Index(i)
		for item.Kind() == reflect.Interface || item.Kind() == reflect.Pointer {
			item = item.Elem()
		}
		if item.IsValid() && item.Type().Name() == object {
			n++
		}
	}
	if n == 0 {
		return list.Len()
	}
	return n
}

// pageKey is where one parent's page of a batch starts, comparable so the
// loader can key on it.
type pageKey struct {
	parent     string
	afterValue any
	afterID    string
}

func (k pageKey) start() kg.PageStart {
	if k.afterID == "" {
		return kg.PageStart{Parent: k.parent}
	}
	return kg.PageStart{Parent: k.parent, After: &kg.SortKey{Value: k.afterValue, ID: k.afterID}}
}

// batches holds one loader per statement batch asked in an operation.
type batches struct {
	mu      sync.Mutex
	loaders map[string]*dataloadgen.Loader[pageKey, kg.StatementPage]
	g       Reader
	opts    []dataloadgen.Option
}

// pages returns the loader of batch b, made on first use. Batches are told
// apart by their value: two fields with the same arguments share one.
// When the number of parents is known, the batch is read as soon as they
// have all asked, and the wait is only a bound for a parent that never
// asks (a fragment on another type, a repeated parent): under load the
// parents' goroutines may take longer than the usual wait to start, and
// each late one would cost a query of its own.
func (l *loaders) pages(b kg.StatementBatch, parents int) *dataloadgen.Loader[pageKey, kg.StatementPage] {
	key, _ := json.Marshal(b) // plain values and pointers to them: cannot fail
	l.batches.mu.Lock()
	defer l.batches.mu.Unlock()
	if pl, ok := l.batches.loaders[string(key)]; ok {
		return pl
	}
	g := l.batches.g
	pl := dataloadgen.NewLoader(func(ctx context.Context, keys []pageKey) ([]kg.StatementPage, []error) {
		starts := make([]kg.PageStart, len(keys))
		for i, k := range keys {
			starts[i] = k.start()
		}
		pages, err := g.StatementPages(ctx, b, starts)
		if err != nil {
			return nil, []error{err}
		}
		return pages, nil
	}, l.batches.options(parents)...)
	l.batches.loaders[string(key)] = pl
	return pl
}

// options are the loader options of a batch of the given parents (0:
// unknown).
func (b *batches) options(parents int) []dataloadgen.Option {
	if parents == 0 {
		return b.opts
	}
	return []dataloadgen.Option{dataloadgen.WithBatchCapacity(parents), dataloadgen.WithWait(knownBatchWait)}
}

// knownBatchWait bounds the wait of a batch that is read once its known
// parents have all asked. It is long (a slow machine, or the race detector,
// may take tens of milliseconds to start every parent's goroutine) because
// it is paid only when a counted parent never asks: a parent repeated in
// its list, or a list of wrappers holding other types (search hits).
const knownBatchWait = 50 * time.Millisecond

// byID fetches one node by id at once, without a loader's wait: a root
// lookup (`actor(id:)`) has nothing to batch with. The node then primes the
// loader, so that the same id asked deeper in the operation is not read
// again.
func byID[T any](ctx context.Context, fetch func(context.Context, []string) (map[string]T, error), l *dataloadgen.Loader[string, T], id string) (*T, error) {
	found, err := fetch(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	v, ok := found[id]
	if !ok {
		return nil, nil
	}
	l.Prime(id, v)
	return &v, nil
}
