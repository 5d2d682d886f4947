package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/loader/extract"
)

// Result is what a worker publishes for one document: the loader's own
// input, encoded as JSON, with the extractor's version.
type Result struct {
	Extractor string
	loader.Extracted
}

// Options tune a worker or the loader.
type Options struct {
	// Batch is how many messages are fetched at once (loader: documents per
	// transaction).
	Batch int
	// Wait is how long a fetch waits to fill a batch.
	Wait time.Duration
	// AckWait is how long a delivered message may stay unacknowledged before
	// it is delivered again (to another worker, or to the loader restarted).
	AckWait time.Duration
	// ExitWhenIdle stops after this long without a message; 0 runs until
	// the context ends.
	ExitWhenIdle time.Duration
	Log          *slog.Logger
}

// workerMaxDeliver bounds the deliveries of a document: one that kills
// every worker that takes it is given up after this many.
const workerMaxDeliver = 5

// Work extracts documents until ctx ends (or the queue stays idle): each
// document is read by loader.ExtractDocument with an extractor built from
// cat, its result published with the message id "<document>@<hash of the
// result>" (a redelivered document gives the same result, which JetStream
// drops), and only then acknowledged. It returns how many documents it
// extracted.
func Work(ctx context.Context, js jetstream.JetStream, q Queue, cat kg.Catalogue, opt Options) (int, error) {
	opt = opt.withDefaults(10, 30*time.Second)
	if err := q.Ensure(ctx, js); err != nil {
		return 0, err
	}
	cons, err := consumer(ctx, js, q.Documents, WorkersConsumer, opt.AckWait, workerMaxDeliver, 1000)
	if err != nil {
		return 0, err
	}
	x := extract.New(cat)
	done := 0
	err = consume(ctx, cons, opt, func(msgs []jetstream.Msg) error {
		for _, m := range msgs {
			if err := extractOne(ctx, js, q, x, cat, m, opt.Log); err != nil {
				return err
			}
			done++
		}
		return nil
	})
	return done, err
}

// extractOne handles one document message. A message that is not a valid
// document is terminated (never delivered again) and logged: no retry can
// mend it.
func extractOne(ctx context.Context, js jetstream.JetStream, q Queue, x *extract.Extractor, cat kg.Catalogue, m jetstream.Msg, log *slog.Logger) error {
	var doc kg.Document
	err := json.Unmarshal(m.Data(), &doc)
	if err == nil {
		err = loader.CheckDocument(doc)
	}
	if err != nil {
		log.Error("ingest: dropping a message that is not a valid document", "id", m.Headers().Get(jetstream.MsgIDHeader), "err", err)
		return m.Term()
	}
	body, err := json.Marshal(Result{Extractor: extract.Version, Extracted: loader.ExtractDocument(x, cat, doc)})
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	if _, err := js.Publish(ctx, q.Results, body, jetstream.WithMsgID(doc.ID+"@"+hex.EncodeToString(sum[:12]))); err != nil {
		return fmt.Errorf("publish the result of %s: %w", doc.ID, err)
	}
	return m.Ack()
}

func (o Options) withDefaults(batch int, ackWait time.Duration) Options {
	if o.Batch <= 0 {
		o.Batch = batch
	}
	if o.Wait <= 0 {
		o.Wait = time.Second
	}
	if o.AckWait <= 0 {
		o.AckWait = ackWait
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// consume fetches batches from cons and hands each to handle until ctx
// ends, the queue has been idle for opt.ExitWhenIdle, or handle fails.
func consume(ctx context.Context, cons jetstream.Consumer, opt Options, handle func([]jetstream.Msg) error) error {
	idleSince := time.Now()
	for ctx.Err() == nil {
		batch, err := cons.Fetch(opt.Batch, jetstream.FetchMaxWait(opt.Wait))
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return err
		}
		var msgs []jetstream.Msg
		for m := range batch.Messages() {
			msgs = append(msgs, m)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && ctx.Err() == nil {
			opt.Log.Warn("ingest: fetch", "err", err) // a server lost mid-fetch; the next fetch goes elsewhere
		}
		if len(msgs) == 0 {
			if opt.ExitWhenIdle > 0 && time.Since(idleSince) >= opt.ExitWhenIdle {
				return nil
			}
			continue
		}
		if err := handle(msgs); err != nil {
			return err
		}
		idleSince = time.Now()
	}
	return nil
}
