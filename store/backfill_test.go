package store

import (
	"strings"
	"testing"

	"github.com/whosaid/whosaid/kg"
)

// The importer reads an empty field as no property, so a field must tell
// an empty string (quoted) from a null (empty), keep quotes and line
// breaks, and refuse list elements it could not split back.
func TestImportFieldsTellEmptyFromNullAndKeepText(t *testing.T) {
	var empty *string
	for _, c := range []struct {
		v        any
		want     string
		wantType string
	}{
		{nil, ``, ""},
		{empty, ``, ""},
		{"", `""`, "string"},
		{kg.OrNull("2024-01"), `"2024-01"`, "string"},
		{`he said "no"` + "\nthen left", `"he said ""no""` + "\nthen left\"", "string"},
		{3, `3`, "long"},
		{0.85, `0.85`, "double"},
		{false, `false`, "boolean"},
		{[]string{}, ``, "string[]"},
		{[]string{"a;b", "c"}, "\"a;b\x1fc\"", "string[]"},
	} {
		got, typ, err := appendValue(nil, c.v)
		if err != nil || string(got) != c.want || typ != c.wantType {
			t.Errorf("%#v: %q %q %v, want %q %q", c.v, got, typ, err, c.want, c.wantType)
		}
	}
	for _, bad := range [][]string{{"a", ""}, {"a\x1fb"}} {
		if _, _, err := appendValue(nil, bad); err == nil || !strings.Contains(err.Error(), "list element") {
			t.Errorf("%q: %v, want the element refused", bad, err)
		}
	}
}

// Every list the loader always writes is filled in after an import, so an
// empty alias list reads back as [] rather than null.
func TestEmptyListFillsCoverTheBuildersLists(t *testing.T) {
	fills := strings.Join(emptyListFills(), "\n")
	for _, want := range []string{"n:Actor) WHERE n.aliases_en IS NULL", "n:Event) WHERE n.aliases_ar IS NULL",
		"r:HOLDS_POSITION]->() WHERE r.evidence IS NULL", "r:MEMBER_OF]->() WHERE r.evidence IS NULL"} {
		if !strings.Contains(fills, want) {
			t.Errorf("no fill for %s in:\n%s", want, fills)
		}
	}
}
