// Package explorer serves the graph explorer page: a small front end built
// from src/ into dist/ (`make explorer`: npm ci && npm run build) and
// embedded here, so building whosaid needs no Node. The page is a client of
// the public GraphQL endpoint like any other; it has no API of its own.
package explorer

import (
	"embed"
	"net/http"

	"github.com/whosaid/whosaid/server/static"
)

//go:embed dist
var dist embed.FS

// csp lets the page load only its own files and talk only to its own origin.
// Inline styles are allowed because the graph library sizes its canvases
// with them.
const csp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Handler serves the page and its assets from the root it is mounted at:
// "/" is the page, "/app.js" and "/app.css" its script and styles. Mount it
// with the prefix stripped, e.g.
//
//	mux.Handle("GET /explore/", http.StripPrefix("/explore", explorer.Handler()))
//
// Responses carry an ETag (so a reload costs a 304), are gzipped when the
// client accepts it, and the page comes with a strict Content-Security-Policy.
func Handler() http.Handler { return handler }

// One handler for the process: it reads and compresses the files once.
var handler = static.Handler(dist, "dist", map[string]string{"Content-Security-Policy": csp, "Referrer-Policy": "same-origin"})
