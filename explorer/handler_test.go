package explorer_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/whosaid/whosaid/dev/webtest"
	"github.com/whosaid/whosaid/server"
)

// The page is served by whosaid's own handler at /explore/, with its assets,
// and /explore redirects there. No Neo4j is needed to serve files.
func TestServedAtExplore(t *testing.T) {
	srv := httptest.NewServer(server.New(server.Config{}, nil, nil, server.NewMetrics(), slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	resp, err := noRedirect.Get(srv.URL + "/explore")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode/100 != 3 || loc != "/explore/" {
		t.Errorf("GET /explore = %d Location %q, want a redirect to /explore/", resp.StatusCode, loc)
	}

	page := webtest.Get(t, srv.URL+"/explore/", "")
	if ct := page.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("page Content-Type = %q", ct)
	}
	if csp := page.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self'") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("page CSP = %q, want scripts and requests to its own origin only", csp)
	}
	// Every file the page links to is served, with its type.
	refs := regexp.MustCompile(`(?:src|href)="([^":#]+)"`).FindAllStringSubmatch(string(page.Body), -1)
	if len(refs) < 3 {
		t.Fatalf("page links to %v; want its script, stylesheet and icon", refs)
	}
	for _, m := range refs {
		if m[1] == "./" {
			continue
		}
		r := webtest.Get(t, srv.URL+"/explore/"+m[1], "")
		if r.Status != http.StatusOK || len(r.Body) == 0 || r.Header.Get("Content-Type") == "" {
			t.Errorf("%s: %d, %d bytes, type %q", m[1], r.Status, len(r.Body), r.Header.Get("Content-Type"))
		}
	}

	// The script is gzipped when the client accepts it, and a reload costs a 304.
	js := webtest.Get(t, srv.URL+"/explore/app.js", "")
	zipped := webtest.Get(t, srv.URL+"/explore/app.js", "gzip")
	if zipped.Header.Get("Content-Encoding") != "gzip" || len(zipped.Body) >= len(js.Body)/2 {
		t.Errorf("gzipped app.js: encoding %q, %d bytes of %d", zipped.Header.Get("Content-Encoding"), len(zipped.Body), len(js.Body))
	} else if plain := gunzip(t, zipped.Body); !bytes.Equal(plain, js.Body) {
		t.Error("gunzipped app.js differs from app.js")
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/explore/app.js", nil)
	req.Header.Set("Accept-Encoding", "identity")
	req.Header.Set("If-None-Match", js.Header.Get("ETag"))
	resp, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET with the ETag = %d, want 304", resp.StatusCode)
	}

	if r := webtest.Get(t, srv.URL+"/explore/nope.js", ""); r.Status != http.StatusNotFound {
		t.Errorf("unknown asset = %d, want 404", r.Status)
	}
	if r := webtest.Get(t, srv.URL+"/explore/.sources.sha256", ""); r.Status != http.StatusNotFound {
		t.Errorf("the build manifest is served (%d)", r.Status)
	}
}

// TestDistIsBuiltFromSources fails when src/, build.mjs or the package files
// changed after the last `make explorer`.
func TestDistIsBuiltFromSources(t *testing.T) { webtest.CheckBuiltFromSources(t, "explorer") }

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
