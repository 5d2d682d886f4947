package storetest

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
)

// The seed article is one day of curated statements, all dated, all by
// affiliates in office. The contract writes, after the seeds, a document of
// its own with what the article lacks: statements made out of office, one
// undated, one joint, one neither asserted nor curated, targets that are
// an actor or an event, a speaker and a target the catalogue does not know,
// and a fact that merges with a catalogue relation. It is written twice, the
// first version with a statement and a fact the second drops, so both
// stores must have replaced it.

const extraDocument = "storetest-extra"

const extraText = "Naryshkin condemned the intervention. Putin and Lukashenko back a settlement at Geneva. " +
	"Lavrov warned Washington. Kerry opposed the intervention. The CSTO and an unknown envoy spoke. " +
	"Ushakov remains the aide. Syria belongs to the United Nations. Kerry praised the CSTO."

// span is the mention of text in the extra document.
func span(id, text string) kg.Mention {
	at := strings.Index(extraText, text)
	if at < 0 {
		panic(fmt.Sprintf("storetest: %q is not in the extra document", text))
	}
	start := utf8.RuneCountInString(extraText[:at])
	return kg.Mention{ID: id, Document: extraDocument, Start: start, End: start + utf8.RuneCountInString(text), Text: text, QuoteType: kg.Indirect}
}

func extraStatement(n int, speakers []string, predicate kg.Predicate, polarity kg.Polarity, targets []string, date, modality, method string, confidence float64, text string) kg.Statement {
	id := fmt.Sprintf("%s:x%02d", extraDocument, n)
	return kg.Statement{ID: id, Document: extraDocument, Speakers: speakers, Predicate: predicate, Polarity: polarity, Targets: targets,
		Date: date, Modality: modality, CAMEO: kg.Predicates[predicate].CAMEO, Summary: text, Confidence: confidence, Method: method,
		Evidence: []kg.Mention{span(id+":m1", text)}}
}

// extraVersions are the two versions of the extra document, in the order
// they are written.
func extraVersions() []kg.AnnotatedDocument {
	doc := kg.Document{ID: extraDocument, Title: "Out of office", Lang: "en", Date: "2018-01-10", Source: "storetest", Text: extraText}
	statements := []kg.Statement{
		// Chairman of the Duma until 2016-10-05: not Russia's in 2017.
		extraStatement(1, []string{"sergey-naryshkin"}, "CONDEMN", kg.Against, []string{"military-intervention-in-syria"},
			"2017-03-01", "asserted", "rules/v1", 0.55, "Naryshkin condemned the intervention"),
		// Joint and undated: no office with dates covers it; targets a topic and an event.
		extraStatement(2, []string{"vladimir-putin", "alexander-lukashenko"}, "SUPPORT", kg.Favor,
			[]string{"peaceful-settlement-of-syrian-crisis", "geneva-ii-conference"}, "", "asserted", "curated", 1,
			"Putin and Lukashenko back a settlement at Geneva"),
		// Minister since 2004, hypothetical, about an actor, at an event.
		extraStatement(3, []string{"sergey-lavrov"}, "WARN", kg.Against, []string{"united-states"},
			"2006-01-15", "hypothetical", "rules/v1", 0.8, "Lavrov warned Washington"),
		// Secretary of State until 2017-01-20: not the United States' in 2018.
		extraStatement(4, []string{"john-kerry"}, "OPPOSE", kg.Against, []string{"military-intervention-in-syria", "no-such-topic"},
			"2018-01", "asserted", "curated", 0.9, "Kerry opposed the intervention"),
		// A speaker the catalogue does not know: the CSTO speaks second.
		extraStatement(5, []string{"unknown-envoy", "csto"}, "ASSERT", kg.Neutral, []string{"syrian-crisis"},
			"2013-09-23", "asserted", "curated", 1, "The CSTO and an unknown envoy spoke"),
	}
	statements[2].Event = "lavrov-kerry-phone-call-2013-09-22"
	facts := []kg.Relation{
		// The catalogue's term from 2012-05: evidence added, still curated.
		{Type: kg.HoldsPosition, From: "yuri-ushakov", To: "russia", Start: "2012-05", Evidence: []kg.Mention{span(extraDocument+"@ushakov", "Ushakov remains the aide")}},
		// A term without dates, listed after those with.
		{Type: kg.HoldsPosition, From: "vladimir-putin", To: "russia", Title: kg.Names{En: "Prime Minister"}, Evidence: []kg.Mention{span(extraDocument+"@putin", "Putin and Lukashenko")}},
		{Type: kg.MemberOf, From: "syria", To: "united-nations", Start: "1945-10-24", Evidence: []kg.Mention{span(extraDocument+"@syria-un", "Syria belongs to the United Nations")}},
	}
	first := kg.AnnotatedDocument{Document: doc, Statements: append(statements[:len(statements):len(statements)],
		extraStatement(99, []string{"john-kerry"}, "PRAISE", kg.Favor, []string{"csto"}, "2016-01", "asserted", "curated", 1, "Kerry praised the CSTO")),
		Relations: append(facts[:len(facts):len(facts)], kg.Relation{Type: kg.PartOf, From: "csto", To: "united-nations",
			Evidence: []kg.Mention{span(extraDocument+"@dropped", "Kerry praised the CSTO")}})}
	final := kg.AnnotatedDocument{Document: doc, Statements: statements, Relations: facts}
	return []kg.AnnotatedDocument{first, final}
}

// WriteExtra writes the contract's own document into a store that holds
// the seeds: a first version, then the one that replaces it.
func WriteExtra(ctx context.Context, w loader.Writer) error {
	for _, d := range extraVersions() {
		if err := w.WriteDocuments(ctx, []kg.AnnotatedDocument{d}); err != nil {
			return err
		}
	}
	return nil
}
