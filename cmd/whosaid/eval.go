package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"strings"
	"text/tabwriter"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/loader/extract"
)

const evalUsage = `usage: whosaid eval [--verbose] [DIR...]

Scores the extraction rules (` + extract.Version + `) against the curated annotations of
every annotated document of the seed folders (default: seeds and, when it
exists, eval/devset; they are read together, as whosaid load would), one
table block per folder.

Levels (precision, recall and F1 over units):
  attribution  the same set of speakers and matching evidence spans
  stance       the same, and the same polarity
  strict       the same, and the same predicate
A unit is one evidence span of a statement: a headline restating a body
statement counts on its own, and statements of one sentence that differ only
in their targets count once. Two spans match when they overlap by at least
half of the shorter one (curated and extracted spans are both whole sentences
or headline segments). Units are paired one to one. Targets, dates and the
occasion are not scored.
`

func runEval(_ context.Context, args []string, _ func(string) string, stdout, stderr io.Writer, _ *slog.Logger) error {
	fs := newFlagSet("eval", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, evalUsage) }
	verbose := fs.Bool("verbose", false, "list the units each document missed or added (strict level)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dirs := fs.Args()
	if len(dirs) == 0 {
		dirs = []string{"seeds"}
		if st, err := os.Stat("eval/devset"); err == nil && st.IsDir() {
			dirs = append(dirs, "eval/devset")
		}
	}
	rows, err := evaluate(dirs)
	if err != nil {
		return err
	}
	printEval(stdout, rows, *verbose)
	return nil
}

// evalRow is the evaluation of one folder.
type evalRow struct {
	folder string
	docs   int
	scores extract.Scores
	perDoc []docScores
}

type docScores struct {
	id     string
	scores extract.Scores
}

// evaluate reads the folders as one knowledge base and scores the
// extraction of every document that has curated statements, by folder.
func evaluate(dirs []string) ([]evalRow, error) {
	folders := make([]loader.Folder, len(dirs))
	for i, d := range dirs {
		folders[i] = loader.Dir(d)
	}
	seeds, err := loader.Read(folders...)
	if err != nil {
		return nil, err
	}
	x := extract.New(seeds.Catalogue)
	byID := map[string]kg.AnnotatedDocument{}
	for _, d := range seeds.Documents {
		byID[d.Document.ID] = d
	}
	var rows []evalRow
	for _, f := range folders {
		row := evalRow{folder: f.Name}
		texts, err := fs.Glob(f.FS, "documents/*.txt")
		if err != nil {
			return nil, err
		}
		for _, t := range texts {
			d, ok := byID[strings.TrimSuffix(path.Base(t), ".txt")]
			if !ok || len(d.Statements) == 0 || d.Statements[0].Method != "curated" {
				continue // not annotated: nothing to score against
			}
			sc := extract.Evaluate(d.Statements, x.Document(d.Document).Statements)
			row.docs++
			row.scores = row.scores.Add(sc)
			row.perDoc = append(row.perDoc, docScores{d.Document.ID, sc})
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func printEval(w io.Writer, rows []evalRow, verbose bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "folder\tdocs\tlevel\tgold\textracted\tmatched\tP\tR\tF1\t\n")
	for _, r := range rows {
		levels := []struct {
			name string
			s    extract.Score
		}{{"attribution", r.scores.Attribution}, {"stance", r.scores.Stance}, {"strict", r.scores.Strict}}
		for i, lv := range levels {
			folder, docs := "", ""
			if i == 0 {
				folder, docs = r.folder, fmt.Sprint(r.docs)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", folder, docs, lv.name,
				lv.s.Gold, lv.s.Pred, lv.s.Matched, lv.s.P(), lv.s.R(), lv.s.F1())
		}
	}
	tw.Flush()
	if !verbose {
		return
	}
	for _, r := range rows {
		for _, d := range r.perDoc {
			s := d.scores
			fmt.Fprintf(w, "\n%s: attribution F1 %.3f, stance F1 %.3f, strict F1 %.3f\n", d.id, s.Attribution.F1(), s.Stance.F1(), s.Strict.F1())
			for _, u := range s.Missed {
				fmt.Fprintf(w, "  missed    %-40s %-15s %-8s [%d,%d) %q\n", u.Speakers, u.Predicate, u.Polarity, u.Start, u.End, u.Cue)
			}
			for _, u := range s.Spurious {
				fmt.Fprintf(w, "  extracted %-40s %-15s %-8s [%d,%d) %q\n", u.Speakers, u.Predicate, u.Polarity, u.Start, u.End, u.Cue)
			}
		}
	}
}
