package extract

import "github.com/whosaid/whosaid/kg"

// language is everything one language's extraction does its own way: its
// word lists (the lexicon) and the few rules of word order and word shape
// that differ between Arabic (verb first, clitics, the article, nisba
// adjectives) and English (subject first, capitals, "…," said X). The stages
// ask it instead of testing the language code, so a rule that holds for one
// language has an obvious home: arabic.go or english.go. A new language is a
// lexicon and these four small interfaces.
type language interface {
	words() *lexicon
	clauses
	subjects
	names
	tenses
}

// clauses says where a cue starts a clause of its own and when it keeps
// the speaker already speaking.
type clauses interface {
	// inName reports that token k continues a capitalised name ("United
	// States") and so is no cue, whatever the word.
	inName(toks []Token, k int) bool
	// startsClause reports whether a cue (not a participle) at k, inside
	// the complement of another cue of the sentence starting at a, starts a
	// clause of its own.
	startsClause(s *docState, k, a int, f form) bool
	// mayInherit reports whether a cue at k with no subject of its own
	// speaks for the one already speaking («وأضاف», "adding").
	mayInherit(s *docState, k, a int, f form) bool
	// subjectUnresolved reports whether the word at i, right after a verb,
	// starts a subject the extractor could not resolve: the chain of
	// inherited speakers breaks there.
	subjectUnresolved(s *docState, i, b int) bool
	// agreement is the gender and number a verb form marks (أضافت،
	// أضافوا); English verbs mark neither.
	agreement(t Token, f form) (feminine, plural bool)
}

// subjects finds the words that name who speaks.
type subjects interface {
	// verbSubject is the subject of the verb cue at k in the sentence
	// [a, b) when words next to the verb name it; after is the first token
	// after the verb and its fillers.
	verbSubject(s *docState, k, a, after, b int, f form) np
	// subjectReach is the last token where a subject ending right before a
	// cue at k may start, in a clause starting at clause.
	subjectReach(clause, k int) int
	// accordingApposition is the source of "according to …" when no actor
	// starts the phrase at j ("According to the team's coach, Ali Reza, …").
	accordingApposition(s *docState, j, b int) np
	// pronoun resolves a subject pronoun at i ("he", "they").
	pronoun(s *docState, i int) np
	// inverted rereads a cue whose speaker follows or precedes a quote
	// ("«…», said Lavrov"): the complement is the quote before it.
	inverted(s *docState, c attribution, a int) (attribution, bool)
}

// names says what a name looks like and how the new actors it makes are
// written down.
type names interface {
	// endsName reports whether token j cannot continue (or, j == i, start)
	// a person's name that starts at i, by the language's word shape.
	endsName(s *docState, i, j int) bool
	// minNameWords is the fewest words a name after a title has.
	minNameWords() int
	// clauseNotName reports whether the words [i, j) and the one after
	// them read more like a clause than a name.
	clauseNotName(s *docState, i, j, end int) bool
	// titleAdjective reports whether t can qualify a title after it
	// (الروسي in «وزير الخارجية الروسي»).
	titleAdjective(s *docState, t Token) bool
	// refersTo reports whether t, a common noun, can stand for the body e
	// named earlier («المنظمة», "the ministry").
	refersTo(t Token, e *Entity) bool
	// written is a name as the text writes it, in the text's language, and
	// the string a new id is made from.
	written(surface string) (kg.Names, string)
}

// tenses reads announcements and pledges.
type tenses interface {
	// futureVerb reports a verb in the future (سيعقد).
	futureVerb(t Token) bool
	// pledge is the polarity of a first-person future starting at token k
	// of [k, b) (سنعمل، لن نسمح، "we will"), or "" when there is none.
	pledge(toks []Token, k, b int) kg.Polarity
}

// languageOf is the language a document is read in: its declared lang, or
// the script most of its letters are written in.
func (x *Extractor) languageOf(doc kg.Document, d *Doc) language {
	lang := doc.Lang
	if lang != "ar" && lang != "en" {
		lang = guessLang(d)
	}
	if lang == "en" {
		return x.en
	}
	return x.ar
}
