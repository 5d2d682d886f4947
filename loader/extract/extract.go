package extract

import (
	"fmt"
	"math"
	"slices"
	"sort"
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
	lastPara     int
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
	d := Split(doc.Text)
	lang := x.languageOf(doc, d)
	s := &docState{x: x, lang: lang, lx: lang.words(), doc: doc, d: d, local: newGazetteer(), newByKey: map[string]*Entity{},
		takenIDs: map[string]bool{}, titleRefs: map[string]*Entity{}, occasion: map[string]string{}, lastSent: -10,
		memo: make([]memoMatch, len(d.Tokens)), trace: trace}
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

// sentence finds the statements of one sentence.
func (s *docState) sentence(si int, sent Sentence) {
	a, b := sent.Start, sent.End
	if s.d.Sentences[si].Para != s.lastPara {
		s.lastPara = s.d.Sentences[si].Para
	}
	s.sentSpeakers = nil
	s.noteActors(si, a, b)
	if sent.Headline && s.headlineColon(si, sent) {
		return
	}
	toks := s.d.Tokens
	inComp := false
	var mainPred kg.Predicate
	for k := a; k < b; k++ {
		f, ok := s.cueForm(k)
		if !ok || s.d.Quoted[k] {
			continue
		}
		boundary := s.isBoundary(k, a, f)
		if inComp && !boundary {
			continue
		}
		c, ok := s.resolveCue(si, sent, k, f)
		if !ok {
			continue
		}
		inComp = true
		hits := s.stances(c, sent)
		if len(hits) == 1 && hits[0].from == "default" && hits[0].pred == "ASSERT" && c.f.kind == participle && c.np.how == byInherited && mainPred == "ANNOUNCE" {
			hits[0].pred = "ANNOUNCE" // «… سيعقد …، مشيرة إلى أن …»: an elaboration of an announcement
		}
		if mainPred == "" && len(hits) > 0 {
			mainPred = hits[0].pred
		}
		for _, h := range hits {
			s.addDraft(si, sent, c, h)
		}
		if c.np.how != byInherited {
			s.sentSpeakers = c.np.refs
		}
		s.lastSpeakers, s.lastSent = entitiesOf(c.np.refs), si
		if c.np.how == byDocument || s.mediumIn(c.from, c.comp, docNoun) {
			s.setIssuer(entitiesOf(c.np.refs), si)
		}
		if c.comp > k {
			k = maxInt(k, c.from-1)
		}
		_ = toks
	}
}

// cueForm returns the cue form of token k, if it is a cue word (not a
// first-person form or a noun, which only ever say what was said).
func (s *docState) cueForm(k int) (form, bool) {
	if s.lang.inName(s.d.Tokens, k) {
		return form{}, false
	}
	for _, f := range s.lx.formsAt(s.d.Tokens[k]) {
		if f.kind != noun && !f.first {
			return f, true
		}
	}
	if l := s.accordingAt(k); l != nil {
		return form{lemma: l, kind: perfect}, true
	}
	return form{}, false
}

// generic sources: a cue whose subject is one of these has no speaker the
// graph can hold.
var generic = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range append(arabicNotNames, "مصادر", "المصادر", "مسؤولون", "المسؤولون", "مراقبون", "شهود", "سكان", "ناشطون", "محللون", "تقارير", "أنباء",
		"officials", "sources", "analysts", "observers", "witnesses", "residents", "diplomats", "reports") {
		for _, t := range keysOf(w) {
			m[t.Light] = true
		}
	}
	return m
}()

// UnnamedSources is the id of the actor unnamed sources speak as ("officials
// said", «قالت مصادر»), as the annotation guide has it.
const UnnamedSources = "unnamed-sources"

// unnamed are the subjects that make a statement one of unnamed sources.
var unnamed = lightSet("مصادر", "المصادر", "مصدر", "المصدر", "مسؤولون", "المسؤولون", "مسؤولين", "مسؤول", "دبلوماسيون", "دبلوماسي", "مسئولون",
	"officials", "sources", "source", "diplomats", "official", "diplomat")

var accordingLemma = lemma{word: "بحسب", class: according}

// accordingAt recognises «بحسب / حسب / وفق / وفقا لـ / نقلا عن» and
// "according to".
func (s *docState) accordingAt(k int) *lemma {
	if s.d.Tokens[k].Is("حسب", "بحسب", "وفق", "وفقا", "طبقا", "حسبما", "نقلا", "according") {
		return &accordingLemma
	}
	return nil
}

// isBoundary reports whether a cue inside another cue's complement starts
// a clause of its own: a participle (مؤكدا، مشيرا), a verb after و / ف
// (وأدانت، واعربوا) or after a comma and فيما / بينما / كما, or in English
// a participle or a verb after "and".
func (s *docState) isBoundary(k, a int, f form) bool {
	return f.kind == participle || s.lang.startsClause(s, k, a, f)
}

func (s *docState) setIssuer(es []*Entity, si int) {
	s.issuer, s.issuerSent = es, si
}

// unresolvedSubject reports whether the word after an Arabic verb at i is
// the start of a subject the extractor could not resolve: a content word, not
// a particle, a complementizer, a preposition, a date, a quote or a
// punctuation mark (which leave the subject implicit: «وأضاف أن», «وقال في
// بيان», «وتابع اليوم :»).
func (s *docState) unresolvedSubject(i, b int) bool {
	if i >= b {
		return false
	}
	t := s.d.Tokens[i]
	if t.Kind != Word || t.Latin || stopWord(t) || t.In(s.lx.comp) || pronounSuffixed(t) || len(s.lx.formsAt(t)) > 0 {
		return false
	}
	k := t.Key
	if len([]rune(k)) <= 3 || strings.HasPrefix(k, "ل") || strings.HasPrefix(k, "ب") || strings.HasPrefix(k, "خلال") {
		return false // له، لـ«الرياض»، للصحفيين، بدوره: a preposition, not a subject
	}
	if _, isDay := weekdays[k]; isDay {
		return false
	}
	return !implicitSubjectFollowers[k]
}

// implicitSubjectFollowers may follow a verb whose subject is the one
// already speaking: adverbs, pronoun objects, media and dates («وأضاف
// اليوم», «وقال في تصريح»).
var implicitSubjectFollowers = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("اليوم امس ايضا كذلك مجددا مضيفا مؤكدا مشيرا فيه فيها عنه عنها انه انها ان إن الى حول بشان خلال عقب اثر امام عبر صباح مساء صحفي الصحفي تصريح تصريحات كلمه كلمته مؤتمر المؤتمر حديث حديثه لقاء مقابله بيان اول الاربعاء الخميس الجمعه السبت الاحد الاثنين الثلاثاء") {
		m[w] = true
	}
	return m
}()

// afterParticle reports a verb right after كما / حيث / ثم / ولكنه / وهو:
// its subject is the one already speaking.
func (s *docState) afterParticle(k, a int) bool {
	if k > a+1 && s.d.Tokens[k-1].Is("لم", "لن", "لا") {
		k-- // «ولكنه لم يكشف»
	}
	if k == a {
		return false
	}
	switch s.d.Tokens[k-1].Key {
	case "كما", "حيث", "ثم", "ولكنه", "لكنه", "ولكنها", "لكنها", "وهو", "وهي", "فيما", "بينما", "اذ", "بل", "كذلك":
		return true
	}
	return false
}

// sentenceSubject is the first person the sentence names before token k,
// the subject of a verb that is not a cue («تحدث أحمد عصيد …، وقال :»).
func (s *docState) sentenceSubject(si, k int) *Entity {
	// Only a person named before the cue: one named after it is in what was
	// said («وشدد على حرص المملكة …، مشيرا إلى أن … الرئيس هادي»).
	a := s.d.Sentences[si].Start
	var best *Entity
	bestStart := k
	for e, rs := range s.namings {
		if e.Actor != kg.Person {
			continue
		}
		for _, r := range rs {
			if r.start >= a && r.start < bestStart {
				best, bestStart = e, r.start
			}
		}
	}
	return best
}

// resolveCue finds the speaker and the complement of the cue at k.
func (s *docState) resolveCue(si int, sent Sentence, k int, f form) (cue, bool) {
	toks := s.d.Tokens
	a, b := sent.Start, sent.End
	l := f.lemma
	c := cue{at: k, f: f, end: b}
	after := s.skipFiller(k+1, b)
	switch {
	case l.class == channel:
		// «نقلت وكالة X عن Y قوله إن …»: Y speaks, X is the channel.
		for j := k + 1; j < b && j < k+10; j++ {
			if toks[j].Key == "عن" {
				c.np = s.parseNP(s.skipFiller(j+1, b), b)
				break
			}
		}
		if !c.np.ok() {
			return c, false
		}
		c.from = c.np.end
		if c.from < b && toks[c.from].HasPrefix("قول") {
			c.from++
		}
	case l.class == according:
		j := after
		for j < b && toks[j].Is("to", "عن", "راي", "تعبير", "قول", "ما", "افاد", "افادت", "ذكر", "ذكرت", "نقل", "نقلت", "اعلن", "اعلنت") {
			j++ // «حسب رأي عصيد», «حسبما أفادت الوزارة», "according to"
		}
		c.np = s.parseNP(j, b)
		if !c.np.ok() {
			c.np = s.lang.accordingApposition(s, j, b)
		}
		if !c.np.ok() {
			return c, false
		}
		if k > a+2 {
			c.from, c.comp, c.end, c.fixed = a, a, k, true
			return s.finishCue(c), true
		}
		c.from = c.np.end
	case toks[minInt(k+1, b-1)].Key == "فيه" || toks[minInt(k+1, b-1)].Key == "فيها":
		// «أصدر بيانا … دعا فيه المجتمع الدولي إلى …»: the text's issuer speaks;
		// the phrase after فيه is the addressee.
		if len(s.issuer) == 0 {
			return c, false
		}
		c.np = np{refs: refsOf(s.issuer, k, k+1), start: k, end: k + 2, how: byDocument}
		c.from = k + 2
	default:
		c.np = s.lang.verbSubject(s, k, a, after, b, f)
		if !c.np.ok() && after < b && toks[after].In(unnamed) {
			// «وقال مسؤولون أميركيون», «وتقول المصادر»: unnamed sources, one
			// actor the annotation guide names as such.
			if e := s.x.entities[UnnamedSources]; e != nil {
				c.np = np{refs: []ref{{e, after, after + 1}}, start: after, end: after + 1, how: byName}
			}
		}
		if !c.np.ok() && after < b && toks[after].In(generic) {
			return c, false // "analysts said", «وقال شهود»: no one to attribute it to
		}
		if c.np.ok() && c.np.how == byCoref && c.np.start > k && s.isBoundary(k, a, f) && len(s.sentSpeakers) > 0 {
			// «ويعبر عن القلق … ويتهم الحكومة»: a bare noun after a coordinated
			// verb is its object; the subject is the one already speaking.
			c.np = np{refs: s.sentSpeakers, start: k, end: k + 1, how: byInherited}
			c.from = k + 1
		} else if c.np.ok() {
			c.from = maxInt(c.np.end, k+1)
			if c.np.start < k {
				c.from = k + 1
			}
		} else {
			if l.ambiguous && f.kind == perfect && slices.Contains(toks[k].Forms, Key(l.word)) {
				return c, false
			}
			if !s.lang.mayInherit(s, k, a, f) || after < b && (isTitleWord(toks[after]) || toks[after].In(generic)) {
				return c, false // «وقال الأمين العام …»: someone speaks, but not the last speaker
			}
			// Who speaks, when no words next to the cue say: the candidates in
			// the rules' order, and the rules' choice among them.
			var cands []inheritCandidate
			if len(s.sentSpeakers) > 0 {
				cands = append(cands, inheritCandidate{"sentence", s.sentSpeakers})
			}
			if len(s.issuer) > 0 && s.issuerSent == si {
				cands = append(cands, inheritCandidate{"issuer", refsOf(s.issuer, k, k+1)})
			}
			subj := s.sentenceSubject(si, k)
			if subj != nil {
				cands = append(cands, inheritCandidate{"subject", []ref{{subj, k, k + 1}}})
			}
			if len(s.lastSpeakers) > 0 && si-s.lastSent <= 3 {
				cands = append(cands, inheritCandidate{"last", refsOf(s.lastSpeakers, k, k+1)})
			}
			if s.sentenceIsRereading {
				return c, false
			}
			rules := 0
			// «وقالت عائلة الدوابشة …»: the verb has a subject of its own that
			// was not recognised (a verb coordinated with one whose speaker this
			// sentence named shares it: its noun is an object, «وأكدت مجددا
			// الارتباط»); lending it the last speaker would be a guess that is
			// wrong far more often than right, so the chain breaks.
			breaks := f.kind != participle && len(s.sentSpeakers) == 0 && subj == nil && s.lang.subjectUnresolved(s, after, b)
			if breaks || len(cands) == 0 {
				rules = -1
			}
			choice := s.chooseInherited(si, k, after, b, f, cands, rules)
			if choice < 0 {
				if breaks {
					s.lastSpeakers, s.sentSpeakers = nil, nil
				}
				return c, false
			}
			how := byInherited
			if cands[choice].src == "issuer" {
				how = byDocument
			}
			c.np = np{refs: cands[choice].refs, start: k, end: k + 1, how: how}
			c.from = s.skipFiller(k+1, b)
		}
	}
	if l.needs != "" && l.class != channel && !s.followedBy(c.from, b, l.needs) {
		return c, false
	}
	if l.class == discuss {
		// «بحث لافروف مع نظيره الأمريكي جون كيري»: both are speakers.
		for j := c.from; j < b && j < c.from+4; j++ {
			if toks[j].Key == "مع" || toks[j].Key == "with" {
				if p := s.parseNP(s.skipFiller(j+1, b), b); p.ok() {
					c.np.refs = append(append([]ref{}, c.np.refs...), p.refs...)
					c.from = p.end
					if len(c.np.refs) == 2 {
						s.lastPair = entitiesOf(c.np.refs)
					}
				}
				break
			}
		}
	}
	if q, ok := s.lang.inverted(s, c, a); ok {
		return s.finishCue(q), true
	}
	return s.finishCue(c), true
}

// finishCue finds where the complement starts: at a complementizer (إن،
// أن، that), a colon or an opening quote after the speaker and any medium
// phrase, and where it ends: at the next clause-level cue.
func (s *docState) finishCue(c cue) cue {
	toks := s.d.Tokens
	if c.fixed {
		return c
	}
	c.comp = c.from
	for j := c.from; j < c.end && j < c.from+15; j++ {
		t := toks[j]
		if c.f.lemma.class != report && c.f.lemma.class != evaluative && c.f.lemma.class != according {
			break // a stance verb's object follows it directly
		}
		if t.In(s.lx.comp) && t.Kind == Word || t.Key == ":" {
			c.comp, c.colon = j+1, t.Key == ":"
			break
		}
		if t.Kind == Quote && j+1 < len(toks) && s.d.Quoted[j+1] && j <= c.from+2 {
			c.comp = j
			break
		}
		if f, ok := s.cueForm(j); ok && j > c.from && !s.d.Quoted[j] && s.isBoundary(j, c.from, f) {
			break
		}
	}
	for j := maxInt(c.comp, c.at+1); j < c.end; j++ {
		if f, ok := s.cueForm(j); ok && !s.d.Quoted[j] && s.isBoundary(j, c.at, f) {
			c.end = j
			break
		}
	}
	if c.comp > c.end {
		c.comp = c.end
	}
	return c
}

// npBefore finds a subject ending right before the cue at k (SVO: «وكان
// وزير الخارجية الروسي سيرغي لافروف أعلن», "Lavrov said"), starting at
// most three words after the clause start.
func (s *docState) npBefore(k, clause int) np {
	toks := s.d.Tokens
	limit := s.lang.subjectReach(clause, k)
	for p := clause; p < k && p <= limit; p++ {
		if toks[p].Kind != Word {
			continue
		}
		if p > 0 && toks[p-1].In(prepositions) {
			continue // «وعن اليمن قال»: the object of a preposition is not the subject
		}
		q := s.parseNP(p, k)
		if !q.ok() {
			continue
		}
		// Only fillers may stand between the subject and the verb.
		j := q.end
		for j < k {
			if e, ok := s.lx.has(toks, j, k, skip); ok {
				j = e
				continue
			}
			if toks[j].Key == "كان" || toks[j].Key == "قد" || toks[j].Key == "," || toks[j].Key == "has" || toks[j].Key == "had" || toks[j].Key == "have" {
				j++
				continue
			}
			break
		}
		if j == k {
			return q
		}
	}
	return np{}
}

// prepositions govern the noun after them, which is then no subject.
var prepositions = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("عن في من على الى إلى حول بشأن مع لدى تجاه ضد بحق عند") {
		for _, c := range []string{"", "و", "ف"} { // «وعن اليمن»
			for _, t := range keysOf(c + w) {
				m[t.Key] = true
			}
		}
	}
	for _, w := range strings.Fields("of about on in at to for with against from by") {
		m[w] = true
	}
	return m
}()

// enFillers may stand between an English subject and its verb.
var enFillers = map[string]bool{",": true, "has": true, "had": true, "have": true, "also": true, "later": true, "earlier": true,
	"previously": true, "then": true, "again": true, "repeatedly": true, "publicly": true, "reportedly": true, "separately": true,
	"strongly": true, "firmly": true, "categorically": true, "flatly": true, "today": true, "yesterday": true, "on": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"jr": true, ".": true, "sr": true}

// englishSubjectBefore reads the subject of an English verb at k backwards,
// past adverbs, auxiliaries and "on Monday": an actor, title or pronoun that
// ends there ("Venezuela's foreign ministry categorically rejects"), or a
// capitalised name the catalogue lacks ("The director-general of the IAEA,
// Yukiya Amano, said"), which becomes a new person; title words at its start
// are the title, not the name ("National Security Advisor Jake Sullivan").
func (s *docState) englishSubjectBefore(k, a int) np {
	toks := s.d.Tokens
	j := k - 1
	sawComma := false
	for j >= a && (enFillers[toks[j].Key] || toks[j].Kind == Punct && toks[j].Key == ".") {
		sawComma = sawComma || toks[j].Key == ","
		j--
	}
	if j < a || toks[j].Kind != Word {
		return np{}
	}
	if sawComma && !toks[j].Upper {
		// "Claudio De Vincenti, undersecretary to the prime minister, said":
		// the apposition describes the subject before it.
		for c := j - 1; c > a && c >= j-12; c-- {
			if toks[c].Key == "," {
				if n := toks[c+1]; !n.Upper || n.Key == "the" || n.Key == "a" || n.Key == "an" {
					j = c - 1
				}
				break
			}
		}
		if j < a || toks[j].Kind != Word {
			return np{}
		}
	}
	if toks[j].In(unnamed) {
		// "U.S. officials said", "a diplomatic source said"
		if e := s.x.entities[UnnamedSources]; e != nil {
			return np{refs: []ref{{e, j, j + 1}}, start: j, end: j + 1, how: byName}
		}
	}
	for p := max(a, j-7); p <= j; p++ {
		if q := s.parseNP(p, j+1); q.ok() && q.end == j+1 {
			return q
		}
	}
	if j > a+1 && toks[j-1].Key == "." && enHonorifics[toks[j-2].Key] && toks[j].Upper {
		// "Mr. Toccafondi says": a surname after Mr./Ms./Dr. names a person
		// (the one this document already named so, when there is one).
		if m, ok := s.actorAt(j, j+1); ok {
			return np{refs: []ref{{m.aliases[0].entity, j, j + 1}}, start: j, end: j + 1, how: byName}
		}
		return s.newPersonNP(j, j+1)
	}
	p := j
	for p >= a {
		t := toks[p]
		initial := t.Kind == Word && t.Upper && len([]rune(t.Key)) == 1
		dot := t.Key == "." && p > a && len([]rune(toks[p-1].Key)) == 1 && toks[p-1].Upper
		if !(t.Kind == Word && t.Latin && t.Upper && !stopWord(t) || initial || dot || t.Key == "-" && p > a && toks[p-1].Upper) {
			break
		}
		p--
	}
	start := p + 1
	for start <= j && (isTitleWord(toks[start]) || toks[start].In(titleMods) || enTitleWords[toks[start].Key]) {
		start++
	}
	// "Afghan Ambassador to the United States Hamdullah Mohib": a long
	// capitalised run ends with the name; what comes before is the title.
	// Words joined by a hyphen (El-Hassan) and initials (R.) count with the
	// word they belong to.
	var wordStarts []int // the first token of each word, last word first
	for q := j; q >= start; q-- {
		if toks[q].Kind != Word || q > start && (toks[q-1].Key == "-" || toks[q-1].Key == ".") {
			continue
		}
		wordStarts = append(wordStarts, q)
	}
	if len(wordStarts) > 3 && !enOrgWords[toks[j].Key] {
		// Two words, three when the middle one is an initial, a particle or
		// joined by a hyphen (Joseph R. Biden, Mohamed El-Hassan Mohamed).
		start = wordStarts[1]
		mid := wordStarts[1]
		if len([]rune(toks[mid].Key)) == 1 || nameParticle[toks[mid].Key] || mid+1 <= j && toks[mid+1].Key == "-" {
			start = wordStarts[2]
		}
	}
	if j-start+1 < 2 || toks[start].Key == "." {
		return np{}
	}
	if m, ok := s.actorAt(start, j+1); ok && m.End == j+1 {
		return np{refs: []ref{{m.aliases[0].entity, start, j + 1}}, start: start, end: j + 1, how: byName}
	}
	q := s.newPersonNP(start, j+1)
	for k := start; k <= j; k++ {
		if enOrgWords[toks[k].Key] {
			q.refs[0].e.Actor = kg.Organisation // "The Deseret News", "Human Rights Watch"
			break
		}
	}
	return q
}

var enHonorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true}

// enOrgWords make a capitalised name a body's, not a person's.
var enOrgWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("news times post guardian herald journal telegraph tribune agency ministry department office council committee commission party union association organization organisation federation league front movement army forces court bank institute foundation network watch group coalition alliance government parliament assembly congress senate house university church conference authority police") {
		m[w] = true
	}
	return m
}()

// enTitleWords are the words of English titles and offices that stand
// before a name and are not part of it.
var enTitleWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("president prime minister foreign secretary state general ambassador envoy spokesman spokeswoman spokesperson senator king prince sheikh chancellor chairman chairwoman speaker deputy vice mr mrs ms dr premier commissioner representative governor mayor leader emir sultan counterpart national security advisor adviser defense defence interior press chief director special high under assistant attorney justice judge commander colonel lieutenant major captain admiral crown lord lady sir queen pope cardinal archbishop bishop rabbi imam ayatollah supreme executive managing head acting former then opposition rebel mp congressman congresswoman sen rep gov") {
		m[w] = true
	}
	return m
}()

// clauseStart is the first token of the clause of k: after the last comma,
// quote or stop before it in the sentence.
func (s *docState) clauseStart(k, a int) int {
	toks := s.d.Tokens
	for j := k - 1; j >= a; j-- {
		if toks[j].Key == "," || toks[j].Kind == Quote || toks[j].Key == ":" {
			return j + 1
		}
	}
	return a
}

// followedBy reports whether the word w (a light key, or ":") follows
// within three tokens of i.
func (s *docState) followedBy(i, b int, w string) bool {
	toks := s.d.Tokens
	want := w
	if k, ok := s.lx.needs[w]; ok {
		want = k
	}
	for j := i; j < b && j < i+4; j++ {
		if toks[j].Is(want) || toks[j].Key == want || w == "مسؤولية" && toks[j].HasPrefix("مسؤوليه") {
			return true
		}
	}
	return false
}

// mediumIn reports whether [a, b) holds a phrase of the given kind.
func (s *docState) mediumIn(a, b int, kind phraseKind) bool {
	for j := a; j < b && j < len(s.d.Tokens); j++ {
		if _, ok := s.lx.has(s.d.Tokens, j, b, kind); ok {
			return true
		}
	}
	return false
}

// headlineColon reads a headline of the form «X: …» as a headline
// statement of X, and reports whether the sentence was one.
func (s *docState) headlineColon(si int, sent Sentence) bool {
	toks := s.d.Tokens
	p := s.parseNP(sent.Start, sent.End)
	if p.ok() && p.end < sent.End && toks[p.end].Key != ":" {
		// «بحاح لولد الشيخ: …», «الرئاسة اليمنية لـ«الرياض»: …»: the addressee
		// (لـ + a name or a quoted title) between the speaker and the colon.
		j := p.end
		for j < sent.End && j < p.end+5 && toks[j].Key != ":" && (j == p.end && strings.HasPrefix(toks[j].Key, "ل") || j > p.end && toks[j].Kind != Punct || toks[j].Kind == Quote) {
			j++
		}
		if j < sent.End && toks[j].Key == ":" && j > p.end {
			p.end = j
		}
	}
	if !p.ok() || p.end >= sent.End || toks[p.end].Key != ":" {
		return false
	}
	c := cue{at: p.end, f: form{lemma: &lemma{word: ":", class: report}}, np: p, from: p.end + 1, comp: p.end + 1, end: sent.End, colon: true}
	for _, h := range s.stances(c, sent) {
		if h.from == "default" {
			h.at, h.end = p.end+1, minInt(p.end+3, sent.End)
		}
		s.addDraft(si, sent, c, h)
	}
	s.lastSpeakers, s.lastSent = entitiesOf(p.refs), si
	return true
}

// addDraft turns a cue and one of its predicates into a draft statement.
func (s *docState) addDraft(si int, sent Sentence, c cue, h stanceHit) {
	toks := s.d.Tokens
	dr := &draft{sent: si, speakers: c.np.refs, how: c.np.how, hit: h, headline: sent.Headline}
	dr.start, dr.end = sent.Span(&s.d.Text)
	speakerIDs := map[string]bool{}
	for _, r := range c.np.refs {
		speakerIDs[r.e.ID] = true
	}
	dr.event = s.occasionOf(sent.Start, c.comp, c.np, speakerIDs)
	dr.date = s.dateOf(sent.Start, maxInt(c.comp, s.skipFiller(c.at+1, sent.End)))
	dr.targets = s.targetsOf(c, h, sent, speakerIDs, dr.event)
	if len(dr.targets) == 0 && len(s.lastTargets) > 0 && si-s.lastSent <= 2 {
		dr.targets = s.lastTargets
		dr.conf = 0.85
	}
	if len(dr.targets) == 0 {
		// No catalogue name in the complement: the words it says it about
		// become a new topic, so the statement is kept for a researcher to
		// read and curate instead of being dropped.
		t, a, b := s.phraseTarget(c, h, sent)
		if t == nil {
			return
		}
		dr.targets = []ref{{t, a, b}}
		dr.conf = 0.8
	}
	s.lastTargets = dr.targets
	if dr.event != "" {
		for id := range speakerIDs {
			s.occasion[id] = dr.event
		}
	}
	// The cue as the text writes it: the verb, or the stance phrase that decided.
	cs, ce := c.at, c.at+1
	if c.f.lemma.word == ":" {
		cs, ce = h.at, h.end
	} else if h.from == "complement" || h.from == "noun" {
		if h.from == "noun" && h.end-c.at <= 3 && h.end > c.at {
			ce = h.end
		} else {
			cs, ce = h.at, h.end
		}
	}
	if cs >= 0 && ce > cs && ce <= len(toks) && toks[cs].Start >= dr.start && toks[ce-1].End <= dr.end {
		dr.cueText = s.d.Slice(toks[cs].Start, toks[ce-1].End)
	}
	dr.quote = s.quoteType(c, sent)
	if dr.conf == 0 {
		dr.conf = 1
	}
	dr.conf *= howConfidence[c.np.how] * fromConfidence[h.from]
	if sent.Headline {
		dr.conf *= 0.9
	}
	s.drafts = append(s.drafts, dr)
}

// quoteType: summary for headlines, direct when most of the complement is
// quoted, mixed when part of it is, indirect otherwise.
func (s *docState) quoteType(c cue, sent Sentence) kg.QuoteType {
	if sent.Headline {
		return kg.Summary
	}
	if c.f.lemma.class == discuss {
		return kg.Summary
	}
	words, quoted := 0, 0
	for j := c.comp; j < c.end; j++ {
		if s.d.Tokens[j].Kind == Word {
			words++
			if s.d.Quoted[j] {
				quoted++
			}
		}
	}
	switch {
	case words > 0 && quoted*10 >= words*6:
		return kg.Direct
	case quoted > 0:
		return kg.Mixed
	}
	return kg.Indirect
}

// phraseTarget is what a statement whose complement names nothing the
// extractor knows is about: the first words of the complement (after the
// deciding word for a stance verb), up to the first punctuation mark, as a
// new topic of this document.
func (s *docState) phraseTarget(c cue, h stanceHit, sent Sentence) (*Entity, int, int) {
	toks := s.d.Tokens
	a := c.comp
	if h.end > a && h.end < c.end && h.from != "default" {
		a = h.end
	}
	if a >= c.end {
		a = c.from
	}
	for a < c.end && (toks[a].Kind != Word || toks[a].In(s.lx.comp) || stopWord(toks[a]) && len(s.lx.formsAt(toks[a])) == 0 && !toks[a].Latin) {
		a++
	}
	b := a
	for b < c.end && b < sent.End && b-a < 8 && (toks[b].Kind == Word || toks[b].Kind == Num || transparent(toks[b])) {
		b++
	}
	for b > a && (stopWord(toks[b-1]) || toks[b-1].In(s.lx.comp)) {
		b--
	}
	if b-a < 1 {
		return nil, 0, 0
	}
	label := s.d.Slice(toks[a].Start, toks[b-1].End)
	key := NameKey(label)
	if e := s.newTopics[key]; e != nil {
		return e, a, b
	}
	e := &Entity{Kind: TopicEntity, New: true, En: label, Ar: label}
	e.ID = s.x.newID("topic "+s.doc.ID+" "+transliterate(label), s.takenIDs)
	s.takenIDs[e.ID] = true
	if s.newTopics == nil {
		s.newTopics = map[string]*Entity{}
	}
	s.newTopics[key] = e
	s.newTopicList = append(s.newTopicList, e)
	return e, a, b
}

// targetsOf returns what a statement is about: catalogue topics, events and
// actors in its complement, those after the deciding word first; failing
// that, in the rest of the sentence. Speakers and the occasion are left out.
func (s *docState) targetsOf(c cue, h stanceHit, sent Sentence, speakers map[string]bool, event string) []ref {
	collect := func(a, b int) []ref {
		var after, before []ref
		seen := map[string]bool{}
		toks := s.d.Tokens
		for i := a; i < b; {
			m, ok := s.x.gaz.longestAt(toks, i, b, nil)
			if lm, lok := s.local.longestAt(toks, i, b, nil); lok && (!ok || lm.End > m.End) {
				m, ok = lm, true
			}
			if !ok {
				i++
				continue
			}
			al := m.aliases[0]
			for _, x := range m.aliases {
				if x.entity.Kind != ActorEntity {
					al = x
					break
				}
			}
			e := al.entity
			if !speakers[e.ID] && e.ID != event && !seen[e.ID] && !al.title {
				seen[e.ID] = true
				r := ref{e, m.Start, m.End}
				if m.Start >= h.at {
					after = append(after, r)
				} else {
					before = append(before, r)
				}
			}
			i = m.End
		}
		out := append(after, before...)
		if h.pre {
			out = append(before, after...)
		}
		if h.pred == "CALL_FOR" || h.pred == "DEMAND" {
			// «دعا X إلى Y», "urged X to Y": the actor right after the verb is
			// the addressee; what is called for comes first.
			sort.SliceStable(out, func(i, j int) bool {
				return out[i].e.Kind != ActorEntity && out[j].e.Kind == ActorEntity
			})
		}
		if len(out) > 3 {
			out = out[:3]
		}
		return out
	}
	if rs := collect(c.comp, c.end); len(rs) > 0 {
		return rs
	}
	if rs := collect(c.from, c.end); len(rs) > 0 {
		return rs
	}
	return collect(sent.Start, sent.End)
}

// occasionOf returns the event a statement was made at: a catalogue event
// named before the complement after في / خلال / عقب / على هامش (in a press
// conference after the summit), else the last occasion of the speaker in this
// document, else the catalogue event on the document date the speaker took
// part in.
func (s *docState) occasionOf(a, comp int, p np, speakers map[string]bool) string {
	toks := s.d.Tokens
	for i := a; i < comp && i < len(toks); {
		m, ok := s.x.gaz.longestAt(toks, i, comp, func(al alias) bool { return al.entity.Kind == EventEntity })
		if !ok || (m.Start >= p.start && m.End <= p.end && p.how != byInherited) {
			i++
			continue
		}
		if s.mediumIn(maxInt(a, m.Start-4), m.Start, medium) || m.Start > a && isOccasionPrep(toks[m.Start-1]) {
			return m.aliases[0].entity.ID
		}
		i = m.End
	}
	for id := range speakers {
		if ev := s.occasion[id]; ev != "" {
			return ev
		}
	}
	if s.doc.Date == "" {
		return ""
	}
	for _, ev := range s.x.events {
		if ev.Date != s.doc.Date && !(ev.Date <= s.doc.Date && s.doc.Date <= ev.EndDate) {
			continue
		}
		for _, part := range ev.Participants {
			if speakers[part] && (ev.Kind == "summit" || ev.Kind == "meeting" || ev.Kind == "conference" || ev.Kind == "visit") {
				return ev.ID
			}
		}
	}
	return ""
}

func isOccasionPrep(t Token) bool {
	return t.Is("في", "خلال", "عقب", "ختام", "هامش", "امام", "قبل", "بعد", "at", "during", "after", "on", "before")
}

// dateOf returns the date of a statement: a relative date said before its
// complement (أمس: the day before; في وقت سابق: the month), else the
// document date.
func (s *docState) dateOf(a, comp int) string {
	for _, dm := range Dates(s.d, a, comp, s.doc.Date) {
		if dm.Relative {
			return dm.Value
		}
	}
	return s.doc.Date
}

// headlines attributes each headline statement «X: …» to the body statement
// that it restates: a body statement after the headline with the same
// speakers (or speakers that are part of X, e.g. a department of the Duma)
// and the same predicate takes the headline as a second evidence span.
func (s *docState) headlines() {
	sents := s.d.Sentences
	for _, h := range s.drafts {
		if !h.headline || h.dropped {
			continue
		}
		hpara, next := sents[h.sent].Para, s.nextHeadlinePara(sents[h.sent].Para)
		inSection := func(b *draft) bool {
			p := sents[b.sent].Para
			return !b.headline && !b.dropped && p > hpara && p < next
		}
		for _, b := range s.drafts {
			if inSection(b) && s.sameOrPart(b.speakers, h.speakers) {
				if !sameIDs(entitiesOf(b.speakers), entitiesOf(h.speakers)) {
					h.speakers = b.speakers // the headline may name the whole, the body the part
				}
				break
			}
		}
		for _, b := range s.drafts {
			if inSection(b) && sameIDs(entitiesOf(b.speakers), entitiesOf(h.speakers)) && b.hit.pred == h.hit.pred {
				b.extra = append(b.extra, kg.Mention{Start: h.start, End: h.end, Text: s.d.Slice(h.start, h.end),
					Cue: h.cueText, QuoteType: kg.Summary, Headline: true})
				h.dropped = true
				break
			}
		}
	}
}

// nextHeadlinePara is the paragraph of the first headline after para (or a
// very large number).
func (s *docState) nextHeadlinePara(para int) int {
	for _, sent := range s.d.Sentences {
		if sent.Headline && sent.Para > para && !sent.Skip {
			return sent.Para
		}
	}
	return math.MaxInt
}

func (s *docState) sameOrPart(body, head []ref) bool {
	if len(body) != len(head) {
		return false
	}
	for i := range body {
		b, h := body[i].e.ID, head[i].e.ID
		if b == h {
			continue
		}
		part := false
		for _, w := range s.x.partOf[b] {
			if w == h {
				part = true
			}
		}
		if !part {
			return false
		}
	}
	return true
}

func sameIDs(a, b []*Entity) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID {
			return false
		}
	}
	return true
}

// result turns the drafts into statements, merging drafts that say the same
// thing in the same span.
func (s *docState) result() Result {
	var res Result
	type key struct {
		speakers string
		pred     kg.Predicate
		start    int
	}
	seen := map[key]int{}
	for _, dr := range s.drafts {
		if dr.dropped {
			continue
		}
		ids := make([]string, 0, len(dr.speakers))
		for _, r := range dr.speakers {
			if !slices.Contains(ids, r.e.ID) {
				ids = append(ids, r.e.ID)
			}
		}
		k := key{strings.Join(ids, ","), dr.hit.pred, dr.start}
		if i, dup := seen[k]; dup {
			st := &res.Statements[i]
			for _, t := range dr.targets {
				if !slices.Contains(st.Targets, t.e.ID) && len(st.Targets) < 4 {
					st.Targets = append(st.Targets, t.e.ID)
					res.Details[i].Targets = append(res.Details[i].Targets, s.refOf(t))
				}
			}
			continue
		}
		seen[k] = len(res.Statements)
		n := len(res.Statements) + 1
		st := kg.Statement{
			ID:        fmt.Sprintf("%s:x%03d", s.doc.ID, n),
			Document:  s.doc.ID,
			Speakers:  ids,
			Predicate: dr.hit.pred,
			Polarity:  dr.hit.pol,
			Event:     dr.event,
			Date:      dr.date,
			Modality:  "asserted",
			CAMEO:     kg.Predicates[dr.hit.pred].CAMEO,
			Method:    Version,
		}
		if st.Polarity == "" {
			st.Polarity = kg.Predicates[dr.hit.pred].Polarity
		}
		switch {
		case dr.hit.negated:
			st.Modality = "negated"
		case dr.hit.pred == "ANNOUNCE" && s.futureIn(s.d.Sentences[dr.sent].Start, s.d.Sentences[dr.sent].End):
			st.Modality = "future"
		}
		if dr.quote == kg.Summary && !dr.headline && dr.hit.pred == "ASSERT" {
			st.CAMEO = "041" // a reported discussion (بحث مع): CAMEO Discuss by telephone / consult
		}
		for _, t := range dr.targets {
			if !slices.Contains(st.Targets, t.e.ID) {
				st.Targets = append(st.Targets, t.e.ID)
			}
		}
		st.Confidence = math.Round(math.Max(0.05, math.Min(0.95, dr.conf))*100) / 100
		m := kg.Mention{ID: fmt.Sprintf("%s:m1", st.ID), Document: s.doc.ID, Start: dr.start, End: dr.end,
			Text: s.d.Slice(dr.start, dr.end), Cue: dr.cueText, QuoteType: dr.quote, Headline: dr.headline}
		st.Evidence = append(st.Evidence, m)
		for i, x := range dr.extra {
			x.ID, x.Document = fmt.Sprintf("%s:m%d", st.ID, i+2), s.doc.ID
			st.Evidence = append(st.Evidence, x)
		}
		det := Detail{How: dr.how, From: dr.hit.from}
		for _, r := range dr.speakers {
			if dr.how == byInherited || dr.how == byDocument {
				// «وأضاف», «مضيفا»: the words that name the speaker are the
				// antecedent's, not the cue's.
				if n, ok := s.lastNaming(r.e, r.end); ok {
					r = n
				}
			}
			det.Speakers = append(det.Speakers, s.refOf(r))
		}
		for _, r := range dr.targets {
			det.Targets = append(det.Targets, s.refOf(r))
		}
		st.Summary = summarize(dr.speakers, st, dr.targets)
		res.Statements = append(res.Statements, st)
		res.Details = append(res.Details, det)
	}
	used := map[string]bool{}
	for _, st := range res.Statements {
		for _, id := range st.Speakers {
			used[id] = true
		}
		for _, id := range st.Targets {
			used[id] = true
		}
	}
	for _, p := range s.positions {
		if used[p.From] {
			used[p.To] = true // a position in a world-layer body: the body must load too
		}
	}
	for id := range used {
		if a, ok := s.x.world[id]; ok {
			res.NewActors = append(res.NewActors, a)
		}
	}
	for _, e := range s.newActors {
		if !used[e.ID] {
			continue
		}
		res.NewActors = append(res.NewActors, kg.Actor{ID: e.ID, Kind: e.Actor, Name: kg.Names{En: e.En, Ar: e.Ar},
			Description: fmt.Sprintf("found by %s in %s: %s", Version, s.doc.ID, strings.TrimSpace(e.Title+" "+e.name()))})
	}
	for _, e := range s.newTopicList {
		if used[e.ID] {
			res.NewTopics = append(res.NewTopics, kg.Topic{ID: e.ID, Label: kg.Names{En: e.En, Ar: e.Ar}})
		}
	}
	for _, p := range s.positions {
		if used[p.From] {
			res.Relations = append(res.Relations, p)
		}
	}
	sort.SliceStable(res.NewActors, func(i, j int) bool { return res.NewActors[i].ID < res.NewActors[j].ID })
	return res
}

// refOf describes a reference for output.
func (s *docState) refOf(r ref) Ref {
	toks := s.d.Tokens
	out := Ref{ID: r.e.ID, Name: r.e.En, NameAr: r.e.Ar, New: r.e.New, Kind: r.e.Kind.String()}
	if r.e.Kind == ActorEntity {
		out.Kind = strings.ToLower(string(r.e.Actor))
	}
	if r.start < r.end && r.end <= len(toks) {
		out.Start, out.End = toks[r.start].Start, toks[r.end-1].End
		out.Surface = s.d.Slice(out.Start, out.End)
	}
	return out
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
