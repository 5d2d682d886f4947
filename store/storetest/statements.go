package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
)

// statementList reads a whole statement list in pages of 9, each after the
// previous page's last item as its cursor would say.
func statementList(scope kg.StatementScope, f kg.StatementFilter, order kg.StatementOrder) func(context.Context, graph.Reader) (Listing[kg.Statement], error) {
	return func(ctx context.Context, r graph.Reader) (Listing[kg.Statement], error) {
		return readAll(func(last *kg.Statement) ([]kg.Statement, bool, error) {
			var after *kg.SortKey
			switch {
			case last != nil && order.Field == kg.OrderByConfidence:
				after = &kg.SortKey{Value: last.Confidence, ID: last.ID}
			case last != nil:
				after = &kg.SortKey{Value: last.Date, ID: last.ID}
			}
			return r.Statements(ctx, scope, f, order, 9, after, kg.AllStatementParts)
		}, func() (int, error) { return r.CountStatements(ctx, scope, f) })
	}
}

func statementID(s kg.Statement) string { return s.ID }

// inOrder is the order a statement list promises: by date or confidence,
// ties by id, ascending or descending.
func inOrder(order kg.StatementOrder) func(a, b kg.Statement) bool {
	return func(a, b kg.Statement) bool {
		c := compare(a.Date, b.Date)
		if order.Field == kg.OrderByConfidence {
			c = compare(a.Confidence, b.Confidence)
		}
		if c == 0 {
			c = compare(a.ID, b.ID)
		}
		if order.Direction == kg.Desc {
			return c > 0
		}
		return c < 0
	}
}

func compare[T string | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// obeys checks the filters a statement carries the answer to: predicate,
// polarity, dates, method and confidence.
func obeys(f kg.StatementFilter) func(*testing.T, Listing[kg.Statement]) {
	return func(t *testing.T, l Listing[kg.Statement]) {
		t.Helper()
		for _, s := range l.Items {
			bad := len(f.Predicate) > 0 && !slices.Contains(f.Predicate, s.Predicate) ||
				f.Polarity != nil && s.Polarity != *f.Polarity ||
				f.From != nil && (s.Date == "" || s.Date < *f.From) ||
				f.To != nil && (s.Date == "" || s.Date > *f.To+"~") ||
				f.Method != nil && (s.Method == "curated") != (*f.Method == kg.Curated) ||
				f.MinConfidence != nil && s.Confidence < *f.MinConfidence ||
				f.Event != nil && s.Event != *f.Event
			if bad {
				t.Errorf("%s (%s %s %s %s %v, at %q) does not pass the filter", s.ID, s.Predicate, s.Polarity, s.Date, s.Method, s.Confidence, s.Event)
			}
		}
	}
}

// statementScopes are the scopes the contract lists statements in, with the
// least each must hold (0: may be empty).
var statementScopes = []struct {
	name  string
	scope kg.StatementScope
	least int
}{
	{"all", kg.StatementScope{}, 60},
	{"said by russia", kg.StatementScope{Speaker: "russia"}, 0},
	{"said by russia and its affiliates", kg.StatementScope{Speaker: "russia", Reach: kg.Reach{Affiliates: true}}, 20},
	{"said by putin", kg.StatementScope{Speaker: "vladimir-putin"}, 3},
	{"said by the csto and its affiliates", kg.StatementScope{Speaker: "csto", Reach: kg.Reach{Affiliates: true}}, 5},
	{"about the syrian crisis", kg.StatementScope{About: "syrian-crisis"}, 1},
	{"about the syrian crisis and narrower", kg.StatementScope{About: "syrian-crisis", Reach: kg.Reach{Narrower: true}}, 20},
	{"about military intervention and narrower", kg.StatementScope{About: "military-intervention-in-syria", Reach: kg.Reach{Narrower: true}}, 3},
	{"about the united states", kg.StatementScope{About: "united-states"}, 0},
	{"about a place", kg.StatementScope{About: "sochi"}, 0},
	{"about an event", kg.StatementScope{About: "geneva-ii-conference"}, 1},
	{"said by the united states and its affiliates", kg.StatementScope{Speaker: "united-states", Reach: kg.Reach{Affiliates: true}}, 0},
	{"at the sochi summit", kg.StatementScope{Event: "csto-summit-sochi-2013"}, 20},
	{"said by nobody", kg.StatementScope{Speaker: "nobody", Reach: kg.Reach{Affiliates: true}}, 0},
}

func statementFilters() []struct {
	name   string
	filter kg.StatementFilter
} {
	extracted, curated := kg.Extracted, kg.Curated
	return []struct {
		name   string
		filter kg.StatementFilter
	}{
		{"unfiltered", kg.StatementFilter{}},
		{"reject or oppose", kg.StatementFilter{Predicate: []kg.Predicate{"REJECT", "OPPOSE"}}},
		{"against", kg.StatementFilter{Polarity: ptr(kg.Against)}},
		{"on 2013-09-23", kg.StatementFilter{From: ptr("2013-09-23"), To: ptr("2013-09-23")}},
		{"from 2013-09", kg.StatementFilter{From: ptr("2013-09")}},
		{"until 2013-09-22", kg.StatementFilter{To: ptr("2013-09-22")}},
		{"in the seed document", kg.StatementFilter{Document: ptr(seedDocument)}},
		{"in no document", kg.StatementFilter{Document: ptr("nothing")}},
		{"targeting the syrian crisis", kg.StatementFilter{Target: ptr("syrian-crisis")}},
		{"said by russia", kg.StatementFilter{Speaker: ptr("russia")}},
		{"at the sochi summit", kg.StatementFilter{Event: ptr("csto-summit-sochi-2013")}},
		{"curated", kg.StatementFilter{Trust: kg.Trust{Method: &curated}}},
		{"extracted", kg.StatementFilter{Trust: kg.Trust{Method: &extracted}}},
		{"confident", kg.StatementFilter{Trust: kg.Trust{MinConfidence: ptr(0.9)}}},
	}
}

func statementCases() []Case {
	var cases []Case
	byDate := kg.StatementOrder{Field: kg.OrderByDate, Direction: kg.Asc}
	for _, sc := range statementScopes {
		for _, f := range statementFilters() {
			checks := []func(*testing.T, Listing[kg.Statement]){wellPaged(statementID, inOrder(byDate)), obeys(f.filter)}
			if f.name == "unfiltered" {
				least := sc.least
				checks = append(checks, func(t *testing.T, l Listing[kg.Statement]) {
					if l.Count < least {
						t.Errorf("%d statements, the seeds have at least %d", l.Count, least)
					}
				})
			}
			cases = append(cases, newCase("statements/"+sc.name+"/"+f.name, statementList(sc.scope, f.filter, byDate), checks...))
		}
	}
	for _, order := range []kg.StatementOrder{{Field: kg.OrderByDate, Direction: kg.Desc}, {Field: kg.OrderByConfidence, Direction: kg.Asc}, {Field: kg.OrderByConfidence, Direction: kg.Desc}} {
		for _, sc := range []kg.StatementScope{{}, {Speaker: "russia", Reach: kg.Reach{Affiliates: true}}} {
			cases = append(cases, newCase(fmt.Sprintf("statements/%v/order %s %s", sc, order.Field, order.Direction),
				statementList(sc, kg.StatementFilter{}, order), wellPaged(statementID, inOrder(order))))
		}
	}
	cases = append(cases,
		newCase("statements/reach/affiliates speak for russia", func(ctx context.Context, r graph.Reader) ([]int, error) {
			return counts(ctx, r, kg.StatementScope{Speaker: "russia"}, kg.StatementScope{Speaker: "russia", Reach: kg.Reach{Affiliates: true}})
		}, func(t *testing.T, n []int) {
			if n[0] >= n[1] {
				t.Errorf("russia alone %d statements, with its affiliates %d: Lavrov and Putin should add theirs", n[0], n[1])
			}
		}),
		newCase("statements/reach/narrower topics count", func(ctx context.Context, r graph.Reader) ([]int, error) {
			return counts(ctx, r, kg.StatementScope{About: "syrian-crisis"}, kg.StatementScope{About: "syrian-crisis", Reach: kg.Reach{Narrower: true}})
		}, func(t *testing.T, n []int) {
			if n[0] >= n[1] {
				t.Errorf("about the syrian crisis %d statements, with narrower topics %d", n[0], n[1])
			}
		}),
		newCase("statements/reach/only while in office", func(ctx context.Context, r graph.Reader) (map[string][]string, error) {
			out := map[string][]string{}
			for _, speaker := range []string{"russia", "united-states", "belarus"} {
				l, err := statementList(kg.StatementScope{Speaker: speaker, Reach: kg.Reach{Affiliates: true}}, kg.StatementFilter{}, kg.StatementOrder{Field: kg.OrderByDate})(ctx, r)
				if err != nil {
					return nil, err
				}
				for _, s := range l.Items {
					out[speaker] = append(out[speaker], s.ID)
				}
			}
			return out, nil
		}, func(t *testing.T, m map[string][]string) {
			for _, c := range []struct {
				speaker string
				n       int
				want    bool
				why     string
			}{
				{"russia", 1, false, "Naryshkin left the Duma in 2016"},
				{"russia", 2, true, "undated, but Putin has a term without dates"},
				{"russia", 3, true, "Lavrov was minister in 2006"},
				{"united-states", 4, false, "Kerry left office in 2017"},
				{"belarus", 2, false, "undated, and Lukashenko's term has a start"},
			} {
				if id := fmt.Sprintf("%s:x%02d", extraDocument, c.n); slices.Contains(m[c.speaker], id) != c.want {
					t.Errorf("%s counted for %s: %v, want %v (%s)", id, c.speaker, !c.want, c.want, c.why)
				}
			}
		}),
		newCase("statements/about one target, filtered by another", func(ctx context.Context, r graph.Reader) (map[string][]string, error) {
			// x02 targets both the settlement and the Geneva conference: a list
			// about one, filtered by the other, holds it.
			out := map[string][]string{}
			// The API reaches narrower topics unless told not to.
			for _, pair := range [][2]string{{"geneva-ii-conference", "peaceful-settlement-of-syrian-crisis"}, {"peaceful-settlement-of-syrian-crisis", "geneva-ii-conference"}} {
				for _, narrower := range []bool{false, true} {
					scope := kg.StatementScope{About: pair[0], Reach: kg.Reach{Narrower: narrower}}
					l, err := statementList(scope, kg.StatementFilter{Target: ptr(pair[1])}, kg.StatementOrder{Field: kg.OrderByDate})(ctx, r)
					if err != nil {
						return nil, err
					}
					out[fmt.Sprintf("%s (narrower %v)", pair[0], narrower)] = idsOf(l, statementID)
				}
			}
			return out, nil
		}, func(t *testing.T, m map[string][]string) {
			for about, ids := range m {
				if !slices.Contains(ids, extraDocument+":x02") {
					t.Errorf("statements about %s, filtered by x02's other target: %v, want x02 among them", about, ids)
				}
			}
		}),
		newCase("statementsByID", allStatements, func(t *testing.T, m map[string]kg.Statement) {
			s := m[seedDocument+":s01"]
			if len(m) < 60 || s.Predicate != "REJECT" || len(s.SpeakerActors) != 1 || s.SpeakerActors[0].ID != "csto" ||
				s.Occasion == nil || s.Occasion.ID != "csto-summit-sochi-2013" || len(s.Evidence) != 2 || s.Evidence[0].Doc == nil {
				t.Errorf("%d statements; s01: %+v", len(m), s)
			}
			if x := m[extraDocument+":x05"]; !slices.Equal(x.Speakers, []string{"csto"}) || len(x.TargetNodes) != 1 {
				t.Errorf("a statement by an unknown envoy and the CSTO: speakers %v, targets %v", x.Speakers, x.TargetNodes)
			}
			if _, ok := m[extraDocument+":x99"]; ok {
				t.Error("a statement the replaced document dropped is still there")
			}
		}),
		newCase("mentionsByID", func(ctx context.Context, r graph.Reader) (map[string]kg.Mention, error) {
			stmts, err := allStatements(ctx, r)
			if err != nil {
				return nil, err
			}
			ids := []string{"nothing"}
			for _, s := range stmts {
				for _, m := range s.Evidence {
					ids = append(ids, m.ID)
				}
			}
			rels, err := r.Relations(ctx, kg.MemberOf, []string{"csto"}, true)
			for _, rel := range rels["csto"] {
				for _, m := range rel.Evidence {
					ids = append(ids, m.ID)
				}
			}
			return r.MentionsByID(ctx, ids)
		}, func(t *testing.T, m map[string]kg.Mention) {
			if len(m) < 70 {
				t.Errorf("%d mentions", len(m))
			}
			for id, mn := range m {
				if mn.Doc != nil || (mn.Document != seedDocument && mn.Document != extraDocument) || mn.End <= mn.Start {
					t.Errorf("mention %s: %+v", id, mn)
				}
			}
		}),
	)
	return cases
}

func counts(ctx context.Context, r graph.Reader, scopes ...kg.StatementScope) ([]int, error) {
	var out []int
	for _, sc := range scopes {
		n, err := r.CountStatements(ctx, sc, kg.StatementFilter{})
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// allStatements reads every statement by id.
func allStatements(ctx context.Context, r graph.Reader) (map[string]kg.Statement, error) {
	l, err := statementList(kg.StatementScope{}, kg.StatementFilter{}, kg.StatementOrder{Field: kg.OrderByDate, Direction: kg.Asc})(ctx, r)
	if err != nil {
		return nil, err
	}
	return r.StatementsByID(ctx, idsOf(l, statementID))
}
