package export_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// openInNetworkX opens each file named on the command line (format=path)
// with the NetworkX reader researchers would use — read_gexf, read_graphml,
// cytoscape_graph for .cyjs — and prints what it got as JSON.
const openInNetworkX = `
import json, sys
import networkx as nx
out = {}
for arg in sys.argv[1:]:
    fmt, path = arg.split("=", 1)
    if fmt == "gexf":
        g = nx.read_gexf(path)
    elif fmt == "graphml":
        g = nx.read_graphml(path)
    else:
        with open(path, encoding="utf-8") as f:
            g = nx.cytoscape_graph(json.load(f))
    edges = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        # read_graphml keeps an edge's id as its key only
        edges[d.get("id") or k] = {"predicate": d.get("predicate", ""), "polarity": d.get("polarity", "")}
    out[fmt] = {"multigraph": g.is_multigraph(), "nodes": g.number_of_nodes(), "edges": edges,
                "label_ar": g.nodes["vladimir-putin"].get("label_ar", "")}
print(json.dumps(out))
`

// networkx returns a python3 that can import networkx, or skips the test
// (fails it under CI=true, where the check must run: .ci/run installs
// scripts/requirements.txt).
func networkx(t *testing.T) string {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(python, "-c", "import networkx").Run()
	}
	if err != nil {
		msg := "python3 with networkx (pip install -r scripts/requirements.txt): " + err.Error()
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatal("CI=true and no " + msg)
		}
		t.Skip("SKIPPED: no " + msg)
	}
	return python
}

// Ensure NetworkX opens the GEXF, GraphML and .cyjs exports — the last with
// networkx.cytoscape_graph, which needs each node's value and each edge's
// key — as multigraphs with every node and edge, parallel STANCE edges of
// two polarities included, an edge drawn from statements of two predicates
// listing both, and polarities spelt as the API spells them.
func TestExportsOpenInNetworkX(t *testing.T) {
	python := networkx(t)
	sg := fixture()
	dir := t.TempDir()
	args := []string{"-c", openInNetworkX}
	for _, enc := range encoders {
		if enc.format == "csv" {
			continue // NetworkX reads no CSV of its own; pandas does
		}
		var buf bytes.Buffer
		if err := enc.write(&buf, sg); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "fixture."+enc.format)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, enc.format+"="+path)
	}
	out, err := exec.Command(python, args...).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("NetworkX could not open the exports: %v\n%s", err, stderr)
	}
	var got map[string]struct {
		Multigraph bool
		Nodes      int
		Edges      map[string]struct{ Predicate, Polarity string }
		LabelAr    string `json:"label_ar"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, format := range []string{"gexf", "graphml", "cyjs"} {
		g, ok := got[format]
		if !ok {
			t.Errorf("%s: not opened", format)
			continue
		}
		if !g.Multigraph || g.Nodes != len(sg.Nodes) || len(g.Edges) != len(sg.Edges) {
			t.Errorf("%s: multigraph %v, %d nodes, %d edges; want a multigraph with %d nodes and %d edges",
				format, g.Multigraph, g.Nodes, len(g.Edges), len(sg.Nodes), len(sg.Edges))
		}
		if g.LabelAr != "فلاديمير بوتين" {
			t.Errorf("%s: Putin's label_ar = %q", format, g.LabelAr)
		}
		mixed := g.Edges["stance:vladimir-putin>csto:favor"]
		if mixed.Predicate != "PRAISE SUPPORT" || mixed.Polarity != "FAVOR" {
			t.Errorf("%s: the STANCE edge behind PRAISE and SUPPORT statements has predicate %q, polarity %q; want \"PRAISE SUPPORT\", FAVOR",
				format, mixed.Predicate, mixed.Polarity)
		}
		if e, ok := g.Edges["stance:vladimir-putin>syrian-crisis:neutral"]; !ok || e.Polarity != "NEUTRAL" {
			t.Errorf("%s: the neutral STANCE edge beside the hostile one: %+v (found %v), want polarity NEUTRAL", format, e, ok)
		}
	}
}
