package extract

import (
	"strconv"
	"time"
)

// DateMention is a date the text states, resolved against the document date.
type DateMention struct {
	Start, End int    // tokens
	Value      string // YYYY-MM-DD, YYYY-MM or YYYY
	Relative   bool   // said relative to the document date (اليوم، أمس، في وقت سابق)
}

// months maps month names to numbers: Modern Standard/Egyptian (يناير),
// Levantine and Iraqi (كانون الثاني), Maghrebi (جانفي) and English. Keys as
// Key computes them; two-word names are looked up with their second word.
var months = map[string]int{
	"يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7,
	"اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
	"شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9,
	"جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
}

// twoWordMonths are the Levantine months named with an ordinal.
var twoWordMonths = map[[2]string]int{
	{"تشرين", "الاول"}: 10, {"تشرين", "الثاني"}: 11, {"كانون", "الاول"}: 12, {"كانون", "الثاني"}: 1,
}

var weekdays = map[string]time.Weekday{
	"الاحد": time.Sunday, "الاثنين": time.Monday, "الثلاثاء": time.Tuesday, "الاربعاء": time.Wednesday,
	"الخميس": time.Thursday, "الجمعه": time.Friday, "السبت": time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// Dates finds the dates in tokens [a, b) of d: اليوم / today, أمس /
// yesterday, أول أمس, غدا / يوم غد / tomorrow, weekdays (the last such day
// up to the document date), «في وقت سابق» (earlier: the month), and explicit
// dates such as «يوم /14/ أيلول الجاري», «30 حزيران 2012», "14 September".
// A month without a year, or with الجاري / الماضي, takes the year of the
// document date. Without a document date only explicit full dates resolve.
func Dates(d *Doc, a, b int, docDate string) []DateMention {
	toks := d.Tokens
	base, haveBase := time.Parse("2006-01-02", docDate)
	var out []DateMention
	rel := func(s, e, days int) {
		if haveBase == nil {
			out = append(out, DateMention{Start: s, End: e, Value: base.AddDate(0, 0, days).Format("2006-01-02"), Relative: true})
		}
	}
	for k := a; k < b; k++ {
		t := toks[k]
		next := func(n int) string {
			if k+n < b {
				return toks[k+n].Key
			}
			return ""
		}
		switch t.Key {
		case "اليوم", "today":
			rel(k, k+1, 0)
			continue
		case "امس", "yesterday":
			if k > a && toks[k-1].Key == "اول" {
				rel(k-1, k+1, -2)
			} else {
				rel(k, k+1, -1)
			}
			continue
		case "غدا", "tomorrow":
			rel(k, k+1, 1)
			continue
		case "يوم":
			if next(1) == "غد" {
				rel(k, k+2, 1)
				k++
				continue
			}
		case "غد":
			rel(k, k+1, 1)
			continue
		case "وقت":
			if k > a && toks[k-1].Key == "في" && next(1) == "سابق" && haveBase == nil {
				out = append(out, DateMention{Start: k - 1, End: k + 2, Value: base.Format("2006-01"), Relative: true})
				continue
			}
		}
		if wd, ok := weekdays[t.Key]; ok && haveBase == nil {
			days := int(base.Weekday() - wd)
			if days < 0 {
				days += 7
			}
			rel(k, k+1, -days)
			continue
		}
		if t.Kind == Num {
			if m, e := monthAt(toks, k+1, b); m > 0 {
				day, _ := strconv.Atoi(t.Key)
				if day < 1 || day > 31 {
					continue
				}
				year, end := yearAfter(toks, e, b, base, haveBase == nil)
				if year == 0 {
					continue
				}
				out = append(out, DateMention{Start: k, End: end, Value: time.Date(year, time.Month(m), day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")})
			}
		}
	}
	return out
}

// monthAt reads a month name at token i, skipping a slash («/14/ أيلول»)
// and the word «من» («الثلاثين من حزيران»).
func monthAt(toks []Token, i, b int) (month, end int) {
	for i < b && (toks[i].Key == "/" || toks[i].Key == "من" || toks[i].Key == "of") {
		i++
	}
	if i >= b {
		return 0, i
	}
	if i+1 < b {
		if m, ok := twoWordMonths[[2]string{toks[i].Key, toks[i+1].Key}]; ok {
			return m, i + 2
		}
	}
	for _, l := range toks[i].Lights {
		if m, ok := months[l]; ok {
			return m, i + 1
		}
	}
	if m, ok := months[toks[i].Key]; ok {
		return m, i + 1
	}
	return 0, i
}

// yearAfter reads the year after a month: a number («عام 2012»), or الجاري /
// الماضي / the document's year.
func yearAfter(toks []Token, i, b int, base time.Time, haveBase bool) (year, end int) {
	j := i
	if j < b && (toks[j].Key == "عام" || toks[j].Key == "سنه" || toks[j].Key == ",") {
		j++
	}
	if j < b && toks[j].Kind == Num {
		if y, err := strconv.Atoi(toks[j].Key); err == nil && y > 1900 && y < 2200 {
			return y, j + 1
		}
	}
	if !haveBase {
		return 0, i
	}
	if i < b && (toks[i].Key == "الجاري" || toks[i].Key == "الحالي") {
		return base.Year(), i + 1
	}
	if i < b && toks[i].Key == "الماضي" {
		return base.Year(), i + 1 // a past month of this year; January's «الماضي» is rare enough
	}
	return base.Year(), i
}
