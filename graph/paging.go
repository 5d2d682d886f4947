package graph

import (
	"context"
	"encoding/base64"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/whosaid/whosaid/kg"
)

// Page sizes: a page holds at most MaxPageSize items; without `first`
// clients get DefaultPageSize, or DefaultHits of a ranked list (search
// hits, alignments), whose head is what a client wants. schema.graphqls
// repeats them as its defaults; a test holds it to these.
const (
	DefaultPageSize = 20
	DefaultHits     = 10
	MaxPageSize     = 100
)

// PageSize reads a client's `first`. More than the cap is taken as the cap,
// as the schema promises ("capped"): a client asking for everything gets a
// full page and a cursor, not an error. A negative size means nothing.
func PageSize(first *int) (int, error) {
	if first == nil {
		return DefaultPageSize, nil
	}
	if *first < 0 {
		return 0, kg.Errorf(kg.Invalid, "first must not be negative")
	}
	return min(*first, MaxPageSize), nil
}

// HitCount reads a ranked list's `first` (alignments): as PageSize, but
// one left out or passed as null is DefaultHits, the schema's default, not
// a page's (gqlgen fills in a default only when the argument is absent).
func HitCount(first *int) (int, error) {
	if first == nil {
		return DefaultHits, nil
	}
	return PageSize(first)
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

// pageWanted reports whether the connection being resolved needs its page
// query: not when the client selects only totalCount (which its own count
// query answers), nor when it asks for no edges (first: 0) and no pageInfo.
func pageWanted(ctx context.Context, size int) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return true
	}
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), fc.Field.Selections, nil) {
		switch f.Name {
		case "totalCount", "__typename":
		case "edges":
			if size > 0 {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// fetchPage runs a page query only when the client needs it (pageWanted).
func fetchPage[T any](ctx context.Context, size int, fetch func() ([]T, bool, error)) ([]T, bool, error) {
	if !pageWanted(ctx, size) {
		return nil, false, nil
	}
	return fetch()
}
