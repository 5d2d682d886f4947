// Package exporttest reads exports back for tests: it checks each format's
// shape (well-formed XML with the GEXF or GraphML structure and declared
// attributes, Cytoscape.js JSON, a zip of two CSV tables with Gephi's
// headers) and returns what the file holds in one form for all formats.
package exporttest

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Node is a node as an export gives it back.
type Node struct {
	ID    string
	Attrs map[string]string // kind, label_en, label_ar, degree, …
}

// Edge is an edge as an export gives it back.
type Edge struct {
	ID, Source, Target string
	Weight             float64
	Attrs              map[string]string // kind, predicate, polarity, statements, …
}

// Graph is what an export holds.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// Parse reads an export in the named format (gexf, graphml, cyjs, csv) and
// checks that it is well formed and shaped as the format requires, that ids
// are unique across nodes and edges, and that every edge's ends are nodes.
func Parse(format string, body []byte) (Graph, error) {
	var g Graph
	var err error
	switch format {
	case "gexf":
		g, err = parseGEXF(body)
	case "graphml":
		g, err = parseGraphML(body)
	case "cyjs":
		g, err = parseCyJS(body)
	case "csv":
		g, err = parseCSV(body)
	default:
		return g, fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return g, fmt.Errorf("%s: %w", format, err)
	}
	return g, check(g)
}

func check(g Graph) error {
	nodes, ids := map[string]bool{}, map[string]bool{}
	for _, n := range g.Nodes {
		if n.ID == "" || ids[n.ID] {
			return fmt.Errorf("node id %q is empty or not unique", n.ID)
		}
		nodes[n.ID], ids[n.ID] = true, true
	}
	for _, e := range g.Edges {
		if e.ID == "" || ids[e.ID] {
			return fmt.Errorf("edge id %q is empty or not unique", e.ID)
		}
		ids[e.ID] = true
		if !nodes[e.Source] || !nodes[e.Target] {
			return fmt.Errorf("edge %s: an end is not a node", e.ID)
		}
	}
	return nil
}

type gexfDoc struct {
	XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		Mode            string `xml:"mode,attr"`
		DefaultEdgeType string `xml:"defaultedgetype,attr"`
		TimeFormat      string `xml:"timeformat,attr"`
		Attributes      []struct {
			Class     string `xml:"class,attr"`
			Attribute []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes *struct {
			Node []struct {
				ID        string         `xml:"id,attr"`
				Label     string         `xml:"label,attr"`
				AttValues []gexfAttValue `xml:"attvalues>attvalue"`
			} `xml:"node"`
		} `xml:"nodes"`
		Edges *struct {
			Edge []struct {
				ID        string         `xml:"id,attr"`
				Source    string         `xml:"source,attr"`
				Target    string         `xml:"target,attr"`
				Weight    string         `xml:"weight,attr"`
				Start     string         `xml:"start,attr"`
				End       string         `xml:"end,attr"`
				AttValues []gexfAttValue `xml:"attvalues>attvalue"`
			} `xml:"edge"`
		} `xml:"edges"`
	} `xml:"graph"`
}

type gexfAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

func parseGEXF(body []byte) (Graph, error) {
	var doc gexfDoc
	if err := strictXML(body, &doc); err != nil {
		return Graph{}, err
	}
	gr := doc.Graph
	if doc.Version != "1.3" || gr.DefaultEdgeType != "directed" || gr.Mode != "dynamic" || gr.TimeFormat != "date" {
		return Graph{}, fmt.Errorf("root or graph attributes wrong: version %q, mode %q, defaultedgetype %q, timeformat %q",
			doc.Version, gr.Mode, gr.DefaultEdgeType, gr.TimeFormat)
	}
	if gr.Nodes == nil || gr.Edges == nil {
		return Graph{}, fmt.Errorf("graph lacks <nodes> or <edges>")
	}
	declared := map[string]map[string]string{"node": {}, "edge": {}}
	for _, a := range gr.Attributes {
		for _, at := range a.Attribute {
			if declared[a.Class] == nil {
				return Graph{}, fmt.Errorf("attributes of unknown class %q", a.Class)
			}
			declared[a.Class][at.ID] = at.Title
		}
	}
	attrs := func(class string, vals []gexfAttValue) (map[string]string, error) {
		m := map[string]string{}
		for _, v := range vals {
			title, ok := declared[class][v.For]
			if !ok {
				return nil, fmt.Errorf("%s attvalue for undeclared attribute %q", class, v.For)
			}
			m[title] = v.Value
		}
		return m, nil
	}
	var g Graph
	for _, n := range gr.Nodes.Node {
		m, err := attrs("node", n.AttValues)
		if err != nil {
			return g, err
		}
		m["label"] = n.Label
		g.Nodes = append(g.Nodes, Node{ID: n.ID, Attrs: m})
	}
	for _, e := range gr.Edges.Edge {
		m, err := attrs("edge", e.AttValues)
		if err != nil {
			return g, err
		}
		w, err := strconv.ParseFloat(e.Weight, 64)
		if err != nil {
			return g, fmt.Errorf("edge %s weight %q", e.ID, e.Weight)
		}
		if (e.Start == "") != (e.End == "") {
			return g, fmt.Errorf("edge %s has only one of start and end", e.ID)
		}
		m["start"], m["end"] = e.Start, e.End
		g.Edges = append(g.Edges, Edge{ID: e.ID, Source: e.Source, Target: e.Target, Weight: w, Attrs: m})
	}
	return g, nil
}

type graphmlDoc struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Node        []struct {
			ID   string        `xml:"id,attr"`
			Data []graphmlData `xml:"data"`
		} `xml:"node"`
		Edge []struct {
			ID     string        `xml:"id,attr"`
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func parseGraphML(body []byte) (Graph, error) {
	var doc graphmlDoc
	if err := strictXML(body, &doc); err != nil {
		return Graph{}, err
	}
	if doc.Graph.EdgeDefault != "directed" {
		return Graph{}, fmt.Errorf("edgedefault %q", doc.Graph.EdgeDefault)
	}
	type key struct{ of, name, typ string }
	keys := map[string]key{}
	for _, k := range doc.Keys {
		switch k.Type {
		case "boolean", "int", "long", "float", "double", "string":
		default:
			return Graph{}, fmt.Errorf("key %s has attr.type %q", k.ID, k.Type)
		}
		if _, dup := keys[k.ID]; dup || k.Name == "" {
			return Graph{}, fmt.Errorf("key %q is repeated or unnamed", k.ID)
		}
		keys[k.ID] = key{k.For, k.Name, k.Type}
	}
	if keys["labels"].of != "node" {
		return Graph{}, fmt.Errorf("no node key \"labels\" for Neo4j re-import")
	}
	attrs := func(of string, data []graphmlData) (map[string]string, error) {
		m := map[string]string{}
		for _, d := range data {
			k, ok := keys[d.Key]
			if !ok || k.of != of {
				return nil, fmt.Errorf("%s data with undeclared key %q", of, d.Key)
			}
			if err := checkType(k.typ, d.Value); err != nil {
				return nil, fmt.Errorf("key %s: %w", d.Key, err)
			}
			m[k.name] = d.Value
		}
		return m, nil
	}
	var g Graph
	for _, n := range doc.Graph.Node {
		m, err := attrs("node", n.Data)
		if err != nil {
			return g, err
		}
		g.Nodes = append(g.Nodes, Node{ID: n.ID, Attrs: m})
	}
	for _, e := range doc.Graph.Edge {
		m, err := attrs("edge", e.Data)
		if err != nil {
			return g, err
		}
		w, _ := strconv.ParseFloat(m["weight"], 64)
		g.Edges = append(g.Edges, Edge{ID: e.ID, Source: e.Source, Target: e.Target, Weight: w, Attrs: m})
	}
	return g, nil
}

func checkType(typ, v string) error {
	var err error
	switch typ {
	case "boolean":
		_, err = strconv.ParseBool(v)
	case "int", "long":
		_, err = strconv.ParseInt(v, 10, 64)
	case "float", "double":
		_, err = strconv.ParseFloat(v, 64)
	}
	return err
}

// strictXML decodes body into v after reading every token, so that any
// well-formedness error is reported, and checks the declared encoding.
func strictXML(body []byte, v any) error {
	if !bytes.HasPrefix(body, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		return fmt.Errorf("no UTF-8 XML declaration")
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("not well-formed XML: %w", err)
		}
	}
	return xml.Unmarshal(body, v)
}

type cyjsDoc struct {
	Data       map[string]any `json:"data"`
	Directed   bool           `json:"directed"`
	Multigraph bool           `json:"multigraph"`
	Elements   *struct {
		Nodes []struct {
			Data map[string]any `json:"data"`
		} `json:"nodes"`
		Edges []struct {
			Data map[string]any `json:"data"`
		} `json:"edges"`
	} `json:"elements"`
}

func parseCyJS(body []byte) (Graph, error) {
	var doc cyjsDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		return Graph{}, err
	}
	if doc.Elements == nil || doc.Elements.Nodes == nil || doc.Elements.Edges == nil || !doc.Directed {
		return Graph{}, fmt.Errorf("no elements.nodes and elements.edges, or not directed")
	}
	var g Graph
	for _, n := range doc.Elements.Nodes {
		id, ok := n.Data["id"].(string)
		if !ok {
			return g, fmt.Errorf("node data.id %v is not a string", n.Data["id"])
		}
		g.Nodes = append(g.Nodes, Node{ID: id, Attrs: flatten(n.Data)})
	}
	for _, e := range doc.Elements.Edges {
		id, ok1 := e.Data["id"].(string)
		src, ok2 := e.Data["source"].(string)
		tgt, ok3 := e.Data["target"].(string)
		w, ok4 := e.Data["weight"].(float64)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return g, fmt.Errorf("edge data %v lacks a string id, source, target or a numeric weight", e.Data)
		}
		g.Edges = append(g.Edges, Edge{ID: id, Source: src, Target: tgt, Weight: w, Attrs: flatten(e.Data)})
	}
	return g, nil
}

// flatten writes JSON values as the XML formats do: lists space-separated.
func flatten(data map[string]any) map[string]string {
	m := map[string]string{}
	for k, v := range data {
		switch x := v.(type) {
		case string:
			m[k] = x
		case float64:
			m[k] = strconv.FormatFloat(x, 'g', -1, 64)
		case []any:
			s := ""
			for i, e := range x {
				if i > 0 {
					s += " "
				}
				s += fmt.Sprint(e)
			}
			m[k] = s
		default:
			m[k] = fmt.Sprint(x)
		}
	}
	return m
}

func parseCSV(body []byte) (Graph, error) {
	z, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return Graph{}, err
	}
	tables := map[string][]map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			return Graph{}, err
		}
		rows, err := csv.NewReader(rc).ReadAll()
		rc.Close()
		if err != nil {
			return Graph{}, fmt.Errorf("%s: %w", f.Name, err)
		}
		if len(rows) == 0 {
			return Graph{}, fmt.Errorf("%s has no header", f.Name)
		}
		for _, r := range rows[1:] {
			m := map[string]string{}
			for i, h := range rows[0] {
				m[h] = r[i]
			}
			tables[f.Name] = append(tables[f.Name], m)
		}
		if tables[f.Name] == nil {
			tables[f.Name] = []map[string]string{}
		}
		want := map[string][]string{"nodes.csv": {"Id", "Label"}, "edges.csv": {"Source", "Target", "Type", "Id", "Weight"}}[f.Name]
		if want == nil {
			return Graph{}, fmt.Errorf("unexpected entry %s", f.Name)
		}
		for _, h := range want {
			if !slices.Contains(rows[0], h) {
				return Graph{}, fmt.Errorf("%s header %v lacks %q", f.Name, rows[0], h)
			}
		}
	}
	if len(z.File) != 2 || z.File[0].Name != "nodes.csv" || z.File[1].Name != "edges.csv" {
		return Graph{}, fmt.Errorf("zip does not hold nodes.csv then edges.csv")
	}
	var g Graph
	for _, r := range tables["nodes.csv"] {
		g.Nodes = append(g.Nodes, Node{ID: r["Id"], Attrs: r})
	}
	for _, r := range tables["edges.csv"] {
		w, err := strconv.ParseFloat(r["Weight"], 64)
		if err != nil || r["Type"] != "Directed" {
			return g, fmt.Errorf("edge %s: weight %q, type %q", r["Id"], r["Weight"], r["Type"])
		}
		g.Edges = append(g.Edges, Edge{ID: r["Id"], Source: r["Source"], Target: r["Target"], Weight: w, Attrs: r})
	}
	return g, nil
}
