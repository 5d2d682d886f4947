// Package seedformat is the file format of a seed folder (seeds/README.md
// documents it): the types of catalogue files, document metadata and
// annotation files, a strict reader that says file:line: field: what is
// wrong, and a writer. The struct tags below are the format: reading accepts
// exactly the keys they name and writing emits them in this order.
//
// What the values mean (which ids exist, which dates are real, whether a
// span matches its document) is the loader's business; this package only
// says what is in the files and where.
package seedformat

// Names is a bilingual name.
type Names struct {
	En string `yaml:"en,omitempty"`
	Ar string `yaml:"ar,omitempty"`
}

// Aliases are the other spellings of a name, per language.
type Aliases struct {
	En []string `yaml:"en,omitempty,flow"`
	Ar []string `yaml:"ar,omitempty,flow"`
}

// otherLanguages marks the bilingual types: a key other than en and ar is
// another language, accepted and ignored (seeds/README.md §3.1), so it is
// not reported as an unknown field.
type otherLanguages interface{ otherLanguagesIgnored() }

func (Names) otherLanguagesIgnored()   {}
func (Aliases) otherLanguagesIgnored() {}

// Catalogue is a file of catalogue/: any of its sections may be present.
type Catalogue struct {
	Actors      []Actor      `yaml:"actors,omitempty"`
	Topics      []Topic      `yaml:"topics,omitempty"`
	Events      []Event      `yaml:"events,omitempty"`
	Places      []Place      `yaml:"places,omitempty"`
	Positions   []Position   `yaml:"positions,omitempty"`
	PartOf      []PartOf     `yaml:"partOf,omitempty"`
	Memberships []Membership `yaml:"memberships,omitempty"`
	At          Origin       `yaml:"-"`
}

type Actor struct {
	ID          string  `yaml:"id"`
	Kind        string  `yaml:"kind"`
	Name        Names   `yaml:"name,flow"`
	Aliases     Aliases `yaml:"aliases,omitempty"`
	Wikidata    string  `yaml:"wikidata,omitempty"`
	ISO         string  `yaml:"iso,omitempty"`
	OrgType     string  `yaml:"orgType,omitempty"`
	Description string  `yaml:"description,omitempty"`
	At          Origin  `yaml:"-"`
}

// Fields typed any are accepted but not stored (seeds/README.md marks them
// ignored); they are kept so a file read and written again keeps them.

type Topic struct {
	ID          string   `yaml:"id"`
	Label       Names    `yaml:"label,flow"`
	Aliases     Aliases  `yaml:"aliases,omitempty"`
	Broader     []string `yaml:"broader,omitempty,flow"`
	Description any      `yaml:"description,omitempty"`
	At          Origin   `yaml:"-"`
}

type Event struct {
	ID           string   `yaml:"id"`
	Kind         string   `yaml:"kind,omitempty"`
	Name         Names    `yaml:"name,flow"`
	Aliases      Aliases  `yaml:"aliases,omitempty"`
	Date         string   `yaml:"date,omitempty"`
	EndDate      string   `yaml:"endDate,omitempty"`
	Place        string   `yaml:"place,omitempty"`
	Participants []string `yaml:"participants,omitempty,flow"`
	Topics       []string `yaml:"topics,omitempty,flow"`
	Wikidata     string   `yaml:"wikidata,omitempty"`
	Description  any      `yaml:"description,omitempty"`
	At           Origin   `yaml:"-"`
}

type Place struct {
	ID          string  `yaml:"id"`
	Name        Names   `yaml:"name,flow"`
	Aliases     Aliases `yaml:"aliases,omitempty"`
	Country     string  `yaml:"country,omitempty"`
	Wikidata    string  `yaml:"wikidata,omitempty"`
	Description any     `yaml:"description,omitempty"`
	At          Origin  `yaml:"-"`
}

// Span is an evidence span: Start and End are Unicode code point offsets
// into the document, End exclusive; nil means the key is missing.
type Span struct {
	Start     *int   `yaml:"start,omitempty"`
	End       *int   `yaml:"end,omitempty"`
	Text      string `yaml:"text"`
	Cue       string `yaml:"cue,omitempty"`
	QuoteType string `yaml:"quoteType,omitempty"`
	Headline  bool   `yaml:"headline,omitempty"`
}

// Position, PartOf and Membership are context facts: general knowledge in
// the catalogue, tied to the article by Evidence in annotations.
type Position struct {
	Person   string `yaml:"person"`
	In       string `yaml:"in"`
	Title    Names  `yaml:"title,omitempty,flow"`
	From     string `yaml:"from,omitempty"`
	To       string `yaml:"to,omitempty"`
	Evidence []Span `yaml:"evidence,omitempty"`
	Source   any    `yaml:"source,omitempty"`
	At       Origin `yaml:"-"`
}

type PartOf struct {
	Part     string `yaml:"part"`
	Whole    string `yaml:"whole"`
	From     string `yaml:"from,omitempty"`
	To       string `yaml:"to,omitempty"`
	Evidence []Span `yaml:"evidence,omitempty"`
	Source   any    `yaml:"source,omitempty"`
	At       Origin `yaml:"-"`
}

type Membership struct {
	Member       string `yaml:"member"`
	Organisation string `yaml:"organisation"`
	From         string `yaml:"from,omitempty"`
	To           string `yaml:"to,omitempty"`
	Evidence     []Span `yaml:"evidence,omitempty"`
	Source       any    `yaml:"source,omitempty"`
	At           Origin `yaml:"-"`
}

// Meta is documents/<id>.meta.yaml.
type Meta struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title,omitempty"`
	Lang    string `yaml:"lang"`
	Date    string `yaml:"date"`
	URL     string `yaml:"url,omitempty"`
	Source  string `yaml:"source,omitempty"`
	Licence string `yaml:"licence,omitempty"`
	Outlet  string `yaml:"outlet,omitempty"`
	Split   string `yaml:"split,omitempty"`
	Notes   any    `yaml:"notes,omitempty"`
	At      Origin `yaml:"-"`
}

// Annotation is annotations/<id>.yaml: the statements and context facts of
// one document.
type Annotation struct {
	Document    string       `yaml:"document"`
	Annotator   any          `yaml:"annotator,omitempty"`
	Notes       any          `yaml:"notes,omitempty"`
	Statements  []Statement  `yaml:"statements"`
	Positions   []Position   `yaml:"positions,omitempty"`
	PartOf      []PartOf     `yaml:"partOf,omitempty"`
	Memberships []Membership `yaml:"memberships,omitempty"`
	At          Origin       `yaml:"-"`
}

// Statement is one atomic statement. Confidence nil means the key is
// missing (the loader's default applies).
type Statement struct {
	ID         string   `yaml:"id"`
	Speakers   []string `yaml:"speakers,flow"`
	Predicate  string   `yaml:"predicate"`
	Polarity   string   `yaml:"polarity"`
	Targets    []string `yaml:"targets,flow"`
	Event      string   `yaml:"event,omitempty"`
	Date       string   `yaml:"date,omitempty"`
	Modality   string   `yaml:"modality,omitempty"`
	CAMEO      string   `yaml:"cameo,omitempty"`
	Summary    string   `yaml:"summary"`
	Confidence *float64 `yaml:"confidence,omitempty"`
	Evidence   []Span   `yaml:"evidence"`
	Note       any      `yaml:"note,omitempty"`
	At         Origin   `yaml:"-"`
}
