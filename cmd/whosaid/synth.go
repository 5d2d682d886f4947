package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/whosaid/whosaid/synth"
)

// runSynth writes a synthetic corpus in the seed format for benchmarks.
func runSynth(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("synth", stderr)
	n := fs.Int("statements", 10000, "how many statements")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same corpus")
	out := fs.String("out", "", "output folder (created)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("synth: --out is required")
	}
	start := time.Now()
	sum, err := synth.Write(synth.Options{Statements: *n, Seed: *seed, Dir: *out})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d statements in %d documents, %d actors, %d topics, %d events, %d places to %s in %s\n",
		sum.Statements, sum.Documents, sum.Actors, sum.Topics, sum.Events, sum.Places, *out, time.Since(start).Round(time.Millisecond))
	return nil
}
