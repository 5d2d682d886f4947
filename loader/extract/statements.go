package extract

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/whosaid/whosaid/kg"
)

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
	c := attribution{at: p.end, f: form{lemma: &lemma{word: ":", class: report}}, np: p, from: p.end + 1, comp: p.end + 1, end: sent.End, colon: true}
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
func (s *docState) addDraft(si int, sent Sentence, c attribution, h stanceHit) {
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
func (s *docState) quoteType(c attribution, sent Sentence) kg.QuoteType {
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
func (s *docState) phraseTarget(c attribution, h stanceHit, sent Sentence) (*Entity, int, int) {
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
func (s *docState) targetsOf(c attribution, h stanceHit, sent Sentence, speakers map[string]bool, event string) []ref {
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
		if h.pred == kg.CallFor || h.pred == kg.Demand {
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
		case dr.hit.pred == kg.Announce && s.futureIn(s.d.Sentences[dr.sent].Start, s.d.Sentences[dr.sent].End):
			st.Modality = "future"
		}
		if dr.quote == kg.Summary && !dr.headline && dr.hit.pred == kg.Assert {
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
