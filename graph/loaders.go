package graph

import (
	"context"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// loaders batch the lookups of related nodes within one GraphQL operation:
// the speakers of twenty statements cost one query, not twenty.
type loaders struct {
	actors     *dataloadgen.Loader[string, kg.Actor]
	topics     *dataloadgen.Loader[string, kg.Topic]
	narrower   *dataloadgen.Loader[string, []string]
	events     *dataloadgen.Loader[string, kg.Event]
	places     *dataloadgen.Loader[string, kg.Place]
	documents  *dataloadgen.Loader[string, kg.Document]
	texts      *dataloadgen.Loader[string, kg.Document]
	statements *dataloadgen.Loader[string, kg.Statement]
	relations  map[relationKey]*dataloadgen.Loader[string, []kg.Relation]
	// stances reads the statements behind the STANCE edges of a subgraph,
	// all edges asked for in one query.
	stances *dataloadgen.Loader[subgraph.StanceKey, []string]
	// batches reads the nested statement lists, one query per list for all
	// its parents.
	batches batches
	// checks holds the ids requireNodes looked up (a *nodeCheck each).
	checks sync.Map
}

type relationKey struct {
	t        kg.RelationType
	incoming bool
}

type loadersKey struct{}

// WithLoaders returns ctx carrying fresh loaders for one operation.
func WithLoaders(ctx context.Context, g Reader) context.Context {
	// A short wait collects the calls of one level of the selection; the
	// common paths (statements with speakers, targets, occasion, evidence)
	// need no loader at all, their data comes with the root query.
	opts := []dataloadgen.Option{dataloadgen.WithWait(2 * time.Millisecond)}
	l := &loaders{
		actors:   dataloadgen.NewMappedLoader(g.ActorsByID, opts...),
		topics:   dataloadgen.NewMappedLoader(g.TopicsByID, opts...),
		narrower: dataloadgen.NewMappedLoader(g.NarrowerTopics, opts...),
		events:   dataloadgen.NewMappedLoader(g.EventsByID, opts...),
		places:   dataloadgen.NewMappedLoader(g.PlacesByID, opts...),
		documents: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]kg.Document, error) {
			return g.DocumentsByID(ctx, ids, false)
		}, opts...),
		texts: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]kg.Document, error) {
			return g.DocumentsByID(ctx, ids, true)
		}, opts...),
		statements: dataloadgen.NewMappedLoader(g.StatementsByID, opts...),
		relations:  map[relationKey]*dataloadgen.Loader[string, []kg.Relation]{},
		stances:    dataloadgen.NewMappedLoader(g.StanceStatements, opts...),
		batches:    batches{loaders: map[string]*dataloadgen.Loader[pageKey, kg.StatementPage]{}, g: g, opts: opts},
	}
	for _, t := range []kg.RelationType{kg.HoldsPosition, kg.PartOf, kg.MemberOf} {
		for _, incoming := range []bool{false, true} {
			t, incoming := t, incoming
			l.relations[relationKey{t, incoming}] = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]kg.Relation, error) {
				return g.Relations(ctx, t, ids, incoming)
			}, opts...)
		}
	}
	return context.WithValue(ctx, loadersKey{}, l)
}

func (r *Resolver) loaders(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	// Outside an operation set up by the server (tests calling resolvers directly).
	return WithLoaders(ctx, r.Graph).Value(loadersKey{}).(*loaders)
}

// load fetches one value; a missing key is nil, not an error.
func load[T any](ctx context.Context, l *dataloadgen.Loader[string, T], id string) (*T, error) {
	if id == "" {
		return nil, nil
	}
	v, err := l.Load(ctx, id)
	if err == dataloadgen.ErrNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// loadAll fetches many values in order, skipping missing ones.
func loadAll[T any](ctx context.Context, l *dataloadgen.Loader[string, T], ids []string) ([]*T, error) {
	vals, err := l.LoadAll(ctx, ids)
	out := make([]*T, 0, len(ids))
	for i := range vals {
		if err != nil {
			if errs, ok := err.(dataloadgen.ErrorSlice); ok && errs[i] != nil {
				if errs[i] == dataloadgen.ErrNotFound {
					continue
				}
				return nil, errs[i]
			}
		}
		out = append(out, &vals[i])
	}
	if err != nil {
		if _, ok := err.(dataloadgen.ErrorSlice); !ok {
			return nil, err
		}
	}
	return out, nil
}

// relations lists an actor's relations of one type; with at, only those
// held at some time during that date, month or year. The request's loader
// reads them all once, so asking for several dates costs no more queries.
func (r *Resolver) relations(ctx context.Context, t kg.RelationType, id string, incoming bool, at *string) ([]*kg.Relation, error) {
	if err := checkDates(at); err != nil {
		return nil, err
	}
	rels, err := load(ctx, r.loaders(ctx).relations[relationKey{t, incoming}], id)
	if err != nil || rels == nil {
		return []*kg.Relation{}, err
	}
	held := func(*kg.Relation) bool { return true }
	if at != nil {
		first, _ := kg.ParseDate(*at, false)
		last, _ := kg.ParseDate(*at, true)
		held = func(rel *kg.Relation) bool { return rel.HeldDuring(first, last) }
	}
	out := make([]*kg.Relation, 0, len(*rels))
	for i := range *rels {
		if held(&(*rels)[i]) {
			out = append(out, &(*rels)[i])
		}
	}
	return out, nil
}
