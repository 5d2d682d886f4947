package graph

import (
	"os"
	"slices"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/whosaid/whosaid/kg"
)

// The schema's enums and kg's vocabulary tables name the same members in
// the same order, both ways: a member added to one and not the other fails
// here rather than at the first query that meets it.
func TestSchemaEnumsMatchTheVocabularies(t *testing.T) {
	schema := loadSchema(t)
	for _, c := range []struct {
		enum string
		want []string
	}{
		{"Predicate", names(kg.PredicateTable, func(p kg.PredicateInfo) kg.Predicate { return p.Name })},
		{"ActorKind", names(kg.ActorKinds, func(k kg.ActorKind) kg.ActorKind { return k })},
		{"GraphNodeKind", names(kg.NodeKindTable, func(n kg.NodeKindInfo) kg.NodeKind { return n.Kind })},
		{"GraphEdgeKind", names(kg.EdgeKindTable, func(e kg.EdgeKindInfo) kg.EdgeKind { return e.Kind })},
		{"SearchKind", names(kg.SearchKinds, func(k kg.SearchKind) kg.SearchKind { return k })},
	} {
		def := schema.Types[c.enum]
		if def == nil || def.Kind != ast.Enum {
			t.Errorf("schema.graphqls has no enum %s", c.enum)
			continue
		}
		var got []string
		for _, v := range def.EnumValues {
			got = append(got, v.Name)
		}
		missing := false
		for _, g := range got {
			if !slices.Contains(c.want, g) {
				t.Errorf("enum %s has %s, which kg's table lacks", c.enum, g)
				missing = true
			}
		}
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("kg's table has %s, which enum %s lacks", w, c.enum)
				missing = true
			}
		}
		if !missing && !slices.Equal(got, c.want) {
			t.Errorf("enum %s lists %v; kg's table, in another order, %v", c.enum, got, c.want)
		}
	}
}

// Each predicate's description in the schema is the one its table row
// gives: its use, usual polarity and CAMEO code.
func TestSchemaDescribesPredicatesAsTheirTable(t *testing.T) {
	def := loadSchema(t).Types["Predicate"]
	if def == nil {
		t.Fatal("schema.graphqls has no enum Predicate")
	}
	for _, v := range def.EnumValues {
		info, ok := kg.Predicates[kg.Predicate(v.Name)]
		if !ok {
			continue // reported by TestSchemaEnumsMatchTheVocabularies
		}
		if want := info.Description(); v.Description != want {
			t.Errorf("%s is described as\n  %q\nits table row gives\n  %q", v.Name, v.Description, want)
		}
	}
}

func loadSchema(t *testing.T) *ast.Schema {
	t.Helper()
	src, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

func names[T any, N ~string](table []T, name func(T) N) []string {
	out := make([]string, len(table))
	for i, v := range table {
		out[i] = string(name(v))
	}
	return out
}
