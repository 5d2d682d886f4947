package export

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"io"
	"iter"
	"strconv"
	"time"

	"github.com/whosaid/whosaid/subgraph"
)

// Headers Gephi's spreadsheet import recognises (Id, Label; Source, Target,
// Type, Id, Label, Weight, Time Interval), then the attributes under the
// names the other formats use.
var (
	csvNodeHeader = []string{"Id", "Label", "kind", "label_en", "label_ar", "degree", "hidden_degree"}
	csvEdgeHeader = []string{"Source", "Target", "Type", "Id", "Label", "Weight", "Time Interval",
		"kind", "predicate", "polarity", "statement", "statements", "start", "end"}
)

// zipTime is every entry's modification time, so that the same graph gives
// the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteCSV writes sg as a zip of nodes.csv and edges.csv; see EncodeCSV.
func WriteCSV(w io.Writer, sg subgraph.Subgraph) error { return EncodeCSV(w, FromSubgraph(sg)) }

// EncodeCSV writes g as a zip holding nodes.csv then edges.csv (RFC 4180,
// UTF-8 without a byte-order mark), row by row as g is read. Edge Type is
// "Directed"; Time Interval is Gephi's "<[start,end]>" over whole days.
func EncodeCSV(w io.Writer, g Graph) error {
	buf := bufio.NewWriterSize(w, 64<<10)
	z := zip.NewWriter(buf)
	if err := csvEntry(z, "nodes.csv", csvNodeHeader, g.Nodes, func(n subgraph.Node) []string {
		return []string{n.ID, n.Label, string(n.Kind), n.Label, n.LabelAr, strconv.Itoa(n.Degree), strconv.Itoa(n.HiddenDegree)}
	}); err != nil {
		return err
	}
	if err := csvEntry(z, "edges.csv", csvEdgeHeader, g.Edges, func(e subgraph.Edge) []string {
		span := ""
		if start, end := interval(e); start != "" {
			span = "<[" + start + "," + end + "]>"
		}
		return []string{e.Source, e.Target, "Directed", e.ID, edgeLabel(e), formatFloat(e.Weight), span,
			string(e.Kind), predicateList(e), polarityName(e.Polarity), e.Statement, joinIDs(e.Statements), e.Start, e.End}
	}); err != nil {
		return err
	}
	if err := z.Close(); err != nil {
		return err
	}
	return buf.Flush()
}

// csvEntry writes one zip entry: the header, then a row per item.
func csvEntry[T any](z *zip.Writer, name string, header []string, items iter.Seq2[T, error], row func(T) []string) error {
	f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	cw := csv.NewWriter(f)
	if err := cw.Write(header); err != nil {
		return err
	}
	for item, err := range items {
		if err != nil {
			return err
		}
		if err := cw.Write(row(item)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
