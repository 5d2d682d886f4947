package main

import (
	"bytes"
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/ingest"
	"github.com/whosaid/whosaid/ingest/natstest"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/loader/extract"
	"github.com/whosaid/whosaid/store"
	"github.com/whosaid/whosaid/synth"
)

// TestIngestPublishChecksEverythingFirst: one bad line and nothing is
// published, and the error names the file, the line and the field.
func TestIngestPublishChecksEverythingFirst(t *testing.T) {
	c := natstest.New(t, 1)
	file := filepath.Join(t.TempDir(), "docs.jsonl")
	lines := `{"id":"a1","date":"2024-01-02","lang":"en","text":"Hello."}
{"id":"a2","date":"2024-01-02","lang":"","text":"Hello again."}
`
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"whosaid", "ingest", "publish", "--nats", c.URL(), file}, func(string) string { return "" }, &out, &errOut)
	if err == nil || !strings.HasPrefix(err.Error(), file+":2: lang: required") {
		t.Fatalf("error %v, want %s:2: lang: required", err, file)
	}
	nc, js, err := ingest.Connect(c.URL(), "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if _, err := js.Stream(context.Background(), ingest.DefaultQueue.Documents); err != jetstream.ErrStreamNotFound {
		t.Errorf("the documents stream exists (%v): something was published", err)
	}
}

// TestIngestClusterSurvivesKilledWorkerAndLoader runs the distributed
// ingestion on a 3-node JetStream cluster (streams with 3 replicas): two
// worker processes and one loader process, one worker and the loader
// SIGKILLed mid-stream and restarted. The graph must equal that of a
// single-process load of the same documents: counts, the statements'
// content, and the STANCE and context relations derived from them (a
// document delivered twice must count once).
func TestIngestClusterSurvivesKilledWorkerAndLoader(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := synth.Write(synth.Options{Statements: 5000, Seed: 3, Dir: dir}); err != nil {
		t.Fatal(err)
	}
	cluster := natstest.New(t, 3)
	nc, js, err := ingest.Connect(cluster.URL(), "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	q := ingest.DefaultQueue
	bin := buildWhosaid(t)
	proc := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"ingest"}, args...)...)
		cmd.Env = append(os.Environ(), "NEO4J_URI="+neo4jtest.URI())
		cmd.Stdout, cmd.Stderr = &testLog{t: t, name: args[0]}, &testLog{t: t, name: args[0]}
		return cmd
	}
	common := []string{"--nats", cluster.URL(), "--replicas", "3"}
	if err := proc(append(append([]string{"publish"}, common...), dir)...).Run(); err != nil {
		t.Fatalf("publish: %v", err)
	}
	total, _ := pending(t, q, js)
	if total < 150 {
		t.Fatalf("published %d documents, want about 200", total)
	}
	worker := func() *exec.Cmd {
		return start(t, proc(append([]string{"worker", "--seeds", dir, "--batch", "10", "--ack-wait", "3s"}, common...)...))
	}
	loaderProc := func() *exec.Cmd {
		return start(t, proc(append([]string{"load", "--seeds", dir, "--batch", "20", "--ack-wait", "6s"}, common...)...))
	}

	// A worker killed with documents delivered to it and not acknowledged.
	w1 := worker()
	// It acknowledges each document once its result is out: holding two, it
	// has not extracted the second.
	waitFor(t, "the first worker to extract some documents and hold more", func() bool {
		docs, _ := pending(t, q, js)
		return docs <= total-5 && delivered(t, js, q.Documents, ingest.WorkersConsumer).NumAckPending >= 2
	})
	kill(w1)
	if docs, _ := pending(t, q, js); docs == 0 {
		t.Fatal("the worker finished before it was killed")
	}
	w1, w2 := worker(), worker()
	// The loader killed after some batches committed, before the last.
	l := loaderProc()
	// Given more results than there are documents in the graph, it holds
	// some that it has not committed.
	waitFor(t, "the loader to commit a batch and hold the next", func() bool {
		nodes, _, err := st.Counts(ctx)
		return err == nil && nodes["Document"] > 0 && delivered(t, js, q.Results, ingest.LoaderConsumer).Delivered.Consumer > uint64(nodes["Document"])
	})
	kill(l)
	if docs, results := pending(t, q, js); docs+results == 0 {
		t.Fatal("the loader finished before it was killed")
	}
	l = loaderProc()
	waitFor(t, "the queue to drain", func() bool {
		docs, results := pending(t, q, js)
		return docs+results == 0
	})
	for _, p := range []*exec.Cmd{w1, w2, l} {
		_ = p.Process.Signal(syscall.SIGTERM)
		if err := p.Wait(); err != nil {
			t.Errorf("%s: %v", p.Args[1:3], err)
		}
	}
	got := graphState(t, st)

	// The same documents, extracted and written by one process in one pass.
	if err := st.DeleteEverything(ctx); err != nil {
		t.Fatal(err)
	}
	singleProcessLoad(t, st, dir)
	if want := graphState(t, st); !got.equal(want) {
		t.Errorf("distributed ingestion gave\n%+v\nsingle-process load\n%+v", got, want)
	}
	t.Logf("%d documents; graph %v", total, got.nodes)
}

// singleProcessLoad extracts every document of dir in order and writes them
// through the loader's writer, in one process, as one run of whosaid would.
func singleProcessLoad(t *testing.T, st *store.Store, dir string) {
	ctx := context.Background()
	cat, err := loader.ReadCatalogue(loader.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	read, cleanup, err := openSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	x := extract.New(cat)
	var batch []loader.Extracted
	if err := read(func(d kg.Document) error { batch = append(batch, loader.ExtractDocument(x, cat, d)); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.WriteCatalogue(ctx, cat); err != nil {
		t.Fatal(err)
	}
	if err := ingest.WriteBatch(ctx, st, batch); err != nil {
		t.Fatal(err)
	}
}

type graph struct {
	nodes, rels           map[string]int
	statements, derived   string
	nStatements, nDerived int
}

func graphState(t *testing.T, st *store.Store) graph {
	ctx := context.Background()
	var g graph
	var err error
	g.nodes, g.rels = neo4jtest.Counts(t, st)
	if g.statements, g.nStatements, err = st.Checksum(ctx); err != nil {
		t.Fatal(err)
	}
	if g.derived, g.nDerived, err = st.DerivedChecksum(ctx); err != nil {
		t.Fatal(err)
	}
	return g
}

func (g graph) equal(h graph) bool {
	return maps.Equal(g.nodes, h.nodes) && maps.Equal(g.rels, h.rels) && g.statements == h.statements &&
		g.nStatements == h.nStatements && g.derived == h.derived && g.nDerived == h.nDerived
}

// pending is how many documents and results wait in the queue.
func pending(t *testing.T, q ingest.Queue, js jetstream.JetStream) (docs, results uint64) {
	docs, results, err := q.Pending(context.Background(), js)
	if err != nil {
		t.Fatal(err)
	}
	return docs, results
}

// delivered says what a consumer was given: NumAckPending is how many of
// its messages are not acknowledged, what a process killed now leaves to be
// delivered again.
func delivered(t *testing.T, js jetstream.JetStream, stream, consumer string) *jetstream.ConsumerInfo {
	c, err := js.Consumer(context.Background(), stream, consumer)
	if err != nil {
		return &jetstream.ConsumerInfo{} // not created yet
	}
	info, err := c.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func start(t *testing.T, cmd *exec.Cmd) *exec.Cmd {
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kill(cmd) })
	return cmd
}

func kill(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
}

// buildWhosaid builds the binary under test, for tests that run it as a
// process of its own.
func buildWhosaid(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "whosaid")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// testLog passes a subprocess's output to the test log.
type testLog struct {
	t    *testing.T
	name string
}

func (b *testLog) Write(p []byte) (int, error) {
	b.t.Logf("%s: %s", b.name, bytes.TrimRight(p, "\n"))
	return len(p), nil
}
