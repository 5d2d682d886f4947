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

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader"
	"github.com/whosaid/whosaid/loader/extract"
	"github.com/whosaid/whosaid/seedformat"
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
		// Articles from anywhere: a metadata file is read for what it gives,
		// not judged (the loader does that).
		var md seedformat.Meta
		if err := (&seedformat.Reader{Unchecked: true}).Read(meta, m, &md); err != nil {
			return kg.Document{}, err
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

// writeAnnotation prints one document's extraction as a seed annotation
// file. Persons new to the catalogue are listed as comments unless they go
// to a catalogue file of their own.
func writeAnnotation(w io.Writer, doc kg.Document, res extract.Result, listNew bool) error {
	a := seedformat.Annotation{Document: doc.ID, Annotator: "whosaid extract " + extract.Version + " (not reviewed)",
		Notes: "Extracted by rules; check every statement, its speakers, predicate, polarity and targets, before loading it as curated."}
	for _, st := range res.Statements {
		a.Statements = append(a.Statements, seedStatement(st))
	}
	for _, r := range res.Relations {
		a.Positions = append(a.Positions, seedformat.Position{Person: r.From, In: r.To, Title: seedformat.Names(r.Title), Evidence: seedSpans(r.Evidence)})
	}
	comment := fmt.Sprintf("Statements extracted from %s by whosaid %s. Offsets: Unicode code points.", doc.ID, extract.Version)
	if listNew && len(res.NewActors)+len(res.NewTopics) > 0 {
		var listed strings.Builder
		if err := seedformat.Write(&listed, newCatalogue(res.NewActors, res.NewTopics), ""); err != nil {
			return err
		}
		comment += "\nActors and topics the catalogue lacks (add them to catalogue/, e.g. with --new-actors, before loading):\n" +
			indent(strings.TrimRight(listed.String(), "\n"), "  ")
	}
	return seedformat.Write(w, a, comment)
}

// seedStatement is an extracted statement as an annotation gives it: the
// CAMEO code only where it is not the predicate's.
func seedStatement(st kg.Statement) seedformat.Statement {
	confidence := st.Confidence
	s := seedformat.Statement{ID: st.ID[strings.LastIndex(st.ID, ":")+1:], Speakers: st.Speakers, Predicate: string(st.Predicate),
		Polarity: string(st.Polarity), Targets: st.Targets, Event: st.Event, Date: st.Date, Modality: st.Modality,
		Summary: st.Summary, Confidence: &confidence, Evidence: seedSpans(st.Evidence)}
	if st.CAMEO != kg.Predicates[st.Predicate].CAMEO {
		s.CAMEO = st.CAMEO
	}
	return s
}

func seedSpans(ms []kg.Mention) []seedformat.Span {
	out := make([]seedformat.Span, len(ms))
	for i, m := range ms {
		out[i] = seedformat.Span{Start: &m.Start, End: &m.End, Text: m.Text, Cue: m.Cue, QuoteType: string(m.QuoteType), Headline: m.Headline}
	}
	return out
}

// indent prefixes every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// newCatalogue is a catalogue file of what an extraction named that the
// catalogue lacked: new persons, and the world layer's countries and
// organisations («وزارة الخارجية الإيرانية») that the statements name.
func newCatalogue(as []kg.Actor, ts []kg.Topic) seedformat.Catalogue {
	var c seedformat.Catalogue
	for _, a := range as {
		name := seedformat.Names(a.Name)
		if name.Ar == "" {
			name.Ar = a.Name.En // English articles: the catalogue needs both; a reviewer writes the Arabic
		}
		if name.En == "" {
			name.En = a.Name.Ar
		}
		c.Actors = append(c.Actors, seedformat.Actor{ID: a.ID, Kind: strings.ToLower(string(a.Kind)), Name: name,
			Aliases: seedformat.Aliases(a.Aliases), ISO: a.ISO, OrgType: a.OrgType, Description: a.Description})
	}
	for _, t := range ts {
		c.Topics = append(c.Topics, seedformat.Topic{ID: t.ID, Label: seedformat.Names(t.Label)})
	}
	return c
}

func writeNewActors(path string, as []kg.Actor, ts []kg.Topic) error {
	var b strings.Builder
	header := "Actors and topics named by the statements of whosaid extract " + extract.Version + " that the catalogue lacked\n(new persons; countries and organisations of the world layer; the words a statement is about); check names and ids."
	if err := seedformat.Write(&b, newCatalogue(as, ts), header); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
