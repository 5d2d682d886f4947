// Package explorer serves the graph explorer page: a small front end built
// from src/ into dist/ (`make explorer`: npm ci && npm run build) and
// embedded here, so building whosaid needs no Node. The page is a client of
// the public GraphQL endpoint like any other; it has no API of its own.
package explorer

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed dist
var dist embed.FS

// csp lets the page load only its own files and talk only to its own origin.
// Inline styles are allowed because the graph library sizes its canvases
// with them.
const csp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

type asset struct {
	ctype      string
	body, gz   []byte
	etag, gzEt string
}

var (
	loadOnce sync.Once
	assets   map[string]*asset
)

// load reads dist once, with a gzipped copy and an ETag of each file.
func load() map[string]*asset {
	loadOnce.Do(func() {
		assets = map[string]*asset{}
		sub, err := fs.Sub(dist, "dist")
		if err != nil {
			panic(err)
		}
		err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			body, err := fs.ReadFile(sub, p)
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
	})
	return assets
}

// Handler serves the page and its assets from the root it is mounted at:
// "/" is the page, "/app.js" and "/app.css" its script and styles. Mount it
// with the prefix stripped, e.g.
//
//	mux.Handle("GET /explore/", http.StripPrefix("/explore", explorer.Handler()))
//
// Responses carry an ETag (so a reload costs a 304), are gzipped when the
// client accepts it, and the page comes with a strict Content-Security-Policy.
func Handler() http.Handler {
	files := load()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" {
			name = "index.html"
		}
		a, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.ctype)
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		if name == "index.html" {
			h.Set("Content-Security-Policy", csp)
			h.Set("Referrer-Policy", "same-origin")
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

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}
