// Package ingest runs extraction and loading at scale through NATS
// JetStream: documents are published to a work-queue stream, any number of
// workers (on any machines) extract statements from them and publish one
// result per document to a second work-queue stream, and one loader writes
// the results to Neo4j in batches.
//
// Delivery is at least once: a message is acknowledged only after what it
// produced is durable (the result published, the batch committed), so a
// worker or loader killed at any point leaves its messages to be delivered
// again. Writes are idempotent: a document's result replaces whatever an
// earlier delivery of it wrote, so delivering twice gives the graph of
// delivering once.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Queue names the two streams (each stream's only subject is its name) and
// how they are created when missing.
type Queue struct {
	Documents string // documents to extract
	Results   string // one extracted document per message
	Replicas  int    // copies of each stream in a JetStream cluster
}

// DefaultQueue is what the commands use without --stream, --results and
// --replicas.
var DefaultQueue = Queue{Documents: "WHOSAID_DOCUMENTS", Results: "WHOSAID_RESULTS", Replicas: 1}

// The durable consumers: one shared by all workers, one for the loader.
const (
	WorkersConsumer = "workers"
	LoaderConsumer  = "loader"
)

// dedupWindow is how long JetStream remembers message ids: republishing a
// document within it is a no-op; after it the document is extracted and
// written again, which replaces it with itself.
const dedupWindow = time.Hour

// Connect opens a JetStream connection to url (a comma-separated list of
// servers of one cluster), reconnecting for ever, as workers must survive a
// server restart.
func Connect(url, name string) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(url, nats.Name(name), nats.MaxReconnects(-1))
	if err != nil {
		return nil, nil, fmt.Errorf("nats %s: %w", url, err)
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(256))
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, js, nil
}

// ensureStream returns the stream, creating it as a work queue when it is
// missing. An existing stream is used as it is: its settings belong to
// whoever runs the cluster.
func ensureStream(ctx context.Context, js jetstream.JetStream, name string, replicas int) (jetstream.Stream, error) {
	s, err := js.Stream(ctx, name)
	if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return s, err
	}
	s, err = js.CreateStream(ctx, jetstream.StreamConfig{
		Name: name, Subjects: []string{name}, Retention: jetstream.WorkQueuePolicy,
		Storage: jetstream.FileStorage, Replicas: max(replicas, 1), Duplicates: dedupWindow,
	})
	if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		return js.Stream(ctx, name) // another process created it first
	}
	return s, err
}

// Ensure creates both streams when missing.
func (q Queue) Ensure(ctx context.Context, js jetstream.JetStream) error {
	for _, name := range []string{q.Documents, q.Results} {
		if _, err := ensureStream(ctx, js, name, q.Replicas); err != nil {
			return fmt.Errorf("stream %s: %w", name, err)
		}
	}
	return nil
}

// Pending is how many messages wait in the streams (delivered but not yet
// acknowledged ones included): zero and zero means everything published so
// far is in the graph.
func (q Queue) Pending(ctx context.Context, js jetstream.JetStream) (documents, results uint64, err error) {
	count := func(name string) (uint64, error) {
		s, err := js.Stream(ctx, name)
		if err != nil {
			return 0, err
		}
		info, err := s.Info(ctx)
		if err != nil {
			return 0, err
		}
		return info.State.Msgs, nil
	}
	if documents, err = count(q.Documents); err != nil {
		return 0, 0, err
	}
	results, err = count(q.Results)
	return documents, results, err
}

// consumer is the durable pull consumer name on stream, explicit
// acknowledgement; an unacknowledged message is delivered again after
// ackWait, at most maxDeliver times (-1: for ever).
func consumer(ctx context.Context, js jetstream.JetStream, stream, name string, ackWait time.Duration, maxDeliver, maxAckPending int) (jetstream.Consumer, error) {
	return js.CreateOrUpdateConsumer(ctx, stream, jetstream.ConsumerConfig{
		Durable: name, AckPolicy: jetstream.AckExplicitPolicy, AckWait: ackWait,
		MaxDeliver: maxDeliver, MaxAckPending: maxAckPending,
	})
}
