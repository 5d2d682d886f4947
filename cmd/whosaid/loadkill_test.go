package main

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/synth"
)

// TestLoaderKilledMidRunThenRerunGivesTheSameGraph SIGKILLs `whosaid load`
// once some of its batches are committed, runs it again, and compares the
// graph with that of an uninterrupted load: same counts, same content.
func TestLoaderKilledMidRunThenRerunGivesTheSameGraph(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := synth.Write(synth.Options{Statements: 30000, Seed: 3, Dir: dir}); err != nil {
		t.Fatal(err)
	}
	bin := buildWhosaid(t)
	load := func() *exec.Cmd {
		cmd := exec.Command(bin, "load", dir)
		cmd.Env = append(os.Environ(), "NEO4J_URI="+neo4jtest.URI())
		return cmd
	}
	// The uninterrupted load.
	if out, err := load().CombinedOutput(); err != nil {
		t.Fatalf("load: %v\n%s", err, out)
	}
	wantNodes, wantRels := neo4jtest.Counts(t, st)
	wantSum, wantN, err := st.Checksum(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteEverything(ctx); err != nil {
		t.Fatal(err)
	}

	// Kill it between batches: as soon as statements appear, but before all.
	cmd := load()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		nodes, _, err := st.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n := nodes["Statement"]; n > 0 && n < wantNodes["Statement"] {
			_ = cmd.Process.Signal(syscall.SIGKILL)
			killed = true
			break
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatal("never caught the loader between batches")
	}
	partial, _, _ := st.Counts(ctx)
	t.Logf("killed with %d of %d statements written", partial["Statement"], wantNodes["Statement"])

	if out, err := load().CombinedOutput(); err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	gotNodes, gotRels := neo4jtest.Counts(t, st)
	if !maps.Equal(gotNodes, wantNodes) || !maps.Equal(gotRels, wantRels) {
		t.Errorf("after the rerun:\nnodes %v\nwant  %v\nrels  %v\nwant  %v", gotNodes, wantNodes, gotRels, wantRels)
	}
	gotSum, gotN, err := st.Checksum(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if gotSum != wantSum || gotN != wantN {
		t.Errorf("content checksum %s over %d statements, want %s over %d", gotSum, gotN, wantSum, wantN)
	}
}
