package store_test

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store"
	"github.com/whosaid/whosaid/store/storetest"
	"github.com/whosaid/whosaid/subgraph"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// sortBeforeLimit finds a Sort the query's own limit waits for: a page
// must sort and limit in one Top (or read an index in order), never sort
// every row in scope, which the transaction holds in memory. A Sort that
// feeds an aggregation (an ordered collect) is the aggregation's, not the
// page's. Subqueries are left out: they sort one row's neighbours.
func sortBeforeLimit(plan []store.PlanStep) *store.PlanStep {
	limited := false
	for i, step := range plan {
		switch {
		case !step.Spine:
		case step.Operator == "Limit":
			limited = true
		case strings.Contains(step.Operator, "Aggregation") || step.Operator == "Distinct":
			limited = false
		case step.Operator == "Sort" && limited:
			return &plan[i]
		}
	}
	return nil
}

// topPerParent reports whether a nested list's plan cuts each parent's
// page with a Top inside the per-parent subquery, and sorts no parent's
// statements whole (a Sort on the page's sort value v).
func topPerParent(plan []store.PlanStep) bool {
	top := false
	for _, step := range plan {
		switch {
		case step.Spine:
		case strings.Contains(step.Operator, "Top") && strings.HasPrefix(step.Details, "v "):
			top = true
		case step.Operator == "Sort" && strings.HasPrefix(step.Details, "v "):
			return false
		}
	}
	return top
}

// walksRelationships reports whether q is a speaker's or a target's page
// (walkPage), which must read MADE's or TARGETS' index in order.
func walksRelationships(q recorded) bool {
	return q.op == "statements.nested" && (strings.Contains(q.cypher, "m.speaker = member") || strings.Contains(q.cypher, "m.target = member"))
}

func seeksRelationshipIndex(plan []store.PlanStep) bool {
	for _, step := range plan {
		if strings.Contains(step.Operator, "RelationshipIndexSeek") {
			return true
		}
	}
	return false
}

// statementOrders is every order of a statement list.
func statementOrders() []kg.StatementOrder {
	var out []kg.StatementOrder
	for _, field := range []kg.StatementOrderField{kg.OrderByDate, kg.OrderByConfidence} {
		for _, dir := range []kg.OrderDirection{kg.Asc, kg.Desc} {
			out = append(out, kg.StatementOrder{Field: field, Direction: dir})
		}
	}
	return out
}

// knownScan is the one scan left: the count of every statement, unscoped
// but filtered, reads them all. Its pages walk an index in order instead.
func knownScan(q recorded, step store.PlanStep) bool {
	unscoped := strings.HasPrefix(q.cypher, "MATCH (s:Statement)\n")
	return q.op == "statements.count" && unscoped && step.Operator == "NodeByLabelScan" && step.Details == "s:Statement"
}

// pageOps are the operations that read one page of a list.
var pageOps = map[string]bool{"statements": true, "actors": true, "topics": true, "events": true, "documents": true}

// notTopN finds what keeps a page query from being a top-N: a Sort on its
// pipeline (a Sort that a Limit takes the page from still sorts every row;
// only a Top, a PartialTop or an index walked in order keep one page), a
// Sort by a statement list's key anywhere (the arms of a subquery that
// choose how to read a speaker's statements), or an Eager, which holds
// every row. The sorts of the projection's subqueries order one
// statement's speakers, targets and evidence.
func notTopN(plan []store.PlanStep) *store.PlanStep {
	for i, step := range plan {
		sortsKey := false
		for _, key := range []string{"s.sort_date", "s.confidence", "m.sort_date", "m.confidence"} {
			sortsKey = sortsKey || strings.Contains(step.Details, key)
		}
		if step.Operator == "Sort" && (step.Spine || sortsKey) || strings.HasPrefix(step.Operator, "Eager") && step.Operator != "EagerAggregation" {
			return &plan[i]
		}
	}
	return nil
}

type recorded struct {
	op, cypher string
	params     map[string]any
}

// TestEveryQueryStartsFromAnIndex runs every store operation over the seed
// graph with representative arguments, and every call of the contract
// suite (store/storetest), records each Cypher statement it issues, and
// EXPLAINs them all: none may scan all nodes or relationships,
// nor the Statement, Mention or Actor labels or the relationship types that
// grow with the corpus.
func TestEveryQueryStartsFromAnIndex(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	var queries []recorded
	st.RecordQueries(func(op, cypher string, params map[string]any) {
		queries = append(queries, recorded{op, cypher, params})
	})

	seeds := []loader.Folder{loader.Dir("../seeds")}
	if _, err := loader.Load(ctx, st, seeds, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	s := func(v string) *string { return &v }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ids := []string{"vladimir-putin", "csto", "russia"}
	_, _, err := st.Actors(ctx, kg.ActorFilter{Name: s("بوتين")}, 10, "a")
	must(err)
	_, _, err = st.Actors(ctx, kg.ActorFilter{}, 10, "")
	must(err)
	_, err = st.CountActors(ctx, kg.ActorFilter{})
	must(err)
	_, err = st.ActorsByID(ctx, ids)
	must(err)
	for _, t := range []kg.RelationType{kg.HoldsPosition, kg.PartOf, kg.MemberOf} {
		for _, in := range []bool{false, true} {
			_, err = st.Relations(ctx, t, ids, in)
			must(err)
		}
	}
	extracted, half := kg.Extracted, 0.5
	full := kg.StatementFilter{Predicate: []kg.Predicate{"REJECT"}, Polarity: (*kg.Polarity)(s("against")),
		Document: s("000_34de9ea8cd55db5f"), From: s("2013"), To: s("2014"), Target: s("syrian-crisis"),
		Trust: kg.Trust{Method: &extracted, MinConfidence: &half}}
	scopes := []kg.StatementScope{{Speaker: "russia", Reach: kg.Reach{Affiliates: true, Narrower: true}}, {Speaker: "vladimir-putin"}, {About: "military-intervention-in-syria", Reach: kg.Reach{Narrower: true}}, {Event: "csto-summit-sochi-2013"}}
	// Every order, first page and after a cursor, filtered and not, in
	// every scope and none.
	for _, field := range []kg.StatementOrderField{kg.OrderByDate, kg.OrderByConfidence} {
		for _, dir := range []kg.OrderDirection{kg.Asc, kg.Desc} {
			order := kg.StatementOrder{Field: field, Direction: dir}
			var key any = "2013-09"
			if field == kg.OrderByConfidence {
				key = 0.5
			}
			for _, scope := range append(scopes, kg.StatementScope{}) {
				for _, f := range []kg.StatementFilter{full, {}} {
					for _, after := range []*kg.SortKey{nil, {Value: key, ID: "x"}} {
						_, _, err = st.Statements(ctx, scope, f, order, 10, after, kg.AllStatementParts)
						must(err)
					}
					_, err = st.CountStatements(ctx, scope, f)
					must(err)
				}
			}
		}
	}
	// Nested lists: every anchor and order, filtered and not, each parent
	// at the head of its list or after its own cursor.
	for _, anchor := range []kg.Anchor{kg.MadeBy, kg.MadeAt, kg.AboutIt} {
		for _, order := range statementOrders() {
			var key any = "2013-09"
			if order.Field == kg.OrderByConfidence {
				key = 0.5
			}
			for _, f := range []kg.StatementFilter{full, {}} {
				b := kg.StatementBatch{Anchor: anchor, Reach: kg.Reach{Affiliates: true, Narrower: true}, Filter: f, Order: order, First: 10, Parts: kg.AllStatementParts}
				starts := []kg.PageStart{{Parent: "russia"}, {Parent: "syrian-crisis", After: &kg.SortKey{Value: key, ID: "x"}}}
				_, err = st.StatementPages(ctx, b, starts)
				must(err)
				_, err = st.StatementPages(ctx, b, starts[:1])
				must(err)
			}
		}
	}
	_, err = st.StatementsByID(ctx, []string{"000_34de9ea8cd55db5f:s01"})
	must(err)
	_, _, err = st.Topics(ctx, "syria", 10, "a")
	must(err)
	_, _, err = st.Topics(ctx, "", 10, "")
	must(err)
	_, err = st.CountTopics(ctx, "syria")
	must(err)
	_, err = st.TopicsByID(ctx, []string{"syrian-crisis"})
	must(err)
	_, err = st.NarrowerTopics(ctx, []string{"syrian-crisis"})
	must(err)
	_, _, err = st.Events(ctx, 10, &kg.SortKey{Value: "2013", ID: "a"})
	must(err)
	_, _, err = st.Events(ctx, 10, nil)
	must(err)
	_, err = st.CountEvents(ctx)
	must(err)
	_, err = st.EventsByID(ctx, []string{"csto-summit-sochi-2013"})
	must(err)
	_, err = st.PlacesByID(ctx, []string{"sochi"})
	must(err)
	_, _, err = st.Documents(ctx, 10, "")
	must(err)
	_, _, err = st.Documents(ctx, 10, "000")
	must(err)
	_, err = st.CountDocuments(ctx)
	must(err)
	_, err = st.DocumentsByID(ctx, []string{"000_34de9ea8cd55db5f"}, true)
	must(err)
	_, err = st.MentionsByID(ctx, []string{"x"})
	must(err)
	_, err = st.NodeByID(ctx, "csto")
	must(err)
	_, err = st.Search(ctx, "اتفاقية الأمن الجماعي", nil, "", 10)
	must(err)
	_, err = st.Search(ctx, "CSTO", nil, "en", 10)
	must(err)
	everything := kg.Reach{Affiliates: true, Narrower: true}
	_, err = st.StanceMatrix(ctx, nil, nil, s("2013"), nil, kg.Trust{Method: &extracted, MinConfidence: &half}, everything, true)
	must(err)
	// Counted from the stance calendars, the month the from date cuts through recounted.
	_, err = st.StanceMatrix(ctx, nil, nil, s("2013-09-22"), s("2013-09-22"), kg.Trust{}, kg.ReachOf(nil, nil), false)
	must(err)
	_, err = st.Alignment(ctx, "russia", nil, nil, 10, kg.Trust{}, everything)
	must(err)
	for _, tl := range [][2]string{{"russia", ""}, {"", "syrian-crisis"}, {"russia", "syrian-crisis"}, {"", ""}} {
		_, err = st.Timeline(ctx, tl[0], tl[1], nil, nil, kg.Month, kg.Trust{Method: &extracted}, everything)
		must(err)
	}
	_, err = st.Stats(ctx)
	must(err)
	_, _, err = st.Checksum(ctx)
	must(err)
	// Reload the seeds: replacing a document recounts the STANCE edges it counted in.
	if _, err := loader.Load(ctx, st, seeds, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []subgraph.Filter{{}, {Polarities: []kg.Polarity{kg.Against}}} {
		sg, err := subgraph.Neighbourhood(ctx, st, "vladimir-putin", 2, 100, []string{"csto"}, subgraph.ViewCollapsed, f)
		must(err)
		_, err = subgraph.WithStatements(ctx, st, sg)
		must(err)
	}
	for _, view := range []subgraph.View{subgraph.ViewCollapsed, subgraph.ViewNodes} {
		_, err = subgraph.Neighbourhood(ctx, st, "vladimir-putin", 2, 100, nil, view, subgraph.Filter{From: s("2013")})
		must(err)
		_, err = subgraph.Paths(ctx, st, "alexander-lukashenko", "geneva-ii-conference", 4, view)
		must(err)
	}
	// Whole-graph exports: keyset pages of ids per label, then each page's edges.
	exportFilter := subgraph.Filter{Predicates: []kg.Predicate{"REJECT"}, Polarities: []kg.Polarity{kg.Against}, From: s("2013"), To: s("2014")}
	for _, kinds := range [][]kg.NodeKind{{kg.PersonNode, kg.OrganisationNode, kg.CountryNode}, {kg.CountryNode}, {kg.TopicNode}, {kg.EventNode}, {kg.PlaceNode}, {kg.StatementNode}} {
		_, err = st.ExportIDs(ctx, kinds, "m", 100, exportFilter)
		must(err)
	}
	for _, view := range []subgraph.View{subgraph.ViewCollapsed, subgraph.ViewNodes} {
		_, err = st.ExportEdges(ctx, []string{"vladimir-putin", "syrian-crisis", "000_34de9ea8cd55db5f:s01"}, view, exportFilter)
		must(err)
	}
	_, err = st.SchemaReady(ctx)
	must(err)
	must(st.Ping(ctx))
	// And every call of the contract suite, so the queries behind a read
	// the contract asks for are explained without being listed here.
	must(storetest.WriteExtra(ctx, st))
	must(storetest.Exercise(ctx, st))

	seen := map[string]bool{}
	var ops []string
	for _, q := range queries {
		if strings.HasPrefix(q.op, "schema.") || seen[q.cypher] {
			continue
		}
		seen[q.cypher] = true
		ops = append(ops, q.op)
		plan, err := st.Explain(ctx, q.cypher, q.params)
		if err != nil {
			t.Errorf("%s: EXPLAIN failed: %v", q.op, err)
			continue
		}
		for _, step := range plan {
			bad := step.Operator == "AllNodesScan" || strings.Contains(step.Operator, "AllRelationshipsScan")
			if strings.Contains(step.Operator, "RelationshipType") {
				for _, r := range []string{":STANCE", ":MADE", ":TARGETS", ":EVIDENCED_BY", ":IN_DOCUMENT"} {
					bad = bad || strings.Contains(step.Details, r)
				}
			}
			if step.Operator == "NodeByLabelScan" {
				for _, l := range []string{":Statement", ":Mention", ":Actor"} {
					bad = bad || strings.Contains(step.Details, l)
				}
			}
			if bad && !knownScan(q, step) {
				t.Errorf("%s scans: %s %s\n%s", q.op, step.Operator, step.Details, q.cypher)
			}
		}
		if q.op == "statements.nested" && !topPerParent(plan) {
			t.Errorf("%s does not cut each parent's page with a Top:\n%v\n%s", q.op, plan, q.cypher)
		}
		if walksRelationships(q) && !seeksRelationshipIndex(plan) {
			t.Errorf("%s reads a speaker's or a target's statements without their relationships' index:\n%v\n%s", q.op, plan, q.cypher)
		}
		if sort := sortBeforeLimit(plan); sort != nil {
			t.Errorf("%s sorts every row before its limit: %s %s\n%s", q.op, sort.Operator, sort.Details, q.cypher)
		}
		if step := notTopN(plan); pageOps[q.op] && step != nil {
			t.Errorf("%s is no top-N: %s %s\n%s", q.op, step.Operator, step.Details, q.cypher)
		}
	}
	sort.Strings(ops)
	t.Logf("explained %d distinct queries from %d operations: %s", len(seen), len(ops), strings.Join(ops, ", "))
	if len(seen) < 40 {
		t.Errorf("only %d distinct queries were explained; the test no longer covers the store", len(seen))
	}
}
