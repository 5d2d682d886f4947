// Package neo4jtest gives integration tests a real Neo4j.
//
// `make test` starts one throw-away Neo4j for the whole run and passes its
// URI in WHOSAID_TEST_NEO4J_URI (packages then run one at a time, since they
// share the database). A plain `go test` without it starts a Neo4j per test
// binary from the Maven launcher; `go test -short` starts none, for the fast
// layer alone (the in-memory store, in seconds). When no Neo4j can be had,
// tests fail under CI=true and are skipped, loudly, otherwise.
package neo4jtest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	neo4jdev "github.com/whosaid/whosaid/dev/neo4j"
	"github.com/whosaid/whosaid/store"
)

// EnvURI names the variable that points tests at a running Neo4j.
const EnvURI = "WHOSAID_TEST_NEO4J_URI"

var (
	uri      string
	startErr error
)

// Main wraps testing.M.Run: it makes a Neo4j available for the package's
// tests (starting one if EnvURI is unset) and stops it afterwards. Use it as
// `func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }`.
func Main(m *testing.M) int {
	flag.Parse() // testing.Short reads the flags m.Run would parse
	uri = os.Getenv(EnvURI)
	if uri == "" && testing.Short() {
		startErr = errors.New("go test -short starts none")
	} else if uri == "" {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		inst, err := neo4jdev.Start(ctx, neo4jdev.Options{})
		cancel()
		if err != nil {
			startErr = err
		} else {
			uri = inst.URI
			defer inst.Stop()
		}
	}
	return m.Run()
}

// Store returns a store connected to the test Neo4j, emptied first so each
// test starts from a blank graph with the schema in place. Tests that use it
// must not run in parallel with each other.
func Store(t testing.TB) *store.Store {
	t.Helper()
	Require(t)
	st, err := store.Open(store.Config{URI: uri}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	ctx := context.Background()
	if err := st.DeleteEverything(ctx); err != nil {
		t.Fatalf("empty the test database: %v", err)
	}
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatalf("schema: %v", err)
	}
	return st
}

// Require ends a test that needs a Neo4j when this run has none: it fails
// under CI=true and is skipped, loudly, otherwise. Store calls it; a test
// that starts a Neo4j of its own calls it first.
func Require(t testing.TB) {
	t.Helper()
	if uri != "" {
		return
	}
	msg := fmt.Sprintf("no Neo4j for integration tests: %v (set %s, or install Java 17 and Maven)", startErr, EnvURI)
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatal(msg)
	}
	t.Skip("SKIPPED integration test: " + msg)
}

// URI is the test Neo4j's Bolt URI ("" when there is none).
func URI() string { return uri }

// Counts returns the graph's node counts by label and relationship counts by
// type, failing the test if Neo4j cannot say.
func Counts(t testing.TB, st *store.Store) (nodes, rels map[string]int) {
	t.Helper()
	nodes, rels, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return nodes, rels
}
