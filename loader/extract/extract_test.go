package extract_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/loader/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const (
	seedsDir  = "../../seeds"
	devsetDir = "../../eval/devset"
	worldDir  = "testdata/world"
	seedDoc   = "000_34de9ea8cd55db5f"
)

func readSeeds(tb testing.TB, dirs ...string) *loader.Seeds {
	tb.Helper()
	folders := make([]loader.Folder, len(dirs))
	for i, d := range dirs {
		folders[i] = loader.Dir(d)
	}
	s, err := loader.Read(folders...)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func document(tb testing.TB, s *loader.Seeds, id string) kg.AnnotatedDocument {
	tb.Helper()
	for _, d := range s.Documents {
		if d.Document.ID == id {
			return d
		}
	}
	tb.Fatalf("no document %s", id)
	return kg.AnnotatedDocument{}
}

// article reads one of the test articles of testdata/ with its metadata.
func article(tb testing.TB, name string) kg.Document {
	tb.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	doc := kg.Document{ID: name, Text: string(text)}
	if meta, err := os.ReadFile(filepath.Join("testdata", name+".meta.yaml")); err == nil {
		var m struct{ Lang, Date string }
		if err := yaml.Unmarshal(meta, &m); err != nil {
			tb.Fatal(err)
		}
		doc.Lang, doc.Date = m.Lang, m.Date
	}
	return doc
}

// TestSeedArticleFloor is a regression floor: the figures the rules reached
// on the seed article when this test was written (attribution 1.000, stance
// 0.945, strict 0.943). Raise the floor when the rules improve.
func TestSeedArticleFloor(t *testing.T) {
	s := readSeeds(t, seedsDir)
	d := document(t, s, seedDoc)
	sc := extract.Evaluate(d.Statements, extract.New(s.Catalogue).Document(d.Document).Statements)
	for _, c := range []struct {
		level string
		got   extract.Score
		floor float64
	}{
		{"attribution", sc.Attribution, 0.97},
		{"stance", sc.Stance, 0.93},
		{"strict", sc.Strict, 0.92},
	} {
		if c.got.F1() < c.floor {
			t.Errorf("%s F1 = %.3f (P %.3f, R %.3f), below the floor %.2f", c.level, c.got.F1(), c.got.P(), c.got.R(), c.floor)
		}
	}
}

// TestDevSetFloor is the same floor for the development set, when present
// (attribution 0.915, stance 0.703, strict 0.543 when written).
func TestDevSetFloor(t *testing.T) {
	if _, err := os.Stat(devsetDir); err != nil {
		t.Skip("no development set")
	}
	s := readSeeds(t, seedsDir, devsetDir)
	x := extract.New(s.Catalogue).WithRanker(nil) // the rules' own floor
	var sc extract.Scores
	for _, d := range s.Documents {
		if strings.HasPrefix(d.Document.ID, "dev") {
			sc = sc.Add(extract.Evaluate(d.Statements, x.Document(d.Document).Statements))
		}
	}
	if f := sc.Attribution.F1(); f < 0.90 {
		t.Errorf("attribution F1 = %.3f, below the floor 0.90", f)
	}
	if f := sc.Stance.F1(); f < 0.68 {
		t.Errorf("stance F1 = %.3f, below the floor 0.68", f)
	}
	if f := sc.Strict.F1(); f < 0.52 {
		t.Errorf("strict F1 = %.3f, below the floor 0.52", f)
	}
}

// TestDevSetGeneralisationFloor reads the development set knowing only the
// seeds' catalogue and the world layer, as an unseen article is read:
// speakers are matched to the curated ones by name. Floors at what the rules
// scored when written (attribution 0.61, stance 0.54, strict 0.43 on
// 2026-12-04), less a margin.
func TestDevSetGeneralisationFloor(t *testing.T) {
	if _, err := os.Stat(devsetDir); err != nil {
		t.Skip("no development set")
	}
	seeds := readSeeds(t, seedsDir)
	s := readSeeds(t, seedsDir, devsetDir)
	x := extract.New(seeds.Catalogue)
	gold := extract.ActorNames(s.Catalogue.Actors)
	var sc extract.Scores
	for _, d := range s.Documents {
		if strings.HasPrefix(d.Document.ID, "dev") {
			res := x.Document(d.Document)
			known := extract.ActorNames(append(append([]kg.Actor(nil), seeds.Catalogue.Actors...), res.NewActors...))
			sc = sc.Add(extract.Evaluate(d.Statements, extract.AlignSpeakers(res.Statements, res.Details, known, gold)))
		}
	}
	for _, c := range []struct {
		level string
		got   extract.Score
		floor float64
	}{{"attribution", sc.Attribution, 0.55}, {"stance", sc.Stance, 0.46}, {"strict", sc.Strict, 0.38}} {
		if c.got.F1() < c.floor {
			t.Errorf("%s F1 = %.3f (P %.3f, R %.3f), below the floor %.2f", c.level, c.got.F1(), c.got.P(), c.got.R(), c.floor)
		}
	}
}

// checkResult asserts what every extraction must satisfy: spans inside the
// text that slice to their text, cues inside them, confidence in (0, 1),
// the rules' method, a known predicate and polarity, speakers and targets.
func checkResult(t *testing.T, doc kg.Document, res extract.Result) {
	t.Helper()
	runes := []rune(doc.Text)
	if len(res.Details) != len(res.Statements) {
		t.Fatalf("%d details for %d statements", len(res.Details), len(res.Statements))
	}
	for _, st := range res.Statements {
		if st.Method != extract.Version || st.Confidence <= 0 || st.Confidence >= 1 {
			t.Errorf("%s: method %q confidence %v", st.ID, st.Method, st.Confidence)
		}
		if _, ok := kg.Predicates[st.Predicate]; !ok || !st.Polarity.Valid() || !kg.Modalities[st.Modality] {
			t.Errorf("%s: predicate %q polarity %q modality %q", st.ID, st.Predicate, st.Polarity, st.Modality)
		}
		if len(st.Speakers) == 0 || len(st.Targets) == 0 || len(st.Evidence) == 0 || st.Summary == "" {
			t.Errorf("%s: speakers %v targets %v evidence %d summary %q", st.ID, st.Speakers, st.Targets, len(st.Evidence), st.Summary)
		}
		for _, m := range st.Evidence {
			if m.Start < 0 || m.End <= m.Start || m.End > len(runes) || string(runes[m.Start:m.End]) != m.Text {
				t.Errorf("%s: span [%d,%d) does not slice to %q", st.ID, m.Start, m.End, m.Text)
			}
			if !strings.Contains(m.Text, m.Cue) || !kg.QuoteTypes[m.QuoteType] {
				t.Errorf("%s: cue %q quote type %q", st.ID, m.Cue, m.QuoteType)
			}
		}
	}
}

func TestEverySpanSlicesTheText(t *testing.T) {
	dirs := []string{seedsDir}
	if _, err := os.Stat(devsetDir); err == nil {
		dirs = append(dirs, devsetDir)
	}
	s := readSeeds(t, dirs...)
	x := extract.New(s.Catalogue)
	for _, d := range s.Documents {
		checkResult(t, d.Document, x.Document(d.Document))
	}
	w := extract.New(readSeeds(t, worldDir).Catalogue)
	for _, name := range []string{"bbc-style", "reuters-style", "english"} {
		doc := article(t, name)
		checkResult(t, doc, w.Document(doc))
	}
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./loader/extract -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run go test ./loader/extract -update if the change is intended)", path, i+1, g, w)
			}
		}
	}
}

// normalizeSample has what the normaliser must handle: harakat and tatweel,
// hamza forms, teh marbuta, alef maksura, Persian letters, Arabic-Indic
// digits, presentation forms, bidi marks, all quote styles, slashes around a
// name, numbers with separators and an English word with an apostrophe.
const normalizeSample = "أكّدَ الرئيـــس /فلاديمير بوتين/ إنّ «المنظمة» تدعم ﺑﻮﺗﻴﻦ یوم ٢٣ أيلول،\u200f وقالت: “لا” بـ\"الحوار\" 3.5 و14/9 Kerry's.\n\nسورية؟ مستشفى"

func TestGoldenNormalize(t *testing.T) {
	tx := extract.Normalize(normalizeSample)
	var b strings.Builder
	for _, tok := range tx.Tokens {
		fmt.Fprintf(&b, "%d-%d\t%s\t%q\t%s\t%s\t%s\tlines=%d\n", tok.Start, tok.End, tok.Kind, tx.Slice(tok.Start, tok.End), tok.Key, tok.Light, strings.Join(tok.Lights, ","), tok.Lines)
	}
	golden(t, "normalize.txt", b.String())
}

func TestGoldenSplit(t *testing.T) {
	for _, name := range []string{"seed", "bbc-style", "reuters-style", "english"} {
		var text string
		if name == "seed" {
			data, err := os.ReadFile(filepath.Join(seedsDir, "documents", seedDoc+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			text = string(data)
		} else {
			text = article(t, name).Text
		}
		d := extract.Split(text)
		var b strings.Builder
		for _, s := range d.Sentences {
			start, end := s.Span(&d.Text)
			flags := ""
			if s.Headline {
				flags += "H"
			}
			if s.Skip {
				flags += "S"
			}
			if s.Dateline > 0 {
				flags += fmt.Sprintf("D%d", s.Dateline)
			}
			fmt.Fprintf(&b, "p%d %-3s [%d,%d) %s\n", s.Para, flags, start, end, d.Slice(start, end))
		}
		golden(t, name+".split.txt", b.String())
	}
}

// render writes extracted statements for a golden file.
func render(res extract.Result) string {
	var b strings.Builder
	for i, st := range res.Statements {
		det := res.Details[i]
		var sp, tg []string
		for _, r := range det.Speakers {
			s := r.ID
			if r.New {
				s += "(new)"
			}
			sp = append(sp, s+"«"+r.Surface+"»")
		}
		for _, r := range det.Targets {
			tg = append(tg, r.ID)
		}
		fmt.Fprintf(&b, "%s %s %s %s → %s | event=%s date=%s modality=%s cameo=%s conf=%.2f how=%s from=%s\n",
			st.ID[strings.LastIndex(st.ID, ":")+1:], strings.Join(sp, "+"), st.Predicate, st.Polarity, strings.Join(tg, ", "),
			st.Event, st.Date, st.Modality, st.CAMEO, st.Confidence, det.How, det.From)
		for _, m := range st.Evidence {
			h := ""
			if m.Headline {
				h = " headline"
			}
			fmt.Fprintf(&b, "    [%d,%d) %s%s cue «%s»\n", m.Start, m.End, m.QuoteType, h, m.Cue)
		}
		fmt.Fprintf(&b, "    %s\n", st.Summary)
	}
	for _, a := range res.NewActors {
		fmt.Fprintf(&b, "new actor %s %q %q\n", a.ID, a.Name.Ar, a.Name.En)
	}
	for _, r := range res.Relations {
		fmt.Fprintf(&b, "position %s in %s %q [%d,%d)\n", r.From, r.To, r.Title.Ar+r.Title.En, r.Evidence[0].Start, r.Evidence[0].End)
	}
	return b.String()
}

func TestGoldenExtract(t *testing.T) {
	s := readSeeds(t, seedsDir)
	golden(t, "seed.extract.txt", render(extract.New(s.Catalogue).Document(document(t, s, seedDoc).Document)))
	w := extract.New(readSeeds(t, worldDir).Catalogue)
	for _, name := range []string{"bbc-style", "reuters-style", "english"} {
		golden(t, name+".extract.txt", render(w.Document(article(t, name))))
	}
}

func TestKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"أكّدَ", "اكد"},
		{"إنّ", "ان"},
		{"آذار", "اذار"},
		{"مؤكداً", "مؤكدا"},
		{"سورية", "سوريه"},
		{"مستشفى", "مستشفي"},
		{"الرئيـــس", "الرئيس"},
		{"ﺑﻮﺗﻴﻦ", "بوتين"},
		{"ی", "ي"},
		{"٢٠١٣", "2013"},
		{"۱۴", "14"},
		{"Kerry's", "kerry's"},
		{"\u200fبوتين\u200e", "بوتين"},
	} {
		if got := extract.Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	for _, c := range []struct {
		text, date string
		want       []string
	}{
		{"بحث لافروف أمس مع كيري", "2013-09-23", []string{"2013-09-22"}},
		{"يناقشون غدا الوضع", "2013-09-23", []string{"2013-09-24"}},
		{"سيعقد يوم غد اجتماعا", "2013-09-23", []string{"2013-09-24"}},
		{"المبرمة في جنيف يوم /14/ أيلول الجاري", "2013-09-23", []string{"2013-09-14"}},
		{"الموقعة بتاريخ /17/أيار عام 1992", "2013-09-23", []string{"1992-05-17"}},
		{"في 21 أبريل الماضي", "2013-05-01", []string{"2013-04-21"}},
		{"في 3 تشرين الأول", "2013-11-02", []string{"2013-10-03"}},
		{"يوم 14 جوان 2012", "", []string{"2012-06-14"}},
		{"قال الأحد", "2013-09-23", []string{"2013-09-22"}}, // 23 Sept 2013 was a Monday
		{"أشار في وقت سابق", "2013-09-23", []string{"2013-09"}},
		{"said on Monday", "2013-09-25", []string{"2013-09-23"}},
		{"on 14 September", "2013-09-25", []string{"2013-09-14"}},
		{"اليوم", "", nil},
	} {
		d := extract.Split(c.text)
		var got []string
		for _, m := range extract.Dates(d, 0, len(d.Tokens), c.date) {
			got = append(got, m.Value)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("Dates(%q, %s) = %v, want %v", c.text, c.date, got, c.want)
		}
	}
}

// TestPatterns checks one attribution pattern per case against the small
// catalogue of testdata/world: who speaks, with which predicate and polarity.
func TestPatterns(t *testing.T) {
	x := extract.New(readSeeds(t, worldDir).Catalogue)
	for _, c := range []struct {
		name, lang, text string
		want             []string // speakers predicate polarity, in order
	}{
		{"VSO with إن", "ar", "وقال لافروف إن التدخل العسكري في سوريا أمر غير مقبول.", []string{"sergey-lavrov REJECT against"}},
		{"SVO with كان", "ar", "وكان لافروف أعلن أن موسكو تدعم الحل السياسي.", []string{"sergey-lavrov SUPPORT favor"}},
		{"continuation keeps the speaker", "ar", "قال لافروف إن روسيا تدعم الحل السياسي.\nوأضاف أن التدخل العسكري سيؤدي إلى زعزعة الاستقرار.",
			[]string{"sergey-lavrov SUPPORT favor", "sergey-lavrov WARN against"}},
		{"participle", "ar", "أكد لافروف أن الحل السياسي ممكن، مشددا على ضرورة وقف العنف.", []string{"sergey-lavrov ASSERT neutral", "sergey-lavrov CALL_FOR against"}},
		{"light verb", "ar", "وأعرب لافروف عن قلقه إزاء الأوضاع الإنسانية في سوريا.", []string{"sergey-lavrov CONCERN against"}},
		{"declined to comment", "ar", "ورفض لافروف التعليق على الحل السياسي.", []string{"sergey-lavrov DECLINE_COMMENT neutral"}},
		{"call to stop is against", "ar", "ودعت الأمم المتحدة إلى وقف التدخل العسكري في سوريا.", []string{"united-nations CALL_FOR against"}},
		{"channel: نقل X عن Y", "ar", "ونقلت وكالة الأنباء عن لافروف قوله إن موسكو ترفض التدخل العسكري.", []string{"sergey-lavrov REJECT against"}},
		{"according to", "ar", "وبحسب الخارجية الروسية فإن موسكو ترفض التدخل العسكري في سوريا.", []string{"russian-foreign-ministry REJECT against"}},
		{"من جانبه and head-noun coreference", "ar", "أعلنت وزارة الخارجية الروسية دعمها للحل السياسي.\nمن جانبها، حذرت الوزارة من التدخل العسكري.",
			[]string{"russian-foreign-ministry SUPPORT favor", "russian-foreign-ministry WARN against"}},
		{"joint speakers and الجانبان", "ar", "وأكدت روسيا وإيران دعمهما للحل السياسي.\nوأعرب الجانبان عن قلقهما من التدخل العسكري.",
			[]string{"iran+russia SUPPORT favor", "iran+russia CONCERN against"}},
		{"headline X: …", "ar", "لافروف: نرفض التدخل العسكري في سوريا\n\nقال لافروف إن روسيا ترفض التدخل العسكري.", []string{"sergey-lavrov REJECT against"}},
		{"negation is noted", "ar", "ولم تدن الأمم المتحدة التدخل العسكري.", []string{"united-nations CONDEMN against negated"}},
		{"anonymous sources speak as one actor", "ar", "وقالت مصادر إن الحل السياسي بعيد.", []string{"unnamed-sources ASSERT neutral"}},
		{"analysts are left out", "ar", "وقال محللون إن الحل السياسي بعيد.", nil},
		{"English SVO", "en", "Lavrov said that Russia rejects any military intervention.", []string{"sergey-lavrov REJECT against"}},
		{"English inversion", "en", "\"We support a political solution,\" said Lavrov.", []string{"sergey-lavrov SUPPORT favor"}},
		{"English pronoun", "en", "Lavrov spoke in Moscow.\nHe warned against a military intervention.", []string{"sergey-lavrov WARN against"}},
		{"English light verb", "en", "The United Nations expressed concern about the humanitarian situation.", []string{"united-nations CONCERN against"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := kg.Document{ID: "t", Lang: c.lang, Date: "2013-09-23", Text: c.text}
			res := x.Document(doc)
			checkResult(t, doc, res)
			var got []string
			for _, st := range res.Statements {
				s := strings.Join(sorted(st.Speakers), "+") + " " + string(st.Predicate) + " " + string(st.Polarity)
				if st.Modality == "negated" {
					s += " negated"
				}
				got = append(got, s)
			}
			if strings.Join(got, "; ") != strings.Join(c.want, "; ") {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func sorted(ss []string) []string {
	out := append([]string(nil), ss...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestNewPerson checks that a title and a name the catalogue lacks make a
// new person, with the position the title states, that later mentions of the
// surname reach it, and that common words after a title do not.
func TestNewPerson(t *testing.T) {
	x := extract.New(readSeeds(t, worldDir).Catalogue)
	doc := kg.Document{ID: "t", Lang: "ar", Date: "2013-09-23", Text: "قال وزير الخارجية الإيراني محمد جواد ظريف إن طهران ترفض الشروط المسبقة.\n" +
		"وأضاف ظريف أن بلاده ترحب بالحوار.\nوقال الأمين العام منذ تأسيسها إن الحوار مهم."}
	res := x.Document(doc)
	checkResult(t, doc, res)
	if len(res.NewActors) != 1 || res.NewActors[0].Name.Ar != "محمد جواد ظريف" || res.NewActors[0].Kind != kg.Person {
		t.Fatalf("new actors = %+v, want محمد جواد ظريف only", res.NewActors)
	}
	id := res.NewActors[0].ID
	if len(res.Relations) != 1 || res.Relations[0].From != id || res.Relations[0].To != "iran" || res.Relations[0].Type != kg.HoldsPosition {
		t.Errorf("positions = %+v, want %s in iran", res.Relations, id)
	}
	n := 0
	for i, st := range res.Statements {
		if len(st.Speakers) == 1 && st.Speakers[0] == id {
			n++
			if !res.Details[i].Speakers[0].New {
				t.Errorf("speaker of %s not marked new", st.ID)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d statements by %s, want 2 (the surname later resolves to him)", n, id)
	}
}

func TestSpanMatch(t *testing.T) {
	for _, c := range []struct {
		a, b [2]int
		want bool
	}{
		{[2]int{0, 100}, [2]int{0, 100}, true},
		{[2]int{0, 100}, [2]int{10, 60}, true},   // a clause of the sentence
		{[2]int{0, 100}, [2]int{90, 200}, false}, // the next sentence
		{[2]int{0, 10}, [2]int{10, 20}, false},
	} {
		if got := extract.SpanMatch(c.a[0], c.a[1], c.b[0], c.b[1]); got != c.want {
			t.Errorf("SpanMatch(%v, %v) = %v", c.a, c.b, got)
		}
	}
}

func TestEvaluateCountsUnitsOnce(t *testing.T) {
	m := func(s, e int) []kg.Mention { return []kg.Mention{{Start: s, End: e}} }
	gold := []kg.Statement{
		{Speakers: []string{"a"}, Predicate: "SUPPORT", Polarity: kg.Favor, Evidence: m(0, 10)},
		{Speakers: []string{"a"}, Predicate: "SUPPORT", Polarity: kg.Favor, Evidence: m(0, 10)}, // another target: same unit
		{Speakers: []string{"b"}, Predicate: "WARN", Polarity: kg.Against, Evidence: append(m(20, 30), kg.Mention{Start: 40, End: 50})},
	}
	pred := []kg.Statement{
		{Speakers: []string{"a"}, Predicate: "SUPPORT", Polarity: kg.Favor, Evidence: m(0, 10)},
		{Speakers: []string{"b"}, Predicate: "ASSERT", Polarity: kg.Against, Evidence: m(20, 30)},
	}
	sc := extract.Evaluate(gold, pred)
	if sc.Attribution != (extract.Score{Gold: 3, Pred: 2, Matched: 2}) || sc.Stance.Matched != 2 || sc.Strict.Matched != 1 {
		t.Errorf("scores = %+v", sc)
	}
	if len(sc.Missed) != 2 || len(sc.Spurious) != 1 {
		t.Errorf("missed %v spurious %v", sc.Missed, sc.Spurious)
	}
}

func BenchmarkExtractSeedArticle(b *testing.B) {
	s := readSeeds(b, seedsDir)
	x := extract.New(s.Catalogue)
	doc := document(b, s, seedDoc).Document
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		x.Document(doc)
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add(normalizeSample)
	f.Add("")
	f.Add("\u200f/")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		tx := extract.Normalize(s)
		n := len(tx.Runes)
		prev := 0
		for _, tok := range tx.Tokens {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > n {
				t.Fatalf("token [%d,%d) out of order or outside %d code points", tok.Start, tok.End, n)
			}
			prev = tok.End
			if tok.Kind == extract.Word && tok.Key == "" && strings.TrimSpace(tx.Slice(tok.Start, tok.End)) == "" {
				t.Fatalf("empty word at [%d,%d)", tok.Start, tok.End)
			}
		}
		d := extract.Split(s)
		for _, sent := range d.Sentences {
			a, b := sent.Span(&d.Text)
			if a < 0 || b > n || a >= b {
				t.Fatalf("sentence span [%d,%d) outside %d", a, b, n)
			}
		}
	})
}

func FuzzExtract(f *testing.F) {
	s := readSeeds(f, seedsDir)
	x := extract.New(s.Catalogue)
	f.Add(document(f, s, seedDoc).Document.Text, "ar")
	f.Add("وقال لافروف: \"«»", "ar")
	f.Add("\"Lavrov said,\" said Putin", "en")
	f.Fuzz(func(t *testing.T, text, lang string) {
		if !utf8.ValidString(text) {
			return
		}
		doc := kg.Document{ID: "f", Lang: lang, Date: "2013-09-23", Text: text}
		res := x.Document(doc)
		runes := []rune(text)
		for _, st := range res.Statements {
			for _, m := range st.Evidence {
				if m.Start < 0 || m.End <= m.Start || m.End > len(runes) || string(runes[m.Start:m.End]) != m.Text {
					t.Fatalf("span [%d,%d) does not slice to %q", m.Start, m.End, m.Text)
				}
			}
		}
	})
}
