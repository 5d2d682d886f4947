package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/whosaid/whosaid/kg"
)

// readBookmarks is how a read takes part in causal consistency. The
// driver's ExecuteQuery would otherwise chain every read on the driver's
// process-wide bookmark manager (DriverWithContext.ExecuteQueryBookmarkManager):
// each read would wait for the state the previous one saw, across all
// requests of the process — a hidden ordering that stateless replicas
// behind a balancer cannot keep anyway. Instead a read waits for exactly
// the bookmarks its request asked for (kg.Bookmarks) and records the ones
// it returns; without kg.Bookmarks in ctx it uses none.
func readBookmarks(ctx context.Context) neo4j.ExecuteQueryConfigurationOption {
	b := kg.BookmarksFrom(ctx)
	if b == nil {
		return neo4j.ExecuteQueryWithoutBookmarkManager()
	}
	return neo4j.ExecuteQueryWithBookmarkManager(requestBookmarks{b})
}

// requestBookmarks is a neo4j.BookmarkManager for one request: it gives
// every read the bookmarks the request asked for, never those of another
// read, and records what the reads return.
type requestBookmarks struct{ b *kg.Bookmarks }

func (r requestBookmarks) GetBookmarks(context.Context) (neo4j.Bookmarks, error) {
	return r.b.Asked(), nil
}

func (r requestBookmarks) UpdateBookmarks(_ context.Context, _, observed neo4j.Bookmarks) error {
	r.b.Observe(observed)
	return nil
}

// WriteBookmarks are the bookmarks of this store's writes so far (a load,
// the schema): a read given them sees at least what was written.
func (s *Store) WriteBookmarks(ctx context.Context) ([]string, error) {
	return s.writes.GetBookmarks(ctx)
}
