// Package synth writes synthetic corpora in the seed format (catalogue,
// documents, annotations) at any size, for load and query benchmarks. The
// shape imitates years of agency copy: a few thousand actors of whom a few
// speak constantly (Zipf-distributed), hundreds of topics in a hierarchy and
// of events, joint statements, memberships and positions, Arabic and English
// names, dates over ten years. The same seed always gives the same corpus.
package synth

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/whosaid/whosaid/kg"
)

// Options size a corpus.
type Options struct {
	Statements int    // total statements
	Seed       uint64 // same seed, same corpus
	Dir        string // output folder (created)
}

// Summary says what was written.
type Summary struct {
	Actors, Topics, Events, Places, Documents, Statements int
}

// Arabic building blocks for names and sentences. Names are made of
// syllables so there are thousands of distinct ones.
var (
	arSyllables = []string{"سا", "مي", "رو", "كا", "لي", "نو", "دا", "فا", "زي", "طا", "با", "حا", "عا", "قو", "شي", "ما", "جو", "را", "يو", "لا"}
	enSyllables = []string{"sa", "mi", "ro", "ka", "li", "no", "da", "fa", "zi", "ta", "ba", "ha", "a", "qo", "shi", "ma", "jo", "ra", "yo", "la"}
	cues        = []struct {
		pred kg.Predicate
		pol  kg.Polarity
		ar   string
	}{
		{"ASSERT", kg.Neutral, "وقال"}, {"SUPPORT", kg.Favor, "وأكد دعمه"}, {"REJECT", kg.Against, "ورفض"},
		{"CONDEMN", kg.Against, "وأدان"}, {"WARN", kg.Against, "وحذر من"}, {"CALL_FOR", kg.Favor, "ودعا إلى"},
		{"WELCOME", kg.Favor, "ورحب"}, {"OPPOSE", kg.Against, "وعارض"}, {"CONCERN", kg.Against, "وأعرب عن قلقه إزاء"},
		{"PRAISE", kg.Favor, "وأشاد"}, {"HOPE", kg.Favor, "وأعرب عن أمله في"}, {"ANNOUNCE", kg.Neutral, "وأعلن"},
		{"DEMAND", kg.Favor, "وطالب"}, {"ACCUSE", kg.Against, "واتهم"}, {"DENY", kg.Against, "ونفى"}, {"COMMIT", kg.Favor, "وتعهد"},
	}
	orgWords = []struct{ ar, en string }{{"وزارة", "Ministry"}, {"حزب", "Party"}, {"مجلس", "Council"}, {"منظمة", "Organisation"}, {"لجنة", "Committee"}}
)

type actor struct {
	id, kind, en, ar string
	country          int // index of its country (organisations, persons)
}

// Write generates the corpus into opt.Dir.
func Write(opt Options) (Summary, error) {
	if opt.Statements <= 0 {
		return Summary{}, fmt.Errorf("synth: --statements must be positive")
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	for _, d := range []string{"catalogue", "documents", "annotations"} {
		if err := os.MkdirAll(filepath.Join(opt.Dir, d), 0o755); err != nil {
			return Summary{}, err
		}
	}
	// Sizes grow slowly with the corpus, as they do in real archives.
	nActors := clamp(opt.Statements/200, 200, 4000)
	nTopics := clamp(opt.Statements/2000, 40, 600)
	nEvents := clamp(opt.Statements/1000, 30, 900)
	nCountries := clamp(nActors/20, 20, 190)

	name := func(n int) (string, string) {
		var ar, en strings.Builder
		for i := 0; i < n; i++ {
			k := rng.IntN(len(arSyllables))
			ar.WriteString(arSyllables[k])
			en.WriteString(enSyllables[k])
		}
		e := en.String()
		return strings.ToUpper(e[:1]) + e[1:], ar.String()
	}
	actors := make([]actor, 0, nActors)
	for i := 0; i < nActors; i++ {
		a := actor{id: fmt.Sprintf("a%05d", i)}
		switch {
		case i < nCountries:
			a.kind = "country"
			a.en, a.ar = name(3)
			a.en += "ia"
			a.ar += "يا"
		case i%3 == 0:
			a.kind = "organisation"
			w := orgWords[rng.IntN(len(orgWords))]
			en, ar := name(3)
			a.en, a.ar = w.en+" of "+en, w.ar+" "+ar
			a.country = rng.IntN(nCountries)
		default:
			a.kind = "person"
			f, fa := name(2)
			l, la := name(3)
			a.en, a.ar = f+" "+l, fa+" "+la
			a.country = rng.IntN(nCountries)
		}
		actors = append(actors, a)
	}
	if err := writeCatalogue(opt.Dir, rng, actors, nCountries, nTopics, nEvents); err != nil {
		return Summary{}, err
	}

	// Zipf over non-country actors: a few heads speak constantly.
	zipf := rand.NewZipf(rand.New(rand.NewPCG(opt.Seed+1, opt.Seed+2)), 1.15, 4, uint64(nActors-1))
	speaker := func() actor { return actors[int(zipf.Uint64())] }
	start := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	sum := Summary{Actors: nActors, Topics: nTopics, Events: nEvents, Places: nCountries}
	for written := 0; written < opt.Statements; sum.Documents++ {
		n := min(5+rng.IntN(36), opt.Statements-written) // 5–40 statements a document
		date := start.AddDate(0, 0, rng.IntN(3650)).Format("2006-01-02")
		if err := writeDocument(opt.Dir, rng, sum.Documents, date, n, speaker, actors, nTopics, nEvents); err != nil {
			return sum, err
		}
		written += n
		sum.Statements += n
	}
	return sum, nil
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

func writeCatalogue(dir string, rng *rand.Rand, actors []actor, nCountries, nTopics, nEvents int) error {
	f, w, err := create(filepath.Join(dir, "catalogue", "catalogue.yaml"))
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintln(w, "# Synthetic catalogue written by `whosaid synth`; not real entities.")
	fmt.Fprintln(w, "actors:")
	for i, a := range actors {
		fmt.Fprintf(w, "  - {id: %s, kind: %s, name: {en: %q, ar: %q}", a.id, a.kind, a.en, a.ar)
		if a.kind == "country" {
			fmt.Fprintf(w, ", iso: %s", iso(i))
		}
		fmt.Fprintln(w, "}")
	}
	fmt.Fprintln(w, "topics:")
	for i := 0; i < nTopics; i++ {
		fmt.Fprintf(w, "  - {id: t%04d, label: {en: \"topic %d\", ar: \"القضية %d\"}", i, i, i)
		if i >= 10 {
			fmt.Fprintf(w, ", broader: [t%04d]", rng.IntN(min(i, 10+i/10)))
		}
		fmt.Fprintln(w, "}")
	}
	fmt.Fprintln(w, "places:")
	for i := 0; i < nCountries; i++ {
		fmt.Fprintf(w, "  - {id: p%04d, name: {en: \"Capital of %s\", ar: \"عاصمة %s\"}, country: %s}\n", i, actors[i].en, actors[i].ar, actors[i].id)
	}
	fmt.Fprintln(w, "events:")
	for i := 0; i < nEvents; i++ {
		d := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(3650)).Format("2006-01-02")
		fmt.Fprintf(w, "  - {id: e%04d, kind: summit, name: {en: \"meeting %d\", ar: \"الاجتماع %d\"}, date: %s, place: p%04d, participants: [%s, %s]}\n",
			i, i, i, d, rng.IntN(nCountries), actors[rng.IntN(nCountries)].id, actors[nCountries+rng.IntN(len(actors)-nCountries)].id)
	}
	fmt.Fprintln(w, "memberships:")
	for i := 0; i < nCountries; i++ {
		for _, j := range []int{nCountries, nCountries + 3} { // the first organisations are blocs
			if j < len(actors) && actors[j].kind == "organisation" && rng.IntN(3) == 0 {
				fmt.Fprintf(w, "  - {member: %s, organisation: %s, from: \"2005\"}\n", actors[i].id, actors[j].id)
			}
		}
	}
	fmt.Fprintln(w, "partOf:")
	for _, a := range actors {
		if a.kind == "organisation" {
			fmt.Fprintf(w, "  - {part: %s, whole: %s}\n", a.id, actors[a.country].id)
		}
	}
	fmt.Fprintln(w, "positions:")
	for _, a := range actors {
		if a.kind == "person" && rng.IntN(2) == 0 {
			fmt.Fprintf(w, "  - {person: %s, in: %s, title: {en: Minister, ar: الوزير}, from: \"2010-01-01\"}\n", a.id, actors[a.country].id)
		}
	}
	return w.Flush()
}

func iso(i int) string {
	return string([]byte{byte('A' + i/676%26), byte('A' + i/26%26), byte('A' + i%26)})
}

// writeDocument writes one article of n statements: each sentence names its
// speaker(s), a cue and a target, and the annotation gives its exact span.
func writeDocument(dir string, rng *rand.Rand, k int, date string, n int, speaker func() actor, actors []actor, nTopics, nEvents int) error {
	id := fmt.Sprintf("d%07d", k)
	var text strings.Builder
	type span struct {
		start, end int
		sentence   string
		cue        string
	}
	runes := 0
	write := func(s string) {
		text.WriteString(s)
		runes += len([]rune(s))
	}
	title := fmt.Sprintf("تصريحات حول القضية %d", rng.IntN(nTopics))
	write(title + "\n\n")
	var ann strings.Builder
	fmt.Fprintf(&ann, "document: %s\nannotator: whosaid synth\nstatements:\n", id)
	event := rng.IntN(nEvents)
	for i := 0; i < n; i++ {
		sp := speaker()
		joint := rng.IntN(20) == 0
		var sp2 actor
		if joint {
			sp2 = speaker()
			joint = sp2.id != sp.id
		}
		c := cues[rng.IntN(len(cues))]
		topic := rng.IntN(nTopics)
		who := sp.ar
		speakers := sp.id
		if joint {
			who += " و" + sp2.ar
			speakers += ", " + sp2.id
		}
		sentence := fmt.Sprintf("%s %s القضية %d في الاجتماع %d", c.ar, who, topic, event)
		s := span{start: runes, sentence: sentence, cue: strings.Fields(c.ar)[0]}
		write(sentence)
		s.end = runes
		write(".\n\n")
		fmt.Fprintf(&ann, "  - id: s%d\n    speakers: [%s]\n    predicate: %s\n    polarity: %s\n    targets: [t%04d]\n    event: e%04d\n    date: %s\n    summary: \"%s %s topic %d\"\n    evidence: [{start: %d, end: %d, text: %q, cue: %q, quoteType: indirect}]\n",
			i+1, speakers, c.pred, c.pol, topic, event, date, sp.en, strings.ToLower(string(c.pred)), topic, s.start, s.end, s.sentence, s.cue)
	}
	if err := os.WriteFile(filepath.Join(dir, "documents", id+".txt"), []byte(text.String()), 0o644); err != nil {
		return err
	}
	meta := fmt.Sprintf("id: %s\ntitle: %q\nlang: ar\ndate: %s\nsource: whosaid synth (synthetic)\nlicence: CC0-1.0\n", id, title, date)
	if err := os.WriteFile(filepath.Join(dir, "documents", id+".meta.yaml"), []byte(meta), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "annotations", id+".yaml"), []byte(ann.String()), 0o644)
}

func create(path string) (*os.File, *bufio.Writer, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, bufio.NewWriterSize(f, 1<<20), nil
}
