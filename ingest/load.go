package ingest

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/loader/extract"
)

// LoadReport counts what a loader wrote.
type LoadReport struct {
	Batches, Documents, Statements int
	Elapsed                        time.Duration
}

// Load writes extracted documents from the results stream to w until ctx
// ends (or the queue stays idle): the catalogue first, then batches of up
// to opt.Batch documents, each batch's new actors and topics and then its
// documents, acknowledged only once written. One loader runs at a time
// (see the README: more writers do not write faster, and deadlock on the
// busiest actors).
func Load(ctx context.Context, js jetstream.JetStream, q Queue, w loader.Writer, cat kg.Catalogue, opt Options, progress io.Writer) (LoadReport, error) {
	opt = opt.withDefaults(200, 2*time.Minute)
	start := time.Now()
	var rep LoadReport
	if err := q.Ensure(ctx, js); err != nil {
		return rep, err
	}
	if err := w.EnsureSchema(ctx); err != nil {
		return rep, err
	}
	if err := w.WriteCatalogue(ctx, cat); err != nil {
		return rep, fmt.Errorf("load catalogue: %w", err)
	}
	// A batch must fit in the consumer's window; the loader retries for
	// ever (a database that is down is waited for, not given up on).
	cons, err := consumer(ctx, js, q.Results, LoaderConsumer, opt.AckWait, -1, 2*opt.Batch)
	if err != nil {
		return rep, err
	}
	err = consume(ctx, cons, opt, func(msgs []jetstream.Msg) error {
		results := decodeResults(msgs, opt)
		// A slow transaction must not have its batch delivered again while
		// it runs.
		working := keepInProgress(msgs, opt.AckWait/3)
		err := WriteBatch(ctx, w, results)
		working()
		if err != nil {
			return err // unacknowledged: delivered again to the loader restarted
		}
		for _, m := range msgs {
			// The batch is committed: a lost acknowledgement only means the
			// batch is written again, which changes nothing.
			_ = m.Ack()
		}
		rep.Batches++
		rep.Documents += len(results)
		for _, r := range results {
			rep.Statements += len(r.Document.Statements)
		}
		rep.Elapsed = time.Since(start)
		fmt.Fprintf(progress, "ingest load: %d documents, %d statements in %d batches (%.1f documents/s)\n",
			rep.Documents, rep.Statements, rep.Batches, float64(rep.Documents)/rep.Elapsed.Seconds())
		return nil
	})
	rep.Elapsed = time.Since(start)
	return rep, err
}

// keepInProgress tells the server every interval that msgs are still being
// worked on, until the returned function is called (it returns once the
// telling has stopped, so the messages can then be acknowledged).
func keepInProgress(msgs []jetstream.Msg, interval time.Duration) (stop func()) {
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				for _, m := range msgs {
					_ = m.InProgress()
				}
			}
		}
	}()
	return func() { close(done); <-stopped }
}

// decodeResults reads a batch, keeping one result per document (the last
// delivered: a document written twice in one transaction would have its
// statements created twice). A message that is not a result is terminated
// and logged.
func decodeResults(msgs []jetstream.Msg, opt Options) []loader.Extracted {
	index := map[string]int{}
	var out []loader.Extracted
	for _, m := range msgs {
		var r Result
		if err := json.Unmarshal(m.Data(), &r); err != nil || r.Document.Document.ID == "" {
			opt.Log.Error("ingest: dropping a message that is not an extracted document", "id", m.Headers().Get(jetstream.MsgIDHeader), "err", err)
			_ = m.Term()
			continue
		}
		if r.Extractor != extract.Version {
			opt.Log.Warn("ingest: a result from another extractor version", "document", r.Document.Document.ID, "extractor", r.Extractor)
		}
		if i, seen := index[r.Document.Document.ID]; seen {
			out[i] = r.Extracted
			continue
		}
		index[r.Document.Document.ID] = len(out)
		out = append(out, r.Extracted)
	}
	return out
}

// WriteBatch writes extracted documents through the loader's writer: the
// actors and topics they introduce, then the documents in one transaction,
// which replaces whatever an earlier write of the same documents left. It is
// also the single-process path the distributed one is compared with.
func WriteBatch(ctx context.Context, w loader.Writer, batch []loader.Extracted) error {
	if len(batch) == 0 {
		return nil
	}
	var extra kg.Catalogue
	docs := make([]kg.AnnotatedDocument, len(batch))
	for i, e := range batch {
		extra.Actors = append(extra.Actors, e.NewActors...)
		extra.Topics = append(extra.Topics, e.NewTopics...)
		docs[i] = e.Document
	}
	// Documents extracted apart introduce the same new person each; one row
	// per id, the earliest document's, so the batch does not depend on the
	// order its messages came in.
	extra.Actors = firstByID(extra.Actors, func(a kg.Actor) (string, string) { return a.ID, a.IntroducedBy })
	extra.Topics = firstByID(extra.Topics, func(t kg.Topic) (string, string) { return t.ID, t.IntroducedBy })
	if len(extra.Actors)+len(extra.Topics) > 0 {
		if err := w.WriteCatalogue(ctx, extra); err != nil {
			return fmt.Errorf("load new actors and topics: %w", err)
		}
	}
	if err := w.WriteDocuments(ctx, docs); err != nil {
		return fmt.Errorf("load documents %s…%s: %w", docs[0].Document.ID, docs[len(docs)-1].Document.ID, err)
	}
	return nil
}

// firstByID keeps one item per id: the one whose introducing document
// sorts first.
func firstByID[T any](items []T, key func(T) (id, by string)) []T {
	slices.SortStableFunc(items, func(a, b T) int {
		ida, bya := key(a)
		idb, byb := key(b)
		return cmp.Or(cmp.Compare(ida, idb), cmp.Compare(bya, byb))
	})
	return slices.CompactFunc(items, func(a, b T) bool {
		ida, _ := key(a)
		idb, _ := key(b)
		return ida == idb
	})
}
