package store

import (
	"strings"
	"testing"

	"github.com/whosaid/whosaid/kg"
)

// Ensure a decoder tells a key its query did not return, and a value of
// another type, from a property the node does not have: the first two are
// reported naming the key, the last reads as the zero value.
func TestDecodersReportMissingAndMistypedKeys(t *testing.T) {
	actor := func(m map[string]any) (kg.Actor, error) {
		var err error
		a := actorFrom(fields{get: func(k string) (any, bool) { v, ok := m[k]; return v, ok }, path: "row 0.a", err: &err})
		return a, err
	}
	full := map[string]any{"id": "x", "kind": "PERSON", "name_en": "X", "name_ar": nil, "aliases_en": []any{"Ex", nil},
		"aliases_ar": nil, "wikidata": nil, "iso": nil, "org_type": nil, "description": nil}
	a, err := actor(full)
	if err != nil || a.Name.En != "X" || a.Name.Ar != "" || len(a.Aliases.En) != 1 || a.Aliases.Ar == nil {
		t.Errorf("nulls: %+v, %v; want absent properties as zero values (empty lists, not nil)", a, err)
	}
	for key, v := range map[string]any{"name_en": int64(42), "aliases_en": []any{"Ex", int64(1)}, "kind": []any{}} {
		m := map[string]any{}
		for k, x := range full {
			m[k] = x
		}
		m[key] = v
		if _, err := actor(m); err == nil || !strings.Contains(err.Error(), "row 0.a."+key) {
			t.Errorf("%s = %#v: err = %v, want it named", key, v, err)
		}
	}
	delete(full, "wikidata")
	if _, err := actor(full); err == nil || !strings.Contains(err.Error(), "wikidata is missing") {
		t.Errorf("no wikidata key: err = %v, want it reported missing", err)
	}
}
