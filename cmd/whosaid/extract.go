package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/loader/extract"
)

const extractUsage = `usage: whosaid extract [--format jsonl|yaml] [--seeds DIR] [--new-actors FILE] FILE...

Reads each article (UTF-8 text; its <name>.meta.yaml beside it, when present,
gives id, lang and date) and prints the statements the rules (` + extract.Version + `)
find in it, with the catalogue of the seed folder naming actors, topics and
events. Offsets are Unicode code points of the file's text; text is that slice.

  --format jsonl   one JSON object per statement (default)
  --format yaml    an annotation file in the seeds format, for a researcher to
                   review and then load as curated annotations; one YAML
                   document per article
  --new-actors F   with yaml: write the persons the rules found that the
                   catalogue lacks to F as a catalogue file (put it in
                   catalogue/ so the annotation loads); without it they are
                   listed as comments
`

func runExtract(_ context.Context, args []string, _ func(string) string, stdout, stderr io.Writer, _ *slog.Logger) error {
	fs := newFlagSet("extract", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, extractUsage) }
	format := fs.String("format", "jsonl", "jsonl or yaml")
	seedsDir := fs.String("seeds", "seeds", "seed folder whose catalogue is used")
	newActorsFile := fs.String("new-actors", "", "with --format yaml: write new persons to this catalogue file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "yaml" {
		return fmt.Errorf("extract: --format must be jsonl or yaml, not %q", *format)
	}
	files := fs.Args()
	if len(files) == 0 {
		fs.Usage()
		return errors.New("extract: no file given")
	}
	// Only the catalogue: the articles of the seed folder are not read (nor
	// extracted) to extract FILE.
	cat, err := loader.ReadCatalogue(loader.Dir(*seedsDir))
	if err != nil {
		return err
	}
	x := extract.New(cat)
	var newActors []kg.Actor
	var newTopics []kg.Topic
	for i, file := range files {
		doc, err := readArticle(file)
		if err != nil {
			return err
		}
		res := x.Document(doc)
		switch *format {
		case "jsonl":
			err = writeJSONL(stdout, doc, res)
		case "yaml":
			if i > 0 {
				fmt.Fprintln(stdout, "---")
			}
			err = writeAnnotation(stdout, doc, res, *newActorsFile == "")
		}
		if err != nil {
			return err
		}
		if len(res.NewActors)+len(res.NewTopics) > 0 {
			// Later articles know these persons and phrases by name.
			newActors = append(newActors, res.NewActors...)
			newTopics = append(newTopics, res.NewTopics...)
			cat.Actors = append(cat.Actors, res.NewActors...)
			cat.Topics = append(cat.Topics, res.NewTopics...)
			x = extract.New(cat)
		}
	}
	if *newActorsFile != "" && *format == "yaml" {
		return writeNewActors(*newActorsFile, newActors, newTopics)
	}
	return nil
}

var docIDChars = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// readArticle reads a text file and, when it exists, the .meta.yaml beside
// it (the seed format's metadata: id, title, lang, date).
func readArticle(path string) (kg.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return kg.Document{}, err
	}
	if !utf8.Valid(data) {
		return kg.Document{}, fmt.Errorf("%s: not valid UTF-8", path)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	doc := kg.Document{ID: strings.Trim(docIDChars.ReplaceAllString(base, "-"), "-._"), Text: string(data)}
	meta := strings.TrimSuffix(path, filepath.Ext(path)) + ".meta.yaml"
	if m, err := os.ReadFile(meta); err == nil {
		var md struct {
			ID, Title, Lang, Date string
		}
		if err := yaml.Unmarshal(m, &md); err != nil {
			return kg.Document{}, fmt.Errorf("%s: %v", meta, err)
		}
		if md.ID != "" {
			doc.ID = md.ID
		}
		doc.Title, doc.Lang, doc.Date = md.Title, md.Lang, md.Date
	}
	if doc.ID == "" {
		doc.ID = "doc"
	}
	return doc, nil
}

// jsonSpeaker is a speaker as the text names it: surface is the words that
// name it (for a continuation, the antecedent's), start and end their code
// points, resolved how it was found.
type jsonSpeaker struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	NameAr   string `json:"name_ar"`
	Surface  string `json:"surface"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Kind     string `json:"kind"`
	New      bool   `json:"new"`
	Resolved string `json:"resolved"`
}

type jsonTarget struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Surface string `json:"surface"`
	Kind    string `json:"kind"`
}

type jsonSpan struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
	Cue       string `json:"cue,omitempty"`
	QuoteType string `json:"quote_type"`
	Headline  bool   `json:"headline,omitempty"`
}

type jsonStatement struct {
	Doc        string        `json:"doc"`
	ID         string        `json:"id"`
	Speakers   []jsonSpeaker `json:"speakers"`
	Predicate  string        `json:"predicate"`
	Polarity   string        `json:"polarity"`
	Targets    []jsonTarget  `json:"targets"`
	Event      string        `json:"event,omitempty"`
	Date       string        `json:"date,omitempty"`
	Modality   string        `json:"modality"`
	CAMEO      string        `json:"cameo"`
	Cue        string        `json:"cue"`
	QuoteType  string        `json:"quote_type"`
	Headline   bool          `json:"headline"`
	Start      int           `json:"start"`
	End        int           `json:"end"`
	Text       string        `json:"text"`
	More       []jsonSpan    `json:"more_evidence,omitempty"`
	SummaryEn  string        `json:"summary_en"`
	Confidence float64       `json:"confidence"`
	Method     string        `json:"method"`
	How        string        `json:"speaker_resolved_by"`
}

func writeJSONL(w io.Writer, doc kg.Document, res extract.Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, st := range res.Statements {
		det := res.Details[i]
		m := st.Evidence[0]
		js := jsonStatement{Doc: doc.ID, ID: st.ID, Predicate: string(st.Predicate), Polarity: string(st.Polarity),
			Event: st.Event, Date: st.Date, Modality: st.Modality, CAMEO: st.CAMEO, Cue: m.Cue, QuoteType: string(m.QuoteType),
			Headline: m.Headline, Start: m.Start, End: m.End, Text: m.Text, SummaryEn: st.Summary, Confidence: st.Confidence,
			Method: st.Method, How: det.How, Speakers: []jsonSpeaker{}, Targets: []jsonTarget{}}
		for _, r := range det.Speakers {
			js.Speakers = append(js.Speakers, jsonSpeaker{ID: r.ID, Name: r.Name, NameAr: r.NameAr, Surface: r.Surface, Start: r.Start, End: r.End,
				Kind: r.Kind, New: r.New, Resolved: det.Resolved(m.Headline)})
		}
		for _, r := range det.Targets {
			js.Targets = append(js.Targets, jsonTarget{ID: r.ID, Name: r.Name, Surface: r.Surface, Kind: r.Kind})
		}
		for _, e := range st.Evidence[1:] {
			js.More = append(js.More, jsonSpan{Start: e.Start, End: e.End, Text: e.Text, Cue: e.Cue, QuoteType: string(e.QuoteType), Headline: e.Headline})
		}
		if err := enc.Encode(js); err != nil {
			return err
		}
	}
	return nil
}

// The seed annotation format (seeds/README.md §3.5), for --format yaml.
type yamlAnnotation struct {
	Document   string          `yaml:"document"`
	Annotator  string          `yaml:"annotator"`
	Notes      string          `yaml:"notes"`
	Statements []yamlStatement `yaml:"statements"`
	Positions  []yamlPosition  `yaml:"positions,omitempty"`
}

type yamlStatement struct {
	ID         string     `yaml:"id"`
	Speakers   []string   `yaml:"speakers,flow"`
	Predicate  string     `yaml:"predicate"`
	Polarity   string     `yaml:"polarity"`
	Targets    []string   `yaml:"targets,flow"`
	Event      string     `yaml:"event,omitempty"`
	Date       string     `yaml:"date,omitempty"`
	Modality   string     `yaml:"modality"`
	CAMEO      string     `yaml:"cameo,omitempty"`
	Summary    string     `yaml:"summary"`
	Confidence float64    `yaml:"confidence"`
	Evidence   []yamlSpan `yaml:"evidence"`
}

type yamlSpan struct {
	Start     int    `yaml:"start"`
	End       int    `yaml:"end"`
	Text      string `yaml:"text"`
	Cue       string `yaml:"cue,omitempty"`
	QuoteType string `yaml:"quoteType"`
	Headline  bool   `yaml:"headline,omitempty"`
}

type yamlPosition struct {
	Person   string            `yaml:"person"`
	In       string            `yaml:"in"`
	Title    map[string]string `yaml:"title,omitempty,flow"`
	Evidence []yamlSpan        `yaml:"evidence"`
}

// writeAnnotation prints one document's extraction as a seed annotation
// file. Persons new to the catalogue are listed as comments unless they go
// to a catalogue file of their own.
func writeAnnotation(w io.Writer, doc kg.Document, res extract.Result, listNew bool) error {
	a := yamlAnnotation{Document: doc.ID, Annotator: "whosaid extract " + extract.Version + " (not reviewed)",
		Notes: "Extracted by rules; check every statement, its speakers, predicate, polarity and targets, before loading it as curated."}
	for _, st := range res.Statements {
		ys := yamlStatement{ID: st.ID[strings.LastIndex(st.ID, ":")+1:], Speakers: st.Speakers, Predicate: string(st.Predicate),
			Polarity: string(st.Polarity), Targets: st.Targets, Event: st.Event, Date: st.Date, Modality: st.Modality,
			Summary: st.Summary, Confidence: st.Confidence}
		if st.CAMEO != kg.Predicates[st.Predicate].CAMEO {
			ys.CAMEO = st.CAMEO
		}
		for _, m := range st.Evidence {
			ys.Evidence = append(ys.Evidence, yamlSpan{Start: m.Start, End: m.End, Text: m.Text, Cue: m.Cue, QuoteType: string(m.QuoteType), Headline: m.Headline})
		}
		a.Statements = append(a.Statements, ys)
	}
	for _, r := range res.Relations {
		p := yamlPosition{Person: r.From, In: r.To, Title: map[string]string{}}
		if r.Title.Ar != "" {
			p.Title["ar"] = r.Title.Ar
		}
		if r.Title.En != "" {
			p.Title["en"] = r.Title.En
		}
		for _, m := range r.Evidence {
			p.Evidence = append(p.Evidence, yamlSpan{Start: m.Start, End: m.End, Text: m.Text})
		}
		a.Positions = append(a.Positions, p)
	}
	fmt.Fprintf(w, "# Statements extracted from %s by whosaid %s. Offsets: Unicode code points.\n", doc.ID, extract.Version)
	if listNew && len(res.NewActors)+len(res.NewTopics) > 0 {
		fmt.Fprintln(w, "# Actors and topics the catalogue lacks (add them to catalogue/, e.g. with --new-actors, before loading):")
		out, err := yaml.Marshal(newCatalogue(res.NewActors, res.NewTopics))
		if err != nil {
			return err
		}
		for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
			fmt.Fprintln(w, "#   "+line)
		}
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(a); err != nil {
		return err
	}
	return enc.Close()
}

type yamlActor struct {
	ID          string              `yaml:"id"`
	Kind        string              `yaml:"kind"`
	Name        map[string]string   `yaml:"name,flow"`
	Aliases     map[string][]string `yaml:"aliases,omitempty"`
	ISO         string              `yaml:"iso,omitempty"`
	OrgType     string              `yaml:"orgType,omitempty"`
	Description string              `yaml:"description,omitempty"`
}

type yamlTopic struct {
	ID    string            `yaml:"id"`
	Label map[string]string `yaml:"label,flow"`
}

// yamlCatalogue is a catalogue file of what an extraction named that the
// catalogue lacked.
type yamlCatalogue struct {
	Actors []yamlActor `yaml:"actors"`
	Topics []yamlTopic `yaml:"topics,omitempty"`
}

func newCatalogue(as []kg.Actor, ts []kg.Topic) yamlCatalogue {
	out := yamlCatalogue{Actors: catalogueActors(as)["actors"]}
	for _, t := range ts {
		out.Topics = append(out.Topics, yamlTopic{ID: t.ID, Label: map[string]string{"en": t.Label.En, "ar": t.Label.Ar}})
	}
	return out
}

func catalogueActors(as []kg.Actor) map[string][]yamlActor {
	out := map[string][]yamlActor{"actors": {}}
	for _, a := range as {
		name := map[string]string{"en": a.Name.En, "ar": a.Name.Ar}
		if name["ar"] == "" {
			name["ar"] = a.Name.En // English articles: the catalogue needs both; a reviewer writes the Arabic
		}
		if name["en"] == "" {
			name["en"] = a.Name.Ar
		}
		var aliases map[string][]string
		if len(a.Aliases.En)+len(a.Aliases.Ar) > 0 {
			aliases = map[string][]string{"en": a.Aliases.En, "ar": a.Aliases.Ar}
		}
		// New persons, and the world layer's countries and organisations
		// («وزارة الخارجية الإيرانية») that the statements name.
		out["actors"] = append(out["actors"], yamlActor{ID: a.ID, Kind: strings.ToLower(string(a.Kind)), Name: name, Aliases: aliases,
			ISO: a.ISO, OrgType: a.OrgType, Description: a.Description})
	}
	return out
}

func writeNewActors(path string, as []kg.Actor, ts []kg.Topic) error {
	out, err := yaml.Marshal(newCatalogue(as, ts))
	if err != nil {
		return err
	}
	header := "# Actors and topics named by the statements of whosaid extract " + extract.Version + " that the catalogue lacked\n# (new persons; countries and organisations of the world layer; the words a statement is about); check names and ids.\n"
	return os.WriteFile(path, append([]byte(header), out...), 0o644)
}
