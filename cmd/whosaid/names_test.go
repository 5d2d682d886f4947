package main

import "testing"

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
