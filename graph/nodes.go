package graph

import (
	"context"
	"sync"

	"github.com/vikstrous/dataloadgen"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// nodeByID fetches any node through the general lookup.
func (r *Resolver) nodeByID(ctx context.Context, id string) (kg.Node, error) {
	n, err := r.Graph.NodeByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, kg.Errorf(kg.NotFound, "no node with id %q", id)
	}
	return n, nil
}

// requireNodes answers NOT_FOUND naming the first id that names no node,
// so that a typo in a filter or an analysis («putin» for vladimir-putin)
// does not look like "said nothing". Callers ask only when an answer came
// back empty, so a filter that matches costs nothing more.
// Each id is looked up once per operation: a filter repeated under every
// parent of a nested list is checked once, not once per empty page.
func (r *Resolver) requireNodes(ctx context.Context, ids ...string) error {
	for _, id := range ids {
		if id == "" {
			continue
		}
		c, _ := r.loaders(ctx).checks.LoadOrStore(id, &nodeCheck{})
		check := c.(*nodeCheck)
		check.once.Do(func() { _, check.err = r.nodeByID(ctx, id) })
		if check.err != nil {
			return check.err
		}
	}
	return nil
}

// nodeCheck is whether one id names a node, looked up once.
type nodeCheck struct {
	once sync.Once
	err  error
}

func (r *Resolver) statement(ctx context.Context, id string) (*kg.Statement, error) {
	return load(ctx, r.loaders(ctx).statements, id)
}

func (r *Resolver) statementList(ctx context.Context, ids []string) ([]*kg.Statement, error) {
	return loadAll(ctx, r.loaders(ctx).statements, ids)
}

// edgeStatements lists the statements behind a subgraph edge. Edges drawn
// from the collapsed STANCE relationships carry only their weight; their
// statements are read here, and only for the edges a client asks them for.
func (r *Resolver) edgeStatements(ctx context.Context, e *subgraph.Edge) ([]*kg.Statement, error) {
	ids := e.Statements
	if key, unread := e.Unread(); unread {
		var err error
		ids, err = r.loaders(ctx).stances.Load(ctx, key)
		if err != nil && err != dataloadgen.ErrNotFound {
			return nil, err
		}
	}
	return r.statementList(ctx, ids)
}

// search checks the arguments of Query.search; a first above the cap is
// taken as the cap, as for every list.
func (r *Resolver) search(ctx context.Context, query string, kinds []kg.SearchKind, lang *kg.Lang, first *int) ([]*kg.SearchHit, error) {
	n := min(kg.Or(first, DefaultHits), MaxPageSize)
	if n < 1 {
		return nil, kg.Errorf(kg.Invalid, "first must be at least 1")
	}
	if len([]rune(query)) > 500 {
		return nil, kg.Errorf(kg.Invalid, "query is longer than 500 characters")
	}
	var l kg.Lang
	if lang != nil {
		l = *lang
	}
	hits, err := r.Graph.Search(ctx, query, kinds, l, n)
	return pointers(hits), err
}

// nodeOfKind fetches a node whose kind is known through that kind's batch
// loader, so a page of search hits costs one query per kind, not per hit.
func (r *Resolver) nodeOfKind(ctx context.Context, kind kg.SearchKind, id string) (kg.Node, error) {
	l := r.loaders(ctx)
	var (
		n   kg.Node
		err error
	)
	switch kind {
	case kg.SearchActor:
		n, err = asNode(load(ctx, l.actors, id))
	case kg.SearchTopic:
		n, err = asNode(load(ctx, l.topics, id))
	case kg.SearchEvent:
		n, err = asNode(load(ctx, l.events, id))
	case kg.SearchPlace:
		n, err = asNode(load(ctx, l.places, id))
	case kg.SearchStatement:
		n, err = asNode(load(ctx, l.statements, id))
	case kg.SearchDocument:
		n, err = asNode(load(ctx, l.documents, id))
	default:
		return r.nodeByID(ctx, id)
	}
	if err == nil && n == nil {
		err = kg.Errorf(kg.NotFound, "no node with id %q", id)
	}
	return n, err
}

// asNode turns a loaded *T into a kg.Node, keeping nil as nil.
func asNode[T kg.Node](v *T, err error) (kg.Node, error) {
	if err != nil || v == nil {
		return nil, err
	}
	return *v, nil
}

// completeEvent returns obj if it came with its place, participants and
// topics, else the event as the loader reads it.
func (r *Resolver) completeEvent(ctx context.Context, obj *kg.Event) (*kg.Event, error) {
	if obj.Complete {
		return obj, nil
	}
	return load(ctx, r.loaders(ctx).events, obj.ID)
}

// requireMatrixIDs answers NOT_FOUND naming the first requested actor or
// topic that does not exist, among those no cell of m counts (the others
// do). It asks the request's loaders, which the matrix's actors and topics
// fields read from too, so the lookup is not paid twice.
func (r *Resolver) requireMatrixIDs(ctx context.Context, m kg.StanceMatrix, actors, topics []string) error {
	seen := map[string]bool{}
	for _, c := range m.Cells {
		seen[c.Actor], seen[c.Group] = true, true
	}
	unseen := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			if !seen[id] {
				out = append(out, id)
			}
		}
		return out
	}
	if err := requireLoaded(ctx, r.loaders(ctx).actors, unseen(actors), "actor"); err != nil {
		return err
	}
	return requireLoaded(ctx, r.loaders(ctx).topics, unseen(topics), "topic")
}

// requireLoaded loads ids and answers NOT_FOUND naming the first that
// names no kind.
func requireLoaded[T any](ctx context.Context, l *dataloadgen.Loader[string, T], ids []string, kind string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := l.LoadAll(ctx, ids)
	errs, perID := err.(dataloadgen.ErrorSlice)
	if !perID {
		return err
	}
	for i, e := range errs {
		if e == dataloadgen.ErrNotFound {
			return kg.Errorf(kg.NotFound, "no %s with id %q", kind, ids[i])
		}
		if e != nil {
			return e
		}
	}
	return nil
}
