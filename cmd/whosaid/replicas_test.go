package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
)

// readyzReason is /readyz's status code and reason.
func readyzReason(t *testing.T, base string) (int, string) {
	t.Helper()
	client := http.Client{Timeout: 20 * time.Second}
	resp, err := client.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ Reason string }
	raw, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(raw, &body)
	return resp.StatusCode, body.Reason
}

// NEO4J_READ_URI sends the API's reads to another endpoint than NEO4J_URI,
// and /readyz names the path that is down. Each server below has one path to
// the real Neo4j and one to a port nothing listens on: which of the two a
// query needs, and which /readyz blames, tells where reads go.
func TestReadURICarriesTheReadsAndReadyzNamesTheFailingPath(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: needs Neo4j and waits out the driver's retries")
	}
	neo4jtest.Store(t) // empties the database
	live, dead := neo4jtest.URI(), "bolt://127.0.0.1:1"
	if err := run(context.Background(), []string{"whosaid", "load", "../../loader/testdata/mini"},
		func(k string) string { return map[string]string{"NEO4J_URI": live}[k] }, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}

	t.Run("reads from the read URI while the write URI is down", func(t *testing.T) {
		base := startServerAnyway(t, map[string]string{"NEO4J_URI": dead, "NEO4J_READ_URI": live})
		_, r := postGraphQL(t, base, `{ actors { totalCount } }`, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("a read with NEO4J_READ_URI up failed: %+v", r.Errors)
		}
		if n := decode[struct{ Actors struct{ TotalCount int } }](t, r).Actors.TotalCount; n == 0 {
			t.Errorf("actors.totalCount = 0 through the read URI, want the loaded actors")
		}
		if code, reason := readyzReason(t, base); code != http.StatusServiceUnavailable || !strings.Contains(reason, "write path") {
			t.Errorf("/readyz with the write URI down = %d %q, want 503 naming the write path", code, reason)
		}
	})
	t.Run("a dead read URI fails reads though the write URI is up", func(t *testing.T) {
		base := startServerAnyway(t, map[string]string{"NEO4J_URI": live, "NEO4J_READ_URI": dead})
		_, r := postGraphQL(t, base, `{ actors { totalCount } }`, nil)
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "UNAVAILABLE" {
			t.Errorf("a read with NEO4J_READ_URI down gave %+v, want UNAVAILABLE", r.Errors)
		}
		if code, reason := readyzReason(t, base); code != http.StatusServiceUnavailable || !strings.Contains(reason, "read path") {
			t.Errorf("/readyz with the read URI down = %d %q, want 503 naming the read path", code, reason)
		}
	})
}

// A load prints its bookmarks last; an answer names the state its reads saw
// in X-Whosaid-Bookmarks; a request sending either back is answered, and
// junk in the header is refused as the client's mistake, before any work.
func TestBookmarksGoFromTheLoaderThroughTheAPIAndBack(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: needs Neo4j")
	}
	neo4jtest.Store(t) // empties the database
	var out strings.Builder
	if err := run(context.Background(), []string{"whosaid", "load", "../../loader/testdata/mini"},
		func(k string) string { return map[string]string{"NEO4J_URI": neo4jtest.URI()}[k] }, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	loaded, ok := strings.CutPrefix(lines[len(lines)-1], "bookmarks: ")
	if !ok || loaded == "" {
		t.Fatalf("load's last line is %q, want its bookmarks", lines[len(lines)-1])
	}
	base := startServerAnyway(t, map[string]string{"NEO4J_URI": neo4jtest.URI()})
	ask := func(bookmarks string) (*http.Response, gqlResponse) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+"/graphql", strings.NewReader(`{"query":"{ actors { totalCount } }"}`))
		req.Header.Set("Content-Type", "application/json")
		if bookmarks != "" {
			req.Header.Set("X-Whosaid-Bookmarks", bookmarks)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r gqlResponse
		_ = json.NewDecoder(resp.Body).Decode(&r)
		return resp, r
	}

	resp, r := ask("")
	answered := resp.Header.Get("X-Whosaid-Bookmarks")
	if len(r.Errors) > 0 || answered == "" {
		t.Fatalf("a plain read: errors %+v, X-Whosaid-Bookmarks %q; want an answer naming the state it read", r.Errors, answered)
	}
	for _, sent := range []string{loaded, answered, loaded + ", " + answered} {
		if resp, r := ask(sent); resp.StatusCode != http.StatusOK || len(r.Errors) > 0 || resp.Header.Get("X-Whosaid-Bookmarks") == "" {
			t.Errorf("sending back %q: %d %+v, want an answer", sent, resp.StatusCode, r.Errors)
		}
	}
	for _, junk := range []string{"<script>", "FB:" + strings.Repeat("A", 300), strings.TrimSuffix(strings.Repeat(loaded+",", 17), ","),
		"FB:kcwQAAAAAAAAAAAAAAAAAAAAAAAA"} { // well-formed, but no state of this database
		resp, r := ask(junk)
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("X-Whosaid-Bookmarks %.40q…: %d %+v, want BAD_USER_INPUT", junk, resp.StatusCode, r.Errors)
		}
	}
}
