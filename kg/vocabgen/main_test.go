package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/kg"
)

// TestOutputsAreUpToDate fails when the explorer's predicate list or the
// predicate table of seeds/README.md is not what kg's tables give.
func TestOutputsAreUpToDate(t *testing.T) {
	for _, o := range outputs {
		old, err := os.ReadFile(filepath.Join("..", "..", o.path))
		if err != nil {
			t.Fatal(err)
		}
		want, err := o.render(old)
		if err != nil {
			t.Fatalf("%s: %v", o.path, err)
		}
		if string(old) != string(want) {
			t.Errorf("%s is out of date with kg/vocabulary.go: run `go generate ./kg` (then `make explorer`)", o.path)
		}
	}
}

// TestOutputsListEveryPredicate checks the rendering itself: each output
// names every predicate of the table, with the README row giving its CAMEO
// code.
func TestOutputsListEveryPredicate(t *testing.T) {
	js, table := string(explorerModule()), predicateTable()
	for _, p := range kg.PredicateTable {
		if !strings.Contains(js, "'"+string(p.Name)+"'") {
			t.Errorf("the explorer module lacks %s", p.Name)
		}
		if !strings.Contains(table, "| `"+string(p.Name)+"` | "+string(p.Polarity)) || !strings.Contains(table, " | "+p.CAMEO+" | ") {
			t.Errorf("the README table lacks %s or its polarity or CAMEO code", p.Name)
		}
	}
}

func TestReplaceBetweenNeedsItsMarks(t *testing.T) {
	if _, err := replaceBetween([]byte("no marks here"), readmeStart, readmeEnd, "x"); err == nil {
		t.Error("a document without the marks was accepted")
	}
	got, err := replaceBetween([]byte("a\n"+readmeStart+"old\n"+readmeEnd+"b\n"), readmeStart, readmeEnd, "new\n")
	if err != nil || string(got) != "a\n"+readmeStart+"new\n"+readmeEnd+"b\n" {
		t.Errorf("got %q, %v", got, err)
	}
}
