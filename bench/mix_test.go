package bench

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/synth"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// TestPeerAnswersLikeWhosaid runs the query mix briefly over a small
// synthetic corpus through `whosaid serve` and the @neo4j/graphql peer on
// the test Neo4j: every form of every query the peer can express must
// answer alike (sameAnswer) and be timed on both sides; the others say why
// not.
func TestPeerAnswersLikeWhosaid(t *testing.T) {
	st := neo4jtest.Store(t)
	requirePeer(t)
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := synth.Write(synth.Options{Statements: 600, Seed: 1, Dir: filepath.Join(dir, "corpus")}); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "whosaid")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/whosaid").CombinedOutput(); err != nil {
		t.Fatalf("build whosaid: %v\n%s", err, out)
	}
	if _, err := loadWithBinary(ctx, bin, neo4jtest.URI(), filepath.Join(dir, "corpus"), io.Discard); err != nil {
		t.Fatal(err)
	}
	cat, err := loader.ReadCatalogue(loader.Dir(filepath.Join(dir, "corpus")))
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Concurrency: map[int][]int{600: {2}}, AttackFor: 200 * time.Millisecond, Rounds: 2, PeerDir: "peer", Binary: bin}
	qs := mix(cat.Actors[0].Name.En)
	res := &Result{}
	if err := runMix(ctx, cfg, st, neo4jtest.URI(), 600, qs, res, t.Logf); err != nil {
		t.Fatal(err)
	}
	if len(res.Queries) != len(qs) {
		t.Fatalf("%d results for %d queries", len(res.Queries), len(qs))
	}
	shared := 0
	for i, q := range res.Queries {
		switch {
		case q.Failed != "":
			t.Errorf("%s failed: %s", q.Query, q.Failed)
		case len(qs[i].peer) > 0 && (q.Peer == nil || q.Peer.Requests == 0 || q.Peer.Success < 1 || q.PeerRSSBytes == 0):
			t.Errorf("%s: the peer was not measured (%s)", q.Query, q.PeerNote)
		case len(qs[i].peer) > 0 && q.PeerNote != "":
			t.Errorf("%s: a peer form answers otherwise: %s", q.Query, q.PeerNote)
		case len(qs[i].peer) > 0:
			shared++
		case !strings.HasPrefix(q.PeerNote, cannotExpress+": "):
			t.Errorf("%s: peer note %q, want why it cannot express it", q.Query, q.PeerNote)
		}
	}
	if shared < 6 {
		t.Errorf("%d queries measured side by side, want the 6 shared shapes", shared)
	}
}

// requirePeer skips when Node or bench/peer's packages are missing, except
// under CI=true, where that is a failure (scripts/test.sh runs npm ci there).
func requirePeer(t *testing.T) {
	t.Helper()
	why := ""
	if _, err := exec.LookPath("node"); err != nil {
		why = "node is not installed"
	} else if _, err := os.Stat(filepath.Join("peer", "node_modules", "@neo4j", "graphql")); err != nil {
		why = "bench/peer has no node_modules (run npm ci there)"
	}
	if why == "" {
		return
	}
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatal("CI=true: " + why)
	}
	t.Skip("SKIPPED peer test: " + why)
}
