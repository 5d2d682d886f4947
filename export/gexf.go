package export

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// GEXF 1.3: https://gexf.net/1.3 (Gephi's native format).
const (
	gexfNS     = "http://gexf.net/1.3"
	gexfVizNS  = "http://gexf.net/1.3/viz"
	gexfSchema = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
	xsiNS      = "http://www.w3.org/2001/XMLSchema-instance"
)

// gexfAttributes declares the attributes, in the order they are written:
// id (also the title, which is what Gephi and NetworkX name columns by) and
// type.
var (
	gexfNodeAttributes = [][2]string{{"kind", "string"}, {"label_en", "string"}, {"label_ar", "string"}, {"degree", "integer"}, {"hidden_degree", "integer"}}
	gexfEdgeAttributes = [][2]string{{"kind", "string"}, {"predicate", "string"}, {"polarity", "string"}, {"statement", "string"}, {"statements", "string"}}
)

type gexfNode struct {
	XMLName   xml.Name       `xml:"node"`
	ID        string         `xml:"id,attr"`
	Label     string         `xml:"label,attr"`
	AttValues *gexfAttValues `xml:"attvalues"`
	Colour    *gexfColour    `xml:"viz:color"`
}

type gexfEdge struct {
	XMLName   xml.Name       `xml:"edge"`
	ID        string         `xml:"id,attr"`
	Source    string         `xml:"source,attr"`
	Target    string         `xml:"target,attr"`
	Label     string         `xml:"label,attr"`
	Kind      string         `xml:"kind,attr"`
	Weight    string         `xml:"weight,attr"`
	Start     string         `xml:"start,attr,omitempty"`
	End       string         `xml:"end,attr,omitempty"`
	AttValues *gexfAttValues `xml:"attvalues"`
	Colour    *gexfColour    `xml:"viz:color"`
}

type gexfAttValues struct {
	Values []gexfAttValue `xml:"attvalue"`
}

type gexfAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfColour struct {
	R uint8 `xml:"r,attr"`
	G uint8 `xml:"g,attr"`
	B uint8 `xml:"b,attr"`
}

// attValues keeps the non-empty values of (id, value) pairs.
func attValues(pairs ...string) *gexfAttValues {
	var a gexfAttValues
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			a.Values = append(a.Values, gexfAttValue{pairs[i], pairs[i+1]})
		}
	}
	if len(a.Values) == 0 {
		return nil
	}
	return &a
}

func colour(c kg.RGB, ok bool) *gexfColour {
	if !ok {
		return nil
	}
	return &gexfColour{c.R, c.G, c.B}
}

// WriteGEXF writes sg as a GEXF 1.3 document; see EncodeGEXF.
func WriteGEXF(w io.Writer, sg subgraph.Subgraph) error { return EncodeGEXF(w, FromSubgraph(sg)) }

// EncodeGEXF writes g as a GEXF 1.3 document, element by element as g is
// read. The graph is directed and dynamic with timeformat="date": edges
// carry start and end dates (statement dates widened to whole days, so
// "2013" spans the year), which Gephi's timeline filters on; nodes, having no
// dates, are always shown. Nodes are coloured by kind and statement edges by
// polarity (viz:color). Edge kind (GEXF 1.3) is the edge's kind, with the
// polarity for STANCE edges, so that Gephi keeps parallel stances apart.
func EncodeGEXF(w io.Writer, g Graph) error {
	x := newXMLWriter(w)
	x.start("gexf", "xmlns", gexfNS, "xmlns:viz", gexfVizNS, "xmlns:xsi", xsiNS, "xsi:schemaLocation", gexfSchema, "version", "1.3")
	x.start("meta")
	x.leaf("creator", "whosaid")
	x.leaf("description", description(g))
	x.end("meta")
	x.start("graph", "mode", "dynamic", "defaultedgetype", "directed", "timeformat", "date")
	for _, class := range []struct {
		name  string
		attrs [][2]string
	}{{"node", gexfNodeAttributes}, {"edge", gexfEdgeAttributes}} {
		x.start("attributes", "class", class.name, "mode", "static")
		for _, a := range class.attrs {
			x.leaf("attribute", "", "id", a[0], "title", a[0], "type", a[1])
		}
		x.end("attributes")
	}
	x.start("nodes")
	for n, err := range g.Nodes {
		if err != nil {
			return err
		}
		kind, ok := kg.NodeKinds[n.Kind]
		x.element(gexfNode{
			ID: n.ID, Label: n.Label,
			AttValues: attValues("kind", string(n.Kind), "label_en", n.Label, "label_ar", n.LabelAr,
				"degree", strconv.Itoa(n.Degree), "hidden_degree", strconv.Itoa(n.HiddenDegree)),
			Colour: colour(kind.Colour, ok),
		})
		if x.err != nil {
			return x.err
		}
	}
	x.end("nodes")
	x.start("edges")
	for e, err := range g.Edges {
		if err != nil {
			return err
		}
		start, end := interval(e)
		c, ok := kg.PolarityColours[e.Polarity]
		x.element(gexfEdge{
			ID: e.ID, Source: e.Source, Target: e.Target, Label: edgeLabel(e), Kind: edgeType(e),
			Weight: formatFloat(e.Weight), Start: start, End: end,
			AttValues: attValues("kind", string(e.Kind), "predicate", predicateList(e), "polarity", polarityName(e.Polarity),
				"statement", e.Statement, "statements", joinIDs(e.Statements)),
			Colour: colour(c, ok),
		})
		if x.err != nil {
			return x.err
		}
	}
	x.end("edges")
	x.end("graph")
	x.end("gexf")
	return x.close()
}

// description says what a file holds: its title, roots and truncation.
func description(g Graph) string {
	parts := []string{g.Title}
	if g.Title == "" {
		parts[0] = "whosaid"
	}
	if len(g.Roots) > 0 {
		parts = append(parts, "roots: "+strings.Join(g.Roots, ", "))
	}
	if g.Truncated {
		parts = append(parts, "truncated by maxNodes")
	}
	return strings.Join(parts, "; ")
}
