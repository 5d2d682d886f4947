package playground_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/whosaid/whosaid/dev/webtest"
	"github.com/whosaid/whosaid/server"
)

func serve(t *testing.T, cfg server.Config) string {
	t.Helper()
	srv := httptest.NewServer(server.New(cfg, nil, nil, server.NewMetrics(), slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	return srv.URL
}

// The page at / and everything it links to come from whosaid itself, under a
// policy that lets it load nothing from anywhere else; with the playground
// off, none of it is served.
func TestServedAtRootWithNothingFromElsewhere(t *testing.T) {
	base := serve(t, server.Config{Playground: true, Introspection: true})
	resp := webtest.Get(t, base+"/", "")
	page := resp.Body
	if resp.Status != http.StatusOK || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET / = %d %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "connect-src 'self';", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("page CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "http") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("page CSP %q lets the page load from elsewhere or evaluate strings", csp)
	}
	if resp.Header.Get("X-Frame-Options") != "DENY" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("page lost the security headers: %v", resp.Header)
	}
	if strings.Contains(string(page), "//") {
		t.Errorf("page names an absolute URL:\n%s", page)
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(string(page), -1)
	var assets []string
	for _, m := range refs {
		if strings.HasPrefix(m[1], "playground/") {
			assets = append(assets, m[1])
		}
	}
	if len(assets) != 2 {
		t.Fatalf("page links to %v; want its script and stylesheet under playground/", refs)
	}
	for _, a := range assets {
		r := webtest.Get(t, base+"/"+a, "")
		if r.Status != http.StatusOK || len(r.Body) < 10_000 || r.Header.Get("Content-Type") == "" {
			t.Errorf("%s: %d, %d bytes, type %q", a, r.Status, len(r.Body), r.Header.Get("Content-Type"))
		}
		if regexp.MustCompile(`cdn\.jsdelivr|unpkg\.com|fonts\.googleapis`).Match(r.Body) {
			t.Errorf("%s loads from a CDN", a)
		}
	}
	for _, path := range []string{"/playground/", "/playground/nope.js", "/playground/index.html/x"} {
		if r := webtest.Get(t, base+path, ""); r.Status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, r.Status)
		}
	}

	off := serve(t, server.Config{})
	for _, path := range append(assets, "") {
		if r := webtest.Get(t, off+"/"+path, ""); r.Status != http.StatusNotFound {
			t.Errorf("playground off: GET /%s = %d, want 404", path, r.Status)
		}
	}
}

// TestDistIsBuiltFromSources fails when src/, build.mjs or the package files
// changed after the last `make playground`.
func TestDistIsBuiltFromSources(t *testing.T) { webtest.CheckBuiltFromSources(t, "playground") }

// The example tabs are the README's "Asking questions" queries, and they
// are valid against the schema.
func TestExamplesAreTheReadmesAndValid(t *testing.T) {
	sdl, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(sdl)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("src/examples/*.graphql")
	if err != nil || len(files) < 3 {
		t.Fatalf("examples: %v %v; want at least 3", files, err)
	}
	for _, f := range files {
		q, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, errs := gqlparser.LoadQuery(schema, string(q)); errs != nil {
			t.Errorf("%s does not validate: %v", f, errs)
		}
		if !strings.Contains(string(readme), string(q)) {
			t.Errorf("README.md lacks the example %s:\n%s", f, q)
		}
	}
}
