package graph

import (
	"context"
	"strings"
	"unicode"

	"github.com/whosaid/whosaid/graph/model"
	"github.com/whosaid/whosaid/kg"
)

// Context widths of Mention.context, in code points on each side of the span.
const (
	DefaultContextChars = 200
	MaxContextChars     = 1000
)

// mentionContext answers Mention.context from the document's text, which the
// request's loader reads once for all the mentions of a document.
func (r *Resolver) mentionContext(ctx context.Context, m *kg.Mention, chars *int) (*model.MentionContext, error) {
	n := min(kg.Or(chars, DefaultContextChars), MaxContextChars)
	if n < 0 {
		return nil, kg.Errorf(kg.Invalid, "chars must not be negative")
	}
	d, err := load(ctx, r.loaders(ctx).texts, m.Document)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, kg.Errorf(kg.NotFound, "no document with id %q", m.Document)
	}
	text := []rune(d.Text)
	start, end := sentenceAround(text, m.Start, m.End, n)
	return &model.MentionContext{Text: string(text[start:end]), Start: start, End: end}, nil
}

// sentenceAround returns the code points [s, e) of the sentence or
// sentences that the span [start, end) of text lies in, but no more than
// chars code points on either side of the span (cut at a space), without
// the spaces at either end. Lines always end sentences; inside a line they end at . ! ?
// ؟ ; ؛ … with the closing quotation marks after the stop, when a space
// follows (so 3.5 does not end one). A span outside the text is clamped to
// it.
func sentenceAround(text []rune, start, end, chars int) (s, e int) {
	start = min(max(start, 0), len(text))
	end = min(max(end, start), len(text))
	s, e = start, end
	for lo := max(start-chars, 0); s > lo && !sentenceStartsAt(text, s); {
		s--
	}
	for hi := min(end+chars, len(text)); e < hi && !sentenceStartsAt(text, e); {
		e++
	}
	// A window narrower than the sentence is cut at a space, not inside a word.
	if !sentenceStartsAt(text, s) {
		for s < start && !unicode.IsSpace(text[s]) {
			s++
		}
	}
	if !sentenceStartsAt(text, e) && !sentenceEndsAt(text, e) {
		for e > end && !unicode.IsSpace(text[e-1]) {
			e--
		}
	}
	for s < start && unicode.IsSpace(text[s]) {
		s++
	}
	for e > end && unicode.IsSpace(text[e-1]) {
		e--
	}
	return s, e
}

// sentenceStartsAt reports whether a sentence may begin at i: after a line
// break, or after a sentence stop and the closing marks and spaces that
// follow it.
func sentenceStartsAt(text []rune, i int) bool {
	if i == 0 || i == len(text) {
		return true
	}
	j := i - 1
	if text[j] == '\n' {
		return true
	}
	if !unicode.IsSpace(text[j]) {
		return false // the stop and its closing marks stay with their sentence
	}
	for j >= 0 && unicode.IsSpace(text[j]) {
		if text[j] == '\n' {
			return true
		}
		j--
	}
	for j >= 0 && strings.ContainsRune(`»”’"')]`, text[j]) {
		j--
	}
	return j >= 0 && strings.ContainsRune(".!?؟;؛…", text[j])
}

// sentenceEndsAt reports whether a sentence may end at i: at the end of the
// text or of a line, or before the space after a sentence stop.
func sentenceEndsAt(text []rune, i int) bool {
	return i == len(text) || unicode.IsSpace(text[i]) && sentenceStartsAt(text, i+1)
}
