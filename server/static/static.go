// Package static serves a front end built into a dist/ folder and embedded in
// the binary: the graph explorer at /explore and the playground at /. Every
// file goes out with an ETag, so a reload costs a 304, gzipped when the
// client accepts it; the page itself with headers of its own (its content
// security policy).
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

type asset struct {
	ctype      string
	body, gz   []byte
	etag, gzEt string
}

// Handler serves the files in dir of fsys (the embedded dist/) from the root
// it is mounted at: "/" is index.html, any other path the file of that name.
// pageHeaders go on index.html only. The files are read and compressed once,
// on the first request, so a page package makes its handler once and every
// server shares it.
func Handler(fsys fs.FS, dir string, pageHeaders map[string]string) http.Handler {
	files := sync.OnceValue(func() map[string]*asset {
		site, err := fs.Sub(fsys, dir)
		if err != nil {
			panic(err) // dir is a constant naming an embedded folder
		}
		return load(site)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" {
			name = "index.html"
		}
		a, ok := files()[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.ctype)
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		if name == "index.html" {
			for k, v := range pageHeaders {
				h.Set(k, v)
			}
		}
		body, etag := a.body, a.etag
		if a.gz != nil {
			h.Add("Vary", "Accept-Encoding")
			if acceptsGzip(r) {
				body, etag = a.gz, a.gzEt
				h.Set("Content-Encoding", "gzip")
			}
		}
		h.Set("ETag", etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}

// load reads every file of site, with a gzipped copy and an ETag of each.
// The files are embedded in the binary, so failing to read one is a bug.
func load(site fs.FS) map[string]*asset {
	assets := map[string]*asset{}
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a := &asset{ctype: mime.TypeByExtension(path.Ext(p)), body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		if a.ctype == "" {
			a.ctype = "application/octet-stream"
		}
		if len(body) > 1024 {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			_, _ = zw.Write(body)
			_ = zw.Close()
			a.gz, a.gzEt = buf.Bytes(), `"`+hex.EncodeToString(sum[:8])+`-gz"`
		}
		assets[p] = a
		return nil
	})
	if err != nil {
		panic(err)
	}
	return assets
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}
