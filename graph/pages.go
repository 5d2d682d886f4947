package graph

import (
	"context"
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/graph/model"
	"github.com/whosaid/whosaid/kg"
)

// connection builds a Relay connection from one page of items.
func connection[T any](items []T, hasNext, hasPrevious bool, cursor func(*T) string, count model.Counter) *model.Connection[T] {
	conn := &model.Connection[T]{Edges: make([]*model.Edge[T], len(items)), Count: count}
	cursors := make([]string, len(items))
	for i := range items {
		cursors[i] = cursor(&items[i])
		conn.Edges[i] = &model.Edge[T]{Cursor: cursors[i], Node: &items[i]}
	}
	conn.PageInfo = pageInfo(cursors, hasNext, hasPrevious)
	return conn
}

// sortKeyCursor encodes a (value, id) keyset position; a tab separates
// them because neither dates nor ids contain one.
func sortKeyCursor(list, value, id string) string { return encodeCursor(list, value+"\t"+id) }

func decodeSortKey(list string, after *string) (*kg.SortKey, error) {
	key, err := decodeCursor(list, after)
	if err != nil || key == "" {
		return nil, err
	}
	value, id, ok := strings.Cut(key, "\t")
	if !ok || id == "" {
		return nil, kg.Errorf(kg.Invalid, "after is not a cursor of this list")
	}
	return &kg.SortKey{Value: value, ID: id}, nil
}

// statementOrder fills in the defaults of an orderBy argument.
func statementOrder(o *kg.StatementOrder) kg.StatementOrder {
	order := kg.StatementOrder{Field: kg.OrderByDate, Direction: kg.Asc}
	if o != nil {
		if o.Field != "" {
			order.Field = o.Field
		}
		if o.Direction != "" {
			order.Direction = o.Direction
		}
	}
	return order
}

// statementQuery is a statements(…) field's arguments, checked: the
// scope, filter, order, page size and keyset position, the name of the
// list its cursors belong to, and the ids the filter names.
type statementQuery struct {
	scope kg.StatementScope
	f     kg.StatementFilter
	order kg.StatementOrder
	size  int
	after *kg.SortKey
	list  string
	named []string
}

// statementArgs checks the arguments of a statements(…) field. The scope
// says whose statements (an actor's, about a node, at an event, or all). A
// speaker or target in the filter of an unscoped list becomes the scope, so
// the query starts from that node's index entry.
func statementArgs(scope kg.StatementScope, filter *kg.StatementFilter, orderBy *kg.StatementOrder, first *int, after *string) (statementQuery, error) {
	q := statementQuery{scope: scope, order: statementOrder(orderBy)}
	var err error
	if q.size, err = PageSize(first); err != nil {
		return q, err
	}
	// The list name pins a cursor to its order: a DATE cursor means nothing in a CONFIDENCE list.
	q.list = "statement/" + string(q.order.Field) + "/" + string(q.order.Direction)
	if q.after, err = decodeSortKey(q.list, after); err != nil {
		return q, err
	}
	if q.after != nil && q.order.Field == kg.OrderByConfidence {
		v, perr := strconv.ParseFloat(q.after.Value.(string), 64)
		if perr != nil {
			return q, kg.Errorf(kg.Invalid, "after is not a cursor of this list")
		}
		q.after.Value = v
	}
	if filter != nil {
		q.f = *filter
	}
	f := &q.f
	if err := checkDates(f.From, f.To); err != nil {
		return q, err
	}
	if f.Trust, err = checkTrust(f.Method, f.MinConfidence); err != nil {
		return q, err
	}
	if len(f.Predicate) > len(kg.Predicates) {
		return q, kg.Errorf(kg.Invalid, "at most %d predicates", len(kg.Predicates))
	}
	q.named = []string{kg.Or(f.Speaker, ""), kg.Or(f.Target, ""), kg.Or(f.Event, ""), kg.Or(f.Document, "")}
	if q.scope == (kg.StatementScope{}) {
		switch {
		case f.Speaker != nil:
			q.scope.Speaker, f.Speaker = *f.Speaker, nil
		case f.Target != nil:
			q.scope.About, f.Target = *f.Target, nil
		case f.Event != nil:
			q.scope.Event, f.Event = *f.Event, nil
		}
	}
	q.scope.Reach = kg.ReachOf(f.IncludeAffiliates, f.IncludeNarrower)
	return q, nil
}

// statementsPage answers a statements(…) field with its own page query,
// which reads of each statement the parts the client selected.
func (r *Resolver) statementsPage(ctx context.Context, scope kg.StatementScope, filter *kg.StatementFilter, orderBy *kg.StatementOrder, first *int, after *string) (*model.StatementConnection, error) {
	q, err := statementArgs(scope, filter, orderBy, first, after)
	if err != nil {
		return nil, err
	}
	return r.statementConnection(ctx, q, func() ([]kg.Statement, bool, error) {
		return r.Graph.Statements(ctx, q.scope, q.f, q.order, q.size, q.after, statementParts(ctx))
	})
}

// statementConnection builds the connection of q from the page fetch
// reads, fetched only when the client needs it (pageWanted).
func (r *Resolver) statementConnection(ctx context.Context, q statementQuery, fetch func() ([]kg.Statement, bool, error)) (*model.StatementConnection, error) {
	wanted := pageWanted(ctx, q.size)
	items, hasNext, err := fetchPage(ctx, q.size, fetch)
	if err != nil {
		return nil, err
	}
	if wanted && len(items) == 0 && q.after == nil {
		if err := r.requireNodes(ctx, q.named...); err != nil {
			return nil, err
		}
	}
	count := func(ctx context.Context) (int, error) { return r.Graph.CountStatements(ctx, q.scope, q.f) }
	if !wanted {
		// Without a page, an empty count is what says whether the named
		// ids exist: a typo is NOT_FOUND, never "said nothing".
		count = func(ctx context.Context) (int, error) {
			c, err := r.Graph.CountStatements(ctx, q.scope, q.f)
			if err == nil && c == 0 {
				err = r.requireNodes(ctx, q.named...)
			}
			return c, err
		}
	}
	return connection(items, hasNext, q.after != nil,
		func(s *kg.Statement) string {
			v := s.Date
			if q.order.Field == kg.OrderByConfidence {
				v = strconv.FormatFloat(s.Confidence, 'g', -1, 64)
			}
			return sortKeyCursor(q.list, v, s.ID)
		}, count), nil
}

// checkTrust accepts a confidence between 0 and 1.
func checkTrust(method *kg.StatementMethod, minConfidence *float64) (kg.Trust, error) {
	if minConfidence != nil && (*minConfidence < 0 || *minConfidence > 1) {
		return kg.Trust{}, kg.Errorf(kg.Invalid, "minConfidence %v is not between 0 and 1", *minConfidence)
	}
	return kg.Trust{Method: method, MinConfidence: minConfidence}, nil
}

// checkDates accepts YYYY, YYYY-MM and YYYY-MM-DD bounds.
func checkDates(dates ...*string) error {
	for _, d := range dates {
		if d == nil {
			continue
		}
		if _, ok := kg.ParseDate(*d, false); !ok {
			return kg.Errorf(kg.Invalid, "%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", *d)
		}
	}
	return nil
}

func (r *Resolver) topicsPage(ctx context.Context, label *string, first *int, after *string) (*model.TopicConnection, error) {
	n, err := PageSize(first)
	if err != nil {
		return nil, err
	}
	afterID, err := decodeCursor("topic", after)
	if err != nil {
		return nil, err
	}
	l := ""
	if label != nil {
		l = *label
	}
	items, hasNext, err := fetchPage(ctx, n, func() ([]kg.Topic, bool, error) { return r.Graph.Topics(ctx, l, n, afterID) })
	if err != nil {
		return nil, err
	}
	return connection(items, hasNext, afterID != "",
		func(t *kg.Topic) string { return encodeCursor("topic", t.ID) },
		func(ctx context.Context) (int, error) { return r.Graph.CountTopics(ctx, l) }), nil
}

func (r *Resolver) eventsPage(ctx context.Context, first *int, after *string) (*model.EventConnection, error) {
	n, err := PageSize(first)
	if err != nil {
		return nil, err
	}
	key, err := decodeSortKey("event", after)
	if err != nil {
		return nil, err
	}
	items, hasNext, err := fetchPage(ctx, n, func() ([]kg.Event, bool, error) { return r.Graph.Events(ctx, n, key) })
	if err != nil {
		return nil, err
	}
	return connection(items, hasNext, key != nil,
		func(e *kg.Event) string { return sortKeyCursor("event", e.Date, e.ID) },
		r.Graph.CountEvents), nil
}

func (r *Resolver) documentsPage(ctx context.Context, first *int, after *string) (*model.DocumentConnection, error) {
	n, err := PageSize(first)
	if err != nil {
		return nil, err
	}
	afterID, err := decodeCursor("document", after)
	if err != nil {
		return nil, err
	}
	items, hasNext, err := fetchPage(ctx, n, func() ([]kg.Document, bool, error) { return r.Graph.Documents(ctx, n, afterID) })
	if err != nil {
		return nil, err
	}
	return connection(items, hasNext, afterID != "",
		func(d *kg.Document) string { return encodeCursor("document", d.ID) },
		r.Graph.CountDocuments), nil
}

// aliasesIn picks aliases by language; without one, both.
func aliasesIn(lang *kg.Lang, a kg.Aliases) []string {
	switch {
	case lang == nil:
		return append(append([]string{}, a.En...), a.Ar...)
	case *lang == kg.Arabic:
		return orEmpty(a.Ar)
	}
	return orEmpty(a.En)
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// documentText returns the stored text, or [start, end) of it in code points.
func documentText(text string, start, end *int) (string, error) {
	runes := []rune(text)
	s, e := 0, len(runes)
	if start != nil {
		s = *start
	}
	if end != nil {
		e = *end
	}
	if s > e {
		return "", kg.Errorf(kg.Invalid, "start %d is after end %d", s, e)
	}
	// Clamped, so that asking past the end («the next 500 code points») gives
	// what there is instead of failing and nulling the whole document.
	s, e = min(max(s, 0), len(runes)), min(max(e, 0), len(runes))
	return string(runes[s:e]), nil
}

func pointers[T any](list []T) []*T {
	out := make([]*T, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}
