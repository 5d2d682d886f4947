package bench

import (
	"context"
	"os"
	"path/filepath"
	"sort"

	"go.yaml.in/yaml/v3"

	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/store"
)

// rawAnnotation is an annotation file read with no validation at all.
type rawAnnotation struct {
	Document   string `yaml:"document"`
	Statements []struct {
		ID        string   `yaml:"id"`
		Speakers  []string `yaml:"speakers"`
		Predicate string   `yaml:"predicate"`
		Polarity  string   `yaml:"polarity"`
		Targets   []string `yaml:"targets"`
		Event     string   `yaml:"event"`
		Date      string   `yaml:"date"`
		Summary   string   `yaml:"summary"`
		Evidence  []struct {
			Start int    `yaml:"start"`
			End   int    `yaml:"end"`
			Text  string `yaml:"text"`
		} `yaml:"evidence"`
	} `yaml:"statements"`
}

// baselineLoad writes a corpus the simplest way: the catalogue through the
// store, then every document's rows with BaselineWrite in batches of about
// batch statements, reading the files with a plain YAML decode.
func baselineLoad(ctx context.Context, st *store.Store, dir string, batch int) error {
	cat, err := loader.ReadCatalogue(loader.Dir(dir))
	if err != nil {
		return err
	}
	if err := st.EnsureSchema(ctx); err != nil {
		return err
	}
	if err := st.WriteCatalogue(ctx, cat); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(dir, "annotations", "*.yaml"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	var docs []map[string]any
	var rows []store.BaselineRow
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		err := st.BaselineWrite(ctx, docs, rows)
		docs, rows = docs[:0], rows[:0]
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var a rawAnnotation
		if err := yaml.Unmarshal(data, &a); err != nil {
			return err
		}
		text, err := os.ReadFile(filepath.Join(dir, "documents", a.Document+".txt"))
		if err != nil {
			return err
		}
		docs = append(docs, map[string]any{"id": a.Document, "title": "", "lang": "ar", "date": "", "text": string(text)})
		for _, s := range a.Statements {
			r := store.BaselineRow{Doc: a.Document, ID: s.ID, Predicate: s.Predicate, Polarity: s.Polarity, Date: s.Date,
				Summary: s.Summary, Speakers: s.Speakers, Targets: s.Targets, Event: s.Event}
			if len(s.Evidence) > 0 {
				r.Start, r.End, r.Text = s.Evidence[0].Start, s.Evidence[0].End, s.Evidence[0].Text
			}
			rows = append(rows, r)
		}
		if len(rows) >= batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
