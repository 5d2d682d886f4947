package store

// Backfill: the offline importer's files (neo4j-admin database import full)
// written from what the loader reads, instead of transactions. The importer
// builds a new database an order of magnitude faster than transactions can,
// so it is the way to a large first load; it cannot add to a database that
// exists, so later loads go through the transactional loader.
//
// Backfill is a loader.Writer: loader.Load reads and checks the seed
// folders exactly as for a transactional load and hands it the same
// catalogues and documents in the same order. It writes the node and
// relationship properties that props.go builds for the loader, and resolves
// each relationship as the loader's MATCH and MERGE would at that point of
// the load (a speaker that is not an actor gets no MADE relationship in
// either). What the importer cannot express is filled in afterwards by
// FinishImport: empty lists (an empty array field reads as no property).

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// arrayDelimiter separates list elements (and labels) in a field. The unit
// separator never occurs in text, unlike the importer's default ';'.
const arrayDelimiter = "\x1f"

// Backfill writes the importer's files into a temporary folder beside the
// destination and renames it into place only when Finish succeeds, so a
// failed backfill leaves nothing half-written.
type Backfill struct {
	out, tmp string
	files    []*importFile
	byName   map[string]*importFile

	// The catalogue, kept until Finish because a later WriteCatalogue may
	// replace an entry (the loader's MERGE … SET n = row).
	actors, topics, places, events *catalogueNodes
	relations                      map[relationKey]map[string]any
	relationOrder                  []relationKey

	documents map[string]bool
	facts     map[string]bool
	stances   *stanceTally
}

// catalogueNodes are one label family's nodes in first-seen order, each
// with its labels and its outgoing catalogue relationships by type.
type catalogueNodes struct {
	order []string
	nodes map[string]*catalogueNode
}

type catalogueNode struct {
	labels []string
	props  map[string]any
	links  map[string][]string // relationship type → target ids, as MERGE leaves them (no repeats)
}

func newCatalogueNodes() *catalogueNodes {
	return &catalogueNodes{nodes: map[string]*catalogueNode{}}
}

// put replaces a node as MERGE … SET n = row does, its old links deleted.
func (c *catalogueNodes) put(props map[string]any, labels ...string) *catalogueNode {
	id := props["id"].(string)
	if _, ok := c.nodes[id]; !ok {
		c.order = append(c.order, id)
	}
	n := &catalogueNode{labels: labels, props: props, links: map[string][]string{}}
	c.nodes[id] = n
	return n
}

func (c *catalogueNodes) has(id string) bool { return c.nodes[id] != nil }

// link adds the relationships to those targets that exist, once each.
func (n *catalogueNode) link(typ string, targets []string, exists func(string) bool) {
	for _, t := range targets {
		if exists(t) && !slices.Contains(n.links[typ], t) {
			n.links[typ] = append(n.links[typ], t)
		}
	}
}

type relationKey struct{ typ, from, to, term string }

// NewBackfill starts a backfill into out, which must not exist yet.
func NewBackfill(out string) (*Backfill, error) {
	out = filepath.Clean(out)
	if _, err := os.Stat(out); err == nil {
		return nil, fmt.Errorf("backfill: %s exists; give a new folder", out)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".partial-")
	if err != nil {
		return nil, err
	}
	return &Backfill{out: out, tmp: tmp, byName: map[string]*importFile{},
		actors: newCatalogueNodes(), topics: newCatalogueNodes(), places: newCatalogueNodes(), events: newCatalogueNodes(),
		relations: map[relationKey]map[string]any{}, documents: map[string]bool{}, facts: map[string]bool{},
		stances: newStanceTally()}, nil
}

// EnsureSchema does nothing: the importer writes no schema; FinishImport
// creates it on the imported database.
func (b *Backfill) EnsureSchema(context.Context) error { return nil }

// RefreshSearch does nothing: the full-text indexes are built after the import.
func (b *Backfill) RefreshSearch(context.Context) error { return nil }

// WriteCatalogue takes the catalogue's nodes and relationships in the
// loader's order (actors, topics, their broader topics, places, events,
// relations), each relationship resolved against the nodes known so far.
func (b *Backfill) WriteCatalogue(_ context.Context, c kg.Catalogue) error {
	for _, a := range c.Actors {
		b.actors.put(actorProps(a), "Actor", kg.NodeKind(a.Kind).Label())
	}
	for _, t := range c.Topics {
		b.topics.put(topicProps(t), "Topic")
	}
	for _, t := range c.Topics {
		b.topics.nodes[t.ID].link("BROADER", t.Broader, b.topics.has)
	}
	for _, p := range c.Places {
		b.places.put(placeProps(p), "Place").link("IN_COUNTRY", []string{p.Country}, b.isCountry)
	}
	for _, e := range c.Events {
		n := b.events.put(eventProps(e), "Event")
		n.link("HELD_IN", []string{e.Place}, b.places.has)
		n.link("PARTICIPANT", e.Participants, b.actors.has)
		n.link("ABOUT", e.Topics, b.topics.has)
	}
	b.mergeRelations(c.Relations, true)
	return nil
}

func (b *Backfill) isCountry(id string) bool {
	n := b.actors.nodes[id]
	return n != nil && slices.Contains(n.labels, "Country")
}

func (b *Backfill) isTarget(id string) bool {
	return b.actors.has(id) || b.topics.has(id) || b.events.has(id)
}

// mergeRelations does what relationSteps' MERGE and SET do: one
// relationship per type, ends and term; curated once any source curated
// it; evidence ids appended when new; titles and dates replaced when given.
func (b *Backfill) mergeRelations(rels []kg.Relation, curated bool) {
	for _, r := range rels {
		if !b.actors.has(r.From) || !b.actors.has(r.To) || !slices.Contains(contextRelations, r.Type) {
			continue
		}
		row := relationRow(r)
		term := ""
		if keyedByStart(r.Type) {
			term = r.Start
		}
		k := relationKey{string(r.Type), r.From, r.To, term}
		old := b.relations[k]
		if old == nil {
			old = map[string]any{"term": term, "curated": false, "evidence": []string{},
				"title_en": nil, "title_ar": nil, "start": nil, "end": nil}
			b.relations[k] = old
			b.relationOrder = append(b.relationOrder, k)
		}
		old["curated"] = old["curated"].(bool) || curated
		have := old["evidence"].([]string)
		for _, x := range row["evidence"].([]string) {
			if !slices.Contains(have, x) {
				old["evidence"] = append(old["evidence"].([]string), x)
			}
		}
		for _, p := range []string{"title_en", "title_ar", "start", "end"} {
			if v := row[p]; !isNull(v) {
				old[p] = v
			}
		}
	}
}

// WriteDocuments streams the documents, their statements and mentions to
// the data files; stances and relations are summed until Finish.
func (b *Backfill) WriteDocuments(_ context.Context, docs []kg.AnnotatedDocument) error {
	for _, ad := range docs {
		d := ad.Document
		if b.documents[d.ID] {
			return fmt.Errorf("backfill: document %s comes twice; the importer builds a new database, so load a corrected document later with whosaid load", d.ID)
		}
		b.documents[d.ID] = true
		if err := b.file("documents").node(documentProps(d), "Document"); err != nil {
			return err
		}
	}
	for _, ad := range docs {
		for _, st := range ad.Statements {
			if err := b.writeStatement(st); err != nil {
				return err
			}
		}
	}
	for _, ad := range docs {
		for _, r := range ad.Relations {
			if err := b.writeFacts(r.Evidence); err != nil {
				return err
			}
		}
		b.mergeRelations(ad.Relations, false)
	}
	return nil
}

func (b *Backfill) writeStatement(st kg.Statement) error {
	if err := b.file("statements").node(statementProps(st), "Statement"); err != nil {
		return err
	}
	role := "speaker"
	if len(st.Speakers) > 1 {
		role = "joint"
	}
	counted := st
	counted.Speakers, counted.Targets = nil, nil
	for i, a := range st.Speakers {
		if b.actors.has(a) {
			counted.Speakers = append(counted.Speakers, a)
			if err := b.file("made").rel(a, st.ID, "MADE", withPageKeys(map[string]any{"role": role, "position": i, "speaker": a}, st)); err != nil {
				return err
			}
		}
	}
	for i, t := range st.Targets {
		if b.isTarget(t) {
			counted.Targets = append(counted.Targets, t)
			if err := b.file("targets").rel(st.ID, t, "TARGETS", withPageKeys(map[string]any{"primary": i == 0, "position": i, "target": t}, st)); err != nil {
				return err
			}
		}
	}
	if b.events.has(st.Event) {
		if err := b.file("made_at").rel(st.ID, st.Event, "MADE_AT", nil); err != nil {
			return err
		}
	}
	b.stances.add(counted)
	for _, m := range st.Evidence {
		if !b.documents[m.Document] {
			continue
		}
		if err := b.file("mentions").node(mentionProps(m, "statement"), "Mention"); err != nil {
			return err
		}
		if err := b.file("evidenced_by").rel(st.ID, m.ID, "EVIDENCED_BY", nil); err != nil {
			return err
		}
		if err := b.file("in_document").rel(m.ID, m.Document, "IN_DOCUMENT", nil); err != nil {
			return err
		}
	}
	return nil
}

// writeFacts writes the mentions that are evidence of context relations,
// each once however many documents or relations cite it.
func (b *Backfill) writeFacts(evidence []kg.Mention) error {
	for _, m := range evidence {
		if b.facts[m.ID] || !b.documents[m.Document] {
			continue
		}
		b.facts[m.ID] = true
		if err := b.file("mentions").node(mentionProps(m, "fact"), "Mention"); err != nil {
			return err
		}
		if err := b.file("in_document").rel(m.ID, m.Document, "IN_DOCUMENT", nil); err != nil {
			return err
		}
	}
	return nil
}

// ImportFiles is a finished backfill: the folder and the importer's files
// in it, header and data, as the importer takes them.
type ImportFiles struct {
	Dir           string
	Nodes         [][2]string
	Relationships [][2]string
	// Rows per data file, by its name without .csv.
	Rows map[string]int
}

// Finish writes the catalogue, relations and stances, the headers and
// import.args, and moves the folder into place.
func (b *Backfill) Finish() (ImportFiles, error) {
	if err := b.writeCatalogue(); err != nil {
		return ImportFiles{}, b.abort(err)
	}
	if err := b.writeRelationsAndStances(); err != nil {
		return ImportFiles{}, b.abort(err)
	}
	files := ImportFiles{Dir: b.out, Rows: map[string]int{}}
	var args []string
	for _, f := range b.files {
		if err := f.close(b.tmp); err != nil {
			return ImportFiles{}, b.abort(err)
		}
		pair := [2]string{f.name + ".header.csv", f.name + ".csv"}
		if f.relationship {
			files.Relationships = append(files.Relationships, pair)
		} else {
			files.Nodes = append(files.Nodes, pair)
		}
		files.Rows[f.name] = f.rows
	}
	args = files.importerOptions("")
	if err := os.WriteFile(filepath.Join(b.tmp, "import.args"), []byte(strings.Join(args, "\n")+"\n"), 0o644); err != nil {
		return ImportFiles{}, b.abort(err)
	}
	if err := os.Rename(b.tmp, b.out); err != nil {
		return ImportFiles{}, b.abort(err)
	}
	return files, nil
}

// Abort removes the partial folder, for a load that failed.
func (b *Backfill) Abort() {
	for _, f := range b.files {
		_ = f.f.Close()
	}
	_ = os.RemoveAll(b.tmp)
}

func (b *Backfill) abort(err error) error {
	b.Abort()
	return err
}

func (b *Backfill) writeCatalogue() error {
	for _, family := range []struct {
		file  string
		nodes *catalogueNodes
	}{{"actors", b.actors}, {"topics", b.topics}, {"places", b.places}, {"events", b.events}} {
		for _, id := range family.nodes.order {
			n := family.nodes.nodes[id]
			if err := b.file(family.file).node(n.props, n.labels...); err != nil {
				return err
			}
			for _, typ := range slices.Sorted(maps.Keys(n.links)) {
				for _, to := range n.links[typ] {
					if err := b.file(strings.ToLower(typ)).rel(id, to, typ, nil); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

func (b *Backfill) writeRelationsAndStances() error {
	for _, k := range b.relationOrder {
		if err := b.file(strings.ToLower(k.typ)).rel(k.from, k.to, k.typ, b.relations[k]); err != nil {
			return err
		}
	}
	for _, row := range b.stances.rows() {
		props := map[string]any{"polarity": row["polarity"], "weight": row["weight"], "first": row["first"],
			"last": row["last"], "predicates": row["predicates"]}
		if err := b.file("stance").rel(row["speaker"].(string), row["target"].(string), "STANCE", props); err != nil {
			return err
		}
	}
	return nil
}

// file is the data file of that name, created on first use; a node file's
// name is its label family's, a relationship file's its type's.
func (b *Backfill) file(name string) *importFile {
	if f := b.byName[name]; f != nil {
		return f
	}
	f := &importFile{name: name}
	b.byName[name] = f
	b.files = append(b.files, f)
	f.f, f.err = os.Create(filepath.Join(b.tmp, name+".csv"))
	if f.err == nil {
		f.w = bufio.NewWriterSize(f.f, 1<<20)
	}
	return f
}

// importerOptions are the options of `neo4j-admin database import full`
// that read these files, with paths under dir ("": relative, for
// import.args run from the folder).
func (files ImportFiles) importerOptions(dir string) []string {
	args := []string{
		`--array-delimiter=\u001F`, // arrayDelimiter, in the importer's escape syntax
		"--multiline-fields=true",  // text and search keys hold line breaks
		"--id-type=string",
		"--bad-tolerance=0",
	}
	for _, p := range files.Nodes {
		args = append(args, "--nodes="+filepath.Join(dir, p[0])+","+filepath.Join(dir, p[1]))
	}
	for _, p := range files.Relationships {
		args = append(args, "--relationships="+filepath.Join(dir, p[0])+","+filepath.Join(dir, p[1]))
	}
	return args
}

// ImporterArgs are the arguments of neo4j-admin that import the files into
// database, which must not exist (or overwrite, to replace it).
func (files ImportFiles) ImporterArgs(database string, overwrite bool) []string {
	args := []string{"database", "import", "full", database,
		"--report-file=" + filepath.Join(files.Dir, "import.report"),
		"--overwrite-destination=" + strconv.FormatBool(overwrite)}
	return append(args, files.importerOptions(files.Dir)...)
}

// importFile is one data file. Its columns are fixed by its first row (the
// builders in props.go always give the same keys) and typed by the first
// value that is not null; the header is written last, beside it.
type importFile struct {
	name         string
	relationship bool
	f            *os.File
	w            *bufio.Writer
	err          error
	columns      []string
	types        map[string]string
	rows         int
	line         []byte
}

func (f *importFile) node(props map[string]any, labels ...string) error {
	if f.err != nil {
		return f.err
	}
	f.line = appendQuoted(f.line[:0], props["id"].(string))
	f.line = append(f.line, ',')
	f.line = appendQuoted(f.line, strings.Join(labels, arrayDelimiter))
	return f.finishRow(props, "id")
}

func (f *importFile) rel(from, to, typ string, props map[string]any) error {
	if f.err != nil {
		return f.err
	}
	f.relationship = true
	f.line = appendQuoted(f.line[:0], from)
	f.line = append(f.line, ',')
	f.line = appendQuoted(f.line, to)
	f.line = append(f.line, ',')
	f.line = appendQuoted(f.line, typ)
	return f.finishRow(props, "")
}

func (f *importFile) finishRow(props map[string]any, skip string) error {
	if f.columns == nil {
		f.types = map[string]string{}
		f.columns = []string{}
		for k := range props {
			if k != skip {
				f.columns = append(f.columns, k)
			}
		}
		slices.Sort(f.columns)
	}
	n := len(props)
	if _, ok := props[skip]; ok {
		n--
	}
	if n != len(f.columns) {
		return fmt.Errorf("backfill: %s row %d: properties %v, not the file's columns %v", f.name, f.rows+1, slices.Sorted(maps.Keys(props)), f.columns)
	}
	for _, c := range f.columns {
		v, ok := props[c]
		if !ok {
			return fmt.Errorf("backfill: %s row %d: no property %s", f.name, f.rows+1, c)
		}
		var typ string
		f.line = append(f.line, ',')
		f.line, typ, f.err = appendValue(f.line, v)
		if f.err != nil {
			return fmt.Errorf("backfill: %s %s, property %s: %w", f.name, rowName(props, f.rows), c, f.err)
		}
		if typ == "" {
			continue
		}
		if have := f.types[c]; have == "" {
			f.types[c] = typ
		} else if have != typ {
			return fmt.Errorf("backfill: %s %s, property %s: a %s among %s values", f.name, rowName(props, f.rows), c, typ, have)
		}
	}
	f.line = append(f.line, '\n')
	f.rows++
	_, f.err = f.w.Write(f.line)
	return f.err
}

func rowName(props map[string]any, row int) string {
	if id, ok := props["id"].(string); ok {
		return id
	}
	return "row " + strconv.Itoa(row+1)
}

func (f *importFile) close(dir string) error {
	if f.err != nil {
		return f.err
	}
	if err := f.w.Flush(); err != nil {
		return err
	}
	if err := f.f.Close(); err != nil {
		return err
	}
	header := []string{":START_ID", ":END_ID", ":TYPE"}
	if !f.relationship {
		header = []string{"id:ID", ":LABEL"}
	}
	for _, c := range f.columns {
		typ := f.types[c]
		if typ == "" {
			typ = "string" // never set: no value to type
		}
		header = append(header, c+":"+typ)
	}
	return os.WriteFile(filepath.Join(dir, f.name+".header.csv"), []byte(strings.Join(header, ",")+"\n"), 0o644)
}

// appendValue appends one field and names its importer type ("" for null,
// an empty field). Strings are always quoted, so an empty string stays one;
// an empty list can only be an empty field, which FinishImport fills.
func appendValue(line []byte, v any) ([]byte, string, error) {
	if isNull(v) {
		return line, "", nil
	}
	rv := reflect.Indirect(reflect.ValueOf(v))
	switch rv.Kind() {
	case reflect.String:
		return appendQuoted(line, rv.String()), "string", nil
	case reflect.Int, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(line, rv.Int(), 10), "long", nil
	case reflect.Float64:
		return strconv.AppendFloat(line, rv.Float(), 'g', -1, 64), "double", nil
	case reflect.Bool:
		return strconv.AppendBool(line, rv.Bool()), "boolean", nil
	case reflect.Slice:
		list, ok := v.([]string)
		if !ok {
			return line, "", fmt.Errorf("a %T, which the backfill cannot write", v)
		}
		if len(list) == 0 {
			return line, "string[]", nil
		}
		for _, s := range list {
			if s == "" || strings.Contains(s, arrayDelimiter) {
				return line, "", fmt.Errorf("list element %q: empty, or holding the unit separator (U+001F) that separates elements", s)
			}
		}
		return appendQuoted(line, strings.Join(list, arrayDelimiter)), "string[]", nil
	}
	return line, "", fmt.Errorf("a %T, which the backfill cannot write", v)
}

func isNull(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// appendQuoted writes s as a quoted CSV field, quotes doubled.
func appendQuoted(line []byte, s string) []byte {
	line = append(line, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		line = append(line, s[:i+1]...)
		line = append(line, '"')
		s = s[i+1:]
	}
	line = append(line, s...)
	return append(line, '"')
}

// FinishImport makes an imported database what the loader leaves: the
// schema (constraints, indexes, full-text indexes, built from the imported
// data), and the empty lists the importer could not write.
func (s *Store) FinishImport(ctx context.Context) error {
	for _, q := range emptyListFills() {
		if _, err := s.write(ctx, "import.emptyLists", q, nil); err != nil {
			return fmt.Errorf("store: fill empty lists after import: %w", err)
		}
	}
	return s.EnsureSchema(ctx)
}

// emptyListFills set, on every node and relationship that lacks it, each
// list property the loader always writes (lists in the builders' output
// for an empty entry): an empty list imports as no property at all.
func emptyListFills() []string {
	var out []string
	lists := func(props map[string]any) []string {
		var keys []string
		for k, v := range props {
			if _, ok := v.([]string); ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		return keys
	}
	for _, n := range []struct {
		label string
		props map[string]any
	}{
		{"Actor", actorProps(kg.Actor{})}, {"Topic", topicProps(kg.Topic{})},
		{"Place", placeProps(kg.Place{})}, {"Event", eventProps(kg.Event{})},
	} {
		for _, k := range lists(n.props) {
			out = append(out, "MATCH (n:"+n.label+") WHERE n."+k+" IS NULL SET n."+k+" = []")
		}
	}
	for _, t := range contextRelations {
		for _, k := range lists(relationRow(kg.Relation{})) {
			out = append(out, "MATCH ()-[r:"+string(t)+"]->() WHERE r."+k+" IS NULL SET r."+k+" = []")
		}
	}
	return out
}
