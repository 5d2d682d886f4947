package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// awayStore is a store whose database is away: its first whole-graph page
// fails at once. Nothing else is read from it.
type awayStore struct{ export.Store }

func (awayStore) ExportIDs(context.Context, []kg.NodeKind, string, int, subgraph.Filter) ([]string, error) {
	return nil, kg.Errorf(kg.Unavailable, "the database is unavailable")
}

// Ensure a neighbourhood export waits for a drawing slot like the GraphQL
// drawings and, when none frees in time, answers 503 TIMEOUT with a
// Retry-After; that it goes ahead once a slot is free; and that whole-graph
// exports never wait for one.
func TestNeighbourhoodExportsWaitForADrawingSlot(t *testing.T) {
	slots := newDrawingSlots(1)
	mux := http.NewServeMux()
	mux.Handle("GET /export/{format}", handleExport(awayStore{}, slots, time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil))))
	exportWithin := func(d time.Duration, url string) *httptest.ResponseRecorder {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequestWithContext(ctx, http.MethodGet, url, nil))
		return w
	}
	code := func(w *httptest.ResponseRecorder) string {
		var body struct {
			Errors []struct{ Extensions struct{ Code string } }
		}
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || len(body.Errors) != 1 {
			t.Fatalf("answer %d %q is not one JSON error", w.Code, w.Body)
		}
		return body.Errors[0].Extensions.Code
	}
	// depth=9 is refused by the walk itself, so an export that gets a slot
	// answers 400 without needing a store.
	const neighbourhood = "/export/gexf?id=vladimir-putin&depth=9"

	release, err := slots.acquire(context.Background()) // a drawing in progress
	if err != nil {
		t.Fatal(err)
	}
	w := exportWithin(100*time.Millisecond, neighbourhood)
	if w.Code != http.StatusServiceUnavailable || code(w) != "TIMEOUT" || w.Header().Get("Retry-After") == "" {
		t.Errorf("a neighbourhood export while every slot is taken: %d %s Retry-After %q, want 503 TIMEOUT with a Retry-After",
			w.Code, w.Body, w.Header().Get("Retry-After"))
	}
	// The store is away, so the whole graph is refused as Unavailable, but at once.
	if w := exportWithin(100*time.Millisecond, "/export/gexf"); w.Code != http.StatusServiceUnavailable || code(w) != "UNAVAILABLE" {
		t.Errorf("a whole-graph export while every slot is taken: %d %s, want it not to wait for one", w.Code, w.Body)
	}

	release()
	if w := exportWithin(5*time.Second, neighbourhood); w.Code != http.StatusBadRequest || code(w) != "BAD_USER_INPUT" {
		t.Errorf("a neighbourhood export once the slot is free: %d %s, want the walk's own 400", w.Code, w.Body)
	}
}
