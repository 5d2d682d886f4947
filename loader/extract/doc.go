// Package extract reads news articles it has never seen and finds who said
// what about whom: attributed, stance-coded statements with the exact span of
// the article that reports each one. It is deterministic and lexicon-driven
// (no model, no network), so a researcher can read every rule that produced a
// statement and a reviewer can correct it.
//
// The pipeline is explicit stages with typed values between them (see
// pipeline.go): text → sentences → mentions → cues → attributions →
// predicates → statements. One file per stage or part:
//
//	text.go        tokens with matching keys (NFKC, Arabic letter folding) and original offsets
//	split.go       sentences and paragraphs: Arabic punctuation, quotes, headlines, datelines, image lines
//	gazetteer.go   the catalogue and the world layer (worldlayer.go, world/) as tries over matching keys
//	speaker.go     mentions and speaker phrases: names, titles, new persons and bodies, coreference
//	cues.go        cue words and whether each starts a clause of its own
//	attribute.go   who speaks through a cue: a table of handlers, one per kind of cue
//	ranker.go      the learned choice among inherited speakers (off unless it beats the rules)
//	stance.go      predicate, polarity and modality from the cue and its complement
//	statements.go  targets, occasion, date and evidence of each statement; headlines; the Result
//	dates.go       relative and explicit dates against the document date
//	language.go    what differs between languages, behind a small interface:
//	arabic.go      the Arabic lexicon (cue lemmas and generated forms, stance phrases) and rules
//	english.go     the English lexicon and rules
//	lexicon.go     the lexicon type both fill
//	extract.go     the Extractor and the state of one document being read
//	eval.go        scoring extracted statements against curated annotations
//
// Offsets are Unicode code points of the document text as stored (the
// loader never normalises it); matching keys are computed per token, so a
// span always slices the original text.
package extract

// Version names the rules; it is recorded as the method of every extracted
// statement, so a graph can tell which rules produced what and reload when
// they change.
const Version = "rules/v1"
