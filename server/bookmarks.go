package server

import (
	"cmp"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// BookmarksHeader carries Neo4j bookmarks both ways: an answer names the
// database state its reads saw; a request that sends bookmarks (from such an
// answer, or from `whosaid load`'s last line) is answered from at least that
// state, whichever replica and whichever API server serves it. The servers
// themselves keep nothing between requests.
const BookmarksHeader = "X-Whosaid-Bookmarks"

// A Neo4j bookmark is an opaque token ("FB:kcwQ…", base64 after a prefix);
// this is generous about its alphabet and strict about its size, so junk is
// refused here and not passed to the database.
var bookmarkSyntax = regexp.MustCompile(`^[A-Za-z0-9+/=:._-]{1,256}$`)

// parseBookmarks reads the header's comma-separated bookmarks (also split
// over several header lines).
func parseBookmarks(values []string) ([]string, error) {
	var out []string
	for _, v := range values {
		for _, b := range strings.Split(v, ",") {
			b = strings.TrimSpace(b)
			if b == "" {
				continue
			}
			if !bookmarkSyntax.MatchString(b) {
				return nil, fmt.Errorf("%s: not a bookmark (want the values an answer's %s or `whosaid load` gave, comma-separated)", BookmarksHeader, BookmarksHeader)
			}
			out = append(out, b)
		}
	}
	if len(out) > kg.MaxBookmarks {
		return nil, fmt.Errorf("%s: %d bookmarks, at most %d", BookmarksHeader, len(out), kg.MaxBookmarks)
	}
	return out, nil
}

// withBookmarks gives each request the bookmarks it sent (kg.Bookmarks,
// which the store's reads wait for) and answers with the ones its reads
// observed; junk in the header is BAD_USER_INPUT, before any work.
func withBookmarks(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked, err := parseBookmarks(r.Header.Values(BookmarksHeader))
		if err != nil {
			writeJSONAs(w, cmp.Or(acceptedMedia(r.Header.Get("Accept")), mediaJSON), http.StatusBadRequest, map[string]any{"errors": []map[string]any{{
				"message": err.Error(), "extensions": map[string]any{"code": codeBadUserInput},
			}}})
			return
		}
		ctx, seen := kg.WithBookmarks(r.Context(), asked)
		next.ServeHTTP(&bookmarkWriter{ResponseWriter: w, seen: seen}, r.WithContext(ctx))
	})
}

// bookmarkWriter adds the bookmarks observed so far to the headers when the
// answer starts: a GraphQL answer is written after its reads, so it names
// all of them; a streamed /export names those read before its first byte.
type bookmarkWriter struct {
	http.ResponseWriter
	seen    *kg.Bookmarks
	started bool
}

func (b *bookmarkWriter) WriteHeader(status int) {
	b.start()
	b.ResponseWriter.WriteHeader(status)
}

func (b *bookmarkWriter) Write(p []byte) (int, error) {
	b.start()
	return b.ResponseWriter.Write(p)
}

func (b *bookmarkWriter) start() {
	if b.started {
		return
	}
	b.started = true
	if seen := b.seen.Seen(); len(seen) > 0 {
		b.Header().Set(BookmarksHeader, strings.Join(seen, ","))
	}
}

// Unwrap lets http.ResponseController reach the connection (write deadlines).
func (b *bookmarkWriter) Unwrap() http.ResponseWriter { return b.ResponseWriter }
