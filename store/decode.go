package store

// The driver hands back every value as any. The decoders here read the rows
// and map projections the queries return, and report a key a query did not
// return, or a value of another type than its decoder reads, as an internal
// error naming the query and the key: a query and its decoder that drift
// apart fail loudly instead of answering zero values. Null, a property a
// node does not have, reads as the zero value. Every projection therefore
// names its keys (nodes.go), rather than taking whatever properties a node
// happens to have (`n {.*}`).

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/kg"
)

// result is what a query returned, with the query's name for what its
// decoders report.
type result struct {
	*neo4j.EagerResult
	op string
}

// fields reads the values of one row or one map projection. It keeps the
// first problem it meets (shared with the fields of the maps nested in it)
// and returns zero values after it; decode reports it.
type fields struct {
	get  func(key string) (any, bool)
	path string // where the values are, for messages: "row 3", "row 3.speakers[0]"
	err  *error
}

// value returns the value of key, and whether it is not null. A missing
// key is a problem.
func (f fields) value(key string) (any, bool) {
	if *f.err != nil {
		return nil, false
	}
	v, ok := f.get(key)
	if !ok {
		f.fail(key, "is missing")
		return nil, false
	}
	return v, v != nil
}

func (f fields) fail(key, format string, args ...any) {
	if *f.err == nil {
		*f.err = fmt.Errorf("%s.%s %s", f.path, key, fmt.Sprintf(format, args...))
	}
}

// as reads key as a T; null is the zero value.
func as[T any](f fields, key string) T {
	var zero T
	v, ok := f.value(key)
	if !ok {
		return zero
	}
	t, ok := v.(T)
	if !ok {
		f.fail(key, "is a %T, not a %T", v, zero)
	}
	return t
}

func (f fields) str(key string) string { return as[string](f, key) }

func (f fields) flag(key string) bool { return as[bool](f, key) }

// integer reads a whole number; Cypher arithmetic may give it as a float.
func (f fields) integer(key string) int { return int(f.num(key)) }

// num reads a number, integer or float.
func (f fields) num(key string) float64 {
	v, ok := f.value(key)
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	if ok {
		f.fail(key, "is a %T, not a number", v)
	}
	return 0
}

// list reads a list; null is an empty one.
func (f fields) list(key string) []any { return as[[]any](f, key) }

// strs reads a list of strings, leaving out its nulls (a list of optional
// properties); null is an empty list.
func (f fields) strs(key string) []string {
	list := f.list(key)
	out := make([]string, 0, len(list))
	for i, x := range list {
		switch s := x.(type) {
		case string:
			out = append(out, s)
		case nil:
		default:
			f.fail(fmt.Sprintf("%s[%d]", key, i), "is a %T, not a string", x)
			return nil
		}
	}
	return out
}

// predicates reads a list of predicates, sorted and without repeats, and
// the one predicate they all are ("" for none or several).
func (f fields) predicates(key string) (all []kg.Predicate, shared kg.Predicate) {
	names := f.strs(key)
	slices.Sort(names)
	for _, p := range slices.Compact(names) {
		all = append(all, kg.Predicate(p))
	}
	if len(all) == 1 {
		shared = all[0]
	}
	return all, shared
}

// nested reads the map at key, and whether it is not null.
func (f fields) nested(key string) (fields, bool) {
	v, ok := f.value(key)
	if !ok {
		return f.child(key, nil), false
	}
	m, ok := v.(map[string]any)
	if !ok {
		f.fail(key, "is a %T, not a map", v)
	}
	return f.child(key, m), ok
}

// each reads the list of maps at key; null is an empty list.
func (f fields) each(key string) []fields {
	list := f.list(key)
	out := make([]fields, 0, len(list))
	for i, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			f.fail(fmt.Sprintf("%s[%d]", key, i), "is a %T, not a map", x)
			return nil
		}
		out = append(out, f.child(fmt.Sprintf("%s[%d]", key, i), m))
	}
	return out
}

func (f fields) child(key string, m map[string]any) fields {
	return fields{get: func(k string) (any, bool) { v, ok := m[k]; return v, ok }, path: f.path + "." + key, err: f.err}
}

// decode reads every row of res with from. A problem is an internal error
// (its message, like every internal error's, says no more to clients).
func decode[T any](res *result, from func(fields) T) ([]T, error) {
	var err error
	out := make([]T, 0, len(res.Records))
	for i, r := range res.Records {
		out = append(out, from(fields{get: r.Get, path: fmt.Sprintf("row %d", i), err: &err}))
		if err != nil {
			return nil, &kg.Error{Kind: kg.Internal, Message: "internal error", Err: fmt.Errorf("store: %s: decode %w", res.op, err)}
		}
	}
	return out, nil
}

// column reads the map in column key of every row of res with from.
func column[T any](res *result, key string, from func(fields) T) ([]T, error) {
	return decode(res, func(r fields) T {
		m, ok := r.nested(key)
		if !ok {
			r.fail(key, "is null")
		}
		return from(m)
	})
}

// one reads the only row of res with from; no row, or several, is a
// problem.
func one[T any](res *result, from func(fields) T) (T, error) {
	all, err := decode(res, from)
	if err == nil && len(all) != 1 {
		err = &kg.Error{Kind: kg.Internal, Message: "internal error", Err: fmt.Errorf("store: %s: %d rows where one was due", res.op, len(all))}
	}
	if err != nil {
		var zero T
		return zero, err
	}
	return all[0], nil
}

// readCount runs a query whose only row is a count n.
func (s *Store) readCount(ctx context.Context, op, cypher string, params map[string]any) (int, error) {
	res, err := s.read(ctx, op, cypher, params)
	if err != nil {
		return 0, err
	}
	return one(res, func(r fields) int { return r.integer("n") })
}

// ids reads every row's id.
func ids(res *result) ([]string, error) {
	return decode(res, func(r fields) string { return r.str("id") })
}

// page reads up to first nodes in column key of res (which asked for
// first+1) and says whether more follow.
func page[T any](res *result, key string, first int, from func(fields) T) ([]T, bool, error) {
	out, err := column(res, key, from)
	if err != nil || len(out) <= first {
		return out, false, err
	}
	return out[:first], true, nil
}

// readByID runs a query returning nodes in column key, and reads them
// keyed by id.
func readByID[T any](ctx context.Context, s *Store, op, cypher string, params map[string]any, key string, from func(fields) T, id func(T) string) (map[string]T, error) {
	res, err := s.read(ctx, op, cypher, params)
	if err != nil {
		return nil, err
	}
	list, err := column(res, key, from)
	if err != nil {
		return nil, err
	}
	out := make(map[string]T, len(list))
	for _, t := range list {
		out[id(t)] = t
	}
	return out, nil
}

// listsByID reads every row's id and the list of strings at key, keyed by
// the id.
func listsByID(res *result, key string) (map[string][]string, error) {
	type row struct {
		id   string
		list []string
	}
	rows, err := decode(res, func(r fields) row { return row{r.str("id"), r.strs(key)} })
	out := make(map[string][]string, len(rows))
	for _, r := range rows {
		out[r.id] = r.list
	}
	return out, err
}
