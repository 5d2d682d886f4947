package main

import (
	"fmt"
	"slices"
	"testing"
)

// countedAnswer runs q on a server started with WHOSAID_DEBUG=1 and returns
// how many Cypher round trips it cost with its typed answer.
func countedAnswer[T any](t *testing.T, base, q string, vars map[string]any) (float64, T) {
	t.Helper()
	_, r := postGraphQL(t, base, q, vars)
	w, ok := r.Extensions["whosaid"].(map[string]any)
	if !ok {
		t.Fatalf("no extensions.whosaid in the answer to %s", q)
	}
	return w["cypherQueries"].(float64), decode[T](t, r)
}

type statementPage struct {
	Edges []struct {
		Cursor string
		Node   struct{ ID string }
	}
	PageInfo struct {
		HasNextPage bool
		EndCursor   string // "" for null
	}
}

func (p statementPage) ids() []string {
	var out []string
	for _, e := range p.Edges {
		out = append(out, e.Node.ID)
	}
	return out
}

// Ensure a page of statements with all its nested parts (speakers,
// targets, occasion, evidence and the evidence's documents) is one Cypher
// statement, and a root actor with its first statements two: the actor is
// read at once, not after a batching wait in a query of its own.
func TestPageWithNestedPartsIsOneRoundTrip(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_DEBUG": "1"}, "../../seeds")
	for q, want := range map[string]float64{
		`{ statements(first: 50) { edges { node { id date speakers { id name } targets { ... on Topic { id label } ... on Actor { id } ... on Event { id } }
			event { id name } evidence { text document { id title } } } } } }`: 1,
		`{ statements(first: 50) { edges { node { id date } } } }`:                                                 1,
		`{ actor(id: "vladimir-putin") { name statements(first: 20) { edges { node { id speakers { id } } } } } }`: 2,
	} {
		trips, _ := countedAnswer[map[string]any](t, base, q, nil)
		if trips != want {
			t.Errorf("%v Cypher round trips, want %v, for %s", trips, want, q)
		}
	}
}

// Ensure a statement list nested under a list of parents costs one Cypher
// statement for all of them, whatever their number, and answers for each
// parent what the parent's own list answers, also after a cursor.
func TestNestedListCostsOneQueryPerLevel(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_DEBUG": "1"}, "../../seeds")
	const nested = `query($n: Int, $after: String) { actors(first: $n) { edges { node { id
		statements(first: 3, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } } } }`
	const alone = `query($id: ID!, $after: String) { statements(filter: {speaker: $id}, first: 3, after: $after) {
		edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`
	type actors struct {
		Actors struct {
			Edges []struct {
				Node struct {
					ID         string
					Statements statementPage
				}
			}
		}
	}
	trips := map[int]float64{}
	cursor := ""
	for _, n := range []int{3, 10} {
		var answer actors
		trips[n], answer = countedAnswer[actors](t, base, nested, map[string]any{"n": n})
		if len(answer.Actors.Edges) != n {
			t.Fatalf("%d actors, want %d", len(answer.Actors.Edges), n)
		}
		for _, e := range answer.Actors.Edges {
			_, own := countedAnswer[struct{ Statements statementPage }](t, base, alone, map[string]any{"id": e.Node.ID})
			if !slices.Equal(e.Node.Statements.ids(), own.Statements.ids()) || e.Node.Statements.PageInfo != own.Statements.PageInfo {
				t.Errorf("%s: nested %+v, alone %+v", e.Node.ID, e.Node.Statements, own.Statements)
			}
			if cursor == "" && e.Node.Statements.PageInfo.HasNextPage {
				cursor = e.Node.Statements.PageInfo.EndCursor
			}
		}
	}
	if trips[3] != trips[10] || trips[3] != 2 {
		t.Errorf("statements under 3 and 10 actors: %v Cypher round trips; want 2 for both (the actors, their statements)", trips)
	}
	if cursor == "" {
		t.Fatal("no actor has a second page of statements")
	}
	// A cursor given to the nested list applies to each parent's own list.
	_, answer := countedAnswer[actors](t, base, nested, map[string]any{"n": 10, "after": cursor})
	for _, e := range answer.Actors.Edges {
		_, own := countedAnswer[struct{ Statements statementPage }](t, base, alone, map[string]any{"id": e.Node.ID, "after": cursor})
		if !slices.Equal(e.Node.Statements.ids(), own.Statements.ids()) {
			t.Errorf("%s after %s: nested %v, alone %v", e.Node.ID, cursor, e.Node.Statements.ids(), own.Statements.ids())
		}
	}
}

// Ensure the 2-hop list (an actor's statements, their topics, what else
// was said about each topic, and by whom) costs the same few Cypher
// statements however many topics the first hop reaches: one per level.
func TestTwoHopCostsOneQueryPerLevel(t *testing.T) {
	base := startServer(t, map[string]string{"WHOSAID_DEBUG": "1"}, "../../seeds")
	const q = `query($n: Int) { actor(id: "russia") { statements(first: $n, filter: {includeAffiliates: true}) { edges { node { id targets {
		... on Topic { id statementsAbout(first: 5) { edges { node { id speakers { id } } } } } } } } } } }`
	type answer struct {
		Actor struct {
			Statements struct {
				Edges []struct {
					Node struct {
						Targets []struct {
							ID              string
							StatementsAbout *statementPage
						}
					}
				}
			}
		}
	}
	topics := map[int]int{}
	trips := map[int]float64{}
	for _, n := range []int{1, 30} {
		var a answer
		trips[n], a = countedAnswer[answer](t, base, q, map[string]any{"n": n})
		seen := map[string]bool{}
		for _, e := range a.Actor.Statements.Edges {
			for _, target := range e.Node.Targets {
				if target.StatementsAbout != nil {
					seen[target.ID] = true
				}
			}
		}
		topics[n] = len(seen)
	}
	t.Logf("topics reached: %v; Cypher round trips: %v", topics, trips)
	if topics[30] < 3 || topics[1] >= topics[30] {
		t.Fatalf("topics reached by 1 and 30 statements: %v; the test needs more of them with more statements", topics)
	}
	if trips[1] != trips[30] || trips[30] > 3 {
		t.Errorf("%s round trips for 1 and 30 statements (%v topics); want the same, at most 3 (the actor, its statements, the topics' statements)",
			fmt.Sprint(trips), topics)
	}
}
