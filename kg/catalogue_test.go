package kg

import "testing"

func TestRelationHeldDuring(t *testing.T) {
	uzbekistan := Relation{Start: "2006", End: "2012-12"} // suspended its CSTO membership in December 2012
	russia := Relation{Start: "2002-10-07"}
	undated := Relation{}
	for _, tt := range []struct {
		name string
		rel  Relation
		at   string
		want bool
	}{
		{"ended before the date", uzbekistan, "2013-09-23", false},
		{"ended before the year", uzbekistan, "2013", false},
		{"ended in the last month of the year", uzbekistan, "2012", true},
		{"ended during the month, whose last day counts", uzbekistan, "2012-12-31", true},
		{"began later in the year", uzbekistan, "2006-01-01", true},
		{"not yet begun", uzbekistan, "2005", false},
		{"no end is still current", russia, "2013-09-23", true},
		{"before the start day", russia, "2002-10-06", false},
		{"unknown dates are open", undated, "1900", true},
	} {
		first, _ := ParseDate(tt.at, false)
		last, _ := ParseDate(tt.at, true)
		if got := tt.rel.HeldDuring(first, last); got != tt.want {
			t.Errorf("%s: %+v held during %s = %v, want %v", tt.name, tt.rel, tt.at, got, tt.want)
		}
	}
}
