package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/whosaid/whosaid/ingest"
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

// measureIngest runs the ingestion queue (a nats-server process, the
// workers and the loader as goroutines) over the documents of dir once per
// worker count, each on an emptied graph and a fresh queue.
func measureIngest(ctx context.Context, natsServer string, st *store.Store, dir string, workerCounts []int) ([]IngestResult, error) {
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
		r, err := ingestOnce(ctx, natsServer, st, cat, docs, n)
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

func ingestOnce(ctx context.Context, natsServer string, st *store.Store, cat kg.Catalogue, docs []kg.Document, workers int) (IngestResult, error) {
	r := IngestResult{Workers: workers, Documents: len(docs)}
	url, stopNATS, err := startNATS(ctx, natsServer)
	if err != nil {
		return r, err
	}
	defer stopNATS()
	nc, js, err := ingest.Connect(url, "bench")
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

// startNATS runs a nats-server with JetStream on a port of the operating
// system's choosing, storing in a temporary folder. (A server process rather
// than one embedded: the embedded server would weigh 15 MB in every whosaid
// binary.)
func startNATS(ctx context.Context, bin string) (url string, stop func(), err error) {
	dir, err := os.MkdirTemp("", "whosaid-bench-nats-*")
	if err != nil {
		return "", nil, err
	}
	cmd := exec.CommandContext(ctx, bin, "-js", "-a", "127.0.0.1", "-p", "-1", "-sd", dir, "--ports_file_dir", dir)
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	stop = func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		os.RemoveAll(dir)
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		files, _ := filepath.Glob(filepath.Join(dir, "*.ports"))
		if len(files) == 0 {
			continue
		}
		var ports struct {
			Nats []string `json:"nats"`
		}
		if data, err := os.ReadFile(files[0]); err == nil && json.Unmarshal(data, &ports) == nil && len(ports.Nats) > 0 {
			return ports.Nats[0], stop, nil
		}
	}
	stop()
	return "", nil, errors.New("nats-server did not write its ports file")
}
