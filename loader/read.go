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

	"go.yaml.in/yaml/v3"

	"github.com/whosaid/whosaid/kg"
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
		r.folder = f
		if err := r.readCatalogue("."); err != nil {
			return nil, err
		}
	}
	r.checkCatalogueRefs()
	if err := r.p.err(); err != nil {
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
		r.folder = f
		if err := r.readDocuments("."); err != nil {
			return nil, err
		}
	}
	for _, f := range folders {
		r.folder = f
		if err := r.readAnnotations("."); err != nil {
			return nil, err
		}
	}
	if err := r.p.err(); err != nil {
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
	doc        kg.Document
	runes      []rune
	annotated  string // path of the annotation file, once read
	statements []kg.Statement
	relations  []kg.Relation
}

type reader struct {
	folder Folder
	p      problems
	cat    kg.Catalogue
	ids    map[string]entityRef
	docs   map[string]*docText
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

func (r *reader) glob(dir, pattern string) ([]string, error) {
	matches, err := fs.Glob(r.folder.FS, path.Join(dir, pattern))
	if err != nil {
		return nil, err
	}
	sort.Strings(matches)
	return matches, nil
}

func (r *reader) readCatalogue(root string) error {
	files, err := r.glob(path.Join(root, "catalogue"), "*.yaml")
	if err != nil {
		return err
	}
	for _, file := range files {
		f, err := r.readYAML(file)
		if err != nil {
			return err
		}
		checkTopKeys(f, []string{"actors", "topics", "events", "places", "positions", "partOf", "memberships"}, &r.p)
		r.readActors(f)
		r.readTopics(f)
		r.readEvents(f)
		r.readPlaces(f)
		r.cat.Relations = append(r.cat.Relations, r.readRelations(f, nil)...)
	}
	return nil
}

// define registers a catalogue id, reporting bad and duplicate ids.
func (r *reader) define(f *yamlFile, n *yaml.Node, field, id, kind, sub string) bool {
	line := lineOf(n, "id")
	if !slugRE.MatchString(id) {
		r.p.add(f.path, line, field+".id", "%q is not a valid id (lower-case letters, digits and -)", id)
		return false
	}
	if prev, ok := r.ids[id]; ok {
		r.p.add(f.path, line, field+".id", "duplicate id %q (first defined as a %s at %s:%d)", id, prev.kind, prev.path, prev.line)
		return false
	}
	r.ids[id] = entityRef{kind: kind, sub: sub, path: f.path, line: line}
	return true
}

func (r *reader) requireNames(f *yamlFile, n *yaml.Node, field, key string, v names) {
	if strings.TrimSpace(v.En) == "" || strings.TrimSpace(v.Ar) == "" {
		r.p.add(f.path, lineOf(n, key), field+"."+key, "needs both en and ar")
	}
}

func (r *reader) ref(f *yamlFile, line int, field, id string, kinds ...string) {
	r.refs = append(r.refs, pendingRef{path: f.path, field: field, line: line, id: id, kinds: kinds})
}

func (r *reader) readActors(f *yamlFile) {
	items, nodes := section[actorEntry](f, "actors", actorKeys, &r.p)
	for i, a := range items {
		n, field := nodes[i], fmt.Sprintf("actors[%d]", i)
		kind, ok := actorKinds[a.Kind]
		if !ok {
			r.p.add(f.path, lineOf(n, "kind"), field+".kind", "%q is not one of person, organisation, country", a.Kind)
			continue
		}
		if !r.define(f, n, field, a.ID, "actor", a.Kind) {
			continue
		}
		r.requireNames(f, n, field, "name", a.Name)
		if kind == kg.Country && !isoRE.MatchString(a.ISO) {
			r.p.add(f.path, lineOf(n, "iso"), field+".iso", "countries need an ISO 3166-1 alpha-3 code, got %q", a.ISO)
		}
		if a.Wikidata != "" && !qidRE.MatchString(a.Wikidata) {
			r.p.add(f.path, lineOf(n, "wikidata"), field+".wikidata", "%q is not a Wikidata id (Q…)", a.Wikidata)
		}
		r.cat.Actors = append(r.cat.Actors, kg.Actor{
			ID: a.ID, Kind: kind, Name: kg.Names(a.Name), Aliases: kg.Aliases(a.Aliases),
			Wikidata: a.Wikidata, ISO: a.ISO, OrgType: a.OrgType, Description: a.Description,
		})
	}
}

func (r *reader) readTopics(f *yamlFile) {
	items, nodes := section[topicEntry](f, "topics", topicKeys, &r.p)
	for i, t := range items {
		n, field := nodes[i], fmt.Sprintf("topics[%d]", i)
		if !r.define(f, n, field, t.ID, "topic", "") {
			continue
		}
		r.requireNames(f, n, field, "label", t.Label)
		for _, b := range t.Broader {
			r.ref(f, lineOf(n, "broader"), field+".broader", b, "topic")
		}
		r.cat.Topics = append(r.cat.Topics, kg.Topic{ID: t.ID, Label: kg.Names(t.Label), Aliases: kg.Aliases(t.Aliases), Broader: t.Broader})
	}
}

func (r *reader) readEvents(f *yamlFile) {
	items, nodes := section[eventEntry](f, "events", eventKeys, &r.p)
	for i, e := range items {
		n, field := nodes[i], fmt.Sprintf("events[%d]", i)
		if !r.define(f, n, field, e.ID, "event", "") {
			continue
		}
		r.requireNames(f, n, field, "name", e.Name)
		r.checkDate(f, n, field, "date", e.Date)
		r.checkDate(f, n, field, "endDate", e.EndDate)
		if e.Place != "" {
			r.ref(f, lineOf(n, "place"), field+".place", e.Place, "place")
		}
		for _, a := range e.Participants {
			r.ref(f, lineOf(n, "participants"), field+".participants", a, "actor")
		}
		for _, t := range e.Topics {
			r.ref(f, lineOf(n, "topics"), field+".topics", t, "topic")
		}
		r.cat.Events = append(r.cat.Events, kg.Event{
			ID: e.ID, Kind: e.Kind, Name: kg.Names(e.Name), Aliases: kg.Aliases(e.Aliases), Date: e.Date, EndDate: e.EndDate,
			Place: e.Place, Participants: e.Participants, Topics: e.Topics, Wikidata: e.Wikidata,
		})
	}
}

func (r *reader) readPlaces(f *yamlFile) {
	items, nodes := section[placeEntry](f, "places", placeKeys, &r.p)
	for i, pl := range items {
		n, field := nodes[i], fmt.Sprintf("places[%d]", i)
		if !r.define(f, n, field, pl.ID, "place", "") {
			continue
		}
		r.requireNames(f, n, field, "name", pl.Name)
		if pl.Country != "" {
			r.ref(f, lineOf(n, "country"), field+".country", pl.Country, "actor:country")
		}
		r.cat.Places = append(r.cat.Places, kg.Place{ID: pl.ID, Name: kg.Names(pl.Name), Aliases: kg.Aliases(pl.Aliases), Country: pl.Country, Wikidata: pl.Wikidata})
	}
}

// readRelations reads positions, partOf and memberships. In the catalogue doc
// is nil and evidence is not allowed; in annotations each evidence span is
// checked against doc's text.
func (r *reader) readRelations(f *yamlFile, doc *docText) []kg.Relation {
	var out []kg.Relation
	positions, pnodes := section[positionEntry](f, "positions", positionKeys, &r.p)
	for i, p := range positions {
		n, field := pnodes[i], fmt.Sprintf("positions[%d]", i)
		r.ref(f, lineOf(n, "person"), field+".person", p.Person, "actor:person")
		r.ref(f, lineOf(n, "in"), field+".in", p.In, "actor:organisation", "actor:country")
		r.checkDate(f, n, field, "from", p.From)
		r.checkDate(f, n, field, "to", p.To)
		out = append(out, kg.Relation{Type: kg.HoldsPosition, From: p.Person, To: p.In, Title: kg.Names(p.Title),
			Start: p.From, End: p.To, Evidence: r.factSpans(f, n, field, doc, p.Evidence)})
	}
	parts, tnodes := section[partOfEntry](f, "partOf", partOfKeys, &r.p)
	for i, p := range parts {
		n, field := tnodes[i], fmt.Sprintf("partOf[%d]", i)
		r.ref(f, lineOf(n, "part"), field+".part", p.Part, "actor:organisation")
		r.ref(f, lineOf(n, "whole"), field+".whole", p.Whole, "actor:organisation", "actor:country")
		r.checkDate(f, n, field, "from", p.From)
		r.checkDate(f, n, field, "to", p.To)
		out = append(out, kg.Relation{Type: kg.PartOf, From: p.Part, To: p.Whole,
			Start: p.From, End: p.To, Evidence: r.factSpans(f, n, field, doc, p.Evidence)})
	}
	members, mnodes := section[membershipEntry](f, "memberships", membershipKeys, &r.p)
	for i, m := range members {
		n, field := mnodes[i], fmt.Sprintf("memberships[%d]", i)
		r.ref(f, lineOf(n, "member"), field+".member", m.Member, "actor:country", "actor:organisation")
		r.ref(f, lineOf(n, "organisation"), field+".organisation", m.Organisation, "actor:organisation")
		r.checkDate(f, n, field, "from", m.From)
		r.checkDate(f, n, field, "to", m.To)
		out = append(out, kg.Relation{Type: kg.MemberOf, From: m.Member, To: m.Organisation,
			Start: m.From, End: m.To, Evidence: r.factSpans(f, n, field, doc, m.Evidence)})
	}
	return out
}

// factSpans turns the evidence of a context fact into mentions. A fact
// mention is identified by its span, so one sentence listing seven members is
// one mention shared by seven memberships.
func (r *reader) factSpans(f *yamlFile, n *yaml.Node, field string, doc *docText, spans []spanEntry) []kg.Mention {
	if len(spans) == 0 {
		return nil
	}
	if doc == nil {
		r.p.add(f.path, lineOf(n, "evidence"), field+".evidence", "evidence belongs in a document's annotations, not in the catalogue")
		return nil
	}
	var out []kg.Mention
	for i, s := range spans {
		line, efield := evidenceLine(n, i), fmt.Sprintf("%s.evidence[%d]", field, i)
		m, ok := r.checkSpan(f, line, efield, doc, s)
		if !ok {
			continue
		}
		m.ID = fmt.Sprintf("%s@%d-%d", doc.doc.ID, m.Start, m.End)
		out = append(out, m)
	}
	return out
}

func evidenceLine(item *yaml.Node, i int) int {
	ev := value(item, "evidence")
	if ev != nil && ev.Kind == yaml.SequenceNode && i < len(ev.Content) {
		return ev.Content[i].Line
	}
	return lineOf(item, "evidence")
}

// checkSpan verifies a span against the document text: in range, and the
// text at [start, end) is exactly the quoted text.
func (r *reader) checkSpan(f *yamlFile, line int, field string, doc *docText, s spanEntry) (kg.Mention, bool) {
	if s.Start == nil || s.End == nil {
		r.p.add(f.path, line, field, "needs start and end (Unicode code point offsets)")
		return kg.Mention{}, false
	}
	start, end := *s.Start, *s.End
	if start < 0 || end <= start || end > len(doc.runes) {
		r.p.add(f.path, line, field, "span [%d,%d) is outside the document (%d code points)", start, end, len(doc.runes))
		return kg.Mention{}, false
	}
	got := string(doc.runes[start:end])
	if got != s.Text {
		r.p.add(f.path, line, field+".text", "does not match the document at [%d,%d): the document has %q", start, end, excerpt(got))
		return kg.Mention{}, false
	}
	if s.Cue != "" && !strings.Contains(s.Text, s.Cue) {
		r.p.add(f.path, line, field+".cue", "%q does not occur in the span's text", s.Cue)
	}
	if s.QuoteType != "" && !kg.QuoteTypes[kg.QuoteType(s.QuoteType)] {
		r.p.add(f.path, line, field+".quoteType", "%q is not one of direct, indirect, mixed, summary", s.QuoteType)
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
func (r *reader) checkDate(f *yamlFile, n *yaml.Node, field, key, v string) {
	if v == "" || validDate(v) {
		return
	}
	r.p.add(f.path, lineOf(n, key), field+"."+key, "%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", v)
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
		r.p.add(ref.path, ref.line, ref.field, "unknown id %q (expected %s)", ref.id, strings.Join(ref.kinds, " or "))
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
	r.p.add(ref.path, ref.line, ref.field, "%q is a %s, expected %s", ref.id, what, strings.Join(ref.kinds, " or "))
}
