package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/whosaid/whosaid/ingest"
	"github.com/whosaid/whosaid/ingest/natstest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store"
)

// IngestResult is one run of the ingestion queue over a corpus.
type IngestResult struct {
	Workers, Documents, Statements int
	Elapsed                        time.Duration // first document taken to last batch committed
	LoadAverage                    string        // of the machine as the run ended
}

// DocumentsPerSecond is the run's throughput.
func (r IngestResult) DocumentsPerSecond() float64 {
	return float64(r.Documents) / r.Elapsed.Seconds()
}

// measureIngest runs the ingestion queue (a NATS server in process, the
// workers and the loader as goroutines) over the documents of dir once per
// worker count, each on an emptied graph and a fresh queue.
func measureIngest(ctx context.Context, st *store.Store, dir string, workerCounts []int) ([]IngestResult, error) {
	cat, err := loader.ReadCatalogue(loader.Dir(dir))
	if err != nil {
		return nil, err
	}
	docs, err := articles(dir)
	if err != nil {
		return nil, err
	}
	var out []IngestResult
	for _, n := range workerCounts {
		if err := st.DeleteEverything(ctx); err != nil {
			return out, err
		}
		r, err := ingestOnce(ctx, st, cat, docs, n)
		if err != nil {
			return out, fmt.Errorf("ingest with %d workers: %w", n, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// articles reads the documents of a synthetic corpus as a publisher would
// (its annotations are not read: the workers extract).
func articles(dir string) ([]kg.Document, error) {
	seeds, err := loader.Read(loader.Dir(dir))
	if err != nil {
		return nil, err
	}
	docs := make([]kg.Document, len(seeds.Documents))
	for i, d := range seeds.Documents {
		docs[i] = d.Document
	}
	return docs, nil
}

func ingestOnce(ctx context.Context, st *store.Store, cat kg.Catalogue, docs []kg.Document, workers int) (IngestResult, error) {
	r := IngestResult{Workers: workers, Documents: len(docs)}
	nats, err := natstest.Start(1)
	if err != nil {
		return r, err
	}
	defer nats.Shutdown()
	nc, js, err := ingest.Connect(nats.URL(), "bench")
	if err != nil {
		return r, err
	}
	defer nc.Close()
	q := ingest.DefaultQueue
	p, err := ingest.NewPublisher(ctx, js, q)
	if err != nil {
		return r, err
	}
	if err := p.PublishAll(ctx, docs); err != nil {
		return r, err
	}
	run, stop := context.WithCancel(ctx)
	defer stop()
	errs := make(chan error, workers+1)
	start := time.Now()
	for range workers {
		go func() { _, err := ingest.Work(run, js, q, cat, ingest.Options{}); errs <- err }()
	}
	go func() {
		rep, err := ingest.Load(run, js, q, st, cat, ingest.Options{}, io.Discard)
		r.Statements = rep.Statements
		errs <- err
	}()
	for {
		select {
		case err := <-errs:
			return r, fmt.Errorf("stopped early: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
		d, res, err := q.Pending(ctx, js)
		if err != nil {
			return r, err
		}
		if d+res == 0 {
			break
		}
	}
	r.Elapsed = time.Since(start)
	stop()
	for range workers + 1 {
		if err := <-errs; err != nil && run.Err() == nil {
			return r, err
		}
	}
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		r.LoadAverage = strings.Join(strings.Fields(string(la))[:3], " ")
	}
	return r, nil
}
