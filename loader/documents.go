package loader

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader/extract"
	"github.com/whosaid/whosaid/seedformat"
)

// readDocuments reads documents/<id>.txt and its <id>.meta.yaml. The text is
// stored exactly as given; offsets count its Unicode code points.
func (r *reader) readDocuments(folder Folder) error {
	texts, err := glob(folder, "documents", "*.txt")
	if err != nil {
		return err
	}
	for _, textName := range texts {
		id := strings.TrimSuffix(path.Base(textName), ".txt")
		file := display(folder, textName)
		data, err := fs.ReadFile(folder.FS, textName)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if !docRE.MatchString(id) {
			r.p.Add(file, 1, "(file name)", "%q is not a valid document id", id)
			continue
		}
		if !utf8.Valid(data) {
			r.p.Add(file, 1, "(text)", "not valid UTF-8")
			continue
		}
		if prev, ok := r.docs[id]; ok {
			r.p.Add(file, 1, "(file name)", "document %q is defined twice (also %s)", id, prev.file)
			continue
		}
		metaName := strings.TrimSuffix(textName, ".txt") + ".meta.yaml"
		var meta seedformat.Meta
		if err := r.readFile(folder, metaName, &meta); err != nil {
			r.p.Add(display(folder, metaName), 1, "(file)", "every document needs its metadata beside it: %v", err)
			continue
		}
		if meta.ID != id {
			r.p.About(meta.At, "id", "%q does not match the file name %q", meta.ID, id)
		}
		if meta.Lang == "" {
			r.p.About(meta.At, "lang", "required (ar, en, …)")
		}
		if !validDate(meta.Date) {
			r.p.About(meta.At, "date", "%q is not a date (YYYY-MM-DD)", meta.Date)
		}
		text := string(data)
		r.docs[id] = &docText{
			file: file,
			doc: kg.Document{ID: id, Title: meta.Title, Lang: meta.Lang, Date: meta.Date, URL: meta.URL,
				Source: meta.Source, Licence: meta.Licence, Outlet: meta.Outlet, Split: meta.Split, Text: text},
			runes: []rune(text),
		}
	}
	return nil
}

// readAnnotations reads annotations/<id>.yaml: the statements and context
// facts of one document.
func (r *reader) readAnnotations(folder Folder) error {
	files, err := glob(folder, "annotations", "*.yaml")
	if err != nil {
		return err
	}
	for _, file := range files {
		var a seedformat.Annotation
		if err := r.readFile(folder, file, &a); err != nil {
			return err
		}
		doc, ok := r.docs[a.Document]
		if !ok {
			r.p.About(a.At, "document", "unknown document %q (expected documents/%s.txt)", a.Document, a.Document)
			continue
		}
		if doc.annotated != "" {
			r.p.About(a.At, "document", "%q is already annotated in %s", a.Document, doc.annotated)
			continue
		}
		doc.annotated = a.At.Path
		doc.statements = r.readStatements(a.Statements, doc)
		doc.relations = r.alignTerms(r.readRelations(a.Positions, a.PartOf, a.Memberships, doc), doc.doc.Date)
		r.checkCatalogueRefs()
	}
	return nil
}

func (r *reader) readStatements(statements []seedformat.Statement, doc *docText) []kg.Statement {
	seen := map[string]int{}
	var out []kg.Statement
	for _, s := range statements {
		if !slugRE.MatchString(s.ID) {
			r.p.About(s.At, "id", "%q is not a valid id (lower-case letters, digits and -)", s.ID)
			continue
		}
		if prev, dup := seen[s.ID]; dup {
			r.p.About(s.At, "id", "duplicate statement id %q (first at line %d)", s.ID, prev)
			continue
		}
		seen[s.ID] = s.At.Line("id")
		st := kg.Statement{
			ID: doc.doc.ID + ":" + s.ID, Document: doc.doc.ID, Speakers: s.Speakers,
			Predicate: kg.Predicate(s.Predicate), Polarity: kg.Polarity(s.Polarity), Targets: s.Targets,
			Event: s.Event, Date: s.Date, Modality: s.Modality, CAMEO: s.CAMEO, Summary: s.Summary,
			Confidence: 1, Method: "curated",
		}
		info, known := kg.Predicates[st.Predicate]
		if !known {
			r.p.About(s.At, "predicate", "unknown predicate %q (see seeds/README.md for the list)", s.Predicate)
		}
		if !st.Polarity.Valid() {
			r.p.About(s.At, "polarity", "%q is not one of favor, against, neutral", s.Polarity)
		}
		if st.Modality == "" {
			st.Modality = "asserted"
		} else if !kg.Modalities[st.Modality] {
			r.p.About(s.At, "modality", "%q is not one of asserted, negated, hypothetical, future, conditional", s.Modality)
		}
		if st.CAMEO == "" {
			st.CAMEO = info.CAMEO
		}
		if st.Date == "" {
			st.Date = doc.doc.Date
		} else {
			r.checkDate(s.At, "date", st.Date)
		}
		if s.Confidence != nil {
			if *s.Confidence < 0 || *s.Confidence > 1 {
				r.p.About(s.At, "confidence", "must be between 0 and 1")
			}
			st.Confidence = *s.Confidence
		}
		if strings.TrimSpace(st.Summary) == "" {
			r.p.About(s.At, "summary", "required: a one-line English summary")
		}
		if len(s.Speakers) == 0 {
			r.p.About(s.At, "speakers", "at least one speaker is required")
		}
		for _, a := range s.Speakers {
			r.ref(s.At, "speakers", a, "actor")
		}
		if len(s.Targets) == 0 {
			r.p.About(s.At, "targets", "at least one target is required")
		}
		for _, t := range s.Targets {
			r.ref(s.At, "targets", t, "topic", "actor", "event")
		}
		if s.Event != "" {
			r.ref(s.At, "event", s.Event, "event")
		}
		if len(s.Evidence) == 0 {
			r.p.About(s.At, "evidence", "at least one evidence span is required")
		}
		for j, e := range s.Evidence {
			m, ok := r.checkSpan(s.At, j, doc, e)
			if !ok {
				continue
			}
			if m.QuoteType == "" {
				m.QuoteType = kg.Indirect
			}
			m.ID = fmt.Sprintf("%s:m%d", st.ID, j+1)
			st.Evidence = append(st.Evidence, m)
		}
		out = append(out, st)
	}
	return out
}

// alignTerms gives a position that a document states without dates the term
// of the catalogue's position covering the document's date, so the
// document's evidence lands on that term (Putin named president in 2013
// supports his 2012– presidency, not a third, undated one).
func (r *reader) alignTerms(rels []kg.Relation, date string) []kg.Relation {
	for i, rel := range rels {
		if rel.Type != kg.HoldsPosition || rel.Start != "" || date == "" {
			continue
		}
		for _, c := range r.cat.Relations {
			if c.Type == rel.Type && c.From == rel.From && c.To == rel.To && c.Start != "" &&
				c.Start <= date && (c.End == "" || date <= c.End+"~") {
				rels[i].Start, rels[i].End = c.Start, c.End
				break
			}
		}
	}
	return rels
}

// extractUnannotated reads the statements of every document that has no
// annotation file with the rules of loader/extract, after everything else
// was validated: curated annotations win wherever they exist. New persons
// the rules find (a title and a name the catalogue lacks) join the
// catalogue as actors, so their statements resolve; the extractor is rebuilt
// after a document that adds some, so later documents know them by name.
// It returns the ids of the documents it extracted, in order.
func (r *reader) extractUnannotated() []string {
	if r.noExtract {
		return nil // whosaid load --no-extract: unannotated documents are stored without statements
	}
	ids := make([]string, 0, len(r.docs))
	for id, d := range r.docs {
		if d.annotated == "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	sort.Strings(ids)
	x := extract.New(r.cat)
	for _, id := range ids {
		d := r.docs[id]
		res := ExtractDocument(x, r.cat, d.doc)
		for _, a := range res.NewActors {
			r.ids[a.ID] = entityRef{kind: "actor", sub: strings.ToLower(string(a.Kind)), path: d.file, line: 1}
			r.cat.Actors = append(r.cat.Actors, a)
		}
		for _, t := range res.NewTopics {
			r.ids[t.ID] = entityRef{kind: "topic", path: d.file, line: 1}
			r.cat.Topics = append(r.cat.Topics, t)
		}
		d.statements = res.Document.Statements
		d.relations = res.Document.Relations
		if len(res.NewActors)+len(res.NewTopics) > 0 {
			x = extract.New(r.cat)
		}
	}
	return ids
}
