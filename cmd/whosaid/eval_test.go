package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/loader/extract"
)

func TestEvalPrintsATablePerSplitAndSource(t *testing.T) {
	t.Chdir("../..")
	out, err := runCmd(t, "eval", "--verbose", "seeds", "eval/devset")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"reader", "split", "source", "attribution", "stance", "strict", "seed", "dev", "ALL", "F1", "rules", "ranker", "loso", seedArticle + ": attribution F1"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	// The seed article's attribution is perfect when this test was written.
	seen := false
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 11 && f[0] == "rules" && f[1] == "seed" && f[4] == "attribution" {
			seen = true
			if f[10] < "0.950" {
				t.Errorf("seed attribution F1 %s below 0.95", f[10])
			}
		}
	}
	if !seen {
		t.Errorf("no seed attribution row:\n%s", out)
	}
}

func TestEvalNeverListsTestDocuments(t *testing.T) {
	docs := []docEval{{id: "frozen-doc", split: "test", outlet: "X"}, {id: "dev-doc", split: "dev", outlet: "Y"}}
	var b strings.Builder
	printMisses(&b, docs)
	if strings.Contains(b.String(), "frozen-doc") || !strings.Contains(b.String(), "dev-doc") {
		t.Errorf("--verbose must list dev documents and never test ones:\n%s", b.String())
	}
}

func TestEvalUnknownFolder(t *testing.T) {
	t.Chdir("../..")
	if _, err := runCmd(t, "eval", "no-such-folder"); err == nil {
		t.Error("eval of a missing folder succeeded")
	}
}

func TestTrainWritesARankerTheExtractorReads(t *testing.T) {
	t.Chdir("../..")
	out := filepath.Join(t.TempDir(), "ranker.json")
	msg, err := runCmd(t, "train", "--out", out, "seeds", "eval/devset")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "dev documents") {
		t.Errorf("train says %q", msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r extract.Ranker
	if err := json.Unmarshal(data, &r); err != nil || len(r.Weights) == 0 {
		t.Fatalf("the weights do not read back (%v): %.200s", err, data)
	}
	// Trained twice on the same data, the same weights: the training is
	// deterministic, so the committed file can be checked.
	out2 := filepath.Join(t.TempDir(), "again.json")
	if _, err := runCmd(t, "train", "--out", out2, "seeds", "eval/devset"); err != nil {
		t.Fatal(err)
	}
	if data2, _ := os.ReadFile(out2); string(data2) != string(data) {
		t.Error("two trainings on the same data wrote different weights")
	}
}

func TestTheTestSplitCannotBeTakenForDev(t *testing.T) {
	for _, c := range []struct{ dir, meta, want string }{
		{"eval/test/saudi-a", "", "test"},
		{"eval/test/saudi-a", "dev", "test"}, // metadata never frees a frozen document
		{"eval/../eval/test/x", "", "test"},
		{"eval/dev/x", "", "dev"},
		{"eval/dev/x", "test", "test"},
		{"eval/dev/x", "typo", "test"}, // unknown splits count as test
		{"seeds", "", "seed"},
	} {
		if got := docSplit(splitOf(c.dir, "seeds"), c.meta); got != c.want {
			t.Errorf("%s with split %q: %s, want %s", c.dir, c.meta, got, c.want)
		}
	}
}

func TestTrainingNeverSeesTheTestSplit(t *testing.T) {
	t.Chdir("../..")
	c, err := openCorpus("seeds", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests, trained := 0, 0
	for _, d := range c.docs() {
		if d.split == "test" {
			tests++
			if trainable(d) {
				t.Errorf("%s of the test split is trainable", d.doc.Document.ID)
			}
		} else if trainable(d) {
			trained++
		}
	}
	if tests == 0 || trained == 0 {
		t.Errorf("%d test and %d trainable documents: the corpus is not where this test expects it", tests, trained)
	}
}
