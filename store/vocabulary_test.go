package store

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/kg"
)

// The store's Cypher spells labels, relationship types and kinds as
// literals (labels cannot be parameters). This holds them to kg's tables:
// every node kind is told apart by its own label, every edge kind is a
// relationship type the store counts, every kind a subgraph, export or
// search query returns is one of kg's, and every label and type a query names is one the store
// writes — so a kind renamed or added in kg cannot leave a query behind.
func TestCypherSpeaksTheVocabularies(t *testing.T) {
	source := storeSource(t)

	// nodeKindOf gives each node kind from that kind's label.
	pairs := regexp.MustCompile(`WHEN n:(\w+) THEN '(\w+)'`).FindAllStringSubmatch(nodeKindOf, -1)
	var kinds []string
	for _, p := range pairs {
		if kg.NodeKind(p[2]).Label() != p[1] {
			t.Errorf("nodeKindOf: n:%s gives %s, whose label is %q", p[1], p[2], kg.NodeKind(p[2]).Label())
		}
		kinds = append(kinds, p[2])
	}
	if m := regexp.MustCompile(`ELSE '(\w+)' END`).FindStringSubmatch(nodeKindOf); m != nil {
		kinds = append(kinds, m[1])
	}
	for _, n := range kg.NodeKindTable {
		if !slices.Contains(kinds, string(n.Kind)) {
			t.Errorf("nodeKindOf never gives %s", n.Kind)
		}
		for _, l := range n.Labels {
			if !slices.Contains(nodeLabels, l) {
				t.Errorf("%s's label %s is not among the labels the store counts", n.Kind, l)
			}
		}
	}
	if len(kinds) != len(kg.NodeKindTable) {
		t.Errorf("nodeKindOf gives %v; the node kinds are %d", kinds, len(kg.NodeKindTable))
	}

	// Edge kinds: counted (but the derived STANCE), and the only kinds
	// the subgraph and export queries return.
	for _, e := range kg.EdgeKindTable {
		if e.Role != kg.Collapsed && !slices.Contains(relTypes, e.Type) {
			t.Errorf("%s's type %s is not among the relationship types the store counts", e.Kind, e.Type)
		}
	}
	for _, m := range regexp.MustCompile(`'(\w+)' AS kind`).FindAllStringSubmatch(source["subgraph.go"]+source["export.go"], -1) {
		if _, ok := kg.EdgeKinds[kg.EdgeKind(m[1])]; !ok {
			t.Errorf("a subgraph or export query returns edges of kind %s, which kg's table lacks", m[1])
		}
	}

	for _, m := range regexp.MustCompile(`'(\w+)' AS kind`).FindAllStringSubmatch(source["api_search.go"], -1) {
		if !slices.Contains(kg.SearchKinds, kg.SearchKind(m[1])) {
			t.Errorf("a search query returns hits of kind %s, which kg.SearchKinds lacks", m[1])
		}
	}

	// What any query names.
	all := strings.Join(slices.Collect(maps.Values(source)), "\n")
	for _, m := range regexp.MustCompile(`\[\w*:([A-Z_|]+)`).FindAllStringSubmatch(all, -1) {
		for _, typ := range strings.Split(m[1], "|") {
			if !slices.Contains(relTypes, typ) && !slices.Contains(kg.EdgeTypes(kg.Collapsed), typ) {
				t.Errorf("a query names relationship type %s, which is neither counted nor an edge kind's", typ)
			}
		}
	}
	for _, m := range regexp.MustCompile(`\(\w*:([A-Z][A-Za-z]*)`).FindAllStringSubmatch(all, -1) {
		if !slices.Contains(nodeLabels, m[1]) {
			t.Errorf("a query names label %s, which the store does not count", m[1])
		}
	}
}

// storeSource is the text of the package's non-test files, by name.
func storeSource(t *testing.T) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if name := e.Name(); strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			out[name] = string(b)
		}
	}
	if out["subgraph.go"] == "" || out["export.go"] == "" || out["api_search.go"] == "" {
		t.Fatal("subgraph.go, export.go or api_search.go is missing: the test reads their queries")
	}
	return out
}
