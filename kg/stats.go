package kg

import (
	"context"
	"sync"
	"time"
)

// QueryStats counts the database round trips one request cost and the time
// spent in them. The store adds to the stats carried by the context; the
// server reports them (WHOSAID_DEBUG=1) and tests assert on them.
type QueryStats struct {
	mu      sync.Mutex
	queries int
	db      time.Duration
}

type statsKey struct{}

// WithQueryStats returns ctx carrying fresh stats, and the stats.
func WithQueryStats(ctx context.Context) (context.Context, *QueryStats) {
	s := &QueryStats{}
	return context.WithValue(ctx, statsKey{}, s), s
}

// AddQuery records one round trip on the stats in ctx, if any.
func AddQuery(ctx context.Context, d time.Duration) {
	if s, ok := ctx.Value(statsKey{}).(*QueryStats); ok {
		s.mu.Lock()
		s.queries++
		s.db += d
		s.mu.Unlock()
	}
}

// Snapshot returns the round trips and database time so far.
func (s *QueryStats) Snapshot() (queries int, db time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queries, s.db
}

// StatsFrom returns the stats carried by ctx, or nil.
func StatsFrom(ctx context.Context) *QueryStats {
	s, _ := ctx.Value(statsKey{}).(*QueryStats)
	return s
}
