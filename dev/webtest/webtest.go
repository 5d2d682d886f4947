// Package webtest holds what the tests of whosaid's pages (the explorer at
// /explore, the playground at /) share: the check that a checked-in dist/ was
// built from its sources, headless Chromium, and a server over the seed graph.
package webtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/whosaid/whosaid/dev/neo4j/neo4jtest"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/server"
)

// CheckBuiltFromSources fails when src/, build.mjs, the package files of the
// page in the working directory or the build script the pages share changed
// after the last build:
// dist/.sources.sha256 lists the checksums of the inputs the checked-in dist/
// was built from. rebuild names the make target that builds it.
func CheckBuiltFromSources(t *testing.T, rebuild string) {
	t.Helper()
	want, err := os.ReadFile("dist/.sources.sha256")
	if err != nil {
		t.Fatalf("%v: run `make %s`", err, rebuild)
	}
	files := []string{"../scripts/build-page.mjs", "build.mjs", "package.json", "package-lock.json"}
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
		t.Errorf("dist/ is stale: its sources changed since it was built; run `make %s` and commit dist/\nbuilt from:\n%s\nsources now:\n%s",
			rebuild, want, got.String())
	}
}

// Response is what Get read.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Get fetches url asking for the given encoding ("" for none), without Go's
// transparent gzip, so a test sees the bytes as sent.
func Get(t *testing.T, url, encoding string) Response {
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
	return Response{resp.StatusCode, resp.Header, body}
}

// Main runs a package's tests, with a Neo4j for them when Chromium is there:
// the browser tests need both, and without Chromium they need neither, so no
// Neo4j is started for nothing. Use it as
// `func TestMain(m *testing.M) { os.Exit(webtest.Main(m)) }`.
func Main(m *testing.M) int {
	if Chromium() == "" {
		return m.Run()
	}
	return neo4jtest.Main(m)
}

// Chromium finds Debian's chromium (or another Chromium-based browser);
// WHOSAID_CHROMIUM names another binary.
func Chromium() string {
	if p := os.Getenv("WHOSAID_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// RequireChromium returns the browser for the test named what, or skips the
// test, loudly, when there is none; under CI=true it fails instead, so CI
// never passes without running it.
func RequireChromium(t *testing.T, what string) string {
	t.Helper()
	exe := Chromium()
	if exe == "" {
		msg := "SKIPPED " + what + ": chromium not installed (apt-get install chromium)"
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return exe
}

// ServeSeeds loads the seed graph into the test Neo4j and serves whosaid's
// whole handler over it, as `whosaid serve` does, with cfg. It returns the
// server's base URL.
func ServeSeeds(t *testing.T, cfg server.Config) string {
	t.Helper()
	st := neo4jtest.Store(t) // empties the database
	ctx := context.Background()
	_, here, _, _ := runtime.Caller(0)
	seeds := loader.Dir(filepath.Join(filepath.Dir(here), "..", "..", "seeds"))
	if _, err := loader.Load(ctx, st, []loader.Folder{seeds}, loader.Options{}); err != nil {
		t.Fatalf("load seeds: %v", err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(server.New(cfg, st, st, server.NewMetrics(), log))
	t.Cleanup(srv.Close)
	return srv.URL
}

// StartBrowser starts headless Chromium with the flags this machine needs
// (no sandbox as root, no GPU, no network of its own), a fresh profile and
// any more flags given. Every step run with the context it returns shares a
// deadline of 3 minutes.
func StartBrowser(t *testing.T, exe string, flags ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("lang", "en-GB"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, flags...)...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no timeout
		t.Fatalf("start chromium: %v", err)
	}
	// Every step after this one shares a deadline; the browser stays up.
	tctx, tcancel := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(tcancel)
	return tctx
}

// WatchConsole collects uncaught exceptions and console errors (a blocked
// script, a style the page's policy refused or a failed request shows there
// too). The func it returns gives those seen so far.
func WatchConsole(ctx context.Context) func() []string {
	var mu sync.Mutex
	var seen []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" {
				mu.Lock()
				seen = append(seen, fmt.Sprintf("%s:%d %s", m.URL, m.Line+1, m))
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		time.Sleep(100 * time.Millisecond) // let the last messages arrive
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}
