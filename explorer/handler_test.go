package explorer_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

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

	page := get(t, srv.URL+"/explore/", "")
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
		r := get(t, srv.URL+"/explore/"+m[1], "")
		if r.Status != http.StatusOK || len(r.Body) == 0 || r.Header.Get("Content-Type") == "" {
			t.Errorf("%s: %d, %d bytes, type %q", m[1], r.Status, len(r.Body), r.Header.Get("Content-Type"))
		}
	}

	// The script is gzipped when the client accepts it, and a reload costs a 304.
	js := get(t, srv.URL+"/explore/app.js", "")
	zipped := get(t, srv.URL+"/explore/app.js", "gzip")
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

	if r := get(t, srv.URL+"/explore/nope.js", ""); r.Status != http.StatusNotFound {
		t.Errorf("unknown asset = %d, want 404", r.Status)
	}
	if r := get(t, srv.URL+"/explore/.sources.sha256", ""); r.Status != http.StatusNotFound {
		t.Errorf("the build manifest is served (%d)", r.Status)
	}
}

// TestDistIsBuiltFromSources fails when src/, build.mjs or the package files
// changed after the last `make explorer`: dist/.sources.sha256 lists the
// checksums of the inputs the checked-in dist/ was built from.
func TestDistIsBuiltFromSources(t *testing.T) {
	want, err := os.ReadFile("dist/.sources.sha256")
	if err != nil {
		t.Fatalf("%v: run `make explorer`", err)
	}
	files := []string{"build.mjs", "package.json", "package-lock.json"}
	err = filepath.WalkDir("src", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, filepath.ToSlash(p))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var got strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		fmt.Fprintf(&got, "%s  %s\n", hex.EncodeToString(sum[:]), f)
	}
	if got.String() != string(want) {
		t.Errorf("explorer/dist is stale: its sources changed since it was built; run `make explorer` and commit dist/\nbuilt from:\n%s\nsources now:\n%s", want, got.String())
	}
}

type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// get fetches url asking for the given encoding ("" for none), without Go's
// transparent gzip.
func get(t *testing.T, url, encoding string) response {
	t.Helper()
	if encoding == "" {
		encoding = "identity"
	}
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", encoding)
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

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
