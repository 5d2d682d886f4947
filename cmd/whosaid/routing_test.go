package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/internal/boltproxy"
)

// askWithBookmarks posts one read, sending bookmarks when given, and says
// whether it was answered without errors, and with which status.
func askWithBookmarks(base, bookmarks string) (ok bool, status int) {
	resp, r, err := postWithBookmarks(base, bookmarks)
	if err != nil {
		return false, 0
	}
	return resp.StatusCode == http.StatusOK && len(r.Errors) == 0, resp.StatusCode
}

// perPort counts transactions by port and mode ("0w": writes on the writer).
func perPort(txs []boltproxy.Tx) map[string]int {
	m := map[string]int{}
	for _, tx := range txs {
		m[string(rune('0'+tx.Port))+tx.Mode]++
	}
	return m
}

// A cluster's routing, played by a Bolt proxy on three ports in front of the
// test Neo4j: ROUTE answers one writer (port 0) and two readers (1, 2).
// Through a neo4j:// URI on it, the loader's writes go to the writer and the
// API's reads to the readers; reads carry bookmarks only when the request
// sent some, and then exactly those; and when a reader disappears mid-run,
// requests go to the other with at most the in-flight ones failing.
func TestRoutingSendsReadsToReadersWritesToTheWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: needs Neo4j")
	}
	neo4jtest.Store(t) // empties the database
	backend, err := url.Parse(neo4jtest.URI())
	if err != nil {
		t.Fatal(err)
	}
	proxy, err := boltproxy.Start(backend.Host, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	env := map[string]string{"NEO4J_URI": "neo4j://" + proxy.Addr(0)}

	var out strings.Builder
	if err := run(context.Background(), []string{"whosaid", "load", "../../loader/testdata/mini"}, func(k string) string { return env[k] }, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	loaded, _ := strings.CutPrefix(lines[len(lines)-1], "bookmarks: ")
	if loaded == "" {
		t.Fatalf("load printed no bookmarks: %q", lines[len(lines)-1])
	}
	load := perPort(proxy.Transactions())
	if load["0w"] == 0 || load["1w"]+load["2w"] > 0 || load["0r"] > 0 {
		t.Errorf("the load's transactions by port and mode %v, want writes on the writer (0w) only, and reads on readers", load)
	}

	t.Logf("loaded through the proxy: transactions %v", load)
	// The server is a process of its own, as in production: when a reader
	// disappears, the Go driver (v5.28.4) rewrites its routing table without
	// the lock its readers take (router.InvalidateServer against
	// GetOrUpdateReaders), a race inside the driver that the race detector
	// would pin on this test if the server ran in it.
	base, _ := serveProcess(t, buildWhosaid(t), "NEO4J_URI="+env["NEO4J_URI"])
	t.Log("serving through the proxy")
	proxy.Forget()
	for range 20 {
		if ok, status := askWithBookmarks(base, ""); !ok {
			t.Fatalf("a read through the routing proxy failed (%d)", status)
		}
	}
	// One client at a time reuses one pooled connection, so one reader may
	// take them all (the driver picks the least busy); the run below spreads.
	reads := proxy.Transactions()
	if got := perPort(reads); got["1r"]+got["2r"] != len(reads) || len(reads) == 0 {
		t.Errorf("20 reads by port and mode %v, want reads (r) on the readers (1, 2) and nothing else", got)
	}
	for _, tx := range reads {
		if len(tx.Bookmarks) > 0 {
			t.Errorf("a read of a request that sent no bookmarks waited for %v: reads chain on a shared bookmark manager", tx.Bookmarks)
			break
		}
	}

	proxy.Forget()
	for range 5 {
		if ok, status := askWithBookmarks(base, loaded); !ok {
			t.Fatalf("a read with the load's bookmarks failed (%d)", status)
		}
	}
	want := strings.Split(loaded, ",")
	for _, tx := range proxy.Transactions() {
		if !slices.Equal(tx.Bookmarks, want) || tx.Mode != "r" || tx.Port == 0 {
			t.Errorf("a read of a request that sent %v: port %d mode %s bookmarks %v, want a reader waiting for exactly those", want, tx.Port, tx.Mode, tx.Bookmarks)
		}
	}

	// The reader carrying the reads disappears while 4 clients read: the
	// requests in flight on it may fail, later ones go to the other reader.
	const clients, each = 4, 45
	var done, failed atomic.Int64
	var once sync.Once
	var beforeClose []boltproxy.Tx
	gone, other := 0, 0
	var wg sync.WaitGroup
	proxy.Forget()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if ok, _ := askWithBookmarks(base, ""); !ok {
					failed.Add(1)
				}
				if done.Add(1) == clients*each/3 {
					once.Do(func() {
						beforeClose = proxy.Transactions()
						gone, other = 1, 2
						if got := perPort(beforeClose); got["2r"] > got["1r"] {
							gone, other = 2, 1
						}
						proxy.ClosePort(gone)
					})
				}
			}
		}()
	}
	wg.Wait()
	if got := perPort(beforeClose); got["1r"]+got["2r"] != len(beforeClose) || len(beforeClose) == 0 {
		t.Errorf("concurrent reads before the close by port and mode %v, want reads on the readers only", got)
	}
	if n := failed.Load(); n > clients {
		t.Errorf("%d of %d requests failed when reader %d disappeared, want at most the %d in flight", n, clients*each, gone, clients)
	}
	after := proxy.Transactions()
	after = after[len(after)/2:] // well after the close: the second half of the run
	if got := perPort(after); got[string(rune('0'+gone))+"r"] > 0 || len(got) != 1 {
		t.Errorf("the later half of the reads by port and mode %v, want all on reader %d once reader %d is gone", got, other, gone)
	}
	t.Logf("reads before the close %v; reader %d closed after %d of %d requests: %d failed", perPort(beforeClose), gone, clients*each/3, clients*each, failed.Load())
}
