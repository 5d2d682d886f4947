// Package playground serves GraphiQL, the GraphQL playground at /, built from
// src/ into dist/ (`make playground`: npm ci && npm run build) and embedded
// here: GraphiQL, React and their styles and fonts come from whosaid itself,
// so the page works with no internet and behind a proxy, and building whosaid
// needs no Node.
package playground

import (
	"embed"
	"net/http"

	"github.com/whosaid/whosaid/server/static"
)

//go:embed dist
var dist embed.FS

// csp lets the page run only its own script and talk only to its own
// origin. GraphiQL's fonts and icons are inlined in its stylesheet as data:
// URLs. Inline styles are allowed because GraphiQL's dialogs and menus add a
// <style> element whose rules are measured at run time (the scroll lock of
// react-remove-scroll), so no hash can name it; with images, fonts and
// connections held to this origin and data:, a style cannot send anything
// anywhere.
const csp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src data:; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Handler serves the page at "/" and its script and styles by name
// ("/app.js", "/app.css"). The page names them relative to itself under
// playground/, so mount it at / and the assets, prefix stripped, there:
//
//	mux.Handle("GET /{$}", playground.Handler())
//	mux.Handle("GET /playground/{asset}", http.StripPrefix("/playground", playground.Handler()))
func Handler() http.Handler { return handler }

// One handler for the process: it reads and compresses the files once.
var handler = static.Handler(dist, "dist", map[string]string{"Content-Security-Policy": csp})
