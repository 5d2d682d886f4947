package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/whosaid/whosaid/loader/extract"
)

const trainUsage = `usage: whosaid train [--out FILE] [--seeds DIR] [FOLDER...]

Trains the speaker ranker (a linear model that chooses who speaks a cue the
text does not name a speaker for: the speaker already named in the
sentence, the issuer of a quoted text, the first person the sentence names,
the last speaker, or no one) on the curated statements of the development
split, and writes its weights as JSON. Only documents whose split is dev are
used: the frozen test split is never trained on. Folders as whosaid eval
(default: the seeds and every batch under eval/).

  --out FILE   where the weights go (default loader/extract/ranker.json, the
               file the extractor embeds: rebuild to use it)
`

func runTrain(_ context.Context, args []string, _ func(string) string, stdout, stderr io.Writer, _ *slog.Logger) error {
	fs := newFlagSet("train", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, trainUsage) }
	out := fs.String("out", "loader/extract/ranker.json", "file to write the weights to")
	seedsDir := fs.String("seeds", "seeds", "the seed folder every batch is read with")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := openCorpus(*seedsDir, fs.Args())
	if err != nil {
		return err
	}
	examples := c.examples(trainable)
	if len(examples) == 0 {
		return fmt.Errorf("train: no decisions in the seed and dev documents of %d folders", len(c.batches))
	}
	docs := 0
	for _, d := range c.docs() {
		if trainable(d) {
			docs++
		}
	}
	r := extract.Train(examples, trainEpochs, fmt.Sprintf("%d decisions in %d seed and dev documents, %d epochs", len(examples), docs, trainEpochs))
	rulesRight, rankerRight := 0, 0
	right := func(ex extract.Example, choice int) bool {
		if choice < 0 {
			choice = len(ex.Candidates) - 1 // none
		}
		return ex.Gold[choice]
	}
	for _, ex := range examples {
		if right(ex, ex.Rules) {
			rulesRight++
		}
		if right(ex, r.Choose(ex.Candidates, ex.Rules)) {
			rankerRight++
		}
	}
	// Extraction uses the ranker only if it reads sources it was not
	// trained on better than the rules' fixed order does.
	dev := func(d curatedDoc) bool { return d.split == "dev" }
	rules, loso := sumScores(c.score(nil, dev)), sumScores(c.leaveOneSourceOut())
	r.Enabled = loso.Attribution.F1() > rules.Attribution.F1()
	r.Why = fmt.Sprintf("dev attribution F1 leaving one source out %.3f, rules' order %.3f", loso.Attribution.F1(), rules.Attribution.F1())
	data, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, append(data, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained on %s: %d weights written to %s\n", r.Trained, len(r.Weights), *out)
	fmt.Fprintf(stdout, "decisions right on the training data: rules %d/%d, ranker %d/%d\n", rulesRight, len(examples), rankerRight, len(examples))
	fmt.Fprintf(stdout, "%s: extraction %s the ranker\n", r.Why, map[bool]string{true: "uses", false: "does not use"}[r.Enabled])
	return nil
}

func sumScores(ds []docEval) extract.Scores {
	var s extract.Scores
	for _, d := range ds {
		s = s.Add(d.scores)
	}
	return s
}
