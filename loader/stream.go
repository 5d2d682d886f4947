package loader

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/seedformat"
)

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
