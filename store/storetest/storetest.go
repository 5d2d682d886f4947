// Package storetest is the contract of whosaid's stores: the calls the API
// (graph.Reader) and the walks (subgraph.Source) make, over the seed
// folder, each with what the seeds say its answer holds.
//
// Run checks one store against those assertions. Agree asks two stores
// every call and requires the same answers: the Neo4j store's tests run it
// against the in-memory store (store/inmem), so the fast test layer that
// stands on the in-memory store answers as production does. A read the
// in-memory store does not implement (search) is not in the suite.
package storetest

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store/inmem"
)

// Case is one call of the contract: Ask makes it, Check (optional) asserts
// what the seeds say of its answer.
type Case struct {
	Name  string
	Ask   func(ctx context.Context, r graph.Reader) (any, error)
	Check func(t *testing.T, answer any)
}

// newCase types a case's answer for its checks.
func newCase[T any](name string, ask func(context.Context, graph.Reader) (T, error), checks ...func(*testing.T, T)) Case {
	return Case{
		Name: name,
		Ask:  func(ctx context.Context, r graph.Reader) (any, error) { return ask(ctx, r) },
		Check: func(t *testing.T, answer any) {
			t.Helper()
			typed, _ := answer.(T) // nil for a nil interface
			for _, check := range checks {
				check(t, typed)
			}
		},
	}
}

// SeedsDir is the repository's seed folder.
func SeedsDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "seeds")
}

// Seeds reads the seed folder as `whosaid load` does.
func Seeds(t testing.TB) *loader.Seeds {
	t.Helper()
	seeds, err := loader.Read(loader.Dir(SeedsDir()))
	if err != nil {
		t.Fatal(err)
	}
	return seeds
}

// InMemory returns an in-memory store holding the seeds, written by the
// loader as it writes Neo4j, and the contract's own document (WriteExtra).
func InMemory(t testing.TB) *inmem.Store {
	t.Helper()
	s := inmem.New()
	if _, err := loader.Load(context.Background(), s, []loader.Folder{loader.Dir(SeedsDir())}, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteExtra(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s
}

// Run asks r, which holds the seeds and the contract's own document
// (WriteExtra), every call of the contract and checks each answer.
func Run(t *testing.T, r graph.Reader) {
	for _, c := range Cases() {
		t.Run(c.Name, func(t *testing.T) {
			answer, err := c.Ask(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			c.Check(t, answer)
		})
	}
}

// Agree asks want and got, which hold the same graph, every call of the
// contract and requires the same answers (or errors of the same kind).
func Agree(t *testing.T, want, got graph.Reader) {
	ctx := context.Background()
	for _, c := range Cases() {
		t.Run(c.Name, func(t *testing.T) {
			w, werr := c.Ask(ctx, want)
			g, gerr := c.Ask(ctx, got)
			if werr != nil || gerr != nil {
				if kg.KindOf(werr) != kg.KindOf(gerr) || (werr == nil) != (gerr == nil) {
					t.Fatalf("errors differ: want %v, got %v", werr, gerr)
				}
				return
			}
			if diff := cmp.Diff(w, g); diff != "" {
				t.Errorf("answers differ (-want +got):\n%s", diff)
			}
		})
	}
}

// Exercise asks r every call of the contract, for a test that watches what
// the store does (the query-plan test records each Cypher statement).
func Exercise(ctx context.Context, r graph.Reader) error {
	var errs []error
	for _, c := range Cases() {
		if _, err := c.Ask(ctx, r); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Cases is the whole contract.
func Cases() []Case {
	var cases []Case
	for _, part := range [][]Case{catalogueCases(), statementCases(), nestedCases(), subgraphCases(), analysisCases()} {
		cases = append(cases, part...)
	}
	return cases
}
