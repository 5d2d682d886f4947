package graph_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/whosaid/whosaid/graph"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/server"
	"github.com/whosaid/whosaid/store/inmem"
	"github.com/whosaid/whosaid/store/storetest"
)

// The resolvers asked through the server's handler, in-process, over the
// seeds in the in-memory store (whose answers the contract suite holds to
// Neo4j's): what a client sees, in milliseconds.

const seedDocument = "000_34de9ea8cd55db5f"

func newClient(t *testing.T) *client.Client {
	t.Helper()
	mem := storetest.InMemory(t)
	return client.New(server.New(server.Config{}, mem, mem, server.NewMetrics(), slog.New(slog.NewTextHandler(io.Discard, nil))), client.Path("/graphql"))
}

// post asks a query that must answer without errors and decodes its data.
func post(t *testing.T, c *client.Client, query string, out any, opts ...client.Option) {
	t.Helper()
	if err := c.Post(query, out, opts...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

type page struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage, HasPreviousPage bool
		EndCursor                    *string
	}
	Edges []struct {
		Cursor string
		Node   struct{ ID string }
	}
}

// Ensure a statement list read a page at a time through its cursors holds
// what one page holds, in both orders, each page saying where it sits.
func TestStatementPagesFollowTheirCursors(t *testing.T) {
	c := newClient(t)
	const query = `query($after: String, $first: Int, $order: StatementOrder) {
  statements(first: $first, after: $after, orderBy: $order) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }`
	for _, order := range []map[string]any{{"field": "DATE", "direction": "ASC"}, {"field": "CONFIDENCE", "direction": "DESC"}} {
		var whole struct{ Statements page }
		post(t, c, query, &whole, client.Var("first", 100), client.Var("order", order))
		var paged []string
		var after *string
		for i := 0; ; i++ {
			var resp struct{ Statements page }
			post(t, c, query, &resp, client.Var("first", 7), client.Var("after", after), client.Var("order", order))
			p := resp.Statements
			if p.PageInfo.HasPreviousPage != (i > 0) || p.TotalCount != whole.Statements.TotalCount {
				t.Errorf("%v page %d: hasPreviousPage %v, totalCount %d of %d", order, i, p.PageInfo.HasPreviousPage, p.TotalCount, whole.Statements.TotalCount)
			}
			for _, e := range p.Edges {
				paged = append(paged, e.Node.ID)
			}
			if !p.PageInfo.HasNextPage {
				break
			}
			if len(p.Edges) != 7 || *p.PageInfo.EndCursor != p.Edges[6].Cursor {
				t.Fatalf("%v page %d: %d edges, endCursor %v", order, i, len(p.Edges), p.PageInfo.EndCursor)
			}
			after = p.PageInfo.EndCursor
		}
		var ids []string
		for _, e := range whole.Statements.Edges {
			ids = append(ids, e.Node.ID)
		}
		if !slices.Equal(paged, ids) || len(ids) != whole.Statements.TotalCount || len(ids) < 60 {
			t.Errorf("%v: pages of 7 gave %d statements, one page %d of %d, in another order or not at all", order, len(paged), len(ids), whole.Statements.TotalCount)
		}
	}
}

type named struct{ ID string }

// Ensure an actor's fields resolve: names by language, positions with
// their terms, memberships at a date, statements made and about.
func TestActorFieldsResolve(t *testing.T) {
	c := newClient(t)
	var resp struct {
		Putin struct {
			Name, NameAr string
			Positions    []struct {
				In      named
				Title   *string
				From    *string
				Curated bool
			}
			Statements      struct{ TotalCount int }
			StatementsAbout struct{ TotalCount int }
		}
		Csto struct {
			Members, MembersThen []struct{ Member named }
		}
		Russia struct {
			Alone, WithAffiliates struct{ TotalCount int }
		}
	}
	post(t, c, `{
  putin: actor(id: "vladimir-putin") {
    name nameAr: name(lang: AR)
    positions { in { id } title from curated }
    statements { totalCount } statementsAbout { totalCount } }
  csto: actor(id: "csto") { members { member { id } } membersThen: members(at: "2013-09-23") { member { id } } }
  russia: actor(id: "russia") { alone: statements { totalCount } withAffiliates: statements(filter: {includeAffiliates: true}) { totalCount } }
}`, &resp)
	p := resp.Putin
	if p.Name != "Vladimir Putin" || p.NameAr == "" || p.NameAr == p.Name {
		t.Errorf("Putin's names %q, %q", p.Name, p.NameAr)
	}
	var terms []string
	for _, pos := range p.Positions {
		if pos.In.ID == "russia" && pos.From != nil {
			terms = append(terms, *pos.Title+" from "+*pos.From)
		}
	}
	if !slices.Equal(terms, []string{"President from 2000-05-07", "President from 2012-05-07"}) {
		t.Errorf("Putin's dated terms in Russia: %v", terms)
	}
	if p.Statements.TotalCount < 3 || p.StatementsAbout.TotalCount != 0 {
		t.Errorf("Putin made %d statements and %d were about him", p.Statements.TotalCount, p.StatementsAbout.TotalCount)
	}
	ids := func(ms []struct{ Member named }) (out []string) {
		for _, m := range ms {
			out = append(out, m.Member.ID)
		}
		return out
	}
	if all, then := ids(resp.Csto.Members), ids(resp.Csto.MembersThen); !slices.Contains(all, "uzbekistan") || slices.Contains(then, "uzbekistan") || len(then) != 6 {
		t.Errorf("CSTO members %v, in September 2013 %v: Uzbekistan had left, six remained", all, then)
	}
	if r := resp.Russia; r.Alone.TotalCount >= r.WithAffiliates.TotalCount {
		t.Errorf("Russia said %d alone, %d with its affiliates", r.Alone.TotalCount, r.WithAffiliates.TotalCount)
	}
}

// Ensure a statement's fields resolve: its speakers, targets of each kind
// with their own fields (a topic's broader topics are read for it, the
// statement carries none), its occasion and place, and its evidence with
// the document and the sentence around each span.
func TestStatementFieldsResolve(t *testing.T) {
	c := newClient(t)
	var resp struct {
		Statement struct {
			Speakers []named
			Targets  []struct {
				Typename string `json:"__typename"`
				ID       string
				Broader  []named
			}
			Event struct {
				ID    string
				Place struct {
					ID      string
					Country named
				}
			}
			Evidence []struct {
				Text       string
				Start, End int
				Document   struct{ ID, Title string }
				Context    struct {
					Text       string
					Start, End int
				}
			}
		}
	}
	post(t, c, `{ statement(id: "`+seedDocument+`:s01") {
  speakers { id }
  targets { __typename ... on Topic { id broader { id } } ... on Actor { id } ... on Event { id } }
  event { id place { id country { id } } }
  evidence { text start end document { id title } context(chars: 300) { text start end } } } }`, &resp)
	s := resp.Statement
	if len(s.Speakers) != 1 || s.Speakers[0].ID != "csto" {
		t.Errorf("speakers %v", s.Speakers)
	}
	if len(s.Targets) != 1 || s.Targets[0].Typename != "Topic" || s.Targets[0].ID != "military-intervention-in-syria" ||
		!slices.Contains(s.Targets[0].Broader, named{"syrian-crisis"}) {
		t.Errorf("targets %+v: want the topic military-intervention-in-syria, under syrian-crisis", s.Targets)
	}
	if s.Event.ID != "csto-summit-sochi-2013" || s.Event.Place.ID != "sochi" || s.Event.Place.Country.ID != "russia" {
		t.Errorf("occasion %+v", s.Event)
	}
	if len(s.Evidence) != 2 {
		t.Fatalf("evidence %+v", s.Evidence)
	}
	for _, m := range s.Evidence {
		if m.Document.ID != seedDocument || m.Document.Title == "" || m.End-m.Start != len([]rune(m.Text)) ||
			!strings.Contains(m.Context.Text, m.Text) || m.Context.Start > m.Start || m.Context.End < m.End {
			t.Errorf("mention %+v: its context must hold its span", m)
		}
	}
}

// Ensure node answers every kind of id with its type, and a document's
// text is cut in code points, clamped to the text.
func TestNodesAndTextsResolve(t *testing.T) {
	c := newClient(t)
	for id, want := range map[string]string{
		"csto": "Actor", "syrian-crisis": "Topic", "csto-summit-sochi-2013": "Event", "sochi": "Place",
		seedDocument: "Document", seedDocument + ":s01": "Statement", seedDocument + ":s01:m1": "Mention",
	} {
		var resp struct {
			Node struct {
				Typename string `json:"__typename"`
				ID       string
			}
		}
		post(t, c, `query($id: ID!) { node(id: $id) { __typename id } }`, &resp, client.Var("id", id))
		if resp.Node.Typename != want || resp.Node.ID != id {
			t.Errorf("node %s: %+v, want a %s", id, resp.Node, want)
		}
	}
	var resp struct {
		Document struct {
			Length      int
			Head, Whole string
		}
	}
	post(t, c, `{ document(id: "`+seedDocument+`") { length head: text(end: 10) whole: text } }`, &resp)
	d := resp.Document
	if len([]rune(d.Head)) != 10 || !strings.HasPrefix(d.Whole, d.Head) || len([]rune(d.Whole)) != d.Length {
		t.Errorf("text of %d code points: head %q, whole of %d", d.Length, d.Head, len([]rune(d.Whole)))
	}
	var tail struct{ Document struct{ Text string } }
	post(t, c, `query($start: Int, $end: Int) { document(id: "`+seedDocument+`") { text(start: $start, end: $end) } }`, &tail,
		client.Var("start", d.Length-5), client.Var("end", d.Length+100))
	if want := string([]rune(d.Whole)[d.Length-5:]); tail.Document.Text != want {
		t.Errorf("the last 5 code points asked past the end: %q, want %q", tail.Document.Text, want)
	}
}

// Ensure a topic's statements take in its narrower topics unless told not
// to, and its narrower topics resolve.
func TestTopicReachesNarrowerTopics(t *testing.T) {
	c := newClient(t)
	var resp struct {
		Topic struct {
			Narrower   []named
			With, Only struct{ TotalCount int }
		}
	}
	post(t, c, `{ topic(id: "syrian-crisis") { narrower { id } with: statementsAbout { totalCount } only: statementsAbout(filter: {includeNarrower: false}) { totalCount } } }`, &resp)
	tp := resp.Topic
	if !slices.Contains(tp.Narrower, named{"military-intervention-in-syria"}) || tp.Only.TotalCount >= tp.With.TotalCount || tp.Only.TotalCount == 0 {
		t.Errorf("syrian-crisis: narrower %v, %d statements about it with them, %d without", tp.Narrower, tp.With.TotalCount, tp.Only.TotalCount)
	}
}

// Ensure a neighbourhood resolves its nodes' entities and the statements
// behind each STANCE edge, as many as its weight.
func TestNeighbourhoodResolves(t *testing.T) {
	c := newClient(t)
	var resp struct {
		Neighbourhood struct {
			Truncated bool
			Nodes     []struct {
				ID     string
				Entity struct {
					Typename string `json:"__typename"`
				}
			}
			Edges []struct {
				Kind       string
				Weight     float64
				Statements []named
			}
		}
	}
	post(t, c, `{ neighbourhood(id: "csto", maxNodes: 5) { truncated nodes { id entity { __typename } } edges { kind weight statements { id } } } }`, &resp)
	n := resp.Neighbourhood
	if !n.Truncated || len(n.Nodes) != 5 {
		t.Errorf("the CSTO's neighbourhood cut at 5: truncated %v, %d nodes", n.Truncated, len(n.Nodes))
	}
	for _, node := range n.Nodes {
		if node.Entity.Typename == "" {
			t.Errorf("node %s has no entity", node.ID)
		}
	}
	stances := 0
	for _, e := range n.Edges {
		if e.Kind == "STANCE" {
			stances++
			if len(e.Statements) != int(e.Weight) {
				t.Errorf("a STANCE edge of weight %v with %d statements", e.Weight, len(e.Statements))
			}
		}
	}
	if stances == 0 {
		t.Error("no STANCE edges around the CSTO")
	}
}

// Ensure the analyses take the scope model's defaults: a topic column
// takes in its narrower topics unless includeNarrower is false, an actor
// stands for its affiliates only when includeAffiliates is true.
func TestAnalysesTakeTheScopeDefaults(t *testing.T) {
	c := newClient(t)
	type cell struct {
		Topic, Group named
		Total        int
		Statements   []named
	}
	var resp struct {
		Default, Own struct{ Cells []cell }
		Russia, Team struct {
			Cells []cell
		}
		Timeline, TeamTimeline   []struct{ Total int }
		Alignment, TeamAlignment []struct{ Actor named }
	}
	const cells = `{ cells { topic { id } group { id } total statements { id } } }`
	post(t, c, `{
  default: stanceMatrix(actors: ["csto"], topics: ["syrian-crisis"]) `+cells+`
  own: stanceMatrix(actors: ["csto"], topics: ["syrian-crisis"], includeNarrower: false) `+cells+`
  russia: stanceMatrix(actors: ["russia"], topics: ["syrian-crisis"]) `+cells+`
  team: stanceMatrix(actors: ["russia"], topics: ["syrian-crisis"], includeAffiliates: true) `+cells+`
  timeline(actor: "russia") { total } teamTimeline: timeline(actor: "russia", includeAffiliates: true) { total }
  alignment(actor: "russia") { actor { id } } teamAlignment: alignment(actor: "russia", includeAffiliates: true) { actor { id } }
}`, &resp)
	narrower := 0
	for _, c := range resp.Default.Cells {
		if c.Topic != c.Group {
			narrower++
		}
		if c.Total != len(c.Statements) {
			t.Errorf("cell %+v: total and statements differ", c)
		}
	}
	if narrower == 0 || len(resp.Own.Cells) != 1 || resp.Own.Cells[0].Topic != (named{"syrian-crisis"}) {
		t.Errorf("the CSTO on the Syrian crisis: %d cells of narrower topics by default, %+v without them", narrower, resp.Own.Cells)
	}
	if len(resp.Russia.Cells) != 0 || len(resp.Team.Cells) == 0 {
		t.Errorf("Russia on the Syrian crisis: %d cells alone (by default), %d with its affiliates", len(resp.Russia.Cells), len(resp.Team.Cells))
	}
	if len(resp.Timeline) != 0 || len(resp.TeamTimeline) == 0 || len(resp.Alignment) != 0 || len(resp.TeamAlignment) == 0 {
		t.Errorf("Russia alone (by default) and with its affiliates: timelines of %d and %d buckets, alignments with %d and %d actors",
			len(resp.Timeline), len(resp.TeamTimeline), len(resp.Alignment), len(resp.TeamAlignment))
	}
}

// alignmentSizes is the in-memory store, recording the size each alignment
// was asked for: the seeds have no actor aligned with more than ten others,
// so the size is what shows which default the resolver took. Root fields
// resolve concurrently, hence the lock.
type alignmentSizes struct {
	*inmem.Store
	mu    sync.Mutex
	asked []int
}

func (s *alignmentSizes) Alignment(ctx context.Context, actor string, from, to *string, first int, trust kg.Trust, reach kg.Reach) ([]kg.Alignment, error) {
	s.mu.Lock()
	s.asked = append(s.asked, first)
	s.mu.Unlock()
	return s.Store.Alignment(ctx, actor, from, to, first, trust, reach)
}

// Ensure alignment's first passed as null takes the schema's default
// (DefaultHits), as leaving it out does, not a page's size.
func TestAlignmentOfNullSizeTakesTheDefault(t *testing.T) {
	mem := &alignmentSizes{Store: storetest.InMemory(t)}
	c := client.New(server.New(server.Config{}, mem, mem, server.NewMetrics(), slog.New(slog.NewTextHandler(io.Discard, nil))), client.Path("/graphql"))
	var resp struct{ Omitted, Null []struct{ Score float64 } }
	post(t, c, `{ omitted: alignment(actor: "russia") { score } null: alignment(actor: "russia", first: null) { score } }`, &resp)
	if want := []int{graph.DefaultHits, graph.DefaultHits}; !slices.Equal(mem.asked, want) {
		t.Errorf("alignment left out and null asked the store for %v, want %v", mem.asked, want)
	}
}
