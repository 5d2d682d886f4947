package graph

import (
	"strconv"
	"testing"

	"github.com/whosaid/whosaid/subgraph"
)

// The schema's argument defaults are what the resolvers, the exports and
// the cost pricing take when an argument is left out: each is defined once
// in Go, and schema.graphqls, which repeats it for clients, is held to it.
func TestSchemaDefaultsAreTheGoDefaults(t *testing.T) {
	schema := loadSchema(t)
	want := map[[3]string]int{
		{"Query", "neighbourhood", "depth"}:    subgraph.DefaultDepth,
		{"Query", "neighbourhood", "maxNodes"}: subgraph.DefaultMaxNodes,
		{"Query", "paths", "maxHops"}:          subgraph.DefaultMaxHops,
		{"Query", "search", "first"}:           DefaultHits,
		{"Query", "alignment", "first"}:        DefaultHits,
		{"Mention", "context", "chars"}:        DefaultContextChars,
	}
	pages := 0
	for _, typ := range schema.Types {
		for _, f := range typ.Fields {
			for _, a := range f.Arguments {
				if a.DefaultValue == nil || a.Type.Name() != "Int" {
					continue
				}
				key := [3]string{typ.Name, f.Name, a.Name}
				w, ok := want[key]
				if !ok && a.Name == "first" {
					w, ok = DefaultPageSize, true
					pages++
				}
				if !ok {
					t.Errorf("%s.%s(%s) defaults to %s, which no Go default stands for", key[0], key[1], key[2], a.DefaultValue.Raw)
					continue
				}
				if a.DefaultValue.Raw != strconv.Itoa(w) {
					t.Errorf("%s.%s(%s) defaults to %s in the schema, %d in Go", key[0], key[1], key[2], a.DefaultValue.Raw, w)
				}
				delete(want, key)
			}
		}
	}
	for key := range want {
		t.Errorf("%s.%s(%s) has no default in the schema", key[0], key[1], key[2])
	}
	if pages == 0 {
		t.Error("no paged list with a default page size: the test no longer reads the schema")
	}
}
