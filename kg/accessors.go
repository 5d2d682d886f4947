package kg

import "cmp"

// Accessors for the API. The GraphQL server binds fields to these methods:
// gqlgen resolves a field bound to a method without a context inline, where
// a resolver costs a goroutine per field — tens of thousands for a dense
// subgraph or a page of statements with their evidence. They only reshape
// what a read already holds: an empty string is null, a name is picked by
// language.

// OrNull is nil for the empty string: what the API answers null for, and
// what Cypher parameters pass as null. It is whosaid's one "empty means
// absent" helper.
func OrNull[T ~string](v T) *T {
	if v == "" {
		return nil
	}
	return &v
}

// Or is *p, or def when p is nil: an optional argument with its default.
func Or[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// In is the name in lang (English when lang is nil), or the other one when
// that is all there is (a person extracted from an Arabic article has only
// the Arabic name the text gives).
func (n Names) In(lang *Lang) string {
	if lang != nil && *lang == Arabic {
		return cmp.Or(n.Ar, n.En)
	}
	return cmp.Or(n.En, n.Ar)
}

// NameIn is the actor's name in lang.
func (a Actor) NameIn(lang *Lang) string { return a.Name.In(lang) }

// LabelIn is the topic's label in lang.
func (t Topic) LabelIn(lang *Lang) string { return t.Label.In(lang) }

// NameIn is the event's name in lang.
func (e Event) NameIn(lang *Lang) string { return e.Name.In(lang) }

// NameIn is the place's name in lang.
func (p Place) NameIn(lang *Lang) string { return p.Name.In(lang) }

// DateOrNull is the statement's date, or null when undated.
func (s Statement) DateOrNull() *string { return OrNull(s.Date) }

// CueOrNull is the mention's cue, or null.
func (m Mention) CueOrNull() *string { return OrNull(m.Cue) }

// QuoteTypeOrNull is the mention's quote type, or null.
func (m Mention) QuoteTypeOrNull() *QuoteType { return OrNull(m.QuoteType) }

// DateOrNull is the document's date, or null.
func (d Document) DateOrNull() *string { return OrNull(d.Date) }

// URLOrNull is the document's URL, or null.
func (d Document) URLOrNull() *string { return OrNull(d.URL) }

// SourceOrNull is the document's source, or null.
func (d Document) SourceOrNull() *string { return OrNull(d.Source) }

// LicenceOrNull is the document's licence, or null.
func (d Document) LicenceOrNull() *string { return OrNull(d.Licence) }

// CharLength is the length of the document's text in code points, from the
// stored count or, when the read did not bring it, from the text.
func (d Document) CharLength() int {
	if d.Length == 0 && d.Text != "" {
		return len([]rune(d.Text))
	}
	return d.Length
}

// DateOrNull is the event's date, or null.
func (e Event) DateOrNull() *string { return OrNull(e.Date) }
