package playground_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/whosaid/whosaid/dev/webtest"
	"github.com/whosaid/whosaid/server"
)

func TestMain(m *testing.M) { os.Exit(webtest.Main(m)) }

// TestPlaygroundOffline opens / in headless Chromium that can reach nothing
// but whosaid, as on a machine with no internet: the page must come up with
// the README's examples in tabs and links to the explorer and the SDL, and
// running the first tab must show its answer in the result pane; its docs
// and dialogs must work too, with no request to anywhere else and nothing in
// the console (a style or script the page's policy refused would show there).
func TestPlaygroundOffline(t *testing.T) {
	exe := webtest.RequireChromium(t, "playground browser test")
	base := webtest.ServeSeeds(t, server.Config{Playground: true, Introspection: true})
	// No name resolves; the server is on 127.0.0.1, which needs none.
	ctx := webtest.StartBrowser(t, exe, chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"))
	elsewhere := blockAllBut(t, ctx, base)
	problems := webtest.WatchConsole(ctx)

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v (requests blocked: %v; console: %v)", what, err, elsewhere(), problems())
		}
	}
	do("open /",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-execute-button`)),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-logo a[href="schema.graphql"]`)),
	)
	tabs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('.graphiql-tab .graphiql-tab-button')].map((b) => b.textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"OpposedIntervention", "PutinStatements", "CstoMembers"}; !slices.Equal(tabs, want) {
		t.Errorf("tabs %q, want the README's examples %q", tabs, want)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('.graphiql-logo a')].map((a) => a.href)`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{base + "/explore/", base + "/schema.graphql"}; !slices.Equal(links, want) {
		t.Errorf("links %q, want %q", links, want)
	}

	// Run the first tab; its answer appears in the result pane.
	do("run the query",
		chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)),
		chromedp.Poll[chromedp.Void](resultText+`.includes('"data"')`),
	)
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](resultText))
	if err != nil {
		t.Fatal(err)
	}
	checkAnswer(t, shown)

	// The documentation comes from introspection; the settings dialog adds
	// a <style> element of its own, which the page's policy must allow.
	do("read the docs",
		chromedp.Click(chromedp.CSS(`[aria-label="Show Documentation Explorer"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-doc-explorer-section-content a.graphiql-doc-explorer-type-name`)),
	)
	do("open the settings",
		chromedp.Click(chromedp.CSS(`[aria-label="Open settings dialog"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[role="dialog"]`)),
	)

	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll("e2e/artifacts", 0o755); err != nil {
		t.Fatal(err)
	}
	path, _ := filepath.Abs("e2e/artifacts/playground.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)

	if urls := elsewhere(); len(urls) > 0 {
		t.Errorf("the page asked for %d URLs away from whosaid: %q", len(urls), urls)
	}
	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}

var arabic = regexp.MustCompile(`\p{Arabic}{3,}`)

// checkAnswer reads the result pane's JSON: the statements that rejected or
// opposed intervention in Syria, Putin's among them, each with its Arabic
// evidence.
func checkAnswer(t *testing.T, shown string) {
	t.Helper()
	var answer struct {
		Data struct {
			Statements struct {
				Edges []struct {
					Node struct {
						Speakers []struct{ Name, NameAr string }
						Evidence []struct{ Text string }
					}
				}
			}
		}
		Errors []any
	}
	if err := json.Unmarshal([]byte(shown), &answer); err != nil {
		t.Fatalf("result pane %q: %v", shown, err)
	}
	edges := answer.Data.Statements.Edges
	if len(answer.Errors) > 0 || len(edges) == 0 {
		t.Fatalf("result pane: %d statements, errors %v; want the statements opposing intervention", len(edges), answer.Errors)
	}
	var speakers []string
	for _, e := range edges {
		for _, s := range e.Node.Speakers {
			speakers = append(speakers, s.Name)
		}
		if len(e.Node.Evidence) == 0 || !arabic.MatchString(e.Node.Evidence[0].Text) {
			t.Errorf("statement by %v shows evidence %v; want the Arabic sentence", e.Node.Speakers, e.Node.Evidence)
		}
	}
	if !slices.Contains(speakers, "Vladimir Putin") {
		t.Errorf("speakers %q; Putin opposed military intervention in Syria", speakers)
	}
}

// resultText is the whole text of the result pane (its CodeMirror editor
// draws only the lines in view).
const resultText = `((cm) => cm ? cm.CodeMirror.getValue() : '')(document.querySelector('.graphiql-response .CodeMirror'))`

// blockAllBut lets the page reach only origin: any other request fails as if
// the machine had no network, and is recorded. The func it returns gives the
// URLs blocked so far.
func blockAllBut(t *testing.T, ctx context.Context, origin string) func() []string {
	t.Helper()
	var mu sync.Mutex
	var blocked []string
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			if strings.HasPrefix(ev.Request.URL, origin+"/") {
				_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			mu.Lock()
			blocked = append(blocked, ev.Request.URL)
			mu.Unlock()
			_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonInternetDisconnected})
		}
	}()
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{}); err != nil {
		t.Fatalf("intercept requests: %v", err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), blocked...)
	}
}
