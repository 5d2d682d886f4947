// Package loader builds the knowledge graph from seed folders: it reads
// documents, the catalogue and annotations, validates all of it before
// writing anything, and writes each document in a transaction of its own.
package loader

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/whosaid/whosaid/kg"
)

// Writer is what the loader needs from the store.
type Writer interface {
	EnsureSchema(ctx context.Context) error
	WriteCatalogue(ctx context.Context, c kg.Catalogue) error
	WriteDocument(ctx context.Context, d kg.AnnotatedDocument) error
}

// Report sums up a load.
type Report struct {
	Actors, Topics, Events, Places int
	Documents, Statements          int
	Extracted                      int // statements the rules extracted (method rules/v1), among Statements
	Elapsed                        time.Duration
}

// Load writes validated seeds: schema first, then the catalogue, then one
// transaction per document. Progress goes to progress (nil for none).
func Load(ctx context.Context, w Writer, s *Seeds, progress io.Writer) (Report, error) {
	start := time.Now()
	if progress == nil {
		progress = io.Discard
	}
	rep := Report{Actors: len(s.Catalogue.Actors), Topics: len(s.Catalogue.Topics),
		Events: len(s.Catalogue.Events), Places: len(s.Catalogue.Places)}
	if err := w.EnsureSchema(ctx); err != nil {
		return rep, err
	}
	if err := w.WriteCatalogue(ctx, s.Catalogue); err != nil {
		return rep, fmt.Errorf("load catalogue: %w", err)
	}
	bar := newBar(progress, len(s.Documents))
	for _, d := range s.Documents {
		if err := w.WriteDocument(ctx, d); err != nil {
			return rep, fmt.Errorf("load document %s: %w", d.Document.ID, err)
		}
		rep.Documents++
		rep.Statements += len(d.Statements)
		for _, st := range d.Statements {
			if st.Method != "curated" {
				rep.Extracted++
			}
		}
		_ = bar.Add(1)
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// newBar shows documents/s and statements so far on long loads.
func newBar(w io.Writer, total int) *progressbar.ProgressBar {
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("loading documents"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionThrottle(500*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)
}
