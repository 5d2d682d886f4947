package main

import (
	"context"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	neo4jdev "github.com/whosaid/whosaid/dev/neo4j"
	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/store"
	"github.com/whosaid/whosaid/synth"
)

// TestBackfillGivesTheGraphOfALoad loads the same corpus (the seeds and a
// small synthetic one) both ways: with whosaid load into the test Neo4j,
// and with whosaid backfill through the offline importer into a launcher
// home of its own, then started. Both graphs must have the same counts per
// label and type and the same content checksum (every property of every
// node and relationship, STANCE included), and the imported one its schema.
//
// It starts two JVMs (the importer, then Neo4j on the imported home) beside
// the test Neo4j, minutes on a busy 2-core machine, so it runs in make soak
// (WHOSAID_SOAK=1).
func TestBackfillGivesTheGraphOfALoad(t *testing.T) {
	if os.Getenv("WHOSAID_SOAK") == "" {
		t.Skip("slow (two more JVMs): make soak runs it (WHOSAID_SOAK=1)")
	}
	st := neo4jtest.Store(t)
	ctx := context.Background()
	corpus := t.TempDir()
	if _, err := synth.Write(synth.Options{Statements: 2000, Seed: 5, Dir: corpus}); err != nil {
		t.Fatal(err)
	}
	folders := []string{"../../seeds", corpus}
	getenv := func(k string) string {
		if k == "NEO4J_URI" {
			return neo4jtest.URI()
		}
		return ""
	}
	if err := run(ctx, append([]string{"whosaid", "load"}, folders...), getenv, io.Discard, io.Discard); err != nil {
		t.Fatalf("load: %v", err)
	}
	wantNodes, wantRels := neo4jtest.Counts(t, st)
	wantSum, wantN, wantR, err := st.ContentChecksum(ctx)
	if err != nil {
		t.Fatal(err)
	}

	home := filepath.Join(t.TempDir(), "home")
	var out strings.Builder
	args := append([]string{"whosaid", "backfill", "--out", filepath.Join(t.TempDir(), "csv"), "--home", home}, folders...)
	if err := run(ctx, args, func(string) string { return "" }, &out, io.Discard); err != nil {
		t.Fatalf("backfill: %v\n%s", err, out.String())
	}
	inst, err := neo4jdev.Start(ctx, neo4jdev.Options{Home: home, Keep: true, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Stop()
	imported, err := store.Open(store.Config{URI: inst.URI}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer imported.Close(ctx)

	gotNodes, gotRels := neo4jtest.Counts(t, imported)
	if !maps.Equal(gotNodes, wantNodes) || !maps.Equal(gotRels, wantRels) {
		t.Errorf("imported counts:\nnodes %v\nwant  %v\nrels  %v\nwant  %v", gotNodes, wantNodes, gotRels, wantRels)
	}
	gotSum, gotN, gotR, err := imported.ContentChecksum(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if gotSum != wantSum || gotN != wantN || gotR != wantR {
		t.Errorf("imported graph: %d nodes, %d relationships, checksum %s\nloaded graph:   %d nodes, %d relationships, checksum %s",
			gotN, gotR, gotSum, wantN, wantR, wantSum)
	}
	if missing, err := imported.SchemaReady(ctx); err != nil || len(missing) > 0 {
		t.Errorf("schema after the import: missing %v (%v)", missing, err)
	}
	t.Logf("%d nodes, %d relationships alike; %s", gotN, gotR, strings.TrimSpace(out.String()))
}

// TestBackfillRejectsBadInputAndLeavesNothing: a seed folder with a broken
// annotation fails the backfill with the file, line and field named, and
// neither the output folder nor a partial one is left behind.
func TestBackfillRejectsBadInputAndLeavesNothing(t *testing.T) {
	corpus := t.TempDir()
	if _, err := synth.Write(synth.Options{Statements: 200, Seed: 5, Dir: corpus}); err != nil {
		t.Fatal(err)
	}
	anns, err := filepath.Glob(filepath.Join(corpus, "annotations", "*.yaml"))
	if err != nil || len(anns) < 2 {
		t.Fatalf("synth wrote %d annotation files (%v)", len(anns), err)
	}
	bad := anns[len(anns)-1] // the last one, so earlier documents would have been written
	text, err := os.ReadFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(text), "polarity: ", "polarity: sideways-", 1)
	if broken == string(text) {
		t.Fatal("no polarity to break in " + bad)
	}
	if err := os.WriteFile(bad, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "csv")
	err = run(context.Background(), []string{"whosaid", "backfill", "--out", out, corpus}, func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), filepath.Base(bad)) || !strings.Contains(err.Error(), "polarity") {
		t.Fatalf("backfill of a bad polarity: %v; want an error naming %s and the field", err, filepath.Base(bad))
	}
	if left, _ := os.ReadDir(parent); len(left) != 0 {
		t.Errorf("left behind after the failure: %v", left)
	}
}
