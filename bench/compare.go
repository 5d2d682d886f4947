package bench

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// shape says how two servers' answers to the same question may differ in
// form without differing in content, so that whosaid's and the peer's
// answers can be compared field by field. Paths name fields from the top of
// `data` joined by dots, with list positions and connection wrappers
// (edges, node) left out: "statements.speakers".
type shape struct {
	// Unordered lists: the order is unspecified on at least one side, so
	// the items are sorted (by id, else by their JSON) before comparing.
	Unordered []string
	// Single fields: one side gives an object, the other (where
	// @neo4j/graphql models every relationship as a list) a list of at
	// most one.
	Single []string
	// Caseless string fields: the same stored value, given as an enum
	// (FAVOR) by whosaid and as the stored string (favor) by the peer.
	Caseless []string
}

// sameAnswer compares two GraphQL response bodies after normalising their
// shape; it returns "" when they answer the same, else where and how they
// differ first. A response with errors or without data never matches.
func sameAnswer(whosaid, peer []byte, s shape) string {
	w, err := responseData(whosaid)
	if err != nil {
		return "whosaid: " + err.Error()
	}
	p, err := responseData(peer)
	if err != nil {
		return "peer: " + err.Error()
	}
	return difference(normalise(w, "", s), normalise(p, "", s), "")
}

func responseData(body []byte) (any, error) {
	var r struct {
		Data   any               `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("not a GraphQL response: %v", err)
	}
	if len(r.Errors) > 0 {
		return nil, fmt.Errorf("errors: %s", truncate(string(r.Errors[0]), 200))
	}
	if r.Data == nil {
		return nil, fmt.Errorf("no data")
	}
	return r.Data, nil
}

// normalise rewrites v (decoded JSON at path) into the common form: a
// connection that carries only edges becomes the list of its nodes (one with
// totalCount keeps its other fields, edges as that list), single fields
// unwrap, unordered lists are sorted and caseless strings are lower-cased.
func normalise(v any, path string, s shape) any {
	switch t := v.(type) {
	case map[string]any:
		if edges, ok := t["edges"].([]any); ok {
			nodes := make([]any, len(edges))
			for i, e := range edges {
				if m, ok := e.(map[string]any); ok {
					nodes[i] = m["node"]
				}
			}
			if len(t) == 1 {
				return normalise(nodes, path, s)
			}
			t = maps.Clone(t)
			t["edges"] = nodes
		}
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = normalise(x, join(path, k), s)
		}
		return out
	case []any:
		if slices.Contains(s.Single, path) && len(t) <= 1 {
			if len(t) == 0 {
				return nil
			}
			return normalise(t[0], path, s)
		}
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = normalise(x, path, s)
		}
		if slices.Contains(s.Unordered, path) {
			sort.SliceStable(out, func(i, j int) bool { return sortKey(out[i]) < sortKey(out[j]) })
		}
		return out
	case string:
		if slices.Contains(s.Caseless, path) {
			return strings.ToLower(t)
		}
	}
	return v
}

func join(path, key string) string {
	if key == "edges" || key == "node" {
		return path
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// sortKey orders the items of an unordered list: by id where they have one,
// then by their JSON, so equal sets sort alike on both sides.
func sortKey(v any) string {
	data, _ := json.Marshal(v)
	if m, ok := v.(map[string]any); ok {
		if id, ok := m["id"].(string); ok {
			return id + "\x00" + string(data)
		}
	}
	return string(data)
}

// difference is "" when a and b are equal, else the first place they
// differ, with both values.
func difference(a, b any, at string) string {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return mismatch(at, a, b)
		}
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		// id first: where two items differ, their ids say most about how
		sort.Slice(keys, func(i, j int) bool {
			if (keys[i] == "id") != (keys[j] == "id") {
				return keys[i] == "id"
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			if d := difference(x[k], y[k], at+"."+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		y, ok := b.([]any)
		if !ok {
			return mismatch(at, a, b)
		}
		if len(x) != len(y) {
			return fmt.Sprintf("%s: whosaid has %d items, peer %d", strings.TrimPrefix(at, "."), len(x), len(y))
		}
		for i := range x {
			if d := difference(x[i], y[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		return mismatch(at, a, b)
	}
	return ""
}

func mismatch(at string, a, b any) string {
	wa, _ := json.Marshal(a)
	pb, _ := json.Marshal(b)
	return fmt.Sprintf("%s: whosaid %s, peer %s", strings.TrimPrefix(at, "."), truncate(string(wa), 80), truncate(string(pb), 80))
}
