package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/whosaid/whosaid/ingest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store"
)

const ingestUsage = `usage: whosaid ingest publish|worker|load --nats URL [flags]

Extraction and loading at scale through NATS JetStream (see the README,
"Ingestion at scale"):

  publish SOURCE  publish documents to the documents stream (a work queue,
                  created if missing); SOURCE is a folder of articles (as
                  whosaid extract reads them; a seed folder's documents/),
                  a JSON-lines file of {id, date, lang, source, title, text},
                  or - for JSON lines on standard input. Every document is
                  checked first: one bad document and nothing is published.
                  The document id is the message id, so publishing again is
                  harmless.
  worker          extract statements from documents (any number of workers,
                  on any machines) and publish one result per document
  load            write results to Neo4j (NEO4J_URI) in batches; run one

flags (all subcommands):
  --nats URL        NATS server(s), comma-separated (required)
  --stream NAME     documents stream (default WHOSAID_DOCUMENTS)
  --results NAME    results stream (default WHOSAID_RESULTS)
  --replicas N      copies of each stream when it is created (default 1; 3 in a cluster)
worker and load:
  --seeds DIR       seed folder whose catalogue names actors, topics and events (default seeds)
  --batch N         documents fetched at once (worker 10; load 200 per transaction)
  --wait D          longest wait to fill a batch (default 1s)
  --ack-wait D      redeliver a message not acknowledged within D (worker 30s, load 2m)
  --exit-when-idle D  stop after D without a message (default: run until stopped)
`

func runIngest(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, ingestUsage)
		return errors.New("ingest: publish, worker or load?")
	}
	fs := newFlagSet("ingest "+args[0], stderr)
	fs.Usage = func() { fmt.Fprint(stderr, ingestUsage) }
	url := fs.String("nats", "", "NATS server URL(s)")
	q := ingest.DefaultQueue
	fs.StringVar(&q.Documents, "stream", q.Documents, "documents stream")
	fs.StringVar(&q.Results, "results", q.Results, "results stream")
	fs.IntVar(&q.Replicas, "replicas", q.Replicas, "stream replicas when created")
	switch args[0] {
	case "publish":
		return ingestPublish(ctx, fs, args[1:], url, q, stdout)
	case "worker", "load":
		return ingestConsume(ctx, args[0], fs, args[1:], getenv, url, q, stdout, stderr, log)
	}
	fmt.Fprint(stderr, ingestUsage)
	return fmt.Errorf("ingest: unknown subcommand %q", args[0])
}

func connectIngest(url, name string) (func(), jetstream.JetStream, error) {
	if url == "" {
		return nil, nil, errors.New("ingest: --nats URL is required")
	}
	nc, js, err := ingest.Connect(url, name)
	if err != nil {
		return nil, nil, err
	}
	return func() { _ = nc.Drain() }, js, nil
}

func ingestPublish(ctx context.Context, fs *flag.FlagSet, args []string, url *string, q ingest.Queue, stdout io.Writer) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("ingest publish: give one SOURCE (a folder, a JSON-lines file or -)")
	}
	src, cleanup, err := openSource(fs.Arg(0))
	if err != nil {
		return err
	}
	defer cleanup()
	// The first pass only checks, so a bad document anywhere publishes
	// nothing; the second publishes.
	if err := src(func(kg.Document) error { return nil }); err != nil {
		return err
	}
	closeConn, js, err := connectIngest(*url, "whosaid ingest publish")
	if err != nil {
		return err
	}
	defer closeConn()
	p, err := ingest.NewPublisher(ctx, js, q)
	if err != nil {
		return err
	}
	if err := src(func(d kg.Document) error { return p.Publish(ctx, d) }); err != nil {
		return err
	}
	if err := p.Flush(ctx); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "published %d documents to %s (%d were already there)\n", p.Published, q.Documents, p.Duplicates)
	return nil
}

// openSource returns a function that reads the source's documents, in
// order, as often as it is called: a folder of articles, a JSON-lines file,
// or standard input (kept in a temporary file, to be read twice).
func openSource(path string) (read func(func(kg.Document) error) error, cleanup func(), err error) {
	cleanup = func() {}
	if path == "-" {
		tmp, err := os.CreateTemp("", "whosaid-ingest-*.jsonl")
		if err != nil {
			return nil, nil, err
		}
		cleanup = func() { tmp.Close(); os.Remove(tmp.Name()) }
		if _, err := io.Copy(tmp, os.Stdin); err != nil {
			cleanup()
			return nil, nil, err
		}
		return linesOf(tmp.Name(), "(standard input)"), cleanup, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !info.IsDir() {
		return linesOf(path, path), cleanup, nil
	}
	if sub := filepath.Join(path, "documents"); isDir(sub) {
		path = sub // a seed folder
	}
	files, err := filepath.Glob(filepath.Join(path, "*.txt"))
	if err != nil {
		return nil, nil, err
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("%s: no articles (*.txt)", path)
	}
	sort.Strings(files)
	return func(each func(kg.Document) error) error {
		for _, f := range files {
			doc, err := readArticle(f)
			if err != nil {
				return err
			}
			if err := loader.CheckDocument(doc); err != nil {
				return fmt.Errorf("%s (or its .meta.yaml): %w", f, err)
			}
			if err := each(doc); err != nil {
				return err
			}
		}
		return nil
	}, cleanup, nil
}

func linesOf(file, name string) func(func(kg.Document) error) error {
	return func(each func(kg.Document) error) error {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		return ingest.ReadLines(f, name, each)
	}
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

func ingestConsume(ctx context.Context, cmd string, fs *flag.FlagSet, args []string, getenv func(string) string, url *string, q ingest.Queue, stdout, stderr io.Writer, log *slog.Logger) error {
	seedsDir := fs.String("seeds", "seeds", "seed folder whose catalogue is used")
	opt := ingest.Options{Log: log}
	fs.IntVar(&opt.Batch, "batch", 0, "documents fetched at once")
	fs.DurationVar(&opt.Wait, "wait", time.Second, "longest wait to fill a batch")
	fs.DurationVar(&opt.AckWait, "ack-wait", 0, "redeliver what is not acknowledged within this")
	fs.DurationVar(&opt.ExitWhenIdle, "exit-when-idle", 0, "stop after this long without a message")
	var dbcfg *store.Config
	if cmd == "load" {
		dbcfg = neo4jFlags(fs, getenv)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	cat, err := loader.ReadCatalogue(loader.Dir(*seedsDir))
	if err != nil {
		return err
	}
	closeConn, js, err := connectIngest(*url, "whosaid ingest "+cmd)
	if err != nil {
		return err
	}
	defer closeConn()
	if cmd == "worker" {
		n, err := ingest.Work(ctx, js, q, cat, opt)
		fmt.Fprintf(stdout, "extracted %d documents\n", n)
		return stopped(ctx, err)
	}
	st, err := openStore("ingest load", *dbcfg)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	rep, err := ingest.Load(ctx, js, q, st, cat, opt, stderr)
	fmt.Fprintf(stdout, "loaded %d documents, %d statements in %d batches in %s\n", rep.Documents, rep.Statements, rep.Batches, rep.Elapsed.Round(time.Millisecond))
	if err := stopped(ctx, err); err != nil {
		return err
	}
	nodes, rels, err := st.Counts(context.WithoutCancel(ctx))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "graph: nodes %s\n       relationships %s\n", formatCounts(nodes), formatCounts(rels))
	return nil
}

// stopped is err, unless it only says that the process was asked to stop.
func stopped(ctx context.Context, err error) error {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return nil
	}
	return err
}
