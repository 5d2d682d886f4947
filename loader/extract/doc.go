// Package extract reads news articles it has never seen and finds who said
// what about whom: attributed, stance-coded statements with the exact span of
// the article that reports each one. It is deterministic and lexicon-driven
// (no model, no network), so a researcher can read every rule that produced a
// statement and a reviewer can correct it.
//
// The pipeline, one file per step:
//
//	text.go       tokens with matching keys (NFKC, Arabic letter folding) and original offsets
//	split.go      sentences and paragraphs: Arabic punctuation, quotes, headlines, datelines, image lines
//	gazetteer.go  the catalogue as a trie over matching keys, with clitics and the article ال
//	lexicon.go    cue lemmas and the surface forms generated from them; stance phrases
//	english.go    the English lexicon (the same pipeline reads English articles)
//	speaker.go    the speaker of a cue: names, titles, new persons, coreference, joint speakers
//	stance.go     predicate, polarity and modality from the cue and its complement
//	dates.go      relative and explicit dates against the document date
//	extract.go    the Extractor that ties them together
//	eval.go       scoring extracted statements against curated annotations
//
// Offsets are Unicode code points of the document text as stored (the
// loader never normalises it); matching keys are computed per token, so a
// span always slices the original text.
package extract

// Version names the rules; it is recorded as the method of every extracted
// statement, so a graph can tell which rules produced what and reload when
// they change.
const Version = "rules/v1"
