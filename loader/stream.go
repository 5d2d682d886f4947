package loader

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/seedformat"
)

// BatchWriter writes many documents in one transaction; bulk loads use it.
type BatchWriter interface {
	Writer
	WriteDocuments(ctx context.Context, docs []kg.AnnotatedDocument) error
	// RefreshSearch waits for the full-text indexes to catch up.
	RefreshSearch(ctx context.Context) error
}

// StreamOptions tune LoadFolders.
type StreamOptions struct {
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
}

// LoadFolders loads seed folders of any size with memory that stays flat as
// the corpus grows. It makes two passes over the documents, a chunk at a
// time: the first validates everything (so a bad file anywhere means nothing
// is written), the second writes the catalogue and then the documents in
// batched transactions. Each chunk is read through the same Read as small
// loads, with the whole catalogue, so the rules are the same.
func LoadFolders(ctx context.Context, w BatchWriter, folders []Folder, opt StreamOptions) (Report, error) {
	start := time.Now()
	if opt.ChunkDocs <= 0 {
		opt.ChunkDocs = 500
	}
	if opt.BatchStatements <= 0 {
		opt.BatchStatements = 5000
	}
	if opt.Progress == nil {
		opt.Progress = io.Discard
	}
	idx, err := indexFolders(folders)
	if err != nil {
		return Report{}, err
	}
	chunks := idx.chunks(opt.ChunkDocs)
	// The catalogue is read once; each chunk of documents is read against a
	// fork of it. Pass 1 validates every chunk.
	cat, err := readCatalogues(folders)
	if err != nil {
		return Report{}, err
	}
	cat.noExtract = opt.NoExtract
	if len(chunks) == 0 {
		// no documents: annotation files still must name existing ones
		if _, err := cat.fork().readDocumentsAndAnnotations(folders); err != nil {
			return Report{}, err
		}
	}
	for _, c := range chunks {
		if _, err := cat.fork().readDocumentsAndAnnotations(c); err != nil {
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
	// Pass 2: write.
	bar := newBar(opt.Progress, idx.documents)
	for _, c := range chunks {
		seeds, err := cat.fork().readDocumentsAndAnnotations(c)
		if err != nil {
			return rep, err // the files changed between the passes
		}
		extra := kg.Catalogue{Actors: seeds.Catalogue.Actors[len(base.Actors):], Topics: seeds.Catalogue.Topics[len(base.Topics):]}
		if len(extra.Actors)+len(extra.Topics) > 0 {
			// actors and topics the rules found in this chunk's unannotated documents
			if err := w.WriteCatalogue(ctx, extra); err != nil {
				return rep, fmt.Errorf("load new actors and topics: %w", err)
			}
			rep.Actors += len(extra.Actors)
			rep.Topics += len(extra.Topics)
		}
		var batch []kg.AnnotatedDocument
		n := 0
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			if err := w.WriteDocuments(ctx, batch); err != nil {
				return fmt.Errorf("load documents %s…%s: %w", batch[0].Document.ID, batch[len(batch)-1].Document.ID, err)
			}
			_ = bar.Add(len(batch))
			batch, n = batch[:0], 0
			return nil
		}
		for _, d := range seeds.Documents {
			if n > 0 && n+len(d.Statements) > opt.BatchStatements {
				if err := flush(); err != nil {
					return rep, err
				}
			}
			batch = append(batch, d)
			n += len(d.Statements)
			rep.Documents++
			rep.Statements += len(d.Statements)
			for _, st := range d.Statements {
				if st.Method != "curated" {
					rep.Extracted++
				}
			}
		}
		if err := flush(); err != nil {
			return rep, err
		}
	}
	if err := w.RefreshSearch(ctx); err != nil {
		return rep, err
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// folderIndex knows, per folder, the documents and which annotation file
// annotates which document, so a chunk can be cut out of each folder.
type folderIndex struct {
	folders     []Folder
	docs        [][]string          // per folder: document ids, sorted
	annotations []map[string]string // per folder: document id → annotation file
	documents   int
}

func indexFolders(folders []Folder) (*folderIndex, error) {
	idx := &folderIndex{folders: folders}
	for _, f := range folders {
		texts, err := fs.Glob(f.FS, "documents/*.txt")
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(texts))
		for i, t := range texts {
			ids[i] = strings.TrimSuffix(path.Base(t), ".txt")
		}
		sort.Strings(ids)
		idx.docs = append(idx.docs, ids)
		idx.documents += len(ids)
		anns, err := fs.Glob(f.FS, "annotations/*.yaml")
		if err != nil {
			return nil, err
		}
		byDoc := map[string]string{}
		for _, a := range anns {
			doc, err := annotatedDocument(f.FS, a)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path.Join(f.Name, a), err)
			}
			byDoc[doc] = a
		}
		idx.annotations = append(idx.annotations, byDoc)
	}
	return idx, nil
}

// annotatedDocument is the document an annotation file annotates, read
// quickly (it is validated properly when its chunk is read); the file's name
// when it names none.
func annotatedDocument(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	id, ok, err := seedformat.AnnotatedDocument(f)
	if !ok {
		id = strings.TrimSuffix(path.Base(name), ".yaml")
	}
	return id, err
}

// chunks cuts every folder into views of at most n documents each (with
// their annotations), every view keeping the whole catalogue.
func (idx *folderIndex) chunks(n int) [][]Folder {
	var out [][]Folder
	for i, f := range idx.folders {
		ids := idx.docs[i]
		for lo := 0; lo < len(ids); lo += n {
			keep := map[string]bool{}
			for _, id := range ids[lo:min(lo+n, len(ids))] {
				keep["documents/"+id+".txt"] = true
				keep["documents/"+id+".meta.yaml"] = true
				if a, ok := idx.annotations[i][id]; ok {
					keep[a] = true
				}
			}
			view := Folder{Name: f.Name, FS: chunkFS{FS: f.FS, keep: keep}}
			// other folders contribute their catalogue only
			chunk := make([]Folder, 0, len(idx.folders))
			for j, g := range idx.folders {
				if j == i {
					chunk = append(chunk, view)
				} else {
					chunk = append(chunk, Folder{Name: g.Name, FS: chunkFS{FS: g.FS, keep: map[string]bool{}}})
				}
			}
			out = append(out, chunk)
		}
	}
	return out
}

// chunkFS shows a folder's catalogue and only the documents and annotations
// in keep.
type chunkFS struct {
	fs.FS
	keep map[string]bool
}

func (c chunkFS) visible(name string) bool {
	dir := path.Dir(name)
	return (dir != "documents" && dir != "annotations") || c.keep[name]
}

func (c chunkFS) Open(name string) (fs.File, error) {
	if !c.visible(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return c.FS.Open(name)
}

func (c chunkFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(c.FS, name)
	if err != nil {
		return nil, err
	}
	out := entries[:0]
	for _, e := range entries {
		if c.visible(path.Join(name, e.Name())) {
			out = append(out, e)
		}
	}
	return out, nil
}

// ReadCatalogue reads and validates only the catalogues of the folders.
func ReadCatalogue(folders ...Folder) (kg.Catalogue, error) {
	r, err := readCatalogues(folders)
	if err != nil {
		return kg.Catalogue{}, err
	}
	return r.cat, nil
}
