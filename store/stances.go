package store

// The collapsed STANCE relationships carry, besides their weight, a
// calendar of the asserted statements behind them: per month, how many and
// their earliest and latest dates. The stance matrix reads these instead of
// every statement of its actors, so its cost follows the number of
// (speaker, proposition) pairs asked about, not the statements a busy
// speaker made (see StanceMatrix).
//
// On the edge the calendar is four lists of the same length, one entry per
// month: months ("YYYY-MM", the first seven characters of the date; "" for
// undated statements), asserted (counts), firsts and lasts (dates; "" for
// undated).

import (
	"slices"
	"strings"
)

// asserted is the modality of a position taken: negated, hypothetical or
// conditional statements are not counted as stances in the matrix.
const asserted = "asserted"

// monthOf is a date's calendar key: year and month, or "" when undated.
func monthOf(date string) string { return date[:min(len(date), 7)] }

// stanceMonth is one month of a calendar.
type stanceMonth struct {
	month, first, last string
	n                  int
}

// stanceMonths is a calendar being counted in Go, for the statements of one
// load (stanceSteps).
type stanceMonths []stanceMonth

func (ms *stanceMonths) add(date string) {
	key := monthOf(date)
	i := slices.IndexFunc(*ms, func(m stanceMonth) bool { return m.month == key })
	if i < 0 {
		*ms = append(*ms, stanceMonth{month: key, first: date, last: date})
		i = len(*ms) - 1
	}
	m := &(*ms)[i]
	m.n++
	m.first, m.last = min(m.first, date), max(m.last, date)
}

// rows are the calendar as the parameters of addStanceMonths, month by month.
func (ms stanceMonths) rows() map[string]any {
	sorted := slices.SortedFunc(slices.Values(ms), func(a, b stanceMonth) int { return strings.Compare(a.month, b.month) })
	months, counts, firsts, lasts := []string{}, []int{}, []string{}, []string{}
	for _, m := range sorted {
		months, counts, firsts, lasts = append(months, m.month), append(counts, m.n), append(firsts, m.first), append(lasts, m.last)
	}
	return map[string]any{"months": months, "counts": counts, "firsts": firsts, "lasts": lasts}
}

// addStanceMonths adds row.months (a calendar from rows) to the calendar
// of the edge e just merged: counts summed, earliest and latest dates kept,
// month by month, the months in order (so the edge is the same whatever
// order documents were loaded in).
const addStanceMonths = `WITH e, row.months AS add, coalesce(e.months, []) AS om, coalesce(e.asserted, []) AS oc,
     coalesce(e.firsts, []) AS oFirst, coalesce(e.lasts, []) AS oLast
WITH e, add, oc, oFirst, oLast, om, COLLECT { UNWIND om + [m IN add.months WHERE NOT m IN om] AS m RETURN m ORDER BY m } AS ms
WITH e, add, oc, oFirst, oLast, ms,
     [m IN ms | head([i IN range(0, size(om) - 1) WHERE om[i] = m])] AS oi,
     [m IN ms | head([i IN range(0, size(add.months) - 1) WHERE add.months[i] = m])] AS ni
SET e.months = ms,
    e.asserted = [k IN range(0, size(ms) - 1) | coalesce(oc[oi[k]], 0) + coalesce(add.counts[ni[k]], 0)],
    e.firsts = [k IN range(0, size(ms) - 1) |
      CASE WHEN oFirst[oi[k]] IS NULL OR add.firsts[ni[k]] < oFirst[oi[k]] THEN add.firsts[ni[k]] ELSE oFirst[oi[k]] END],
    e.lasts = [k IN range(0, size(ms) - 1) |
      CASE WHEN oLast[oi[k]] IS NULL OR add.lasts[ni[k]] > oLast[oi[k]] THEN add.lasts[ni[k]] ELSE oLast[oi[k]] END]`

// stanceMonthsOf counts the calendar of the statements in the list
// variable v into months, counts, firsts and lasts (setStanceMonths).
func stanceMonthsOf(v string) string {
	return `CALL (` + v + `) {
  UNWIND [x IN ` + v + ` WHERE x.modality = '` + asserted + `'] AS x
  WITH coalesce(left(x.date, 7), '') AS month, count(*) AS n, coalesce(min(x.date), '') AS first, coalesce(max(x.date), '') AS last
  ORDER BY month
  RETURN collect(month) AS months, collect(n) AS counts, collect(first) AS firsts, collect(last) AS lasts
}`
}

// setStanceMonths is the SET items writing stanceMonthsOf's calendar on e.
func setStanceMonths(e string) string {
	return e + `.months = months, ` + e + `.asserted = counts, ` + e + `.firsts = firsts, ` + e + `.lasts = lasts`
}
