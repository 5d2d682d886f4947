package loader

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/seedformat"
)

// Seeds is everything read from one or more seed folders, validated.
type Seeds struct {
	Catalogue kg.Catalogue
	Documents []kg.AnnotatedDocument
	// Extracted lists the documents that had no annotation file: their
	// statements were extracted by loader/extract (method rules/v1), and the
	// new persons it found were added to Catalogue.Actors.
	Extracted []string
}

// Folder is a seed folder: catalogue/*.yaml, documents/<id>.txt with
// <id>.meta.yaml, and annotations/<id>.yaml. Name prefixes file names in
// error messages (usually the path it was opened from).
type Folder struct {
	Name string
	FS   fs.FS
}

// Dir opens a seed folder on disk.
func Dir(path string) Folder { return Folder{Name: path, FS: os.DirFS(path)} }

// Read reads and validates seed folders. Nothing is returned unless
// everything is valid; the error then lists every problem as
// file:line: field: message.
func Read(folders ...Folder) (*Seeds, error) {
	r, err := readCatalogues(folders)
	if err != nil {
		return nil, err
	}
	return r.readDocumentsAndAnnotations(folders)
}

// readCatalogues reads and validates the folders' catalogues. A large load
// does this once and reads each chunk of documents with a fork of it.
func readCatalogues(folders []Folder) (*reader, error) {
	r := &reader{ids: map[string]entityRef{}, docs: map[string]*docText{}}
	for _, f := range folders {
		if _, err := fs.Stat(f.FS, "."); err != nil {
			return nil, fmt.Errorf("seed folder %s: %w", f.Name, err)
		}
	}
	for _, f := range folders {
		if err := r.readCatalogue(f); err != nil {
			return nil, err
		}
	}
	r.checkCatalogueRefs()
	if err := r.p.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// fork returns a reader that knows the catalogue of r and nothing else, so
// persons the extractor adds to one chunk do not leak into the next.
func (r *reader) fork() *reader {
	f := &reader{ids: make(map[string]entityRef, len(r.ids)), docs: map[string]*docText{}, cat: r.cat, noExtract: r.noExtract}
	for k, v := range r.ids {
		f.ids[k] = v
	}
	f.cat.Actors = append([]kg.Actor(nil), r.cat.Actors...)
	f.cat.Topics = append([]kg.Topic(nil), r.cat.Topics...)
	return f
}

// readDocumentsAndAnnotations reads documents and annotations against the
// catalogue already read, validates them, and extracts unannotated ones.
func (r *reader) readDocumentsAndAnnotations(folders []Folder) (*Seeds, error) {
	for _, f := range folders {
		if err := r.readDocuments(f); err != nil {
			return nil, err
		}
	}
	for _, f := range folders {
		if err := r.readAnnotations(f); err != nil {
			return nil, err
		}
	}
	if err := r.p.Err(); err != nil {
		return nil, err
	}
	extracted := r.extractUnannotated()
	s := &Seeds{Catalogue: r.cat, Extracted: extracted}
	ids := make([]string, 0, len(r.docs))
	for id := range r.docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		d := r.docs[id]
		s.Documents = append(s.Documents, kg.AnnotatedDocument{Document: d.doc, Statements: d.statements, Relations: d.relations})
	}
	return s, nil
}

// entityRef remembers where a catalogue id was defined and what it is.
type entityRef struct {
	kind string // actor, topic, event, place
	sub  string // actor kind: person, organisation, country
	path string
	line int
}

type docText struct {
	file       string // the text file, as messages name it
	doc        kg.Document
	runes      []rune
	annotated  string // path of the annotation file, once read
	statements []kg.Statement
	relations  []kg.Relation
}

type reader struct {
	p    seedformat.Reader // reads the files and collects every problem
	cat  kg.Catalogue
	ids  map[string]entityRef
	docs map[string]*docText
	// references to check once the whole catalogue is known
	refs []pendingRef
	// noExtract leaves unannotated documents without statements
	noExtract bool
}

type pendingRef struct {
	path, field string
	line        int
	id          string
	kinds       []string // acceptable kinds: actor, topic, event, place, or actor:person etc.
}

var (
	slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	docRE  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	isoRE  = regexp.MustCompile(`^[A-Z]{3}$`)
	qidRE  = regexp.MustCompile(`^Q[1-9][0-9]*$`)
)

var actorKinds = map[string]kg.ActorKind{"person": kg.Person, "organisation": kg.Organisation, "country": kg.Country}

// glob lists the files of folder matching pattern in dir, sorted.
func glob(folder Folder, dir, pattern string) ([]string, error) {
	matches, err := fs.Glob(folder.FS, path.Join(dir, pattern))
	if err != nil {
		return nil, err
	}
	sort.Strings(matches)
	return matches, nil
}

// display names a file of folder as users know it.
func display(folder Folder, name string) string {
	return path.Join(folder.Name, name)
}

// readFile reads a seed file of folder into v (see seedformat.Reader.Read):
// a syntax error stops the load, every other problem is collected.
func (r *reader) readFile(folder Folder, name string, v any) error {
	data, err := fs.ReadFile(folder.FS, name)
	if err != nil {
		return fmt.Errorf("%s: %w", display(folder, name), err)
	}
	return r.p.Read(display(folder, name), data, v)
}

func (r *reader) readCatalogue(folder Folder) error {
	files, err := glob(folder, "catalogue", "*.yaml")
	if err != nil {
		return err
	}
	for _, file := range files {
		var c seedformat.Catalogue
		if err := r.readFile(folder, file, &c); err != nil {
			return err
		}
		r.readActors(c.Actors)
		r.readTopics(c.Topics)
		r.readEvents(c.Events)
		r.readPlaces(c.Places)
		r.cat.Relations = append(r.cat.Relations, r.readRelations(c.Positions, c.PartOf, c.Memberships, nil)...)
	}
	return nil
}

// define registers a catalogue id, reporting bad and duplicate ids.
func (r *reader) define(at seedformat.Origin, id, kind, sub string) bool {
	if !slugRE.MatchString(id) {
		r.p.About(at, "id", "%q is not a valid id (lower-case letters, digits and -)", id)
		return false
	}
	line := at.Line("id")
	if prev, ok := r.ids[id]; ok {
		r.p.About(at, "id", "duplicate id %q (first defined as a %s at %s:%d)", id, prev.kind, prev.path, prev.line)
		return false
	}
	r.ids[id] = entityRef{kind: kind, sub: sub, path: at.Path, line: line}
	return true
}

func (r *reader) requireNames(at seedformat.Origin, key string, v seedformat.Names) {
	if strings.TrimSpace(v.En) == "" || strings.TrimSpace(v.Ar) == "" {
		r.p.About(at, key, "needs both en and ar")
	}
}

// ref notes a reference to id under key of the entry at at, checked once
// the whole catalogue is known.
func (r *reader) ref(at seedformat.Origin, key, id string, kinds ...string) {
	r.refs = append(r.refs, pendingRef{path: at.Path, field: at.FieldOf(key), line: at.Line(key), id: id, kinds: kinds})
}

func (r *reader) readActors(actors []seedformat.Actor) {
	for _, a := range actors {
		kind, ok := actorKinds[a.Kind]
		if !ok {
			r.p.About(a.At, "kind", "%q is not one of person, organisation, country", a.Kind)
			continue
		}
		if !r.define(a.At, a.ID, "actor", a.Kind) {
			continue
		}
		r.requireNames(a.At, "name", a.Name)
		if kind == kg.Country && !isoRE.MatchString(a.ISO) {
			r.p.About(a.At, "iso", "countries need an ISO 3166-1 alpha-3 code, got %q", a.ISO)
		}
		if a.Wikidata != "" && !qidRE.MatchString(a.Wikidata) {
			r.p.About(a.At, "wikidata", "%q is not a Wikidata id (Q…)", a.Wikidata)
		}
		r.cat.Actors = append(r.cat.Actors, kg.Actor{
			ID: a.ID, Kind: kind, Name: kg.Names(a.Name), Aliases: kg.Aliases(a.Aliases),
			Wikidata: a.Wikidata, ISO: a.ISO, OrgType: a.OrgType, Description: a.Description,
		})
	}
}

func (r *reader) readTopics(topics []seedformat.Topic) {
	for _, t := range topics {
		if !r.define(t.At, t.ID, "topic", "") {
			continue
		}
		r.requireNames(t.At, "label", t.Label)
		for _, b := range t.Broader {
			r.ref(t.At, "broader", b, "topic")
		}
		r.cat.Topics = append(r.cat.Topics, kg.Topic{ID: t.ID, Label: kg.Names(t.Label), Aliases: kg.Aliases(t.Aliases), Broader: t.Broader})
	}
}

func (r *reader) readEvents(events []seedformat.Event) {
	for _, e := range events {
		if !r.define(e.At, e.ID, "event", "") {
			continue
		}
		r.requireNames(e.At, "name", e.Name)
		r.checkDate(e.At, "date", e.Date)
		r.checkDate(e.At, "endDate", e.EndDate)
		if e.Place != "" {
			r.ref(e.At, "place", e.Place, "place")
		}
		for _, a := range e.Participants {
			r.ref(e.At, "participants", a, "actor")
		}
		for _, t := range e.Topics {
			r.ref(e.At, "topics", t, "topic")
		}
		r.cat.Events = append(r.cat.Events, kg.Event{
			ID: e.ID, Kind: e.Kind, Name: kg.Names(e.Name), Aliases: kg.Aliases(e.Aliases), Date: e.Date, EndDate: e.EndDate,
			Place: e.Place, Participants: e.Participants, Topics: e.Topics, Wikidata: e.Wikidata,
		})
	}
}

func (r *reader) readPlaces(places []seedformat.Place) {
	for _, pl := range places {
		if !r.define(pl.At, pl.ID, "place", "") {
			continue
		}
		r.requireNames(pl.At, "name", pl.Name)
		if pl.Country != "" {
			r.ref(pl.At, "country", pl.Country, "actor:country")
		}
		r.cat.Places = append(r.cat.Places, kg.Place{ID: pl.ID, Name: kg.Names(pl.Name), Aliases: kg.Aliases(pl.Aliases), Country: pl.Country, Wikidata: pl.Wikidata})
	}
}

// readRelations reads positions, partOf and memberships. In the catalogue doc
// is nil and evidence is not allowed; in annotations each evidence span is
// checked against doc's text.
func (r *reader) readRelations(positions []seedformat.Position, parts []seedformat.PartOf, members []seedformat.Membership, doc *docText) []kg.Relation {
	var out []kg.Relation
	for _, p := range positions {
		r.ref(p.At, "person", p.Person, "actor:person")
		r.ref(p.At, "in", p.In, "actor:organisation", "actor:country")
		r.checkDate(p.At, "from", p.From)
		r.checkDate(p.At, "to", p.To)
		out = append(out, kg.Relation{Type: kg.HoldsPosition, From: p.Person, To: p.In, Title: kg.Names(p.Title),
			Start: p.From, End: p.To, Evidence: r.factSpans(p.At, doc, p.Evidence)})
	}
	for _, p := range parts {
		r.ref(p.At, "part", p.Part, "actor:organisation")
		r.ref(p.At, "whole", p.Whole, "actor:organisation", "actor:country")
		r.checkDate(p.At, "from", p.From)
		r.checkDate(p.At, "to", p.To)
		out = append(out, kg.Relation{Type: kg.PartOf, From: p.Part, To: p.Whole,
			Start: p.From, End: p.To, Evidence: r.factSpans(p.At, doc, p.Evidence)})
	}
	for _, m := range members {
		r.ref(m.At, "member", m.Member, "actor:country", "actor:organisation")
		r.ref(m.At, "organisation", m.Organisation, "actor:organisation")
		r.checkDate(m.At, "from", m.From)
		r.checkDate(m.At, "to", m.To)
		out = append(out, kg.Relation{Type: kg.MemberOf, From: m.Member, To: m.Organisation,
			Start: m.From, End: m.To, Evidence: r.factSpans(m.At, doc, m.Evidence)})
	}
	return out
}

// factSpans turns the evidence of a context fact into mentions. A fact
// mention is identified by its span, so one sentence listing seven members is
// one mention shared by seven memberships.
func (r *reader) factSpans(at seedformat.Origin, doc *docText, spans []seedformat.Span) []kg.Mention {
	if len(spans) == 0 {
		return nil
	}
	if doc == nil {
		r.p.About(at, "evidence", "evidence belongs in a document's annotations, not in the catalogue")
		return nil
	}
	var out []kg.Mention
	for i, s := range spans {
		m, ok := r.checkSpan(at, i, doc, s)
		if !ok {
			continue
		}
		m.ID = fmt.Sprintf("%s@%d-%d", doc.doc.ID, m.Start, m.End)
		out = append(out, m)
	}
	return out
}

// checkSpan verifies evidence span i of the entry at at against the
// document text: in range, and the text at [start, end) is exactly the
// quoted text.
func (r *reader) checkSpan(at seedformat.Origin, i int, doc *docText, s seedformat.Span) (kg.Mention, bool) {
	path, line, field := at.Path, at.ItemLine("evidence", i), at.FieldOf(fmt.Sprintf("evidence[%d]", i))
	if s.Start == nil || s.End == nil {
		r.p.Add(path, line, field, "needs start and end (Unicode code point offsets)")
		return kg.Mention{}, false
	}
	start, end := *s.Start, *s.End
	if start < 0 || end <= start || end > len(doc.runes) {
		r.p.Add(path, line, field, "span [%d,%d) is outside the document (%d code points)", start, end, len(doc.runes))
		return kg.Mention{}, false
	}
	got := string(doc.runes[start:end])
	if got != s.Text {
		r.p.Add(path, line, field+".text", "does not match the document at [%d,%d): the document has %q", start, end, excerpt(got))
		return kg.Mention{}, false
	}
	if s.Cue != "" && !strings.Contains(s.Text, s.Cue) {
		r.p.Add(path, line, field+".cue", "%q does not occur in the span's text", s.Cue)
	}
	if s.QuoteType != "" && !kg.QuoteTypes[kg.QuoteType(s.QuoteType)] {
		r.p.Add(path, line, field+".quoteType", "%q is not one of direct, indirect, mixed, summary", s.QuoteType)
	}
	return kg.Mention{Document: doc.doc.ID, Start: start, End: end, Text: s.Text, Cue: s.Cue, QuoteType: kg.QuoteType(s.QuoteType), Headline: s.Headline}, true
}

func excerpt(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	return string([]rune(s)[:60]) + "…"
}

// checkDate accepts YYYY, YYYY-MM and YYYY-MM-DD (empty means unknown).
func (r *reader) checkDate(at seedformat.Origin, key, v string) {
	if v == "" || validDate(v) {
		return
	}
	r.p.About(at, key, "%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", v)
}

// validDate is kg.ParseDate's verdict, so the loader takes the dates the
// API and the exports take.
func validDate(v string) bool {
	_, ok := kg.ParseDate(v, false)
	return ok
}

func (r *reader) checkCatalogueRefs() {
	for _, ref := range r.refs {
		r.checkRef(ref)
	}
	r.refs = nil
}

func (r *reader) checkRef(ref pendingRef) {
	def, ok := r.ids[ref.id]
	if !ok {
		r.p.Add(ref.path, ref.line, ref.field, "unknown id %q (expected %s)", ref.id, strings.Join(ref.kinds, " or "))
		return
	}
	for _, k := range ref.kinds {
		if k == def.kind || k == def.kind+":"+def.sub {
			return
		}
	}
	what := def.kind
	if def.sub != "" {
		what = def.sub
	}
	r.p.Add(ref.path, ref.line, ref.field, "%q is a %s, expected %s", ref.id, what, strings.Join(ref.kinds, " or "))
}
