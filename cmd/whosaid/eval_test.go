package main

import (
	"strings"
	"testing"
)

func TestEvalPrintsATablePerSplitAndSource(t *testing.T) {
	t.Chdir("../..")
	out, err := runCmd(t, "eval", "--verbose", "seeds", "eval/devset")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"split", "source", "attribution", "stance", "strict", "seed", "dev", "ALL", "F1", seedArticle + ": attribution F1"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	// The seed article's attribution is perfect when this test was written.
	seen := false
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 10 && f[0] == "seed" && f[3] == "attribution" {
			seen = true
			if f[9] < "0.950" {
				t.Errorf("seed attribution F1 %s below 0.95", f[9])
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
