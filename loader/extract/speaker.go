package extract

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/whosaid/whosaid/kg"
)

// ref is an entity as the text names it: tokens [start, end).
type ref struct {
	e          *Entity
	start, end int
}

// np is a speaker noun phrase: who, where it is, and how it was resolved.
type np struct {
	refs       []ref
	start, end int // tokens of the phrase; the complement is looked for from end
	how        string
}

func (p np) ok() bool { return len(p.refs) > 0 }

// How a speaker was found, from the surest to the least sure; the confidence
// of a statement follows it.
const (
	byName      = "name"      // a catalogue name or alias
	byTitle     = "title"     // a title + name of a new person, or a title standing for a known one
	byCoref     = "coref"     // «المنظمة», «الجانبان», «the ministry»: an earlier mention
	byDocument  = "document"  // «البيان»: whoever issued the text
	byInherited = "inherited" // a continuation (وأضاف، مضيفا) keeps the previous speaker
)

var howConfidence = map[string]float64{byName: 1, byTitle: 0.9, byCoref: 0.82, byDocument: 0.8, byInherited: 0.78}

// mention is an actor named in the document, for coreference.
type mention struct {
	e          *Entity
	sent       int // -1: found while reading a speaker phrase, not by the mentions stage
	start, end int // tokens that name e
}

// actorAt returns the actor named at token i: the catalogue gazetteer or a
// person found earlier in this document, whichever is longer.
func (s *docState) actorAt(i, end int) (Match, bool) {
	// The catalogue part is asked for the same tokens again and again
	// (coreference, speakers, titles): it is memoised per token for the
	// longest match, which is only recomputed when it runs past end.
	var m Match
	var ok bool
	if c := s.memo[i]; c.done && c.m.End <= end {
		m, ok = c.m, c.ok
	} else {
		m, ok = s.x.gaz.longestAt(s.d.Tokens, i, len(s.d.Tokens), actorsOnly)
		s.memo[i] = memoMatch{m, ok, true}
		if ok && m.End > end {
			m, ok = s.x.gaz.longestAt(s.d.Tokens, i, end, actorsOnly)
		}
	}
	if len(s.newActors) > 0 {
		if lm, lok := s.local.longestAt(s.d.Tokens, i, end, nil); lok && (!ok || lm.End > m.End) {
			return lm, true
		}
	}
	return m, ok
}

// memoMatch is a memoised gazetteer lookup.
type memoMatch struct {
	m        Match
	ok, done bool
}

// skipFiller moves past words that may stand between a cue and its speaker
// (مجددا، من جانبه، اليوم) and transparent marks.
func (s *docState) skipFiller(i, end int) int {
	toks := s.d.Tokens
	for i < end {
		if transparent(toks[i]) || toks[i].Key == "," {
			i++
			continue
		}
		if e, ok := s.lx.has(toks, i, end, skip); ok {
			i = e
			continue
		}
		break
	}
	return i
}

// parseNP reads a speaker phrase starting at token i (not after end).
func (s *docState) parseNP(i, end int) np {
	toks := s.d.Tokens
	if i >= end || toks[i].Kind != Word {
		return np{}
	}
	// «the ministry», «the president» (English coreference with an article).
	if s.lx.articles[toks[i].Key] && i+1 < end {
		if p := s.parseNP(i+1, end); p.ok() {
			p.start = i
			return p
		}
	}
	if p := s.parseName(i, end); p.ok() {
		return s.coordinate(p, end)
	}
	if e, ok := s.lx.has(toks, i, end, docNoun); ok && !s.lx.isComplementizer(toks, e, end) {
		return s.documentSpeaker(i, e, end)
	}
	if e, ok := s.lx.has(toks, i, end, dual); ok && len(s.lastPair) == 2 {
		return np{refs: []ref{{s.lastPair[0], i, e}, {s.lastPair[1], i, e}}, start: i, end: e, how: byCoref}
	}
	if e, ok := s.lx.has(toks, i, end, member); ok {
		// «ممثلو الدول الأعضاء في المنظمة»: the members speak as the organisation.
		j := e
		for k := 0; k < 3 && j < end; k++ {
			if e2, ok := s.lx.has(toks, j, end, member); ok {
				j = e2
				continue
			}
			if toks[j].Key == "في" || toks[j].Key == "of" || toks[j].Key == "the" {
				j++
				continue
			}
			break
		}
		if p := s.parseName(j, end); p.ok() && p.refs[0].e.Actor != kg.Person {
			p.start = i
			return p
		}
		if p := s.headNoun(j, end); p.ok() {
			p.start = i
			return p
		}
	}
	if isTitleWord(toks[i]) {
		if p := s.parseTitled(i, end); p.ok() {
			return s.coordinate(p, end)
		}
	}
	// «المتظاهرون بقيادة حركة …», "protesters led by …": the group speaks
	// through its leader.
	for j := i + 1; j < end && j <= i+2; j++ {
		if toks[j].Is("قياده", "بقياده") || toks[j].Key == "led" && j+1 < end && toks[j+1].Key == "by" {
			k := j + 1
			if toks[j].Key == "led" {
				k++
			}
			if p := s.parseName(k, end); p.ok() {
				p.start = i
				return p
			}
		}
	}
	if p := s.lang.pronoun(s, i); p.ok() {
		return p
	}
	if p := s.appositiveName(i, end); p.ok() {
		return s.coordinate(p, end)
	}
	if p := s.headNoun(i, end); p.ok() {
		return p
	}
	return s.newOrganisation(i, end)
}

// orgHeads are the nouns a body's name starts with, as light keys: «المرصد
// السوري لحقوق الإنسان», «وزارة الصحة الفلسطينية», «عائلة الدوابشة».
var orgHeads = lightSet(strings.Fields("وزارة هيئة منظمة مجلس حركة جماعة حزب جبهة لجنة مرصد شبكة رابطة اتحاد نقابة جمعية مركز مكتب قوات جيش تحالف ائتلاف حكومة عائلة وكالة صحيفة قناة شركة بعثة مفوضية أمانة محكمة نيابة بلدية إدارة سلطة برلمان مؤسسة دائرة كتلة تيار منتدى جامعة وفد مجموعة فصائل فصيل كتائب ألوية لواء فرقة رئاسة قيادة منسقية")...)

// startsWithClitic reports a word starting with a proclitic preposition or
// conjunction letter (ب، ل، ك، ف).
func startsWithClitic(k string) bool {
	r, _ := utf8.DecodeRuneInString(k)
	return strings.ContainsRune("بلكف", r)
}

// newOrganisation reads the name of a body the catalogue lacks at i, as a
// subject: an organisation head noun, then the words of its name (definite
// nouns and adjectives, «ل» + a definite noun, a quoted name), two to six
// words in all. It becomes a new organisation of this document, which its
// head noun alone («المرصد») refers to later.
func (s *docState) newOrganisation(i, end int) np {
	toks := s.d.Tokens
	if i >= end || toks[i].Kind != Word || !s.lx.orgHeads[toks[i].Light] || toks[i].Conj || pronounSuffixed(toks[i]) {
		return np{}
	}
	j, inQuote := i+1, false
	for j < end && j-i < 7 {
		t := toks[j]
		if t.Kind == Quote {
			inQuote = !inQuote
			j++
			continue
		}
		if inQuote && t.Kind == Word {
			j++
			continue
		}
		if t.Kind != Word || stopWord(t) || t.In(s.lx.comp) || len(s.lx.formsAt(t)) > 0 || pronounSuffixed(t) || isTitleWord(t) {
			break
		}
		if _, ok := s.lx.has(toks, j, end, skip); ok {
			break
		}
		if !(t.Definite() || j == i+1 && t.Key == t.Light && !t.Conj && !startsWithClitic(t.Key) || strings.HasPrefix(t.Key, "لل")) {
			break
		}
		j++
	}
	for j > i+1 && toks[j-1].Kind == Quote {
		j--
	}
	if j-i < 2 || inQuote {
		return np{}
	}
	surface := s.d.Slice(toks[i].Start, toks[j-1].End)
	key := NameKey(surface)
	e := s.newByKey[key]
	if e == nil {
		e = &Entity{Kind: ActorEntity, Actor: kg.Organisation, New: true, Ar: surface, heads: []string{toks[i].Light}}
		e.ID = s.x.newID(transliterate(surface), s.takenIDs)
		s.takenIDs[e.ID] = true
		s.newByKey[key] = e
		s.newActors = append(s.newActors, e)
		s.local.add(e, surface)
	}
	s.history = append(s.history, mention{e: e, sent: -1, start: i, end: j})
	s.named(e, i, j)
	return np{refs: []ref{{e, i, j}}, start: i, end: j, how: byTitle}
}

// parseName reads a catalogue or new name at i. A title-only alias
// («الرئيس الروسي») followed by a name yields that name.
func (s *docState) parseName(i, end int) np {
	m, ok := s.actorAt(i, end)
	if !ok {
		return np{}
	}
	a := m.aliases[0]
	if a.title || a.entity.Actor != kg.Person {
		// The alias is a title or an organisation that may only qualify a
		// name: «الرئيس الروسي فلاديمير بوتين», «مساعد الرئيس الروسي يورى أوشاكوف».
		if p := s.parseTitled(i, end); p.ok() && p.refs[0].e != a.entity && p.refs[0].e.Actor == kg.Person {
			return p
		}
	}
	return np{refs: []ref{{a.entity, m.Start, m.End}}, start: i, end: m.End, how: byName}
}

// coordinate extends a speaker phrase over «X و Y» (and "X and Y").
func (s *docState) coordinate(p np, end int) np {
	toks := s.d.Tokens
	for n := 0; n < 4 && p.end < end; n++ {
		j := p.end
		for j < end && transparent(toks[j]) {
			j++
		}
		if j >= end {
			break
		}
		if toks[j].Key == "و" || toks[j].Key == "and" {
			j++
		} else if !toks[j].Conj || !strings.HasPrefix(toks[j].Key, "و") {
			break
		}
		if j >= end {
			break
		}
		// Only a name joins: «ووزير الخارجية» would be a title, and a word that
		// merely starts with و («وزير») is no conjunction.
		m, ok := s.actorAt(j, end)
		if !ok || m.aliases[0].title || (toks[j].Key != "و" && !conjMatch(toks[j], m)) {
			break
		}
		e := m.aliases[0].entity
		dup := false
		for _, r := range p.refs {
			dup = dup || r.e == e
		}
		if !dup {
			p.refs = append(p.refs, ref{e, m.Start, m.End})
		}
		p.end = m.End
	}
	if len(p.refs) == 2 {
		s.lastPair = []*Entity{p.refs[0].e, p.refs[1].e}
	}
	return p
}

// conjMatch reports whether the name matched at a و-initial token needed
// the و dropped: «والمجلس الفيدرالي» is و + a name, «وزارة الخارجية» is not.
func conjMatch(t Token, m Match) bool {
	for _, a := range m.aliases {
		name := a.entity.Ar
		if t.Latin {
			return false
		}
		if ks := keysOf(name); len(ks) > 0 && strings.HasPrefix(ks[0].Key, "و") {
			return false
		}
	}
	return strings.HasPrefix(t.Key, "و")
}

// parseTitled reads «title … name» at i: the person named after the title,
// or a person of the catalogue or the document standing for the title alone,
// or the organisation inside the title («المتحدث باسم وزارة الخارجية»).
func (s *docState) parseTitled(i, end int) np {
	t := s.title(i, end)
	if t.end == i {
		return np{}
	}
	if t.person != nil {
		return np{refs: []ref{{t.person, t.nameStart, t.nameEnd}}, start: i, end: t.nameEnd, how: t.how}
	}
	if e := s.titleRefs[t.key]; e != nil {
		return np{refs: []ref{{e, i, t.end}}, start: i, end: t.end, how: byCoref}
	}
	if t.org != nil {
		// «وقال القيادي في الائتلاف ورئيس الأمانة العامة … سمير نشار أن»: a
		// second title, then the person both describe, before the content.
		for j := t.end; j < end && j < t.end+15; j++ {
			if s.d.Tokens[j].In(s.lx.comp) || s.d.Tokens[j].Key == ":" {
				break
			}
			if m, ok := s.actorAt(j, end); ok && m.aliases[0].entity.Actor == kg.Person && !m.aliases[0].title {
				return np{refs: []ref{{m.aliases[0].entity, m.Start, m.End}}, start: i, end: m.End, how: byTitle}
			}
		}
		return np{refs: []ref{{t.org, i, t.end}}, start: i, end: t.end, how: byTitle}
	}
	if e := s.titleRefs[t.head]; e != nil && t.end-i == 1 {
		return np{refs: []ref{{e, i, t.end}}, start: i, end: t.end, how: byCoref}
	}
	return np{}
}

// titled is a parsed title phrase.
type titled struct {
	end                int // first token after the title
	key, head          string
	org                *Entity // an organisation or country inside the title
	person             *Entity // the person named right after it, if any
	nameStart, nameEnd int
	how                string
}

// title parses a title phrase at i: title words, their modifiers (الخارجية،
// باسم), nationality adjectives and organisations, then a name.
func (s *docState) title(i, end int) titled {
	toks := s.d.Tokens
	t := titled{end: i}
	if !isTitleWord(toks[i]) {
		if m, ok := s.actorAt(i, end); !ok || !m.aliases[0].title {
			return t
		}
	}
	var keys []string
	j, afterAdj := i, false
	for j < end && j-i < 8 {
		tok := toks[j]
		if transparent(tok) {
			j++
			continue
		}
		if tok.Kind != Word {
			break
		}
		if m, ok := s.actorAt(j, end); ok {
			a := m.aliases[0]
			if a.entity.Actor == kg.Person && !a.title && j > i && (relationalTitles[toks[j-1].Light] && !toks[j-1].Definite() || strings.HasPrefix(toks[j].Key, "لل")) {
				// «سفير خادم الحرمين الشريفين», «مستشار الرئيس», «للرئيس»: the
				// person the title relates to, not the one who holds it.
				if t.org == nil {
					t.org = a.entity
				}
				for k := m.Start; k < m.End; k++ {
					keys = append(keys, toks[k].Light)
				}
				j, afterAdj = m.End, false
				continue
			}
			if a.entity.Actor == kg.Person && !a.title {
				t.person, t.nameStart, t.nameEnd, t.how = a.entity, m.Start, m.End, byName
				break
			}
			if !a.title && afterAdj {
				break // «الرئيس الفرنسي المجتمع الدولي»: the title ended at its adjective
			}
			if !a.title && t.org == nil {
				t.org = a.entity
			}
			afterAdj = false
			for k := m.Start; k < m.End; k++ {
				keys = append(keys, toks[k].Light)
			}
			j = m.End
			continue
		}
		if e, ok := s.lx.has(toks, j, end, titleMod); ok && (toks[j].Key != "في" && toks[j].Key != "لدي" || s.nextIsActor(e, end)) {
			for k := j; k < e; k++ {
				keys = append(keys, toks[k].Light)
			}
			j, afterAdj = e, false
			continue
		}
		if isTitleWord(tok) {
			keys = append(keys, tok.Light)
			j, afterAdj = j+1, false
			continue
		}
		if j > i && s.isAdjective(tok) {
			keys = append(keys, tok.Light)
			if c := s.x.nisba[nisbaStem(tok.Light)]; c != nil && t.org == nil {
				t.org = c
			}
			j, afterAdj = j+1, true
			continue
		}
		break
	}
	t.end = j
	if len(keys) > 0 {
		t.head = keys[0]
	}
	t.key = strings.Join(keys, " ")
	if t.person == nil && t.end > i {
		if p, e := s.newName(j, end); p != nil {
			t.person, t.nameStart, t.nameEnd, t.how = p, j, e, byTitle
			s.notePosition(p, t.org, i, j, e)
		} else if j+1 < end && toks[j].Key == "," {
			// «وزير شؤون الشرق الأوسط البريطاني، توباياس إلوود، :»: the name
			// between commas after its title.
			if m, ok := s.actorAt(j+1, end); ok && m.aliases[0].entity.Actor == kg.Person && !m.aliases[0].title {
				t.person, t.nameStart, t.nameEnd, t.how = m.aliases[0].entity, m.Start, m.End, byName
			} else if e := s.nameEnd(j+1, end); e > j+1 && (e == end || toks[e].Key == "," || toks[e].Key == ":") {
				p := s.newPerson(j+1, e)
				t.person, t.nameStart, t.nameEnd, t.how = p, j+1, e, byTitle
				s.notePosition(p, t.org, i, j, e)
			}
		}
	}
	if t.person != nil {
		s.titleRefs[t.key] = t.person
		if t.head != "" {
			s.titleRefs[t.head] = t.person
		}
		// «وزير الداخلية اليمني اللواء عبده الحذيفي» is later «وزير الداخلية
		// اليمني»: each leading part of the title, of two words or more.
		if ks := strings.Fields(t.key); len(ks) > 2 {
			for n := 2; n < len(ks); n++ {
				if pre := strings.Join(ks[:n], " "); s.titleRefs[pre] == nil {
					s.titleRefs[pre] = t.person
				}
			}
		}
	}
	return t
}

func (s *docState) nextIsActor(i, end int) bool {
	if i >= end {
		return false
	}
	_, ok := s.actorAt(i, end)
	return ok
}

// isAdjective reports whether a token can qualify a title: an Arabic word
// with the article (الروسي، الإيراني) or a capitalised English word.
func (s *docState) isAdjective(t Token) bool { return s.lang.titleAdjective(s, t) }

// newName reads the name of a person right after a title, 1 to 3 words, and
// registers it as a new person of this document. In Arabic the first word has
// no article and later words may (بشار الأسد); in English the words are
// capitalised.
func (s *docState) newName(i, end int) (*Entity, int) {
	j := s.nameEnd(i, end)
	if j == i {
		return nil, i
	}
	return s.newPerson(i, j), j
}

// notNameStart are words that begin phrases, never names: demonstratives,
// relatives, quantifiers (with their clitics: لهذه، ممن، بعض).
var notNameStart = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("هذا هذه ذلك تلك هؤلاء اولئك الذي التي الذين اللذين اللتين ممن مما من ما كل جميع بعض اي ايه عدد غير مثل نفس احد احدي معظم اغلب كافه عده اما بالنسبه وفيما فيما بعد قبل خلال منذ حتي لكن") {
		for _, c := range []string{"", "و", "ف", "ل", "ب", "ك", "ول", "وب", "فل"} {
			m[c+w] = true
		}
	}
	return m
}()

// relationalTitles hold an office toward someone: the person named right
// after them in construct («سفير خادم الحرمين», «مستشار الرئيس», not
// «المستشار سليم السقا») is whom the office serves, not who speaks.
var relationalTitles = lightSet(strings.Fields("سفير مبعوث مستشار مساعد نائب مندوب ممثل وكيل سكرتير مدير مكتب متحدث ناطق باسم لدي advisor adviser aide envoy ambassador spokesman spokeswoman spokesperson deputy assistant")...)

// nameEnd is where a name that starts at i ends (i when there is none).
func (s *docState) nameEnd(i, end int) int {
	toks := s.d.Tokens
	if i < end && s.lx.notNameStart[toks[i].Key] {
		return i
	}
	j, words := i, 0
	for j < end && words < 3 {
		t := toks[j]
		if transparent(t) && j > i {
			j++
			continue
		}
		words++
		if t.Kind != Word || stopWord(t) || isTitleWord(t) || len(s.lx.formsAt(t)) > 0 || t.In(s.lx.comp) || s.lang.futureVerb(t) {
			break
		}
		if _, ok := s.lx.has(toks, j, end, titleMod); ok && !t.Upper {
			break
		}
		if s.lang.endsName(s, i, j) {
			break
		}
		if _, ok := s.x.gaz.longestAt(toks, j, end, nil); ok {
			if j == i {
				return i
			}
			break
		}
		j++
	}
	for j > i && transparent(toks[j-1]) {
		j--
	}
	if j-i < s.lang.minNameWords() || s.lang.clauseNotName(s, i, j, end) {
		return i
	}
	return j
}

// appositiveName reads a person the catalogue lacks named before the title
// that introduces them, as Arabic copy writes a subject after its verb:
// «أعلن عبد الباسط سيدا رئيس المجلس الوطني السوري أن …», «وقال سمير نشار،
// عضو الائتلاف، إن …». The name needs two words and a title (or a comma and
// a title) right after it; the title is recorded as the person's position.
func (s *docState) appositiveName(i, end int) np {
	toks := s.d.Tokens
	if !s.lx.namesBeforeTitles {
		return np{}
	}
	j := s.nameEnd(i, end)
	if j-i < 2 || j >= end {
		return np{}
	}
	k := j
	if toks[k].Key == "," && k+1 < end {
		k++
	}
	if (toks[j].In(s.lx.comp) || toks[j].Key == ":") && !startsWithClitic(toks[i].Key) {
		// «وقال خالد العطية إن …», «وقال محمد مارم: …»: two or three name
		// words and then what was said (not «تهدد بمصيبة جديدة :», a
		// preposition's object).
		return s.newPersonNP(i, j)
	}
	if !isTitleWord(toks[k]) {
		return np{}
	}
	p := s.newPersonNP(i, j)
	if t := s.title(k, end); t.end > k {
		s.notePosition(p.refs[0].e, t.org, k, t.end, t.end)
	}
	return p
}

// newPersonNP is a person the catalogue lacks named by tokens [a, b), as
// the speaker phrase of a cue.
func (s *docState) newPersonNP(a, b int) np {
	p := s.newPerson(a, b)
	s.named(p, a, b)
	return np{refs: []ref{{p, a, b}}, start: a, end: b, how: byTitle}
}

// named records that the tokens [start, end) name e, so that a statement
// whose speaker is inherited or found by coreference can say which words of
// the text name its speaker.
func (s *docState) named(e *Entity, start, end int) {
	if s.namings == nil {
		s.namings = map[*Entity][]ref{}
	}
	s.namings[e] = append(s.namings[e], ref{e, start, end})
}

// lastNaming is the last span before token k that names e by name or
// title, if any.
func (s *docState) lastNaming(e *Entity, k int) (ref, bool) {
	// The latest in the text, not the latest recorded: headlines are read
	// again after the body.
	best, ok := ref{}, false
	for _, r := range s.namings[e] {
		if r.start < k && (!ok || r.start > best.start) {
			best, ok = r, true
		}
	}
	return best, ok
}

// pronounSuffixed reports an Arabic word ending in a possessive or object
// pronoun (نائبه، تأسيسها، ولكنه): a common word, not a name.
func pronounSuffixed(t Token) bool {
	k := t.Key
	return strings.HasSuffix(k, "ها") || strings.HasSuffix(k, "هم") || strings.HasSuffix(k, "هما") ||
		strings.HasSuffix(k, "كم") || strings.HasSuffix(k, "نه") && len([]rune(k)) <= 5
}

var nameParticle = map[string]bool{"al": true, "bin": true, "ibn": true, "de": true, "van": true, "von": true, "el": true, "abu": true}

// newPerson registers the person named by tokens [a, b) of this document,
// once, with the full name and the last word as names for later mentions.
func (s *docState) newPerson(a, b int) *Entity {
	toks := s.d.Tokens
	var keys []string
	for k := a; k < b; k++ {
		if !transparent(toks[k]) {
			keys = append(keys, toks[k].Light)
		}
	}
	key := strings.Join(keys, " ")
	if e := s.newByKey[key]; e != nil {
		return e
	}
	surface := s.d.Slice(toks[a].Start, toks[b-1].End)
	// The name is kept as the text writes it, in both languages: a
	// letter-by-letter transliteration is not a name («عبد الباسط سيدا» is
	// not "Bd Albast Sida"); only the id, which names nothing, is
	// transliterated.
	e := &Entity{Kind: ActorEntity, Actor: kg.Person, New: true}
	n, slug := s.lang.written(surface)
	e.En, e.Ar = n.En, n.Ar
	e.ID = s.x.newID(slug, s.takenIDs)
	s.takenIDs[e.ID] = true
	s.newByKey[key] = e
	s.newActors = append(s.newActors, e)
	s.local.add(e, surface)
	if b-a > 1 {
		s.local.add(e, s.d.Slice(toks[b-1].Start, toks[b-1].End))
	}
	return e
}

// headNoun resolves a definite noun standing for an organisation or event
// named earlier: «المنظمة» → منظمة معاهدة الأمن الجماعي, «الدائرة» → دائرة
// الاتصالات …; in English "ministry" → the last organisation with that word.
func (s *docState) headNoun(i, end int) np {
	t := s.d.Tokens[i]
	if t.Kind != Word || stopWord(t) {
		return np{}
	}
	for k := len(s.history) - 1; k >= 0 && k >= len(s.history)-40; k-- {
		e := s.history[k].e
		if e.Actor == kg.Person {
			continue
		}
		if s.lang.refersTo(t, e) {
			return np{refs: []ref{{e, i, i + 1}}, start: i, end: i + 1, how: byCoref}
		}
	}
	return np{}
}

// documentSpeaker resolves «البيان» and «بيان مشترك أصدرته X»: the issuer
// named in a relative clause, or the issuer of the last text the article
// attributed to someone.
func (s *docState) documentSpeaker(i, e, end int) np {
	toks := s.d.Tokens
	for j := e; j < end && j < e+4; j++ {
		if tk := toks[j]; tk.HasPrefix("اصدر") || tk.HasPrefix("صادر") || tk.Key == "issued" || tk.Key == "by" {
			j++
			if j < end && (toks[j].Key == "عن" || toks[j].Key == "by") {
				j++
			}
			for n := 0; n < 6 && j < end; n, j = n+1, j+1 {
				if p := s.parseNP(j, end); p.ok() && p.how != byDocument {
					p.start, p.how = i, byDocument
					return p
				}
			}
			break
		}
	}
	if len(s.issuer) > 0 {
		return np{refs: refsOf(s.issuer, i, e), start: i, end: e, how: byDocument}
	}
	return np{}
}

func refsOf(es []*Entity, a, b int) []ref {
	out := make([]ref, len(es))
	for i, e := range es {
		out[i] = ref{e, a, b}
	}
	return out
}

func entitiesOf(rs []ref) []*Entity {
	out := make([]*Entity, len(rs))
	for i, r := range rs {
		out[i] = r.e
	}
	return out
}

// isComplementizer reports whether token i introduces a complement.
func (lx *lexicon) isComplementizer(toks []Token, i, end int) bool {
	return i < end && (toks[i].In(lx.comp) || toks[i].Key == ":")
}

// noteActors records the actors a sentence names, for coreference, and
// finds the new persons its title phrases introduce.
func (s *docState) noteActors(si int, a, b int) {
	toks := s.d.Tokens
	for i := a; i < b; {
		if m, ok := s.actorAt(i, b); ok {
			if !m.aliases[0].title {
				s.history = append(s.history, mention{e: m.aliases[0].entity, sent: si, start: m.Start, end: m.End})
				s.named(m.aliases[0].entity, m.Start, m.End)
			}
			// «X و Y» named together is the pair «الجانبان» refers to.
			if p := s.coordinate(np{refs: []ref{{m.aliases[0].entity, m.Start, m.End}}, start: i, end: m.End}, b); len(p.refs) == 2 {
				s.lastPair = []*Entity{p.refs[0].e, p.refs[1].e}
			}
			if m.aliases[0].title {
				s.title(i, b)
			} else if s.issues(m.End, b) {
				s.setIssuer([]*Entity{m.aliases[0].entity}, si)
			}
			i = m.End
			continue
		}
		if isTitleWord(toks[i]) {
			if t := s.title(i, b); t.person != nil {
				s.history = append(s.history, mention{e: t.person, sent: si, start: t.nameStart, end: t.nameEnd})
				s.named(t.person, t.nameStart, t.nameEnd)
				i = t.nameEnd
				continue
			}
		}
		if e, ok := s.lx.has(toks, i, b, docNoun); ok {
			// «بيان الدول الأعضاء في منظمة …», «التقرير السنوي للنقابة …»:
			// the issuer of the text is named after it.
			for j := e; j < b && j <= e+2; j++ {
				if m, ok := s.actorAt(j, b); ok && !m.aliases[0].title {
					s.setIssuer([]*Entity{m.aliases[0].entity}, si)
					break
				}
				if !strings.HasPrefix(toks[j].Key, "ال") {
					break
				}
			}
		} else if possessiveDoc(toks[i]) {
			// «أثار أحمد عصيد جدلا بكلمته التي …»: his speech.
			for k := len(s.history) - 1; k >= 0 && s.history[k].sent == si; k-- {
				s.setIssuer([]*Entity{s.history[k].e}, si)
				break
			}
		}
		if toks[i].In(producing) {
			// «ألقى الرئيس … كلمة أكد فيها», «أصدرت الوزارة بيانا»
			if p := s.parseNP(s.skipFiller(i+1, b), b); p.ok() {
				for j := p.end; j < b && j < p.end+8; j++ {
					if _, ok := s.lx.has(toks, j, b, docNoun); ok {
						s.setIssuer(entitiesOf(p.refs), si)
						break
					}
				}
			}
		}
		i++
	}
}

// notePosition records the position a title gives a new person («وزير
// الخارجية الإيراني محمد جواد ظريف»: a post in Iran), with the title and
// name as evidence.
func (s *docState) notePosition(p, in *Entity, a, nameStart, b int) {
	toks := s.d.Tokens
	titleText := s.d.Slice(toks[a].Start, toks[nameStart-1].End)
	if p.Title == "" {
		p.Title = titleText
	}
	if in == nil || in.Kind != ActorEntity || in.Actor == kg.Person {
		return
	}
	for _, r := range s.positions {
		if r.From == p.ID && r.To == in.ID {
			return
		}
	}
	start, end := toks[a].Start, toks[b-1].End
	m := kg.Mention{ID: fmt.Sprintf("%s@%d-%d", s.doc.ID, start, end), Document: s.doc.ID, Start: start, End: end, Text: s.d.Slice(start, end)}
	title, _ := s.lang.written(titleText)
	s.positions = append(s.positions, kg.Relation{Type: kg.HoldsPosition, From: p.ID, To: in.ID, Title: title, Evidence: []kg.Mention{m}})
}

// issues reports whether an «أصدر … بيانا» (issued a statement) follows
// token i closely: «مجلس الدوما الروسي كان أصدر في وقت سابق بيانا».
func (s *docState) issues(i, b int) bool {
	toks := s.d.Tokens
	for j := i; j < b && j < i+3; j++ {
		if toks[j].HasPrefix("اصدر") || toks[j].Key == "issued" {
			for k := j + 1; k < b && k < j+5; k++ {
				if _, ok := s.lx.has(toks, k, b, docNoun); ok {
					return true
				}
			}
		}
	}
	return false
}

// producing verbs make a text that later «فيه / فيها» clauses refer to.
var producing = map[string]bool{"القي": true, "القت": true, "اصدر": true, "اصدرت": true, "نشر": true, "نشرت": true,
	"وجه": true, "وجهت": true, "بعث": true, "بعثت": true, "قدم": true, "قدمت": true, "عقد": true, "عقدت": true}

// possessiveDoc recognises «كلمته، خطابه، بيانها، تقريره»: a text of the
// person or body just named.
func possessiveDoc(t Token) bool {
	for _, stem := range []string{"كلمت", "خطاب", "بيان", "تقرير", "رسالت", "تصريحات", "مقابلت"} {
		for _, l := range t.Lights {
			if strings.HasPrefix(l, stem) && (strings.HasSuffix(l, "ه") || strings.HasSuffix(l, "ها")) && len(l) > len(stem)+1 {
				return true
			}
		}
	}
	return false
}
