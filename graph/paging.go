package graph

import (
	"encoding/base64"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// Page sizes: clients may ask for up to MaxPageSize items; without `first`
// they get DefaultPageSize.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// pageSize checks a client's `first` against the server's cap.
func pageSize(first *int) (int, error) {
	if first == nil {
		return DefaultPageSize, nil
	}
	if *first < 0 || *first > MaxPageSize {
		return 0, kg.Errorf(kg.Invalid, "first must be between 0 and %d", MaxPageSize)
	}
	return *first, nil
}

// Cursors are opaque to clients: base64 of "<list>:<key>", where key is the
// keyset position (an id, or a sort value and an id), so a cursor stays valid
// when items are inserted before it.
func encodeCursor(list, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(list + ":" + key))
}

// decodeCursor returns the key of a cursor made for list, or "" for no cursor.
func decodeCursor(list string, after *string) (string, error) {
	if after == nil || *after == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*after)
	if err != nil {
		return "", kg.Errorf(kg.Invalid, "after is not a cursor of this list")
	}
	key, ok := strings.CutPrefix(string(raw), list+":")
	if !ok || key == "" {
		return "", kg.Errorf(kg.Invalid, "after is not a cursor of this list")
	}
	return key, nil
}

// pageInfo builds Relay page information for a forward page.
func pageInfo(cursors []string, hasNext, hasPrevious bool) *kg.PageInfo {
	info := &kg.PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrevious}
	if len(cursors) > 0 {
		info.StartCursor = &cursors[0]
		info.EndCursor = &cursors[len(cursors)-1]
	}
	return info
}
