package kg

import (
	"context"
	"slices"
	"sync"
)

// Bookmarks carry causal consistency across stateless servers. A Neo4j
// bookmark names a state of the database; a read given one waits until its
// replica has reached that state. A request brings the bookmarks it asks
// for (those of a write it made elsewhere, or of an earlier answer), the
// store sends exactly those with each of the request's reads, and records
// the bookmarks the reads return, which the server hands back to the client.
type Bookmarks struct {
	asked []string
	mu    sync.Mutex
	seen  []string // most recent last, distinct
}

// MaxBookmarks bounds how many bookmarks a request may send and an answer
// returns: a read waits for all of them, and a header has to stay small.
const MaxBookmarks = 16

type bookmarksKey struct{}

// WithBookmarks returns ctx carrying the bookmarks a request asked for
// (none: read whatever state the replica has), and the record of the ones
// its reads observe.
func WithBookmarks(ctx context.Context, asked []string) (context.Context, *Bookmarks) {
	b := &Bookmarks{asked: slices.Clone(asked)}
	return context.WithValue(ctx, bookmarksKey{}, b), b
}

// BookmarksFrom returns the bookmarks carried by ctx, or nil.
func BookmarksFrom(ctx context.Context) *Bookmarks {
	b, _ := ctx.Value(bookmarksKey{}).(*Bookmarks)
	return b
}

// Asked is what the request asked its reads to wait for.
func (b *Bookmarks) Asked() []string { return slices.Clone(b.asked) }

// Observe records bookmarks a read returned.
func (b *Bookmarks) Observe(bookmarks []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, bm := range bookmarks {
		if bm == "" {
			continue
		}
		b.seen = slices.DeleteFunc(b.seen, func(s string) bool { return s == bm })
		b.seen = append(b.seen, bm)
	}
	if len(b.seen) > MaxBookmarks {
		b.seen = slices.Delete(b.seen, 0, len(b.seen)-MaxBookmarks)
	}
}

// Seen is what the request's reads observed so far, most recent last; a
// client that sends them back reads at least the state this request read.
func (b *Bookmarks) Seen() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.seen)
}
