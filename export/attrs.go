package export

import (
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// What every format says about nodes and edges beyond id, source and target,
// derived in one place so the formats agree.

// neo4jLabels are a node kind's labels in whosaid's Neo4j, written as APOC
// writes them (":Actor:Person"), so a GraphML export re-imports with
// apoc.import.graphml(…, {readLabels: true}).
func neo4jLabels(kind kg.NodeKind) string {
	labels := kg.NodeKinds[kind].Labels
	if len(labels) == 0 {
		return ""
	}
	return ":" + strings.Join(labels, ":")
}

// edgeLabel is an edge's caption: its kind, with the polarity for STANCE
// edges ("STANCE AGAINST").
func edgeLabel(e subgraph.Edge) string {
	if e.Kind == kg.StanceEdge && e.Polarity != "" {
		return string(e.Kind) + " " + polarityName(e.Polarity)
	}
	return string(e.Kind)
}

// edgeType tells parallel edges apart where a tool merges edges of one type
// between the same nodes (GEXF 1.3's edge kind): a speaker's favourable and
// hostile statements about one target stay two edges.
func edgeType(e subgraph.Edge) string {
	if e.Kind == kg.StanceEdge && e.Polarity != "" {
		return string(e.Kind) + "_" + polarityName(e.Polarity)
	}
	return string(e.Kind)
}

// polarityName is a polarity as the API spells it: FAVOR, AGAINST, NEUTRAL,
// so that a value read from a file can be passed back to the API as it is.
func polarityName(p kg.Polarity) string { return strings.ToUpper(string(p)) }

// predicateList is an edge's predicate attribute: every predicate of the
// statements behind it, sorted and space-separated as the statements
// attribute lists ids ("OPPOSE WARN" for a STANCE edge drawn from
// statements of both); "" for a stored relationship.
func predicateList(e subgraph.Edge) string {
	if len(e.Predicates) == 0 {
		return string(e.Predicate)
	}
	names := make([]string, len(e.Predicates))
	for i, p := range e.Predicates {
		names[i] = string(p)
	}
	return strings.Join(names, " ")
}

// interval is the edge's [start, end] as whole dates (YYYY-MM-DD), the
// start of its first period to the end of its last ("2013" runs from
// 2013-01-01 to 2013-12-31), as GEXF's timeformat="date" and Gephi's
// timeline need them; empty when a date is missing or malformed.
func interval(e subgraph.Edge) (start, end string) {
	s, ok1 := kg.ParseDate(e.Start, false)
	t, ok2 := kg.ParseDate(e.End, true)
	if !ok1 || !ok2 {
		return "", ""
	}
	return s.Format("2006-01-02"), t.Format("2006-01-02")
}

// joinIDs writes a list of ids as one space-separated value, for formats
// whose attributes are scalars; ids never contain spaces.
func joinIDs(ids []string) string { return strings.Join(ids, " ") }

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
