package export

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/subgraph"
)

const (
	graphmlNS     = "http://graphml.graphdrawing.org/xmlns"
	graphmlSchema = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
)

// graphmlKey is one declared attribute. Key ids are unique across nodes,
// edges and the graph; attr.name is what tools name the attribute by.
type graphmlKey struct{ id, of, name, typ string }

// graphmlKeys are declared up front, with scalar types only (NetworkX and
// Gephi read no others): lists are space-separated strings, dates strings.
// "labels" holds the node's Neo4j labels (":Actor:Person") for APOC's
// apoc.import.graphml(…, {readLabels: true}); "label" is the caption Gephi
// and yEd show, and on edges the relationship type APOC re-creates.
var graphmlKeys = []graphmlKey{
	{"g_title", "graph", "title", "string"},
	{"g_roots", "graph", "roots", "string"},
	{"g_truncated", "graph", "truncated", "boolean"},
	{"labels", "node", "labels", "string"},
	{"label", "node", "label", "string"},
	{"kind", "node", "kind", "string"},
	{"label_en", "node", "label_en", "string"},
	{"label_ar", "node", "label_ar", "string"},
	{"degree", "node", "degree", "int"},
	{"hidden_degree", "node", "hidden_degree", "int"},
	{"e_label", "edge", "label", "string"},
	{"e_kind", "edge", "kind", "string"},
	{"e_predicate", "edge", "predicate", "string"},
	{"e_polarity", "edge", "polarity", "string"},
	{"e_weight", "edge", "weight", "double"},
	{"e_statement", "edge", "statement", "string"},
	{"e_statements", "edge", "statements", "string"},
	{"e_start", "edge", "start", "string"},
	{"e_end", "edge", "end", "string"},
}

type graphmlNode struct {
	XMLName xml.Name      `xml:"node"`
	ID      string        `xml:"id,attr"`
	Data    []graphmlData `xml:"data"`
}

type graphmlEdge struct {
	XMLName xml.Name      `xml:"edge"`
	ID      string        `xml:"id,attr"`
	Source  string        `xml:"source,attr"`
	Target  string        `xml:"target,attr"`
	Data    []graphmlData `xml:"data"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// data keeps the non-empty values of (key, value) pairs.
func data(pairs ...string) []graphmlData {
	out := make([]graphmlData, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			out = append(out, graphmlData{pairs[i], pairs[i+1]})
		}
	}
	return out
}

// WriteGraphML writes sg as a GraphML document; see EncodeGraphML.
func WriteGraphML(w io.Writer, sg subgraph.Subgraph) error { return EncodeGraphML(w, FromSubgraph(sg)) }

// EncodeGraphML writes g as a directed GraphML document with typed keys,
// element by element as g is read. Edge dates are the statements' own
// (YYYY, YYYY-MM or YYYY-MM-DD), as strings.
func EncodeGraphML(w io.Writer, g Graph) error {
	x := newXMLWriter(w)
	x.start("graphml", "xmlns", graphmlNS, "xmlns:xsi", xsiNS, "xsi:schemaLocation", graphmlSchema)
	for _, k := range graphmlKeys {
		x.leaf("key", "", "id", k.id, "for", k.of, "attr.name", k.name, "attr.type", k.typ)
	}
	x.start("graph", "id", "whosaid", "edgedefault", "directed")
	for _, d := range data("g_title", g.Title, "g_roots", strings.Join(g.Roots, " "), "g_truncated", strconv.FormatBool(g.Truncated)) {
		x.leaf("data", d.Value, "key", d.Key)
	}
	for n, err := range g.Nodes {
		if err != nil {
			return err
		}
		x.element(graphmlNode{ID: n.ID, Data: data("labels", neo4jLabels(n.Kind), "label", n.Label, "kind", string(n.Kind),
			"label_en", n.Label, "label_ar", n.LabelAr, "degree", strconv.Itoa(n.Degree), "hidden_degree", strconv.Itoa(n.HiddenDegree))})
		if x.err != nil {
			return x.err
		}
	}
	for e, err := range g.Edges {
		if err != nil {
			return err
		}
		x.element(graphmlEdge{ID: e.ID, Source: e.Source, Target: e.Target, Data: data("e_label", string(e.Kind), "e_kind", string(e.Kind),
			"e_predicate", predicateList(e), "e_polarity", polarityName(e.Polarity), "e_weight", formatFloat(e.Weight),
			"e_statement", e.Statement, "e_statements", joinIDs(e.Statements), "e_start", e.Start, "e_end", e.End)})
		if x.err != nil {
			return x.err
		}
	}
	x.end("graph")
	x.end("graphml")
	return x.close()
}
