package main

import (
	"strings"
	"testing"
)

// These tests ask for names the ways researchers type or paste them, and
// for the context, dates and languages of what the graph answers, through
// HTTP against the seed graph.

type idsJSON struct {
	TotalCount int
	Edges      []struct{ Node struct{ ID string } }
}

func (c idsJSON) has(id string) bool {
	for _, e := range c.Edges {
		if e.Node.ID == id {
			return true
		}
	}
	return false
}

func TestNameFiltersAndSearchFoldArabicSpellings(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	const pdfPutin = "\ufe91\ufeee\ufe97\ufef4\ufee6"              // ﺑﻮﺗﻴﻦ: presentation forms, as text copied from a PDF comes
	const pdfIntervention = "\ufe8d\ufedf\ufe98\ufeaa\ufea7\ufede" // ﺍﻟﺘﺪﺧﻞ
	for _, tt := range []struct{ name, want string }{
		{"بوتين", "vladimir-putin"},
		{"بُوتِين", "vladimir-putin"}, // diacritics
		{pdfPutin, "vladimir-putin"},
		{"بـوتـين", "vladimir-putin"},        // tatweel
		{"PUTIN", "vladimir-putin"},          // case
		{"معاهده الامن", "csto"},             // teh marbuta written as heh, alef without hamza
		{"Treaty-Organization", "csto"},      // punctuation for a space
		{"\u200fمعاهدة الأمن\u200f", "csto"}, // bidi marks
	} {
		_, r := postGraphQL(t, base, `query($n: String!) { actors(filter: {name: $n}) { totalCount edges { node { id } } } }`,
			map[string]any{"n": tt.name})
		got := decode[struct{ Actors idsJSON }](t, r).Actors
		if !got.has(tt.want) || got.TotalCount != len(got.Edges) {
			t.Errorf("actors(filter: {name: %q}) = %+v, want %s among them and totalCount = edges", tt.name, got, tt.want)
		}
	}
	for _, label := range []string{"التدخل", "التَّدَخُّل", pdfIntervention, "INTERVENTION in Syria"} {
		_, r := postGraphQL(t, base, `query($l: String!) { topics(label: $l) { totalCount edges { node { id } } } }`,
			map[string]any{"l": label})
		got := decode[struct{ Topics idsJSON }](t, r).Topics
		if !got.has("military-intervention-in-syria") || got.TotalCount != len(got.Edges) {
			t.Errorf("topics(label: %q) = %+v, want military-intervention-in-syria and totalCount = edges", label, got)
		}
	}
	// A name no one has still finds nothing, whatever its spelling.
	_, r := postGraphQL(t, base, `{ actors(filter: {name: "بوتينوف"}) { totalCount } }`, nil)
	if got := decode[struct{ Actors idsJSON }](t, r).Actors; got.TotalCount != 0 {
		t.Errorf("an unknown name matched %d actors", got.TotalCount)
	}
	// Search reads presentation forms too.
	_, r = postGraphQL(t, base, `query($q: String!) { search(query: $q, kinds: [ACTOR], first: 3) { node { id } } }`,
		map[string]any{"q": pdfPutin})
	if got := decode[struct{ Search []hitJSON }](t, r).Search; len(got) == 0 || got[0].Node.ID != "vladimir-putin" {
		t.Errorf("search %q = %+v, want vladimir-putin first", pdfPutin, got)
	}
}

func TestMentionContextIsTheSentenceAroundTheSpan(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	// Each document's text once (a text per evidence span would cost too much).
	_, r := postGraphQL(t, base, `{ documents(first: 10) { edges { node { id text } } }
		statements(first: 100) { edges { node { id evidence { start end text document { id }
		context { text start end } wide: context(chars: 100000) { text start end } none: context(chars: 0) { text start end } } } } } }`, nil)
	type ctxJSON struct {
		Text       string
		Start, End int
	}
	got := decode[struct {
		Documents struct {
			Edges []struct{ Node struct{ ID, Text string } }
		}
		Statements struct {
			Edges []struct {
				Node struct {
					ID       string
					Evidence []struct {
						Start, End int
						Text       string
						Document   struct{ ID string }
						Context    ctxJSON
						Wide, None ctxJSON
					}
				}
			}
		}
	}](t, r)
	texts := map[string][]rune{}
	for _, d := range got.Documents.Edges {
		texts[d.Node.ID] = []rune(d.Node.Text)
	}
	widened := 0
	for _, e := range got.Statements.Edges {
		for _, m := range e.Node.Evidence {
			doc := texts[m.Document.ID]
			for _, c := range []struct {
				name  string
				ctx   ctxJSON
				chars int
			}{{"context", m.Context, 200}, {"context(chars: 100000)", m.Wide, 1000}, {"context(chars: 0)", m.None, 0}} {
				if c.ctx.Start > m.Start || c.ctx.End < m.End || c.ctx.End > len(doc) || c.ctx.Start < 0 {
					t.Errorf("%s: %s [%d,%d) does not hold the span [%d,%d)", e.Node.ID, c.name, c.ctx.Start, c.ctx.End, m.Start, m.End)
					continue
				}
				if string(doc[c.ctx.Start:c.ctx.End]) != c.ctx.Text {
					t.Errorf("%s: %s text is not the document's text at [%d,%d)", e.Node.ID, c.name, c.ctx.Start, c.ctx.End)
				}
				if m.Start-c.ctx.Start > c.chars || c.ctx.End-m.End > c.chars {
					t.Errorf("%s: %s reaches %d and %d code points around the span, more than %d", e.Node.ID, c.name, m.Start-c.ctx.Start, c.ctx.End-m.End, c.chars)
				}
			}
			if m.None.Text != m.Text {
				t.Errorf("%s: context(chars: 0) = %q, want the span %q", e.Node.ID, m.None.Text, m.Text)
			}
			if len([]rune(m.Context.Text)) > len([]rune(m.Text)) {
				widened++
			}
		}
	}
	if widened == 0 {
		t.Error("no context is wider than its span: the sentences around the spans are missing")
	}
	t.Logf("%d of the seed evidence spans have a wider context", widened)
	_, r = postGraphQL(t, base, `{ statements(first: 1) { edges { node { evidence { context(chars: -1) { text } } } } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("context(chars: -1) gave %+v, want BAD_USER_INPUT", r.Errors)
	}
}

func TestMembersAndPositionsAtADate(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	type relJSON struct {
		Member, Person, In struct{ ID string }
		From               *string
	}
	ask := func(q string) map[string][]relJSON {
		t.Helper()
		_, r := postGraphQL(t, base, q, nil)
		return decode[struct{ Actor map[string][]relJSON }](t, r).Actor
	}
	ids := func(rels []relJSON, of func(relJSON) string) string {
		var out []string
		for _, r := range rels {
			out = append(out, of(r))
		}
		return strings.Join(out, " ")
	}
	member := func(r relJSON) string { return r.Member.ID }
	// Uzbekistan suspended its CSTO membership in 2012: not a member at the 2013 summit.
	got := ask(`{ actor(id: "csto") { all: members { member { id } } summit: members(at: "2013-09-23") { member { id } }
		y2012: members(at: "2012") { member { id } } y2001: members(at: "2001") { member { id } } } }`)
	if s := ids(got["summit"], member); strings.Contains(s, "uzbekistan") || !strings.Contains(s, "russia") || len(got["summit"]) != 6 {
		t.Errorf("members(at: 2013-09-23) = %s, want the six members without uzbekistan", s)
	}
	if s := ids(got["all"], member); !strings.Contains(s, "uzbekistan") || len(got["all"]) != 7 {
		t.Errorf("members = %s, want all seven, past ones included", s)
	}
	if s := ids(got["y2012"], member); !strings.Contains(s, "uzbekistan") {
		t.Errorf("members(at: 2012) = %s, want uzbekistan, a member until December", s)
	}
	if len(got["y2001"]) != 0 {
		t.Errorf("members(at: 2001) = %s, want none: the charter was signed in 2002", ids(got["y2001"], member))
	}
	// Putin's two terms as president; none in 2010, when he was prime minister.
	got = ask(`{ actor(id: "vladimir-putin") { first: positions(at: "2005") { in { id } from } gap: positions(at: "2010") { in { id } from }
		summit: positions(at: "2013-09-23") { in { id } from } memberships(at: "2013") { member { id } } } }`)
	from := func(r relJSON) string { return r.In.ID + "@" + *r.From }
	if s := ids(got["first"], from); s != "russia@2000-05-07" {
		t.Errorf("positions(at: 2005) = %q, want his first term", s)
	}
	if len(got["gap"]) != 0 {
		t.Errorf("positions(at: 2010) = %q, want none", ids(got["gap"], from))
	}
	if s := ids(got["summit"], from); s != "russia@2012-05-07" {
		t.Errorf("positions(at: 2013-09-23) = %q, want his second term", s)
	}
	got = ask(`{ actor(id: "russia") { officials(at: "2010") { person { id } } memberships(at: "2013") { member { id } } } }`)
	if s := ids(got["officials"], func(r relJSON) string { return r.Person.ID }); strings.Contains(s, "vladimir-putin") {
		t.Errorf("russia officials(at: 2010) = %s, want no Putin", s)
	}
	if len(got["memberships"]) == 0 {
		t.Error("russia memberships(at: 2013) is empty, want the CSTO and the Security Council")
	}
	_, r := postGraphQL(t, base, `{ actor(id: "csto") { members(at: "2013-02-30") { support } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("members(at: 2013-02-30) gave %+v, want BAD_USER_INPUT", r.Errors)
	}
}

func TestLangIsAnEnumAndFirstIsCapped(t *testing.T) {
	base := startServer(t, nil, "../../seeds")
	_, r := postGraphQL(t, base, `query($l: Lang) { actor(id: "vladimir-putin") { ar: name(lang: AR) en: name(lang: EN) byDefault: name
		arAliases: aliases(lang: AR) byVariable: name(lang: $l) } topic(id: "military-intervention-in-syria") { label(lang: AR) }
		search(query: "Putin", lang: EN, kinds: [ACTOR], first: 1) { node { id } } }`, map[string]any{"l": "AR"})
	got := decode[struct {
		Actor struct {
			Ar, En, ByDefault, ByVariable string
			ArAliases                     []string
		}
		Topic  struct{ Label string }
		Search []hitJSON
	}](t, r)
	if got.Actor.Ar != "فلاديمير بوتين" || got.Actor.ByVariable != got.Actor.Ar || got.Actor.En != "Vladimir Putin" || got.Actor.ByDefault != got.Actor.En {
		t.Errorf("names = %+v", got.Actor)
	}
	if len(got.Actor.ArAliases) == 0 || !arabic.MatchString(got.Actor.ArAliases[0]) || got.Topic.Label != "التدخل العسكري في سورية" {
		t.Errorf("aliases(lang: AR) = %q, label(lang: AR) = %q", got.Actor.ArAliases, got.Topic.Label)
	}
	if len(got.Search) != 1 || got.Search[0].Node.ID != "vladimir-putin" {
		t.Errorf("search(lang: EN) = %+v", got.Search)
	}
	// A language the API does not have is refused alike everywhere, not read as English.
	for _, q := range []string{
		`{ actor(id: "vladimir-putin") { name(lang: FR) } }`,
		`{ actor(id: "vladimir-putin") { name(lang: "fr") } }`,
		`{ search(query: "Putin", lang: FR) { node { id } } }`,
		`{ topic(id: "syrian-crisis") { aliases(lang: FR) } }`,
	} {
		if _, r := postGraphQL(t, base, q, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("%s gave %+v, want GRAPHQL_VALIDATION_FAILED", q, r.Errors)
		}
	}
	// More than the cap is the cap, as the schema says: every one of the
	// 65 seed statements on one page, not an error, and priced as a page of
	// 100 (1000 statements with their speakers, targets and evidence would
	// be over the complexity limit).
	_, r = postGraphQL(t, base, `{ statements(first: 1000) { totalCount edges { cursor node { speakers { id } targets { __typename } evidence { text } } }
		pageInfo { hasNextPage } }
		actors(first: 101) { totalCount edges { cursor } } search(query: "Russia", first: 500) { kind } }`, nil)
	page := decode[struct {
		Statements struct {
			TotalCount int
			Edges      []struct{ Cursor string }
			PageInfo   struct{ HasNextPage bool }
		}
		Actors idsJSON
		Search []hitJSON
	}](t, r)
	if n := len(page.Statements.Edges); n != page.Statements.TotalCount || n != 65 || page.Statements.PageInfo.HasNextPage {
		t.Errorf("statements(first: 1000) = %d of %d, want all 65 on one page", n, page.Statements.TotalCount)
	}
	if len(page.Actors.Edges) != page.Actors.TotalCount || len(page.Search) == 0 {
		t.Errorf("actors(first: 101) = %d of %d; search(first: 500) = %d hits", len(page.Actors.Edges), page.Actors.TotalCount, len(page.Search))
	}
}
