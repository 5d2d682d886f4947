package export

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

type cyjsHeader struct {
	FormatVersion string    `json:"format_version"`
	GeneratedBy   string    `json:"generated_by"`
	Data          cyjsGraph `json:"data"`
	Directed      bool      `json:"directed"`
	Multigraph    bool      `json:"multigraph"`
}

type cyjsGraph struct {
	Name      string   `json:"name"`
	Roots     []string `json:"roots"`
	Truncated bool     `json:"truncated"`
}

type cyjsNode struct {
	Data    cyjsNodeData `json:"data"`
	Classes string       `json:"classes"`
}

type cyjsNodeData struct {
	ID           string      `json:"id"`
	Value        string      `json:"value"` // the id again: NetworkX's cytoscape_graph names nodes by it
	Label        string      `json:"label"`
	Name         string      `json:"name"` // Cytoscape desktop's caption column
	Kind         kg.NodeKind `json:"kind"`
	LabelEn      string      `json:"label_en"`
	LabelAr      string      `json:"label_ar,omitempty"`
	Degree       int         `json:"degree"`
	HiddenDegree int         `json:"hidden_degree"`
}

type cyjsEdge struct {
	Data    cyjsEdgeData `json:"data"`
	Classes string       `json:"classes"`
}

type cyjsEdgeData struct {
	ID          string      `json:"id"`
	Source      string      `json:"source"`
	Target      string      `json:"target"`
	Key         string      `json:"key"` // the id again: NetworkX's cytoscape_graph keeps parallel edges apart by it
	Label       string      `json:"label"`
	Interaction kg.EdgeKind `json:"interaction"` // Cytoscape desktop's edge type column
	Kind        kg.EdgeKind `json:"kind"`
	Predicate   string      `json:"predicate,omitempty"`
	Polarity    string      `json:"polarity,omitempty"`
	Weight      float64     `json:"weight"`
	Statement   string      `json:"statement,omitempty"`
	Statements  []string    `json:"statements,omitempty"`
	Start       string      `json:"start,omitempty"`
	End         string      `json:"end,omitempty"`
}

// WriteCyJS writes sg as Cytoscape.js JSON; see EncodeCyJS.
func WriteCyJS(w io.Writer, sg subgraph.Subgraph) error { return EncodeCyJS(w, FromSubgraph(sg)) }

// EncodeCyJS writes g as Cytoscape.js elements JSON (.cyjs, which Cytoscape
// desktop imports too), one element a line as g is read:
// {format_version, generated_by, data: {name, roots, truncated}, directed,
// multigraph, elements: {nodes: [{data: {id, value, label, …}, classes}],
// edges: [{data: {id, source, target, key, …}, classes}]}}. value and key
// repeat the id for networkx.cytoscape_graph, which names nodes by value and,
// in a multigraph, merges edges between the same nodes unless their keys
// differ. Classes are the node's kind ("person") and the edge's kind and
// polarity ("stance against"), lower case as stylesheet selectors are.
// Arabic is written as UTF-8, not escaped.
func EncodeCyJS(w io.Writer, g Graph) error {
	buf := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	head, err := json.Marshal(cyjsHeader{FormatVersion: "1.0", GeneratedBy: "whosaid",
		Data:     cyjsGraph{Name: g.Title, Roots: nonNil(g.Roots), Truncated: g.Truncated},
		Directed: true, Multigraph: true})
	if err != nil {
		return err
	}
	// Open the header object again to append the elements to it.
	buf.Write(head[:len(head)-1])
	buf.WriteString(`,"elements":{"nodes":[` + "\n")
	sep := ""
	for n, err := range g.Nodes {
		if err != nil {
			return err
		}
		buf.WriteString(sep)
		sep = ","
		if err := enc.Encode(cyjsNode{Classes: strings.ToLower(string(n.Kind)), Data: cyjsNodeData{ID: n.ID, Value: n.ID, Label: n.Label,
			Name: n.Label, Kind: n.Kind, LabelEn: n.Label, LabelAr: n.LabelAr, Degree: n.Degree, HiddenDegree: n.HiddenDegree}}); err != nil {
			return err
		}
	}
	buf.WriteString(`],"edges":[` + "\n")
	sep = ""
	for e, err := range g.Edges {
		if err != nil {
			return err
		}
		buf.WriteString(sep)
		sep = ","
		if err := enc.Encode(cyjsEdge{Classes: strings.TrimSpace(strings.ToLower(string(e.Kind) + " " + string(e.Polarity))), Data: cyjsEdgeData{
			ID: e.ID, Source: e.Source, Target: e.Target, Key: e.ID, Label: edgeLabel(e), Interaction: e.Kind, Kind: e.Kind,
			Predicate: predicateList(e), Polarity: polarityName(e.Polarity), Weight: e.Weight,
			Statement: e.Statement, Statements: e.Statements, Start: e.Start, End: e.End}}); err != nil {
			return err
		}
	}
	buf.WriteString("]}}\n")
	return buf.Flush()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
