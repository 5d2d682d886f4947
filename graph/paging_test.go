package graph

import (
	"testing"

	"github.com/whosaid/whosaid/kg"
)

func TestCursorsRoundTrip(t *testing.T) {
	c := sortKeyCursor("statement/DATE/ASC", "2013-09-23", "doc:s01")
	key, err := decodeSortKey("statement/DATE/ASC", &c)
	if err != nil || key.Value != "2013-09-23" || key.ID != "doc:s01" {
		t.Fatalf("round trip = %+v, %v", key, err)
	}
	if _, err := decodeSortKey("statement/CONFIDENCE/ASC", &c); kg.KindOf(err) != kg.Invalid {
		t.Errorf("a cursor of another order gave %v, want an invalid-input error", err)
	}
}

// FuzzDecodeCursor: any string as `after` is either a cursor of the list or
// a BAD_USER_INPUT error, never a panic.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor("actor", "putin"))
	f.Add(sortKeyCursor("statement/DATE/ASC", "2013", "x"))
	f.Add("")
	f.Add("!!!")
	f.Add("c3RhdGVtZW50")
	f.Fuzz(func(t *testing.T, after string) {
		for _, list := range []string{"actor", "statement/DATE/ASC"} {
			key, err := decodeCursor(list, &after)
			if err != nil && kg.KindOf(err) != kg.Invalid {
				t.Fatalf("decodeCursor(%q) = %v", after, err)
			}
			if err == nil && after != "" && key == "" {
				t.Fatalf("decodeCursor(%q) accepted an empty key", after)
			}
			if _, err := decodeSortKey(list, &after); err != nil && kg.KindOf(err) != kg.Invalid {
				t.Fatalf("decodeSortKey(%q) = %v", after, err)
			}
		}
	})
}

func TestFirstAboveTheCapIsTheCap(t *testing.T) {
	for _, tt := range []struct {
		first, want int
		ok          bool
	}{{0, 0, true}, {7, 7, true}, {MaxPageSize, MaxPageSize, true}, {MaxPageSize + 1, MaxPageSize, true}, {1 << 30, MaxPageSize, true}, {-1, 0, false}} {
		n, err := PageSize(&tt.first)
		if (err == nil) != tt.ok || n != tt.want {
			t.Errorf("PageSize(%d) = %d, %v; want %d, ok %v", tt.first, n, err, tt.want, tt.ok)
		}
	}
}
