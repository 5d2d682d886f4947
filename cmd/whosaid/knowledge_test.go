package main

import (
	"regexp"
	"testing"
)

// These tests ask the questions of the knowledge-graph issue through HTTP,
// against the seed knowledge base loaded into a real Neo4j.

var arabic = regexp.MustCompile(`\p{Arabic}`)

type evidenceJSON struct {
	Document struct {
		ID   string
		Text string
	}
	Start, End int
	Text       string
	QuoteType  string
}

type statementJSON struct {
	ID        string
	Predicate string
	Polarity  string
	Speakers  []struct{ ID string }
	Evidence  []evidenceJSON
}

// checkSpans asserts that each evidence span slices its document's stored
// text, in code points, to exactly the evidence text.
func checkSpans(t *testing.T, s statementJSON) {
	t.Helper()
	if len(s.Evidence) == 0 {
		t.Errorf("%s has no evidence", s.ID)
	}
	for _, e := range s.Evidence {
		runes := []rune(e.Document.Text)
		if e.Start < 0 || e.End > len(runes) || e.Start >= e.End {
			t.Errorf("%s: span [%d,%d) outside document %s", s.ID, e.Start, e.End, e.Document.ID)
			continue
		}
		if got := string(runes[e.Start:e.End]); got != e.Text {
			t.Errorf("%s: document[%d:%d] = %q, evidence text %q", s.ID, e.Start, e.End, got, e.Text)
		}
		if !arabic.MatchString(e.Text) {
			t.Errorf("%s: evidence %q is not the Arabic source text", s.ID, e.Text)
		}
	}
}

const statementFields = `id predicate polarity speakers { id } evidence { document { id text } start end text quoteType }`

func TestWhoRejectedOrOpposedMilitaryInterventionInSyria(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ statements(first: 50, filter: {target: "military-intervention-in-syria", predicate: [REJECT, OPPOSE]}) {
		edges { node { `+statementFields+` } } } }`, nil)
	got := decode[struct {
		Statements struct {
			Edges []struct{ Node statementJSON }
		}
	}](t, r)
	var csto, joint bool
	for _, e := range got.Statements.Edges {
		s := e.Node
		if s.Predicate != "REJECT" && s.Predicate != "OPPOSE" {
			t.Errorf("%s has predicate %s", s.ID, s.Predicate)
		}
		if s.Polarity != "AGAINST" {
			t.Errorf("%s has polarity %s, want AGAINST", s.ID, s.Polarity)
		}
		checkSpans(t, s)
		ids := map[string]bool{}
		for _, sp := range s.Speakers {
			ids[sp.ID] = true
		}
		csto = csto || ids["csto"]
		joint = joint || (len(s.Speakers) == 2 && ids["china-npc"] && ids["federation-council"])
	}
	if !csto {
		t.Error("the CSTO's rejection is missing")
	}
	if !joint {
		t.Error("the joint statement of China's NPC and Russia's Federation Council is missing")
	}
}

func TestEverythingVladimirPutinSaid(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ actor(id: "vladimir-putin") { name nameAr: name(lang: AR)
		statements(first: 50) { totalCount edges { node { `+statementFields+` } } } } }`, nil)
	got := decode[struct {
		Actor struct {
			Name, NameAr string
			Statements   struct {
				TotalCount int
				Edges      []struct{ Node statementJSON }
			}
		}
	}](t, r)
	if got.Actor.NameAr != "فلاديمير بوتين" {
		t.Errorf("Arabic name = %q", got.Actor.NameAr)
	}
	st := got.Actor.Statements
	if st.TotalCount < 5 || len(st.Edges) != st.TotalCount {
		t.Fatalf("Putin has %d statements (%d listed), want at least 5, all listed", st.TotalCount, len(st.Edges))
	}
	for _, e := range st.Edges {
		found := false
		for _, sp := range e.Node.Speakers {
			found = found || sp.ID == "vladimir-putin"
		}
		if !found {
			t.Errorf("%s is not Putin's", e.Node.ID)
		}
		checkSpans(t, e.Node)
	}
}

func TestMembersOfTheCSTOCarryTheirSpans(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `{ actor(id: "csto") { members { member { id kind } support curated
		evidence { document { id text } start end text } } } }`, nil)
	got := decode[struct {
		Actor struct {
			Members []struct {
				Member   struct{ ID, Kind string }
				Support  int
				Curated  bool
				Evidence []evidenceJSON
			}
		}
	}](t, r)
	support := map[string]int{}
	for _, m := range got.Actor.Members {
		if m.Member.Kind != "COUNTRY" {
			continue
		}
		support[m.Member.ID] = m.Support
		if m.Support != len(m.Evidence) {
			t.Errorf("%s: support %d but %d spans", m.Member.ID, m.Support, len(m.Evidence))
		}
		checkSpans(t, statementJSON{ID: "membership of " + m.Member.ID, Evidence: m.Evidence})
	}
	for _, c := range []string{"russia", "belarus", "kazakhstan", "tajikistan", "uzbekistan", "armenia", "kyrgyzstan"} {
		if support[c] == 0 {
			t.Errorf("%s is not listed as a CSTO member with evidence (got %v)", c, support)
		}
	}
	if !(support["uzbekistan"] < support["russia"]) {
		t.Errorf("Uzbekistan's membership (%d spans) should be weaker than Russia's (%d spans)", support["uzbekistan"], support["russia"])
	}
}

func TestStatementPagesAndNestedNodes(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	const q = `query($after: String) { statements(first: 7, after: $after) { totalCount
		edges { cursor node { id date targets { __typename ... on Topic { id broader { id } } ... on Event { id place { id } } ... on Actor { id } } } }
		pageInfo { hasNextPage endCursor } } }`
	type page struct {
		Statements struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID, Date string
					Targets  []map[string]any
				}
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
	}
	seen := map[string]bool{}
	var after any
	lastDate := ""
	total := -1
	for pages := 0; pages < 50; pages++ {
		_, r := postGraphQL(t, base, q, map[string]any{"after": after})
		p := decode[page](t, r)
		total = p.Statements.TotalCount
		for _, e := range p.Statements.Edges {
			if seen[e.Node.ID] {
				t.Fatalf("%s returned twice", e.Node.ID)
			}
			seen[e.Node.ID] = true
			if e.Node.Date < lastDate {
				t.Errorf("%s (%s) after %s: not in date order", e.Node.ID, e.Node.Date, lastDate)
			}
			lastDate = e.Node.Date
			if len(e.Node.Targets) == 0 {
				t.Errorf("%s has no targets", e.Node.ID)
			}
		}
		if !p.Statements.PageInfo.HasNextPage {
			break
		}
		after = p.Statements.PageInfo.EndCursor
	}
	if total < 30 || len(seen) != total {
		t.Errorf("paged through %d statements, totalCount %d; want all of at least 30", len(seen), total)
	}
}
