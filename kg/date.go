package kg

import "time"

// ParseDate reads a date bound as the API and the exports accept it —
// YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date (no month 13, no
// 30 February) — as the first day of the period, or its last day when end
// is true. It is the one date parser of whosaid, so a bound the API refuses
// the exports refuse too.
func ParseDate(s string, end bool) (time.Time, bool) {
	for _, layout := range []struct {
		layout string
		years  int
		months int
	}{{"2006", 1, 0}, {"2006-01", 0, 1}, {"2006-01-02", 0, 0}} {
		if len(s) != len(layout.layout) {
			continue
		}
		t, err := time.Parse(layout.layout, s)
		if err != nil {
			return time.Time{}, false
		}
		if end && (layout.years > 0 || layout.months > 0) {
			t = t.AddDate(layout.years, layout.months, -1)
		}
		return t, true
	}
	return time.Time{}, false
}
