package explorer_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/whosaid/whosaid/dev/webtest"
	"github.com/whosaid/whosaid/server"
)

func TestMain(m *testing.M) { os.Exit(webtest.Main(m)) }

// artifactDir is where the screenshot goes (git-ignored).
const artifactDir = "e2e/artifacts"

var arabic = regexp.MustCompile(`\p{Arabic}`)

// TestExplorerInChromium drives /explore in headless Chromium against a
// server over the seed graph, as a researcher would: search "Putin", pick
// him, expand a node, click a stance edge, read the Arabic evidence; then
// download the view as GEXF and narrow it with a predicate filter.
func TestExplorerInChromium(t *testing.T) {
	exe := webtest.RequireChromium(t, "explorer browser test")
	base := webtest.ServeSeeds(t, server.Config{})
	ctx := webtest.StartBrowser(t, exe)
	problems := webtest.WatchConsole(ctx)

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	idle := func() {
		t.Helper()
		do("wait for the graph", chromedp.Evaluate[chromedp.Void](`window.explorer.idle()`, chromedp.EvalAwaitPromise))
	}

	// 1. Search "Putin" and pick him from the results.
	do("open /explore",
		chromedp.EmulateViewport(1440, 900),
		chromedp.Navigate(base+"/explore"),
		chromedp.WaitVisible(chromedp.ID("search-input")),
		chromedp.SendKeys(chromedp.ID("search-input"), "Putin"),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li[data-id="vladimir-putin"]`)),
		chromedp.Click(chromedp.CSS(`#search-results li[data-id="vladimir-putin"]`)),
	)
	idle()
	g := graphState(t, ctx)
	if g.Root != "vladimir-putin" || g.Nodes < 10 || g.Edges < 10 {
		t.Fatalf("after picking Putin: %+v, want his neighbourhood (root vladimir-putin, ≥ 10 nodes and edges)", g)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/explore/#id=vladimir-putin") {
		t.Errorf("location = %s, want the view in the hash", loc)
	}

	// 2. Expand a node with neighbours not shown yet, by clicking it on the canvas.
	target, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const cy = window.explorer.cy;
		const n = cy.getElementById('csto').nonempty() && cy.getElementById('csto').data('hiddenDegree') > 0
			? cy.getElementById('csto')
			: cy.nodes('[hiddenDegree > 0]').not('.root').max((n) => n.data('hiddenDegree')).ele;
		return n ? n.id() : '';
	})()`))
	if err != nil || target == "" {
		t.Fatalf("no node to expand (%v)", err)
	}
	before := g
	clickNode(t, ctx, target)
	idle()
	g = graphState(t, ctx)
	if g.Nodes <= before.Nodes {
		t.Fatalf("expanding %s: %d nodes before, %d after; want more", target, before.Nodes, g.Nodes)
	}
	if g.Panel != "node" || g.PanelID != target {
		t.Errorf("after clicking %s the panel shows %s %q", target, g.Panel, g.PanelID)
	}
	if g.Duplicates != 0 {
		t.Errorf("%d ids on screen twice after expanding", g.Duplicates)
	}

	// 3. Click a stance edge of Putin's and read the statements behind it.
	edge := clickStanceEdge(t, ctx)
	evidence, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#panel .statement blockquote[lang="ar"][dir="rtl"]`)))
	if err != nil {
		t.Fatalf("no Arabic evidence in the panel for %s: %v", edge, err)
	}
	if n := len(arabic.FindAllString(evidence, -1)); n < 20 {
		t.Errorf("evidence panel text %q has %d Arabic letters; want the Arabic sentence", evidence, n)
	}
	summary, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#panel .statement .summary`)))
	speakers, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#panel .statement .speakers`)))
	if summary == "" || !strings.Contains(speakers, "Vladimir Putin") || !arabic.MatchString(speakers) {
		t.Errorf("statement card: summary %q, speakers %q; want an English summary and Putin's name in both languages", summary, speakers)
	}

	// Let the style transitions of the last mouse move finish before the picture.
	do("settle", chromedp.Sleep(500*time.Millisecond))
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(artifactDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path, _ := filepath.Abs(filepath.Join(artifactDir, "explorer.png"))
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (Putin's neighbourhood, %s expanded, evidence of %s in the panel)", path, target, edge)

	// 4. The GEXF of the view has what is on screen, Arabic intact.
	g = graphState(t, ctx) // a click that missed the edge may have expanded a node
	checkGEXF(t, ctx, g)
	checkServerExport(t, ctx, g)

	// 5. A predicate filter re-queries and keeps the expansion.
	do("filter by predicate",
		chromedp.Click(chromedp.CSS(`#f-predicates summary`)),
		chromedp.Click(chromedp.CSS(`#f-predicate-list input[value="OPPOSE"]`)),
		chromedp.Poll[chromedp.Void](`document.body.dataset.busy === 'true' || location.hash.includes('predicates=OPPOSE')`),
	)
	idle()
	preds, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.explorer.cy.edges('[kind = "STANCE"]').map((e) => e.data('predicate'))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(preds) == 0 {
		t.Error("no stance edge left under the OPPOSE filter; Putin opposed military intervention in Syria")
	}
	for _, p := range preds {
		if p != "OPPOSE" {
			t.Errorf("stance edge with predicate %q under the OPPOSE filter", p)
		}
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "expand="+target) {
		t.Errorf("location after filtering = %s; want the expansion of %s kept", loc, target)
	}

	// 6. Clearing the filters gives the same view again, expansions replayed.
	do("clear the filters",
		chromedp.Click(chromedp.ID("f-clear")),
		chromedp.Poll[chromedp.Void](`!location.hash.includes('predicates=')`),
	)
	idle()
	if g2 := graphState(t, ctx); g2.Root != "vladimir-putin" || g2.Nodes != g.Nodes || g2.Edges != g.Edges || !g2.HasNode(target) {
		t.Errorf("after clearing the filters: %d nodes, %d edges (root %s); want the %d and %d shown before, %s included",
			g2.Nodes, g2.Edges, g2.Root, g.Nodes, g.Edges, target)
	}

	for _, p := range problems() {
		t.Errorf("browser console: %s", p)
	}
}

type graph struct {
	Root       string
	Nodes      int
	Edges      int
	Duplicates int
	Panel      string
	PanelID    string
	IDs        []string
}

func (g graph) HasNode(id string) bool {
	for _, x := range g.IDs {
		if x == id {
			return true
		}
	}
	return false
}

func graphState(t *testing.T, ctx context.Context) graph {
	t.Helper()
	g, err := chromedp.Run(ctx, chromedp.Evaluate[graph](`(() => {
		const cy = window.explorer.cy;
		const ids = cy.elements().map((e) => e.id());
		const panel = document.getElementById('panel');
		return {
			Root: cy.nodes('.root').map((n) => n.id())[0] || '',
			Nodes: cy.nodes().length,
			Edges: cy.edges().length,
			Duplicates: ids.length - new Set(ids).size,
			Panel: panel.dataset.showing || '',
			PanelID: panel.dataset.id || '',
			IDs: cy.nodes().map((n) => n.id()),
		};
	})()`))
	if err != nil {
		t.Fatalf("read the graph: %v", err)
	}
	return g
}

type point struct{ X, Y float64 }

// clickNode clicks a node where it is drawn, with a real mouse event.
func clickNode(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	p, err := chromedp.Run(ctx, chromedp.Evaluate[point](fmt.Sprintf(`(() => {
		const r = document.getElementById('cy').getBoundingClientRect();
		const p = window.explorer.cy.getElementById(%q).renderedPosition();
		return { X: r.left + p.x, Y: r.top + p.y };
	})()`, id)))
	if err != nil {
		t.Fatalf("find node %s: %v", id, err)
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(p.X, p.Y)); err != nil {
		t.Fatalf("click node %s: %v", id, err)
	}
}

// clickStanceEdge clicks one of the root's stance edges, where the edge is
// drawn. Another element can lie on a point of an edge, so it tries a few
// points of a few edges until the panel shows the edge clicked, and returns
// the id of that edge.
func clickStanceEdge(t *testing.T, ctx context.Context) string {
	t.Helper()
	for i := 0; i < 6; i++ {
		for _, f := range []float64{0.5, 0.35, 0.65, 0.2, 0.8} {
			// Read the positions afresh: a missed click may have expanded a node.
			c, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
				ID   string
				X, Y float64
			}](fmt.Sprintf(`(() => {
				const edges = window.explorer.cy.nodes('.root').connectedEdges('[kind = "STANCE"]')
					.sort((a, b) => b.data('weight') - a.data('weight') || (a.id() < b.id() ? -1 : 1));
				const e = edges[%d];
				if (!e) return { ID: '', X: 0, Y: 0 };
				const r = document.getElementById('cy').getBoundingClientRect();
				const s = e.renderedSourceEndpoint(), m = e.renderedMidpoint(), t = e.renderedTargetEndpoint();
				const f = %g;
				// Along the drawn curve: source → midpoint → target.
				const p = f <= 0.5 ? { x: s.x + (m.x - s.x) * f * 2, y: s.y + (m.y - s.y) * f * 2 }
					: { x: m.x + (t.x - m.x) * (f - 0.5) * 2, y: m.y + (t.y - m.y) * (f - 0.5) * 2 };
				return { ID: e.id(), X: r.left + p.x, Y: r.top + p.y };
			})()`, i, f)))
			if err != nil {
				t.Fatal(err)
			}
			if c.ID == "" {
				break
			}
			if err := chromedp.Do(ctx, chromedp.MouseClickXY(c.X, c.Y)); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.explorer.idle()`, chromedp.EvalAwaitPromise)); err != nil {
				t.Fatal(err)
			}
			shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(({ dataset: d }) => d.showing + ' ' + d.id)(document.getElementById('panel'))`))
			if err != nil {
				t.Fatal(err)
			}
			if shown == "edge "+c.ID {
				return c.ID
			}
		}
	}
	t.Fatal("could not click any stance edge of the root")
	return ""
}

type gexfDoc struct {
	XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		Mode  string `xml:"mode,attr"`
		Nodes []struct {
			ID    string `xml:"id,attr"`
			Label string `xml:"label,attr"`
			Attrs []struct {
				For   string `xml:"for,attr"`
				Value string `xml:"value,attr"`
			} `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string  `xml:"id,attr"`
			Source string  `xml:"source,attr"`
			Target string  `xml:"target,attr"`
			Weight float64 `xml:"weight,attr"`
			Start  string  `xml:"start,attr"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

// checkServerExport follows the page's link to the export endpoint's GEXF
// of the root's neighbourhood.
func checkServerExport(t *testing.T, ctx context.Context, g graph) {
	t.Helper()
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('ex-gexf').href`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(href, "/export/gexf?id=vladimir-putin&depth=1") {
		t.Fatalf("server GEXF link = %q", href)
	}
	r := webtest.Get(t, href, "")
	if r.Status != http.StatusOK {
		t.Fatalf("GET %s = %d: %s", href, r.Status, r.Body)
	}
	var x gexfDoc
	if err := xml.Unmarshal(r.Body, &x); err != nil {
		t.Fatalf("GET %s: %v", href, err)
	}
	// The root's neighbourhood: what the page showed before expanding, so fewer nodes than now.
	if n := len(x.Graph.Nodes); n < 10 || n >= g.Nodes {
		t.Errorf("server GEXF of Putin's neighbourhood has %d nodes; the expanded view has %d", n, g.Nodes)
	}
}

func checkGEXF(t *testing.T, ctx context.Context, g graph) {
	t.Helper()
	doc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.explorer.gexf()`))
	if err != nil {
		t.Fatalf("gexf: %v", err)
	}
	var x gexfDoc
	if err := xml.Unmarshal([]byte(doc), &x); err != nil {
		t.Fatalf("the GEXF of the view is not well-formed: %v", err)
	}
	if x.Version != "1.3" || len(x.Graph.Nodes) != g.Nodes || len(x.Graph.Edges) != g.Edges {
		t.Errorf("GEXF %s: %d nodes, %d edges; the view has %d and %d", x.Version, len(x.Graph.Nodes), len(x.Graph.Edges), g.Nodes, g.Edges)
	}
	nodes := map[string]bool{}
	putinAr := ""
	for _, n := range x.Graph.Nodes {
		nodes[n.ID] = true
		for _, a := range n.Attrs {
			if n.ID == "vladimir-putin" && a.For == "label_ar" {
				putinAr = a.Value
			}
		}
	}
	if putinAr != "فلاديمير بوتين" {
		t.Errorf("GEXF label_ar of Putin = %q", putinAr)
	}
	dated := 0
	for _, e := range x.Graph.Edges {
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("GEXF edge %s joins nodes not in the file", e.ID)
		}
		if e.Start != "" {
			dated++
		}
	}
	if x.Graph.Mode != "dynamic" || dated == 0 {
		t.Errorf("GEXF mode %q with %d dated edges; want dynamic with statement dates", x.Graph.Mode, dated)
	}
}
