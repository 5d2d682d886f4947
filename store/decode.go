package store

import (
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/kg"
)

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// predicates decodes a list of predicates, sorted and without repeats, and
// the one predicate they all are ("" for none or several).
func predicates(v any) (all []kg.Predicate, shared kg.Predicate) {
	names := strs(v)
	sort.Strings(names)
	for i, p := range names {
		if i == 0 || p != names[i-1] {
			all = append(all, kg.Predicate(p))
		}
	}
	if len(all) == 1 {
		shared = all[0]
	}
	return all, shared
}

func num(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return 0
}

func integer(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	return 0
}

// single returns the value of key in the only record of res, or the zero value.
func single[T any](res *neo4j.EagerResult, key string) T {
	var zero T
	if len(res.Records) == 0 {
		return zero
	}
	v, _ := res.Records[0].Get(key)
	t, ok := v.(T)
	if !ok {
		return zero
	}
	return t
}

// nullable turns an empty string into a Cypher null.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// page decodes up to first records of res (which asked for first+1) and says
// whether more follow.
func page[T any](res *neo4j.EagerResult, key string, first int, from func(any) T) ([]T, bool, error) {
	out := make([]T, 0, len(res.Records))
	for _, r := range res.Records {
		v, _ := r.Get(key)
		out = append(out, from(v))
	}
	if len(out) > first {
		return out[:first], true, nil
	}
	return out, false, nil
}

// byID decodes the records of res into a map keyed by id.
func byID[T any](res *neo4j.EagerResult, key string, from func(any) T, id func(T) string) map[string]T {
	out := make(map[string]T, len(res.Records))
	for _, r := range res.Records {
		v, _ := r.Get(key)
		t := from(v)
		out[id(t)] = t
	}
	return out
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}
