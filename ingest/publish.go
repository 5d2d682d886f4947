package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
)

// Line is one document of a JSON-lines source.
type Line struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Lang   string `json:"lang"`
	Source string `json:"source"`
	Title  string `json:"title"`
	Text   string `json:"text"`
}

func (l Line) document() kg.Document {
	return kg.Document{ID: l.ID, Date: l.Date, Lang: l.Lang, Source: l.Source, Title: l.Title, Text: l.Text}
}

// maxLine is the longest JSON line read: a long article is some hundred KB.
const maxLine = 16 << 20

// ReadLines calls each with every document of a JSON-lines source, in
// order, after checking it as the loader would; the error names the source,
// the line and the field. Blank lines are skipped.
func ReadLines(r io.Reader, name string, each func(kg.Document) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		doc, err := decodeLine(sc.Bytes())
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if err := each(doc); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// decodeLine reads one line strictly: an unknown key is a typo, not a
// field to ignore.
func decodeLine(b []byte) (kg.Document, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var l Line
	if err := dec.Decode(&l); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return kg.Document{}, fmt.Errorf("%s: must be a %s", typeErr.Field, typeErr.Type)
		}
		return kg.Document{}, fmt.Errorf("(line): %w", err)
	}
	doc := l.document()
	return doc, loader.CheckDocument(doc)
}

// Publisher publishes documents to the documents stream, the document id as
// the message id, so JetStream drops a document published again within its
// deduplication window.
type Publisher struct {
	js      jetstream.JetStream
	subject string
	pending []jetstream.PubAckFuture
	// Published counts the documents the stream acknowledged, duplicates
	// it dropped included; Duplicates counts those.
	Published, Duplicates int
}

// NewPublisher makes sure the streams exist.
func NewPublisher(ctx context.Context, js jetstream.JetStream, q Queue) (*Publisher, error) {
	if err := q.Ensure(ctx, js); err != nil {
		return nil, err
	}
	return &Publisher{js: js, subject: q.Documents}, nil
}

// Publish sends one document without waiting for its acknowledgement; Flush
// waits for all of them.
func (p *Publisher) Publish(ctx context.Context, doc kg.Document) error {
	body, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	f, err := p.js.PublishAsync(p.subject, body, jetstream.WithMsgID(doc.ID))
	if err != nil {
		return fmt.Errorf("publish %s: %w", doc.ID, err)
	}
	p.pending = append(p.pending, f)
	if len(p.pending) >= 256 {
		return p.Flush(ctx)
	}
	return nil
}

// PublishAll publishes docs and waits for their acknowledgements.
func (p *Publisher) PublishAll(ctx context.Context, docs []kg.Document) error {
	for _, d := range docs {
		if err := p.Publish(ctx, d); err != nil {
			return err
		}
	}
	return p.Flush(ctx)
}

// Flush waits until the stream has acknowledged every document published.
func (p *Publisher) Flush(ctx context.Context) error {
	for _, f := range p.pending {
		select {
		case ack := <-f.Ok():
			p.Published++
			if ack.Duplicate {
				p.Duplicates++
			}
		case err := <-f.Err():
			return fmt.Errorf("publish %s: %w", f.Msg().Header.Get(jetstream.MsgIDHeader), err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	p.pending = p.pending[:0]
	return nil
}
