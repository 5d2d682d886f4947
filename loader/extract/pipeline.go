package extract

import "github.com/whosaid/whosaid/kg"

// The extractor reads a document in stages, each taking and giving typed
// values, so that a rule has an obvious home and a test of its own:
//
//	text        → Normalize, Split   → *Doc: tokens and sentences (split.go, text.go)
//	sentence    → mentionsIn         → []mention: the actors it names (speaker.go)
//	sentence    → cuesIn             → []cueSite: its cue words (cues.go)
//	cueSite     → attribute          → attribution: who speaks, and the span of what
//	                                   was said (attribute.go; one handler per kind of cue)
//	attribution → predicates         → []stanceHit: what stance it takes (stance.go)
//	stanceHit   → addDraft           → a statement with its targets, occasion and date
//	                                   (statements.go); result assembles them
//
// What the stages remember between sentences (who spoke last, which text
// was issued by whom, the persons the document introduced) lives in
// docState; what differs between languages lives behind language.

// cueSite is a cue word found in a sentence: the cues stage's value.
type cueSite struct {
	at int  // token
	f  form // its form in the lexicon
	// boundary: inside another cue's complement, it starts a clause of
	// its own (مضيفا، وأكد، "and added") and so may be a cue of its own.
	boundary bool
}

// cuesIn is the cues stage: every cue word of the sentence outside
// quotes, in order.
func (s *docState) cuesIn(sent Sentence) []cueSite {
	var sites []cueSite
	for k := sent.Start; k < sent.End; k++ {
		f, ok := s.cueForm(k)
		if !ok || s.d.Quoted[k] {
			continue
		}
		sites = append(sites, cueSite{at: k, f: f, boundary: s.isBoundary(k, sent.Start, f)})
	}
	return sites
}

// mentionsIn is the mentions stage, the first of each sentence: the actors
// the sentence names (and the persons its title phrases introduce),
// remembered for coreference. No one has spoken in the sentence yet.
func (s *docState) mentionsIn(si int, sent Sentence) []mention {
	s.sentSpeakers = nil
	before := len(s.history)
	s.noteActors(si, sent.Start, sent.End)
	return s.history[before:]
}

// sentence reads one sentence through the stages.
func (s *docState) sentence(si int, sent Sentence) {
	s.mentionsIn(si, sent)
	if sent.Headline && s.headlineColon(si, sent) {
		return
	}
	// A cue inside the complement of an earlier one is part of what was
	// said, unless it starts a clause of its own.
	inComplement, next := false, sent.Start
	var mainPred kg.Predicate
	for _, site := range s.cuesIn(sent) {
		if site.at < next || inComplement && !site.boundary {
			continue
		}
		c, ok := s.attribute(si, sent, site)
		if !ok {
			continue
		}
		inComplement = true
		hits := s.predicates(c, sent, mainPred)
		if mainPred == "" && len(hits) > 0 {
			mainPred = hits[0].pred
		}
		for _, h := range hits {
			s.addDraft(si, sent, c, h)
		}
		s.spoke(si, c)
		if c.comp > c.at {
			next = maxInt(c.at+1, c.from)
		}
	}
}

// predicates are the stances of an attribution; mainPred is the first
// predicate the sentence took.
func (s *docState) predicates(c attribution, sent Sentence, mainPred kg.Predicate) []stanceHit {
	hits := s.stances(c, sent)
	if len(hits) == 1 && hits[0].from == "default" && hits[0].pred == kg.Assert && c.f.kind == participle && c.np.how == byInherited && mainPred == kg.Announce {
		hits[0].pred = kg.Announce // «… سيعقد …، مشيرة إلى أن …»: an elaboration of an announcement
	}
	return hits
}

// spoke remembers who spoke through c, for the cues that follow.
func (s *docState) spoke(si int, c attribution) {
	if c.np.how != byInherited {
		s.sentSpeakers = c.np.refs
	}
	s.lastSpeakers, s.lastSent = entitiesOf(c.np.refs), si
	if c.np.how == byDocument || s.mediumIn(c.from, c.comp, docNoun) {
		s.setIssuer(entitiesOf(c.np.refs), si)
	}
}
