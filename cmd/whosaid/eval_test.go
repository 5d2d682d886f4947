package main

import (
	"strings"
	"testing"
)

func TestEvalPrintsATablePerFolder(t *testing.T) {
	t.Chdir("../..")
	out, err := runCmd(t, "eval", "--verbose", "seeds")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"folder", "attribution", "stance", "strict", "seeds", "F1", seedArticle + ": attribution F1"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	// The seed article's attribution is perfect when this test was written.
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 9 && f[0] == "seeds" && f[2] == "attribution" && f[8] < "0.950" {
			t.Errorf("seed attribution F1 %s below 0.95", f[8])
		}
	}
}

func TestEvalUnknownFolder(t *testing.T) {
	t.Chdir("../..")
	if _, err := runCmd(t, "eval", "no-such-folder"); err == nil {
		t.Error("eval of a missing folder succeeded")
	}
}
