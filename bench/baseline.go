package bench

import (
	"context"
	"os"
	"path/filepath"
	"sort"

	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/seedformat"
	"github.com/whosaid/whosaid/store"
)

// baselineLoad writes a corpus the simplest way: the catalogue through the
// store, then every document's rows with BaselineWrite in batches of about
// batch statements, reading the files with a plain decode (no checks).
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
	unchecked := seedformat.Reader{Unchecked: true}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var a seedformat.Annotation
		if err := unchecked.Read(f, data, &a); err != nil {
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
				e := s.Evidence[0]
				r.Start, r.End, r.Text = deref(e.Start), deref(e.End), e.Text
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

// deref is 0 for a missing offset, as a plain decode into an int gives.
func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
