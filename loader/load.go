// Package loader builds the knowledge graph from seed folders: it reads
// documents, the catalogue and annotations, validates all of it before
// writing anything, and writes whole documents in batched transactions.
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
	// WriteDocuments replaces what the documents contribute, in one
	// transaction.
	WriteDocuments(ctx context.Context, docs []kg.AnnotatedDocument) error
	// RefreshSearch waits for the full-text indexes to catch up.
	RefreshSearch(ctx context.Context) error
}

// Report sums up a load.
type Report struct {
	Actors, Topics, Events, Places int
	Documents, Statements          int
	Extracted                      int // statements the rules extracted (method rules/v1), among Statements
	Elapsed                        time.Duration
}

// Options tune Load.
type Options struct {
	// ChunkDocs is how many documents are read and validated at a time;
	// memory grows with it, not with the corpus. Default 500.
	ChunkDocs int
	// BatchStatements is how many statements go into one write transaction
	// (whole documents only, so no document is ever half written). Default 5000.
	BatchStatements int
	// Progress receives a progress bar; nil for none.
	Progress io.Writer
	// NoExtract stores documents without an annotation file without reading
	// statements from them (whosaid load --no-extract).
	NoExtract bool
	// OnePass skips the validation pass, for a Writer that discards all it
	// was given when the load fails (the backfill's files are renamed into
	// place only at the end): each chunk is still checked before it is
	// written, and reading the corpus once halves the reading.
	OnePass bool
}

// Load loads seed folders of any size with memory that stays flat as the
// corpus grows. It makes two passes over the documents, a chunk at a time:
// the first validates everything (so a bad file anywhere means nothing is
// written), the second writes the schema, the catalogue and then the
// documents in batched transactions. Each chunk is read with the whole
// catalogue, by the same reader as Read, so the rules are the same.
func Load(ctx context.Context, w Writer, folders []Folder, opt Options) (Report, error) {
	start := time.Now()
	opt = opt.withDefaults()
	idx, err := indexFolders(folders)
	if err != nil {
		return Report{}, err
	}
	chunks := idx.chunks(opt.ChunkDocs)
	// The catalogue is read once; each chunk of documents is read against a
	// fork of it.
	cat, err := readCatalogues(folders)
	if err != nil {
		return Report{}, err
	}
	cat.noExtract = opt.NoExtract
	if !opt.OnePass {
		if err := validateChunks(cat, folders, chunks); err != nil {
			return Report{}, err
		}
	}
	base := cat.cat
	rep := Report{Actors: len(base.Actors), Topics: len(base.Topics), Events: len(base.Events), Places: len(base.Places)}
	if err := w.EnsureSchema(ctx); err != nil {
		return rep, err
	}
	if err := w.WriteCatalogue(ctx, base); err != nil {
		return rep, fmt.Errorf("load catalogue: %w", err)
	}
	bar := newBar(opt.Progress, idx.documents)
	for _, c := range chunks {
		seeds, err := cat.fork().readDocumentsAndAnnotations(c)
		if err != nil {
			return rep, err // the files changed between the passes
		}
		if err := writeChunk(ctx, w, base, seeds, opt.BatchStatements, &rep, bar); err != nil {
			return rep, err
		}
	}
	if err := w.RefreshSearch(ctx); err != nil {
		return rep, err
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

func (o Options) withDefaults() Options {
	if o.ChunkDocs <= 0 {
		o.ChunkDocs = 500
	}
	if o.BatchStatements <= 0 {
		o.BatchStatements = 5000
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	return o
}

// validateChunks is the first pass: every chunk read and validated, nothing
// kept.
func validateChunks(cat *reader, folders []Folder, chunks [][]Folder) error {
	if len(chunks) == 0 {
		// no documents: annotation files still must name existing ones
		_, err := cat.fork().readDocumentsAndAnnotations(folders)
		return err
	}
	for _, c := range chunks {
		if _, err := cat.fork().readDocumentsAndAnnotations(c); err != nil {
			return err
		}
	}
	return nil
}

// writeChunk writes what the rules added to the catalogue beyond base, then
// the chunk's documents in transactions of about batch statements.
func writeChunk(ctx context.Context, w Writer, base kg.Catalogue, seeds *Seeds, batch int, rep *Report, bar *progressbar.ProgressBar) error {
	extra := kg.Catalogue{Actors: seeds.Catalogue.Actors[len(base.Actors):], Topics: seeds.Catalogue.Topics[len(base.Topics):]}
	if len(extra.Actors)+len(extra.Topics) > 0 {
		// actors and topics the rules found in this chunk's unannotated documents
		if err := w.WriteCatalogue(ctx, extra); err != nil {
			return fmt.Errorf("load new actors and topics: %w", err)
		}
		rep.Actors += len(extra.Actors)
		rep.Topics += len(extra.Topics)
	}
	var docs []kg.AnnotatedDocument
	n := 0
	flush := func() error {
		if len(docs) == 0 {
			return nil
		}
		if err := w.WriteDocuments(ctx, docs); err != nil {
			return fmt.Errorf("load documents %s…%s: %w", docs[0].Document.ID, docs[len(docs)-1].Document.ID, err)
		}
		_ = bar.Add(len(docs))
		docs, n = docs[:0], 0
		return nil
	}
	for _, d := range seeds.Documents {
		if n > 0 && n+len(d.Statements) > batch {
			if err := flush(); err != nil {
				return err
			}
		}
		docs = append(docs, d)
		n += len(d.Statements)
		rep.Documents++
		rep.Statements += len(d.Statements)
		for _, st := range d.Statements {
			if st.Method != "curated" {
				rep.Extracted++
			}
		}
	}
	return flush()
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
