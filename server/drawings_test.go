package server

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// operation parses query and returns a context carrying it as the
// operation being executed.
func operation(t *testing.T, query string) context.Context {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		t.Fatal(err)
	}
	return graphql.WithOperationContext(context.Background(), &graphql.OperationContext{Operation: doc.Operations[0]})
}

// Ensure drawings beyond the limit wait for a slot, answer TIMEOUT when
// their deadline passes first, go ahead once a slot is free, and that other
// operations never wait.
func TestDrawingsWaitForASlot(t *testing.T) {
	admit := admitDrawings(newDrawingSlots(1), presentError(slog.New(slog.NewTextHandler(io.Discard, nil))))
	const drawing = `query { neighbourhood(id: "csto") { nodes { id } } }`
	ok := func(ctx context.Context) *graphql.Response { return &graphql.Response{Data: []byte(`{}`)} }
	pass := func(ctx context.Context) graphql.ResponseHandler { return ok }

	// A first drawing takes the only slot and holds it until its response is read.
	first := admit(operation(t, drawing), pass)

	ctx, cancel := context.WithTimeout(operation(t, `query { ... on Query { paths(from: "a", to: "b") { roots } } }`), 100*time.Millisecond)
	defer cancel()
	resp := admit(ctx, pass)(ctx)
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "TIMEOUT" {
		t.Fatalf("a second drawing while the slot is taken: %+v, want a TIMEOUT error", resp)
	}

	other := operation(t, `query { statements(first: 5) { edges { cursor } } }`)
	if resp := admit(other, pass)(other); len(resp.Errors) != 0 {
		t.Fatalf("a statements page waited for a drawing slot: %+v", resp)
	}

	if resp := first(context.Background()); len(resp.Errors) != 0 {
		t.Fatalf("first drawing: %+v", resp)
	}
	third := operation(t, drawing)
	done := make(chan *graphql.Response, 1)
	go func() { done <- admit(third, pass)(third) }()
	select {
	case resp := <-done:
		if len(resp.Errors) != 0 {
			t.Fatalf("a drawing after the slot was freed: %+v", resp)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a drawing still waits after the slot was freed")
	}
}

// Ensure the analyses that carry every statement behind their figures wait
// for the same slots as drawings: their answers are built whole in memory.
func TestLargeAnswersShareTheDrawingSlots(t *testing.T) {
	for _, q := range []string{
		`query { stanceMatrix { cells { total } } }`,
		`query { alignment(actor: "csto") { score } }`,
		`query { neighbourhood(id: "csto") { roots } }`,
		`query Q { ...F } fragment F on Query { paths(from: "a", to: "b") { roots } }`,
	} {
		doc, err := parser.ParseQuery(&ast.Source{Input: q})
		if err != nil {
			t.Fatal(err)
		}
		op := doc.Operations[0]
		if len(doc.Fragments) > 0 { // what validation does for spreads
			op.SelectionSet[0].(*ast.FragmentSpread).Definition = doc.Fragments[0]
		}
		if !drawsSubgraph(op) {
			t.Errorf("%s does not wait for a slot", q)
		}
	}
	if drawsSubgraph(graphql.GetOperationContext(operation(t, `query { statements { totalCount } }`)).Operation) {
		t.Error("a statements page waits for a slot")
	}
}
