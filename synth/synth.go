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
	"github.com/whosaid/whosaid/seedformat"
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
	var c seedformat.Catalogue
	for i, a := range actors {
		e := seedformat.Actor{ID: a.id, Kind: a.kind, Name: seedformat.Names{En: a.en, Ar: a.ar}}
		if a.kind == "country" {
			e.ISO = iso(i)
		}
		c.Actors = append(c.Actors, e)
	}
	// The random draws come in the order they always did, so a seed gives
	// the corpus it always gave.
	for i := 0; i < nTopics; i++ {
		t := seedformat.Topic{ID: fmt.Sprintf("t%04d", i), Label: seedformat.Names{En: fmt.Sprintf("topic %d", i), Ar: fmt.Sprintf("القضية %d", i)}}
		if i >= 10 {
			t.Broader = []string{fmt.Sprintf("t%04d", rng.IntN(min(i, 10+i/10)))}
		}
		c.Topics = append(c.Topics, t)
	}
	for i := 0; i < nCountries; i++ {
		c.Places = append(c.Places, seedformat.Place{ID: fmt.Sprintf("p%04d", i),
			Name: seedformat.Names{En: "Capital of " + actors[i].en, Ar: "عاصمة " + actors[i].ar}, Country: actors[i].id})
	}
	for i := 0; i < nEvents; i++ {
		d := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(3650)).Format("2006-01-02")
		place := rng.IntN(nCountries)
		country := actors[rng.IntN(nCountries)].id
		other := actors[nCountries+rng.IntN(len(actors)-nCountries)].id
		c.Events = append(c.Events, seedformat.Event{ID: fmt.Sprintf("e%04d", i), Kind: "summit",
			Name: seedformat.Names{En: fmt.Sprintf("meeting %d", i), Ar: fmt.Sprintf("الاجتماع %d", i)},
			Date: d, Place: fmt.Sprintf("p%04d", place), Participants: []string{country, other}})
	}
	for i := 0; i < nCountries; i++ {
		for _, j := range []int{nCountries, nCountries + 3} { // the first organisations are blocs
			if j < len(actors) && actors[j].kind == "organisation" && rng.IntN(3) == 0 {
				c.Memberships = append(c.Memberships, seedformat.Membership{Member: actors[i].id, Organisation: actors[j].id, From: "2005"})
			}
		}
	}
	for _, a := range actors {
		if a.kind == "organisation" {
			c.PartOf = append(c.PartOf, seedformat.PartOf{Part: a.id, Whole: actors[a.country].id})
		}
	}
	for _, a := range actors {
		if a.kind == "person" && rng.IntN(2) == 0 {
			c.Positions = append(c.Positions, seedformat.Position{Person: a.id, In: actors[a.country].id,
				Title: seedformat.Names{En: "Minister", Ar: "الوزير"}, From: "2010-01-01"})
		}
	}
	return writeFile(filepath.Join(dir, "catalogue", "catalogue.yaml"), c, "Synthetic catalogue written by `whosaid synth`; not real entities.")
}

func iso(i int) string {
	return string([]byte{byte('A' + i/676%26), byte('A' + i/26%26), byte('A' + i%26)})
}

// writeDocument writes one article of n statements: each sentence names its
// speaker(s), a cue and a target, and the annotation gives its exact span.
func writeDocument(dir string, rng *rand.Rand, k int, date string, n int, speaker func() actor, actors []actor, nTopics, nEvents int) error {
	id := fmt.Sprintf("d%07d", k)
	var text strings.Builder
	runes := 0
	write := func(s string) {
		text.WriteString(s)
		runes += len([]rune(s))
	}
	title := fmt.Sprintf("تصريحات حول القضية %d", rng.IntN(nTopics))
	write(title + "\n\n")
	ann := seedformat.Annotation{Document: id, Annotator: "whosaid synth"}
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
		speakers := []string{sp.id}
		if joint {
			who += " و" + sp2.ar
			speakers = append(speakers, sp2.id)
		}
		sentence := fmt.Sprintf("%s %s القضية %d في الاجتماع %d", c.ar, who, topic, event)
		start := runes
		write(sentence)
		end := runes
		write(".\n\n")
		ann.Statements = append(ann.Statements, seedformat.Statement{
			ID: fmt.Sprintf("s%d", i+1), Speakers: speakers, Predicate: string(c.pred), Polarity: string(c.pol),
			Targets: []string{fmt.Sprintf("t%04d", topic)}, Event: fmt.Sprintf("e%04d", event), Date: date,
			Summary:  fmt.Sprintf("%s %s topic %d", sp.en, strings.ToLower(string(c.pred)), topic),
			Evidence: []seedformat.Span{{Start: &start, End: &end, Text: sentence, Cue: strings.Fields(c.ar)[0], QuoteType: "indirect"}},
		})
	}
	if err := os.WriteFile(filepath.Join(dir, "documents", id+".txt"), []byte(text.String()), 0o644); err != nil {
		return err
	}
	meta := seedformat.Meta{ID: id, Title: title, Lang: "ar", Date: date, Source: "whosaid synth (synthetic)", Licence: "CC0-1.0"}
	if err := writeFile(filepath.Join(dir, "documents", id+".meta.yaml"), meta, ""); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "annotations", id+".yaml"), ann, "")
}

// writeFile writes a seed file.
func writeFile(path string, v any, comment string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := seedformat.Write(w, v, comment); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
