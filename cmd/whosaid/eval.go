package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/loader/extract"
)

const evalUsage = `usage: whosaid eval [--verbose] [--seeds DIR] [FOLDER...]

Scores the extraction rules (` + extract.Version + `) against the curated annotations of
the evaluation corpus: by default the seeds and every batch folder under
eval/dev and eval/test (each read together with the seeds), reported by split
(seed, dev, test), by source (the outlet of each document's .meta.yaml) and
overall per split.

What the extractor knows while it reads a document: the world layer, the
seeds' catalogue and the catalogues of the dev batches - never the catalogue
of the document's own batch, so names it has to find in the text count as
found only if it finds them. Extracted speakers are matched to curated ones
by id, or by a shared name or alias (the curators' ids need not be the
extractor's).

Levels (precision, recall and F1 over units):
  attribution  the same set of speakers and matching evidence spans
  stance       the same, and the same polarity
  strict       the same, and the same predicate
A unit is one evidence span of a statement. Two spans match when they
overlap by at least half of the shorter one. Units are paired one to one.

  --verbose   list what each dev or seed document missed or added (never a
              test document: the frozen split is not read while rules are
              written)
`

func runEval(_ context.Context, args []string, _ func(string) string, stdout, stderr io.Writer, _ *slog.Logger) error {
	fs := newFlagSet("eval", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, evalUsage) }
	verbose := fs.Bool("verbose", false, "list what each non-test document missed or added (strict level)")
	seedsDir := fs.String("seeds", "seeds", "the seed folder every batch is read with")
	own := fs.Bool("own-catalogue", false, "let the extractor know each batch's own catalogue too (the fitted, pre-corpus measure; never a generalisation figure)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := openCorpus(*seedsDir, fs.Args())
	if err != nil {
		return err
	}
	c.own = *own
	all := func(curatedDoc) bool { return true }
	rules := c.score(nil, all)
	fmt.Fprintln(stdout, "# rules: inherited speakers chosen in the rules' fixed order")
	printEval(stdout, "rules", rules)
	if r := extract.DefaultRanker(); r != nil {
		use := map[bool]string{true: "extraction uses it", false: "extraction does not use it"}[r.Enabled]
		fmt.Fprintf(stdout, "\n# ranker: inherited speakers chosen by the committed ranker (%s; on seed and dev these are the documents it was trained on; %s: %s)\n", r.Trained, use, r.Why)
		printEval(stdout, "ranker", c.score(r, all))
		fmt.Fprintln(stdout, "\n# leave one source out: each dev source read by a ranker trained on the seed article and the other dev sources only")
		printEval(stdout, "loso", c.leaveOneSourceOut())
	}
	if *verbose {
		printMisses(stdout, rules)
	}
	return nil
}

// openCorpus reads the folders given, or by default the seed folder and
// every batch of eval/.
func openCorpus(seedsDir string, folders []string) (*corpus, error) {
	if len(folders) == 0 {
		var err error
		if folders, err = corpusFolders(seedsDir); err != nil {
			return nil, err
		}
	}
	return readCorpus(seedsDir, folders)
}

// corpusFolders are the seed folder and every batch under eval/dev and
// eval/test (and the older eval/devset).
func corpusFolders(seeds string) ([]string, error) {
	out := []string{seeds}
	for _, pattern := range []string{"eval/devset", "eval/dev/*", "eval/test/*"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			return nil, err
		}
		for _, d := range m {
			if st, err := os.Stat(filepath.Join(d, "documents")); err == nil && st.IsDir() {
				out = append(out, d)
			}
		}
	}
	return out, nil
}

// batch is one folder of the corpus read with the seeds.
type batch struct {
	dir   string
	split string
	seeds *loader.Seeds
	own   []kg.Actor // actors of this folder's catalogue (not the seeds')
	ownC  kg.Catalogue
}

type corpus struct {
	seeds   *loader.Seeds
	batches []batch
	own     bool // each batch's own catalogue is known too

	xs   map[int]*extract.Extractor // by batch (see extractor)
	know map[int]kg.Catalogue
	exs  map[string][]extract.Example // by folder/document (see docExamples)
}

func readCorpus(seedsDir string, folders []string) (*corpus, error) {
	seeds, err := loader.Read(loader.Dir(seedsDir))
	if err != nil {
		return nil, err
	}
	c := &corpus{seeds: seeds}
	inSeeds := map[string]bool{}
	for _, a := range seeds.Catalogue.Actors {
		inSeeds[a.ID] = true
	}
	for _, dir := range folders {
		b := batch{dir: dir, split: splitOf(dir, seedsDir)}
		if filepath.Clean(dir) == filepath.Clean(seedsDir) {
			b.seeds = seeds
		} else if b.seeds, err = loader.Read(loader.Dir(seedsDir), loader.Dir(dir)); err != nil {
			return nil, err
		}
		b.ownC = without(b.seeds.Catalogue, seeds.Catalogue)
		c.batches = append(c.batches, b)
	}
	return c, nil
}

// splitOf is the split a folder's documents belong to unless their metadata
// says otherwise.
func splitOf(dir, seedsDir string) string {
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return filepath.ToSlash(a) + "/"
		}
		return filepath.ToSlash(filepath.Clean(p)) + "/"
	}
	switch d := abs(dir); {
	case d == abs(seedsDir):
		return "seed"
	case strings.Contains(d, "/eval/test/") || strings.HasPrefix(d, "eval/test/"):
		return "test" // however the folder is named on the command line
	default:
		return "dev"
	}
}

// docSplit is the split of a document of a folder of split folderSplit: a
// test folder's documents are test whatever their metadata says, and a
// split that is neither dev nor test counts as test, so nothing frozen is
// ever trained on or listed by mistake.
func docSplit(folderSplit, meta string) string {
	switch {
	case folderSplit == "test" || folderSplit == "seed":
		return folderSplit
	case meta == "" || meta == "dev":
		return folderSplit
	}
	return "test"
}

// catalogueIDs are the ids a catalogue defines.
func catalogueIDs(cat kg.Catalogue) map[string]bool {
	ids := map[string]bool{}
	for _, a := range cat.Actors {
		ids[a.ID] = true
	}
	for _, t := range cat.Topics {
		ids[t.ID] = true
	}
	for _, e := range cat.Events {
		ids[e.ID] = true
	}
	for _, p := range cat.Places {
		ids[p.ID] = true
	}
	return ids
}

// appendUnseen adds to dst the entries of src whose ids are not in seen,
// and marks them seen.
func appendUnseen(dst *kg.Catalogue, src kg.Catalogue, seen map[string]bool) {
	dst.Actors = unseen(dst.Actors, src.Actors, func(a kg.Actor) string { return a.ID }, seen)
	dst.Topics = unseen(dst.Topics, src.Topics, func(t kg.Topic) string { return t.ID }, seen)
	dst.Events = unseen(dst.Events, src.Events, func(e kg.Event) string { return e.ID }, seen)
	dst.Places = unseen(dst.Places, src.Places, func(p kg.Place) string { return p.ID }, seen)
}

func unseen[T any](dst, src []T, id func(T) string, seen map[string]bool) []T {
	for _, x := range src {
		if !seen[id(x)] {
			seen[id(x)] = true
			dst = append(dst, x)
		}
	}
	return dst
}

// without is what cat holds beyond base (by id).
func without(cat, base kg.Catalogue) kg.Catalogue {
	var out kg.Catalogue
	appendUnseen(&out, cat, catalogueIDs(base))
	return out
}

// knowledge is what the extractor may know while reading a document of
// batch i: the seeds and the dev batches' catalogues, never batch i's own.
// Ids defined by two batches are taken once (the first).
func (c *corpus) knowledge(i int) kg.Catalogue {
	cat := c.seeds.Catalogue
	cat.Actors = append([]kg.Actor(nil), cat.Actors...)
	cat.Topics = append([]kg.Topic(nil), cat.Topics...)
	cat.Events = append([]kg.Event(nil), cat.Events...)
	cat.Places = append([]kg.Place(nil), cat.Places...)
	seen := catalogueIDs(cat)
	for j, b := range c.batches {
		if j != i && b.split == "dev" {
			appendUnseen(&cat, b.ownC, seen)
		}
	}
	return cat
}

// docEval is the evaluation of one annotated document.
type docEval struct {
	id, split, outlet, folder string
	scores                    extract.Scores
}

// curatedDoc is one annotated document of the corpus with what scoring it
// needs.
type curatedDoc struct {
	batch  int
	doc    kg.AnnotatedDocument
	split  string
	outlet string
}

// docs lists the curated documents of every batch, each in its own folder.
func (c *corpus) docs() []curatedDoc {
	var out []curatedDoc
	for i, b := range c.batches {
		for _, d := range b.seeds.Documents {
			if len(d.Statements) == 0 || d.Statements[0].Method != "curated" || !inFolder(b, d.Document.ID) {
				continue
			}
			cd := curatedDoc{batch: i, doc: d, split: docSplit(b.split, d.Document.Split), outlet: d.Document.Outlet}
			if cd.outlet == "" {
				cd.outlet = "(" + filepath.Base(b.dir) + ")"
			}
			out = append(out, cd)
		}
	}
	return out
}

// extractor is what extraction knows while reading a document of batch i.
func (c *corpus) extractor(i int) (*extract.Extractor, kg.Catalogue) {
	if c.xs == nil {
		c.xs = map[int]*extract.Extractor{}
		c.know = map[int]kg.Catalogue{}
	}
	if x, ok := c.xs[i]; ok {
		return x, c.know[i]
	}
	know := c.knowledge(i)
	if b := c.batches[i]; b.split == "seed" || c.own {
		know = b.seeds.Catalogue
	}
	c.xs[i], c.know[i] = extract.New(know), know
	return c.xs[i], know
}

// score extracts every document keep accepts with the ranker r (nil: the
// rules' order) and scores it against its curated statements.
func (c *corpus) score(r *extract.Ranker, keep func(curatedDoc) bool) []docEval {
	var out []docEval
	for _, d := range c.docs() {
		if !keep(d) {
			continue
		}
		x, know := c.extractor(d.batch)
		res := x.WithRanker(r).Document(d.doc.Document)
		predNames := extract.ActorNames(append(append([]kg.Actor(nil), know.Actors...), res.NewActors...))
		goldNames := extract.ActorNames(c.batches[d.batch].seeds.Catalogue.Actors)
		pred := extract.AlignSpeakers(res.Statements, res.Details, predNames, goldNames)
		out = append(out, docEval{id: d.doc.Document.ID, split: d.split, outlet: d.outlet, folder: c.batches[d.batch].dir,
			scores: extract.Evaluate(d.doc.Statements, pred)})
	}
	return out
}

// examples are the ranker's decisions in the documents keep accepts, each
// candidate marked right when the speakers it proposes are those of a
// curated statement of that sentence.
func (c *corpus) examples(keep func(curatedDoc) bool) []extract.Example {
	var out []extract.Example
	for _, d := range c.docs() {
		if keep(d) {
			out = append(out, c.docExamples(d)...)
		}
	}
	return out
}

// docExamples are the decisions of one document with their right
// candidates, worked out once: leaving one source out asks for each dev
// document's once per source.
func (c *corpus) docExamples(d curatedDoc) []extract.Example {
	key := c.batches[d.batch].dir + "/" + d.doc.Document.ID
	if exs, ok := c.exs[key]; ok {
		return exs
	}
	var out []extract.Example
	x, know := c.extractor(d.batch)
	res, trace := x.WithRanker(nil).DocumentTrace(d.doc.Document)
	predNames := extract.ActorNames(append(append([]kg.Actor(nil), know.Actors...), res.NewActors...))
	al := extract.NewAligner(predNames, extract.ActorNames(c.batches[d.batch].seeds.Catalogue.Actors))
	for _, dec := range trace {
		var want []string // speaker sets of the curated statements of that sentence
		for _, st := range d.doc.Statements {
			for _, m := range st.Evidence {
				if extract.SpanMatch(m.Start, m.End, dec.Start, dec.End) {
					want = append(want, speakerKey(st.Speakers))
				}
			}
		}
		ex := extract.Example{Candidates: dec.Candidates, Gold: make([]bool, len(dec.Candidates)), Rules: dec.Rules}
		right := false
		for i, cand := range dec.Candidates[:len(dec.Candidates)-1] {
			ids := make([]string, len(cand.Speakers))
			for j, id := range cand.Speakers {
				ids[j] = al.ID(id)
			}
			ex.Gold[i] = slices.Contains(want, speakerKey(ids))
			right = right || ex.Gold[i]
		}
		ex.Gold[len(ex.Gold)-1] = !right
		out = append(out, ex)
	}
	if c.exs == nil {
		c.exs = map[string][]extract.Example{}
	}
	c.exs[key] = out
	return out
}

func speakerKey(ids []string) string {
	s := append([]string(nil), ids...)
	sort.Strings(s)
	return strings.Join(slices.Compact(s), "+")
}

// trainEpochs is how often the perceptron visits the examples.
const trainEpochs = 10

// leaveOneSourceOut scores each dev source with a ranker trained on the
// other dev sources only: what the learned part is worth on a source it has
// not seen.
func (c *corpus) leaveOneSourceOut() []docEval {
	outlets := map[string]bool{}
	for _, d := range c.docs() {
		if d.split == "dev" {
			outlets[d.outlet] = true
		}
	}
	var out []docEval
	for _, o := range slices.Sorted(maps.Keys(outlets)) {
		r := extract.Train(c.examples(func(d curatedDoc) bool { return trainable(d) && d.outlet != o }), trainEpochs, "seed and dev without "+o)
		out = append(out, c.score(r, func(d curatedDoc) bool { return d.split == "dev" && d.outlet == o })...)
	}
	return out
}

// inFolder: the seeds are read with every batch; score each document once,
// in its own folder.
func inFolder(b batch, id string) bool {
	_, err := os.Stat(filepath.Join(b.dir, "documents", id+".txt"))
	return err == nil
}

func printEval(w io.Writer, reader string, docs []docEval) {
	type row struct {
		split, outlet string
		docs          int
		s             extract.Scores
	}
	splitOrder := map[string]int{"seed": 0, "dev": 1, "test": 2}
	byKey := map[[2]string]*row{}
	var keys [][2]string
	add := func(k [2]string, d docEval) {
		r := byKey[k]
		if r == nil {
			r = &row{split: k[0], outlet: k[1]}
			byKey[k] = r
			keys = append(keys, k)
		}
		r.docs++
		r.s = r.s.Add(d.scores)
	}
	for _, d := range docs {
		add([2]string{d.split, d.outlet}, d)
		if d.split != "seed" {
			add([2]string{d.split, "ALL"}, d)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a[0] != b[0] {
			return splitOrder[a[0]] < splitOrder[b[0]]
		}
		if (a[1] == "ALL") != (b[1] == "ALL") {
			return b[1] == "ALL"
		}
		return a[1] < b[1]
	})
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "reader\tsplit\tsource\tdocs\tlevel\tgold\textracted\tmatched\tP\tR\tF1\t\n")
	for _, k := range keys {
		r := byKey[k]
		levels := []struct {
			name string
			s    extract.Score
		}{{"attribution", r.s.Attribution}, {"stance", r.s.Stance}, {"strict", r.s.Strict}}
		for i, lv := range levels {
			rd, split, outlet, n := "", "", "", ""
			if i == 0 {
				rd, split, outlet, n = reader, r.split, r.outlet, fmt.Sprint(r.docs)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", rd, split, outlet, n, lv.name,
				lv.s.Gold, lv.s.Pred, lv.s.Matched, lv.s.P(), lv.s.R(), lv.s.F1())
		}
	}
	tw.Flush()
}

func printMisses(w io.Writer, docs []docEval) {
	for _, d := range docs {
		if d.split == "test" {
			continue
		}
		s := d.scores
		fmt.Fprintf(w, "\n%s: attribution F1 %.3f, stance F1 %.3f, strict F1 %.3f\n", d.id, s.Attribution.F1(), s.Stance.F1(), s.Strict.F1())
		for _, u := range s.Missed {
			fmt.Fprintf(w, "  missed    %-40s %-15s %-8s [%d,%d) %q  %s\n", u.Speakers, u.Predicate, u.Polarity, u.Start, u.End, u.Cue, excerptOf(u.Text, 90))
		}
		for _, u := range s.Spurious {
			fmt.Fprintf(w, "  extracted %-40s %-15s %-8s [%d,%d) %q\n", u.Speakers, u.Predicate, u.Polarity, u.Start, u.End, u.Cue)
		}
	}
}

// excerptOf is the start of a sentence, for reading what was missed.
func excerptOf(s string, n int) string {
	r := []rune(strings.ReplaceAll(s, "\n", " "))
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}

// trainable documents are what the ranker may learn from: the seed article
// and the dev split, never the frozen test split.
func trainable(d curatedDoc) bool { return d.split == "dev" || d.split == "seed" }
