package ingest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/whosaid/whosaid/ingest"
	"github.com/whosaid/whosaid/ingest/natstest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
)

func TestReadLinesNamesTheLineAndTheField(t *testing.T) {
	good := `{"id":"a1","date":"2024-01-02","lang":"en","source":"wire","title":"T","text":"Hello."}`
	for _, c := range []struct{ input, want string }{
		{good + "\n" + `{"id":"a2","date":"yesterday","lang":"en","text":"x"}`, "docs.jsonl:2: date:"},
		{good + "\n\n" + `{"id":"a 3","date":"2024-01-02","lang":"en","text":"x"}`, "docs.jsonl:3: id:"},
		{`{"id":"a4","date":"2024-01-02","text":"x"}`, "docs.jsonl:1: lang:"},
		{`{"id":"a5","date":"2024-01-02","lang":"en","text":"  "}`, "docs.jsonl:1: text:"},
		{`{"id":5,"date":"2024-01-02","lang":"en","text":"x"}`, "docs.jsonl:1: id: must be a string"},
		{`{"id":"a6","date":"2024-01-02","lang":"en","body":"x"}`, `docs.jsonl:1: (line): json: unknown field "body"`},
	} {
		err := ingest.ReadLines(strings.NewReader(c.input), "docs.jsonl", func(kg.Document) error { return nil })
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s\n  error %v, want %q…", c.input, err, c.want)
		}
	}
	var got []kg.Document
	if err := ingest.ReadLines(strings.NewReader(good+"\n"), "ok", func(d kg.Document) error { got = append(got, d); return nil }); err != nil {
		t.Fatal(err)
	}
	if want := (kg.Document{ID: "a1", Date: "2024-01-02", Lang: "en", Source: "wire", Title: "T", Text: "Hello."}); len(got) != 1 || got[0] != want {
		t.Errorf("read %+v, want %+v", got, want)
	}
}

// documents are three short English articles about catalogue actors.
func documents() []kg.Document {
	return []kg.Document{
		{ID: "w1", Lang: "en", Date: "2024-03-01", Title: "One", Text: "Antonio Guterres called for a ceasefire in Gaza."},
		{ID: "w2", Lang: "en", Date: "2024-03-02", Title: "Two", Text: "Antonio Guterres condemned the attack."},
		{ID: "w3", Lang: "en", Date: "2024-03-03", Title: "Three", Text: "The talks resumed on Monday."},
	}
}

// TestPublishingTwiceQueuesOnce publishes the same documents twice: the
// second time JetStream drops every one of them by its message id.
func TestPublishingTwiceQueuesOnce(t *testing.T) {
	ctx := context.Background()
	js := connected(t)
	q := ingest.DefaultQueue
	for round, wantDup := range []int{0, 3} {
		p, err := ingest.NewPublisher(ctx, js, q)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.PublishAll(ctx, documents()); err != nil {
			t.Fatal(err)
		}
		if p.Published != 3 || p.Duplicates != wantDup {
			t.Errorf("round %d: published %d with %d duplicates, want 3 with %d", round+1, p.Published, p.Duplicates, wantDup)
		}
	}
	docs, _, err := q.Pending(ctx, js)
	if err != nil || docs != 3 {
		t.Errorf("%d documents queued (%v), want 3", docs, err)
	}
}

// TestWorkersTakeEachDocumentOnce runs two workers on one queue: every
// document is extracted once, by one of them, and leaves the documents
// stream for a result in the results stream.
func TestWorkersTakeEachDocumentOnce(t *testing.T) {
	ctx := context.Background()
	js := connected(t)
	q := ingest.DefaultQueue
	p, err := ingest.NewPublisher(ctx, js, q)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.PublishAll(ctx, documents()); err != nil {
		t.Fatal(err)
	}
	cat, err := loader.ReadCatalogue(loader.Dir("../seeds"))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 2)
	for range 2 {
		go func() {
			n, err := ingest.Work(ctx, js, q, cat, ingest.Options{Batch: 1, Wait: 100 * time.Millisecond, ExitWhenIdle: 500 * time.Millisecond})
			if err != nil {
				t.Error(err)
			}
			done <- n
		}()
	}
	if total := <-done + <-done; total != 3 {
		t.Errorf("the workers extracted %d documents, want 3", total)
	}
	docs, results, err := q.Pending(ctx, js)
	if err != nil || docs != 0 || results != 3 {
		t.Errorf("left %d documents and %d results (%v), want 0 and 3", docs, results, err)
	}
}

// connected starts one NATS server with JetStream and connects to it for
// the test's length.
func connected(t *testing.T) jetstream.JetStream {
	t.Helper()
	nc, js, err := ingest.Connect(natstest.New(t, 1).URL(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return js
}
