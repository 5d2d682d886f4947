package store

// Cypher fragments more than one query shares, each written once.

// inDates keeps the statements v dated within the optional bounds $from
// and $to (YYYY, YYYY-MM or YYYY-MM-DD, checked by kg.ParseDate): dates are
// strings of those shapes, and '~' sorts after every digit and '-', so
// `$to + '~'` takes in the whole of a year or month given as the end.
func inDates(v string) string {
	return `($from IS NULL OR ` + v + `.date >= $from) AND ($to IS NULL OR ` + v + `.date <= $to + '~')`
}

// statementFilter is a subgraph.Filter on the statement v: its predicates,
// polarities and dates (subgraphParams).
func statementFilter(v string) string {
	return `($predicates IS NULL OR ` + v + `.predicate IN $predicates)
    AND ($polarities IS NULL OR ` + v + `.polarity IN $polarities)
    AND ` + inDates(v)
}
