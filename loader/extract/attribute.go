package extract

import (
	"slices"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

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

// A cue handler resolves one kind of cue: who speaks through it and where
// the complement starts. The first handler whose test holds handles a cue;
// a new kind of cue is a new row.
type cueHandler struct {
	name    string
	applies func(s *docState, c attribution, b int) bool
	resolve func(s *docState, si int, sent Sentence, c attribution) (attribution, verdict)
}

// verdict is what a handler made of a cue.
type verdict uint8

const (
	noSpeaker verdict = iota // not a cue here, or no one to attribute it to
	speaker                  // the speaker is found; the complement follows c.from
	complete                 // speaker and complement are both known (c.fixed)
)

var cueHandlers = []cueHandler{
	{"channel", func(_ *docState, c attribution, _ int) bool { return c.f.lemma.class == channel }, (*docState).attributeChannel},
	{"according", func(_ *docState, c attribution, _ int) bool { return c.f.lemma.class == according }, (*docState).attributeAccording},
	{"issued text", (*docState).inIssuedText, (*docState).attributeIssuedText},
	{"verb", func(*docState, attribution, int) bool { return true }, (*docState).attributeVerb},
}

// attribute is the attributions stage: the speaker of the cue at k and the
// span of what it said, or false when the cue has no speaker the graph can
// hold.
func (s *docState) attribute(si int, sent Sentence, site cueSite) (attribution, bool) {
	toks := s.d.Tokens
	b := sent.End
	c := attribution{at: site.at, f: site.f, end: b}
	var v verdict
	for _, h := range cueHandlers {
		if h.applies(s, c, b) {
			c, v = h.resolve(s, si, sent, c)
			break
		}
	}
	switch v {
	case noSpeaker:
		return c, false
	case complete:
		return s.finishCue(c), true
	}
	l := c.f.lemma
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
	if q, ok := s.lang.inverted(s, c, sent.Start); ok {
		return s.finishCue(q), true
	}
	return s.finishCue(c), true
}

// attributeChannel: «نقلت وكالة X عن Y قوله إن …»: Y speaks, X is the
// channel.
func (s *docState) attributeChannel(_ int, sent Sentence, c attribution) (attribution, verdict) {
	toks, k, b := s.d.Tokens, c.at, sent.End
	for j := k + 1; j < b && j < k+10; j++ {
		if toks[j].Key == "عن" {
			c.np = s.parseNP(s.skipFiller(j+1, b), b)
			break
		}
	}
	if !c.np.ok() {
		return c, noSpeaker
	}
	c.from = c.np.end
	if c.from < b && toks[c.from].HasPrefix("قول") {
		c.from++
	}
	return c, speaker
}

// attributeAccording: «بحسب X», «وفقا لـ X», "according to X": X speaks;
// a clause before the phrase is what X said.
func (s *docState) attributeAccording(_ int, sent Sentence, c attribution) (attribution, verdict) {
	toks, k, a, b := s.d.Tokens, c.at, sent.Start, sent.End
	j := s.skipFiller(k+1, b)
	for j < b && toks[j].Is("to", "عن", "راي", "تعبير", "قول", "ما", "افاد", "افادت", "ذكر", "ذكرت", "نقل", "نقلت", "اعلن", "اعلنت") {
		j++ // «حسب رأي عصيد», «حسبما أفادت الوزارة», "according to"
	}
	c.np = s.parseNP(j, b)
	if !c.np.ok() {
		c.np = s.lang.accordingApposition(s, j, b)
	}
	if !c.np.ok() {
		return c, noSpeaker
	}
	if k > a+2 {
		c.from, c.comp, c.end, c.fixed = a, a, k, true
		return c, complete
	}
	c.from = c.np.end
	return c, speaker
}

// inIssuedText: a verb followed by فيه / فيها («دعا فيه») speaks inside a
// text named before.
func (s *docState) inIssuedText(c attribution, b int) bool {
	next := s.d.Tokens[minInt(c.at+1, b-1)].Key
	return next == "فيه" || next == "فيها"
}

// attributeIssuedText: «أصدر بيانا … دعا فيه المجتمع الدولي إلى …»: the
// text's issuer speaks; the phrase after فيه is the addressee.
func (s *docState) attributeIssuedText(_ int, _ Sentence, c attribution) (attribution, verdict) {
	if len(s.issuer) == 0 {
		return c, noSpeaker
	}
	k := c.at
	c.np = np{refs: refsOf(s.issuer, k, k+1), start: k, end: k + 2, how: byDocument}
	c.from = k + 2
	return c, speaker
}

// attributeVerb: a verb's subject where the language puts it, unnamed
// sources, or (with no subject of its own) the speaker it continues.
func (s *docState) attributeVerb(si int, sent Sentence, c attribution) (attribution, verdict) {
	toks, k, f := s.d.Tokens, c.at, c.f
	a, b := sent.Start, sent.End
	after := s.skipFiller(k+1, b)
	c.np = s.lang.verbSubject(s, k, a, after, b, f)
	if !c.np.ok() && after < b && toks[after].In(unnamed) {
		// «وقال مسؤولون أميركيون», «وتقول المصادر»: unnamed sources, one
		// actor the annotation guide names as such.
		if e := s.x.entities[UnnamedSources]; e != nil {
			c.np = np{refs: []ref{{e, after, after + 1}}, start: after, end: after + 1, how: byName}
		}
	}
	if !c.np.ok() && after < b && toks[after].In(generic) {
		return c, noSpeaker // "analysts said", «وقال شهود»: no one to attribute it to
	}
	switch {
	case c.np.ok() && c.np.how == byCoref && c.np.start > k && s.isBoundary(k, a, f) && len(s.sentSpeakers) > 0:
		// «ويعبر عن القلق … ويتهم الحكومة»: a bare noun after a coordinated
		// verb is its object; the subject is the one already speaking.
		c.np = np{refs: s.sentSpeakers, start: k, end: k + 1, how: byInherited}
		c.from = k + 1
	case c.np.ok():
		c.from = maxInt(c.np.end, k+1)
		if c.np.start < k {
			c.from = k + 1
		}
	default:
		p, ok := s.inheritSpeaker(si, k, after, a, b, f)
		if !ok {
			return c, noSpeaker
		}
		c.np, c.from = p, s.skipFiller(k+1, b)
	}
	return c, speaker
}

// inheritSpeaker decides who speaks a verb whose speaker no words next to
// it name: the speaker of the sentence, the issuer of a text it quotes, the
// person it named before the cue, or the last speaker — in the rules'
// order, or as the ranker chooses — or no one, which breaks the chain when
// the verb has a subject of its own that was not recognised.
func (s *docState) inheritSpeaker(si, k, after, a, b int, f form) (np, bool) {
	toks, l := s.d.Tokens, f.lemma
	if l.ambiguous && f.kind == perfect && slices.Contains(toks[k].Forms, Key(l.word)) {
		return np{}, false
	}
	if !s.lang.mayInherit(s, k, a, f) || after < b && (isTitleWord(toks[after]) || toks[after].In(generic)) {
		return np{}, false // «وقال الأمين العام …»: someone speaks, but not the last speaker
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
		return np{}, false
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
		return np{}, false
	}
	how := byInherited
	if cands[choice].src == "issuer" {
		how = byDocument
	}
	return np{refs: cands[choice].refs, start: k, end: k + 1, how: how}, true
}

// finishCue finds where the complement starts: at a complementizer (إن،
// أن، that), a colon or an opening quote after the speaker and any medium
// phrase, and where it ends: at the next clause-level cue.
func (s *docState) finishCue(c attribution) attribution {
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

// attribution is a cue word in context: who speaks through it and where what
// they said lies (the attributions stage's value).
type attribution struct {
	at    int // token of the cue word
	f     form
	np    np  // its speaker phrase (possibly inherited)
	from  int // first token after the speaker (or the cue) where the complement is looked for
	comp  int // first token of the complement
	end   int // end of the complement (next cue or the sentence end)
	colon bool
	fixed bool // comp and end are already known (a «بحسب» clause)
}
