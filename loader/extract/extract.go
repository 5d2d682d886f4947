package extract

import (
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// Extractor finds statements in documents against one catalogue. It is
// immutable once built and safe for concurrent use.
type Extractor struct {
	gaz      layeredGazetteer
	entities map[string]*Entity
	ar       arabic
	en       english
	events   []kg.Event
	partOf   map[string][]string // part → wholes
	nisba    map[string]*Entity  // nationality stem → country (روس → Russia)
	ids      map[string]bool     // ids the catalogue uses
	world    map[string]kg.Actor // world-layer actors the catalogue lacks, by id
	ranker   *Ranker             // chooses inherited speakers; nil: the rules' order
}

// WithRanker is a copy of the extractor that chooses inherited speakers with
// r (nil: in the rules' fixed order).
func (x *Extractor) WithRanker(r *Ranker) *Extractor {
	y := *x
	y.ranker = r
	return &y
}

// DocumentTrace extracts like Document and also returns every decision the
// ranker (or the rules in its place) made, with its candidates: what
// whosaid train learns from.
func (x *Extractor) DocumentTrace(doc kg.Document) (Result, []Decision) {
	var trace []Decision
	return x.document(doc, &trace), trace
}

// New builds an extractor over a catalogue and the world layer (every
// country, the main organisations, government institutions): the catalogue
// wins wherever both name the same thing. The world layer is built once per
// process and shared.
func New(cat kg.Catalogue) *Extractor {
	return newExtractor(cat, defaultWorld())
}

func newExtractor(cat kg.Catalogue, wl *worldLayer) *Extractor {
	x := &Extractor{entities: map[string]*Entity{}, ar: arabic{buildArabic()}, en: english{buildEnglish()},
		events: cat.Events, partOf: map[string][]string{}, nisba: map[string]*Entity{}, ids: map[string]bool{},
		world: map[string]kg.Actor{}}
	if r := DefaultRanker(); r != nil && r.Enabled {
		x.ranker = r
	}
	catGaz, all := catalogueGazetteer(cat)
	hidden := wl.hiddenBy(cat)
	x.gaz = layeredGazetteer{cat: catGaz, world: wl.gaz, hidden: hidden}
	catISO := map[string]*Entity{}
	for i, e := range all {
		x.entities[e.ID] = e
		x.ids[e.ID] = true
		if e.Kind == ActorEntity && e.Actor == kg.Country {
			if i < len(cat.Actors) && cat.Actors[i].ISO != "" {
				catISO[cat.Actors[i].ISO] = e
			}
			// A one-word name gives its adjective (روسيا → الروسي); a name of
			// several words does not («جزر فرجين البريطانية» is not what
			// «البريطاني» means).
			if toks := keysOf(e.Ar); len(toks) == 1 {
				x.nisba[nisbaStem(toks[0].Light)] = e
			}
		}
	}
	for _, e := range wl.all {
		if hidden[e] {
			continue
		}
		x.world[e.ID] = wl.actors[e.ID]
		x.ids[e.ID] = true // new persons never take a world actor's id
		if x.entities[e.ID] == nil {
			x.entities[e.ID] = e
		}
	}
	// The world layer's adjectives, irregular ones included (أمريكي،
	// بريطاني، إماراتي); a country the catalogue names instead takes them.
	for stem, e := range wl.nisba {
		if _, taken := x.nisba[stem]; taken {
			continue
		}
		if hidden[e] {
			e = catISO[wl.iso[e]]
		}
		if e != nil {
			x.nisba[stem] = e
		}
	}
	for _, p := range cat.Places {
		x.ids[p.ID] = true
	}
	for _, r := range cat.Relations {
		if r.Type == kg.PartOf {
			x.partOf[r.From] = append(x.partOf[r.From], r.To)
		}
	}
	return x
}

// nisbaStem reduces a country name or its adjective to a shared stem:
// روسيا / الروسي → روس, سورية / السوري → سور, إيران / الإيراني → ايران.
func nisbaStem(k string) string {
	for _, suf := range []string{"يون", "يين", "يه", "يا", "ي", "ه", "ا"} {
		if strings.HasSuffix(k, suf) && len(k)-len(suf) >= 4 {
			return strings.TrimSuffix(k, suf)
		}
	}
	return k
}

// Result is what the extractor found in one document.
type Result struct {
	Statements []kg.Statement
	Details    []Detail      // Details[i] explains Statements[i]
	NewActors  []kg.Actor    // persons named with a title that the catalogue lacks, and world-layer actors used
	NewTopics  []kg.Topic    // phrases a statement is about that no catalogue names
	Relations  []kg.Relation // positions of the new persons, as the text states them
}

// Detail says how a statement was read: the words naming its speakers and
// targets, and how the speaker was resolved.
type Detail struct {
	Speakers []Ref
	Targets  []Ref
	How      string // name, title, coref, document, inherited (see Resolved)
	From     string // where the predicate came from: cue, noun, complement, default
}

// Resolved says in words a reviewer reads how a statement's speakers were
// found: named (a name or alias), title (a title and a name, or a title
// standing for someone), coreference («المنظمة», «البيان», "he"),
// continuation («وأضاف», "he added": the speaker before) or headline (a
// headline's "X: …").
func (d Detail) Resolved(headline bool) string {
	switch {
	case headline && d.How != byInherited:
		return "headline"
	case d.How == byName:
		return "named"
	case d.How == byTitle:
		return "title"
	case d.How == byInherited:
		return "continuation"
	}
	return "coreference"
}

// Ref is an entity as the text names it. Start and End are code points.
type Ref struct {
	ID      string
	Name    string // English name or label
	NameAr  string // Arabic name or label
	Kind    string // person, organisation, country, topic, event
	Surface string
	Start   int
	End     int
	New     bool
}

// docState is everything remembered while reading one document.
type docState struct {
	x     *Extractor
	lang  language
	lx    *lexicon // lang's words
	doc   kg.Document
	d     *Doc
	local *Gazetteer // persons this document introduces

	newActors []*Entity
	newByKey  map[string]*Entity
	takenIDs  map[string]bool
	positions []kg.Relation

	history      []mention
	lastPair     []*Entity
	titleRefs    map[string]*Entity
	issuer       []*Entity // who issued the last text (بيان) the article quoted
	issuerSent   int
	lastSpeakers []*Entity
	lastSent     int
	sentSpeakers []ref // the speaker of the current sentence, for participles
	lastTargets  []ref
	occasion     map[string]string // speaker id → last occasion

	drafts []*draft
	memo   []memoMatch // actor names by token (see actorAt)

	namings map[*Entity][]ref // spans that name each actor, in order (see named)
	trace   *[]Decision       // where decisions are recorded, when asked (DocumentTrace)

	sentenceIsRereading bool // a headline read again after the body: no inherited speakers

	newTopics    map[string]*Entity // phrase targets by matching key (see phraseTarget)
	newTopicList []*Entity
}

// draft is a statement being built.
type draft struct {
	sent     int
	speakers []ref
	how      string
	hit      stanceHit
	targets  []ref
	event    string
	date     string
	quote    kg.QuoteType
	headline bool
	cueText  string
	start    int // code points of the evidence span
	end      int
	conf     float64
	extra    []kg.Mention // further evidence (a headline restating it)
	dropped  bool
}

// Document extracts the statements of one document. doc.Lang picks the
// lexicon (ar, en; empty: guessed from the script); doc.Date resolves
// relative dates. Every span lies inside doc.Text and slices to its text.
func (x *Extractor) Document(doc kg.Document) Result {
	return x.document(doc, nil)
}

func (x *Extractor) document(doc kg.Document, trace *[]Decision) Result {
	s := x.newDocState(doc, trace)
	d := s.d
	for si, sent := range d.Sentences {
		if sent.Skip {
			continue
		}
		s.sentence(si, sent)
	}
	// A headline may name a person the body introduces later («ظريف: …»
	// above «وزير الخارجية الإيراني محمد جواد ظريف»): read it again.
	for si, sent := range d.Sentences {
		if sent.Headline && !sent.Skip && !s.hasDraft(si) && !s.headlineColon(si, sent) {
			// «روبن يدعو إلى إسقاط الأسد» above «… جيمس روبن …»: the body named
			// the person the headline calls by surname.
			s.sentSpeakers, s.lastSpeakers, s.sentenceIsRereading = nil, nil, true
			s.sentence(si, sent)
			s.sentenceIsRereading = false
		}
	}
	s.headlines()
	return s.result()
}

// newDocState splits a document into sentences (the first stage) and
// starts reading it in its language.
func (x *Extractor) newDocState(doc kg.Document, trace *[]Decision) *docState {
	d := Split(doc.Text)
	lang := x.languageOf(doc, d)
	return &docState{x: x, lang: lang, lx: lang.words(), doc: doc, d: d, local: newGazetteer(), newByKey: map[string]*Entity{},
		takenIDs: map[string]bool{}, titleRefs: map[string]*Entity{}, occasion: map[string]string{}, lastSent: -10,
		memo: make([]memoMatch, len(d.Tokens)), trace: trace}
}

func (s *docState) hasDraft(si int) bool {
	for _, d := range s.drafts {
		if d.sent == si {
			return true
		}
	}
	return false
}

// guessLang says en when most letters are Latin.
func guessLang(d *Doc) string {
	latin, other := 0, 0
	for _, t := range d.Tokens {
		if t.Kind == Word {
			if t.Latin {
				latin++
			} else {
				other++
			}
		}
	}
	if latin > other {
		return "en"
	}
	return "ar"
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
