package extract

import (
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// enVerb is an English cue: its forms are listed, not generated (English
// inflection is irregular and the list is short).
type enVerb struct {
	lemma
	forms []string // third person, past, participle, gerund
}

var englishVerbs = []enVerb{
	{lemma{word: "say", class: report}, []string{"say", "says", "said", "saying"}},
	{lemma{word: "tell", class: report}, []string{"tell", "tells", "told", "telling"}},
	{lemma{word: "state", class: report}, []string{"states", "stated", "stating"}},
	{lemma{word: "stress", class: report}, []string{"stress", "stresses", "stressed", "stressing"}},
	{lemma{word: "emphasise", class: report}, []string{"emphasised", "emphasized", "emphasises", "emphasizes", "emphasising", "emphasizing"}},
	{lemma{word: "insist", class: report}, []string{"insisted", "insists", "insisting"}},
	{lemma{word: "add", class: report, cont: true}, []string{"added", "adds", "adding"}},
	{lemma{word: "note", class: report}, []string{"noted", "notes", "noting"}},
	{lemma{word: "explain", class: report}, []string{"explained", "explains", "explaining"}},
	{lemma{word: "argue", class: report}, []string{"argued", "argues", "arguing"}},
	{lemma{word: "affirm", class: report}, []string{"affirmed", "affirms", "reaffirmed", "reaffirms"}},
	{lemma{word: "confirm", class: report}, []string{"confirmed", "confirms"}},
	{lemma{word: "announce", class: report}, []string{"announced", "announces", "announcing", "declared", "declares"}},
	{lemma{word: "consider", class: evaluative}, []string{"considered", "considers", "described", "describes", "called"}},
	{lemma{word: "warn", pred: kg.Warn, class: stance}, []string{"warn", "warns", "warned", "warning"}},
	{lemma{word: "caution", pred: kg.Warn, class: stance}, []string{"cautioned", "cautions"}},
	{lemma{word: "threaten", pred: kg.Threaten, class: stance}, []string{"threatened", "threatens", "threatening"}},
	{lemma{word: "urge", pred: kg.CallFor, class: stance}, []string{"urge", "urges", "urged", "urging", "appealed", "appeals"}},
	{lemma{word: "demand", pred: kg.Demand, class: stance}, []string{"demanded", "demands", "demanding"}},
	{lemma{word: "reject", pred: kg.Reject, class: stance}, []string{"rejected", "rejects", "rejecting", "refused", "refuses", "dismissed", "dismisses"}},
	{lemma{word: "condemn", pred: kg.Condemn, class: stance}, []string{"condemned", "condemns", "condemning", "denounced", "denounces", "criticised", "criticized", "criticises", "criticizes", "deplored", "slammed", "blasted"}},
	{lemma{word: "accuse", pred: kg.Accuse, class: stance}, []string{"accused", "accuses", "accusing", "blamed", "blames"}},
	{lemma{word: "deny", pred: kg.Deny, class: stance}, []string{"denied", "denies", "denying"}},
	{lemma{word: "welcome", pred: kg.Welcome, class: stance}, []string{"welcomed", "welcomes", "welcoming", "hailed", "hails"}},
	{lemma{word: "praise", pred: kg.Praise, class: stance}, []string{"praised", "praises", "praising", "thanked", "thanks", "commended", "commends", "lauded"}},
	{lemma{word: "support", pred: kg.Support, class: stance, ambiguous: true}, []string{"supported", "supports", "backed", "backs", "endorsed", "endorses"}},
	{lemma{word: "oppose", pred: kg.Oppose, class: stance}, []string{"opposed", "opposes", "objected", "objects"}},
	{lemma{word: "hope", pred: kg.Hope, class: stance}, []string{"hoped", "hopes"}},
	{lemma{word: "propose", pred: kg.Propose, class: stance}, []string{"proposed", "proposes", "suggested", "suggests"}},
	{lemma{word: "pledge", pred: kg.Commit, class: stance}, []string{"pledged", "pledges", "promised", "promises", "vowed", "vows"}},
	{lemma{word: "agree", pred: kg.AgreeWith, class: stance, needs: "with"}, []string{"agreed", "agrees"}},
	{lemma{word: "discuss", class: discuss, needs: "with"}, []string{"discussed", "discusses"}},
	{lemma{word: "express", class: lightVerb}, []string{"expressed", "expresses", "voiced", "voices", "reiterated", "reiterates"}},
	{lemma{word: "decline", pred: kg.DeclineComment, class: stance, needs: "comment"}, []string{"declined", "declines", "refused to comment"}},
	{lemma{word: "comment", class: report}, []string{"commented", "comment"}},
	// Reporting verbs of press releases and wire copy.
	{lemma{word: "reaffirm", class: report}, []string{"reaffirm", "re-affirmed", "reaffirming", "reiterating"}},
	{lemma{word: "underscore", class: report}, []string{"underscored", "underscores", "underscoring", "underlined", "underlines", "highlighted", "highlights", "highlighting"}},
	{lemma{word: "emphasize", class: report}, []string{"emphasize", "emphasise"}},
	{lemma{word: "observe", class: report}, []string{"observed", "observes", "remarked", "remarks", "reasoned", "reasons", "recalled", "recalls", "responded", "replied", "answered"}},
	{lemma{word: "claim", class: report}, []string{"claimed", "claims", "claiming", "asserted", "asserts", "maintained", "maintains"}},
	{lemma{word: "acknowledge", class: report}, []string{"acknowledged", "acknowledges", "admitted", "admits"}},
	{lemma{word: "write", class: report}, []string{"wrote", "writes", "tweeted", "tweets", "posted"}},
	{lemma{word: "report", class: report, ambiguous: true}, []string{"reported"}},
	{lemma{word: "believe", class: report}, []string{"believes", "believed"}},
	{lemma{word: "expect", pred: kg.Hope, class: stance}, []string{"expects", "expected"}},
	{lemma{word: "justify", class: report}, []string{"justified", "justifies", "defended", "defends"}},
	{lemma{word: "attack", pred: kg.Condemn, class: stance}, []string{"attacked", "attacks", "lambasted", "castigated", "rebuked", "decried", "decries"}},
	{lemma{word: "ask", pred: kg.CallFor, class: stance}, []string{"asked", "asks", "encouraged", "encourages", "encouraging", "implored", "pressed"}},
	{lemma{word: "allege", pred: kg.Accuse, class: stance}, []string{"alleged", "alleges", "charged"}},
	{lemma{word: "commend", pred: kg.Praise, class: stance}, []string{"commend", "recognized", "applauded", "saluted"}},
	{lemma{word: "reject", pred: kg.Reject, class: stance}, []string{"reject", "refute", "refuted", "refutes"}},
	{lemma{word: "commit", pred: kg.Commit, class: stance}, []string{"pledge", "vow"}},
	{lemma{word: "concern", pred: kg.Concern, class: stance}, []string{"feared", "fears", "regretted", "regrets", "lamented"}},
}

// englishUncued are the predicates no English cue word or phrase carries,
// each with the rule of stances (stance.go) that gives it (see arabicUncued).
var englishUncued = map[kg.Predicate]string{
	kg.Assert:   "a reporting verb whose complement states no stance",
	kg.Announce: "announce, or a reporting verb with a future marker in its complement",
}

// englishPhrases mirror arabicPhrases.
var englishPhrases = []struct {
	kind  phraseKind
	pred  kg.Predicate
	pol   kg.Polarity
	words []string
}{
	{trigger, kg.Reject, "", []string{"unacceptable", "reject", "rejects", "rule out", "ruled out"}},
	{trigger, kg.Support, "", []string{"support", "supports", "back", "backs", "only way", "the only solution"}},
	{trigger, kg.Concern, "", []string{"concern", "concerned", "worried", "alarmed", "alarm", "expressed concern", "voiced concern", "deeply concerned"}},
	{trigger, kg.Warn, "", []string{"threat", "danger", "dangerous", "destabilise", "destabilize", "destabilising", "destabilizing", "risk", "catastrophe", "catastrophic", "escalation", "spiral"}},
	{trigger, kg.Oppose, "", []string{"violation", "breach", "illegal", "illegitimate", "oppose", "mistake", "grave mistake"}},
	{trigger, kg.Condemn, "", []string{"condemn", "crime", "crimes", "atrocity", "atrocities"}},
	{trigger, kg.CallFor, "", []string{"must", "should", "need to", "needs to", "necessary", "important to", "call for", "called for", "calls for", "called on", "calls on", "urgent", "needed", "is needed", "are needed", "have to", "has to"}},
	{trigger, kg.Hope, "", []string{"hope", "hopes", "hopeful", "optimistic", "expressed hope"}},
	{trigger, kg.AgreeWith, "", []string{"agree with", "in agreement with", "share the position"}},
	{trigger, kg.Welcome, "", []string{"welcome"}},
	{trigger, kg.Support, "", []string{"strengthen", "strengthening", "stand with", "stands with", "solidarity", "partnership", "support for"}},
	{trigger, kg.Commit, "", []string{"will continue", "will work", "committed to", "commitment", "commitments", "ready to", "determined to", "we will", "pledge"}},
	{trigger, kg.Accuse, "", []string{"responsible for", "to blame", "blamed", "accused", "behind the attack"}},
	{trigger, kg.Deny, "", []string{"not true", "baseless", "fabricated", "false claims", "unfounded"}},
	{trigger, kg.Condemn, "", []string{"terrorist", "terrorism", "heinous", "outrageous", "barbaric", "appalling"}},
	{trigger, kg.DeclineComment, "", []string{"declined to comment", "declines to comment", "refused to comment", "no comment"}},
	{future, "", "", []string{"will", "shall", "'ll", "going to", "tomorrow", "next week", "next month", "upcoming"}},
	{stopper, "", "", []string{"stop", "prevent", "end", "halt", "curb", "combat", "fight", "counter"}},
	{positive, "", "", []string{"constructive", "positive", "fruitful", "successful", "good", "important step", "timely"}},
	{negative, "", "", []string{"victims", "negative", "dangerous", "tragic", "disastrous"}},
	{negation, "", "", []string{"not", "never", "no", "n't", "did not", "does not"}},
	{skip, "", "", []string{"also", "again", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "later", "earlier", "in", "a", "statement", "has", "had", "have", "on", "repeatedly", "publicly", "strongly", "firmly"}},
	{medium, "", "", []string{"in a statement", "at a press conference", "at a news conference", "in an interview", "in a speech", "on twitter", "told reporters", "told journalists", "in a letter"}},
	{docNoun, "", "", []string{"statement", "the statement", "report", "the report", "communique", "the communique", "declaration", "the declaration", "resolution"}},
	{dual, "", "", []string{"both sides", "the two sides", "both leaders", "the two leaders", "the two ministers", "both countries", "the two countries"}},
	{member, "", "", []string{"member states of", "members of", "leaders of", "representatives of", "the member states of"}},
	{titleMod, "", "", []string{"of", "state", "affairs", "foreign", "defence", "defense", "interior", "general", "chief", "staff",
		"deputy", "vice", "prime", "national", "security", "adviser", "advisor", "the"}},
	{stopName, "", "", []string{"said", "says", "told", "on", "in", "at", "who", "that"}},
}

// englishNouns carry the stance after "expressed", "voiced".
var englishNouns = map[kg.Predicate][]string{
	kg.Concern: {"concern", "concerns", "regret", "alarm", "worry"}, kg.Hope: {"hope", "optimism", "confidence"},
	kg.Support: {"support", "solidarity"}, kg.Oppose: {"opposition"}, kg.Condemn: {"condemnation", "outrage"},
	kg.Praise: {"gratitude", "appreciation", "thanks"}, kg.Commit: {"readiness", "willingness"}, kg.Welcome: {"satisfaction"},
}

// englishTitles introduce persons ("Foreign Minister Sergei Lavrov").
var englishTitles = []string{"President", "Prime Minister", "Foreign Minister", "Minister", "Secretary of State",
	"Secretary", "Secretary-General", "Ambassador", "Envoy", "Spokesman", "Spokeswoman", "Spokesperson", "Senator",
	"King", "Prince", "Sheikh", "General", "Gen.", "Chancellor", "Chairman", "Speaker", "Deputy", "Vice", "Mr", "Mrs",
	"Ms", "Dr", "Premier", "Commissioner", "Representative", "Rep.", "Sen.", "Governor", "Mayor", "Leader", "Emir", "Sultan",
	"Counterpart"}

// englishStops end names and are never names themselves.
var englishStops = []string{"said", "says", "told", "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or",
	"that", "this", "he", "she", "they", "it", "who", "which", "with", "from", "by", "as", "was", "is", "has", "had",
	"would", "will", "also", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

var englishComplementizers = []string{"that", ":"}

// englishPronouns refer back to the last speaker.
var englishPronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true}

func buildEnglish() *lexicon {
	lx := newLexicon("en")
	for i := range englishVerbs {
		v := &englishVerbs[i]
		for _, f := range v.forms {
			k := imperfect
			if strings.HasSuffix(f, "ed") || f == "said" || f == "told" || f == "hailed" {
				k = perfect
			}
			if strings.HasSuffix(f, "ing") {
				k = participle
			}
			lx.addForm(f, form{lemma: &v.lemma, kind: k})
		}
	}
	for pred, ns := range englishNouns {
		l := &lemma{word: ns[0], pred: pred, class: stance}
		for _, n := range ns {
			lx.addForm(n, form{lemma: l, kind: noun, suffixed: true})
		}
	}
	for _, p := range englishPhrases {
		lx.addPhrases(p.kind, p.pred, p.pol, p.words...)
	}
	for _, t := range englishTitles {
		lx.addPhrase(t, phraseInfo{kind: title})
	}
	for _, c := range englishComplementizers {
		lx.comp[c] = true
	}
	lx.articles = map[string]bool{"the": true}
	return lx
}

// english is the English language of the extractor: its lexicon and its
// rules of word order (the subject first; "…," said X after a quote) and
// word shape (capitals).
type english struct{ *lexicon }

func (g english) words() *lexicon { return g.lexicon }

// inName: a capitalised word after another is part of a name ("United
// States", "Human Rights Watch").
func (english) inName(toks []Token, k int) bool {
	if k == 0 || !toks[k].Upper {
		return false
	}
	p := toks[k-1]
	return p.Kind == Word && p.Latin && p.Upper
}

// startsClause: a verb within four words after "and", a comma, "while",
// "whereas" or "but".
func (english) startsClause(s *docState, k, a int, _ form) bool {
	toks := s.d.Tokens
	for j := k - 1; j >= a && j >= k-4; j-- {
		switch toks[j].Key {
		case "and", ",", "while", "whereas", "but":
			return true
		}
	}
	return false
}

// mayInherit: "adding", "he added", or a verb after "and".
func (english) mayInherit(s *docState, k, a int, f form) bool {
	return f.kind == participle || f.lemma.cont || s.isBoundary(k, a, f)
}

// subjectUnresolved: an English verb's subject stands before it, so what
// follows it never breaks the chain.
func (english) subjectUnresolved(*docState, int, int) bool { return false }

func (english) agreement(Token, form) (bool, bool) { return false, false }

// verbSubject: the subject before the verb ("Lavrov said", "Venezuela's
// foreign ministry categorically rejects"); after it only once a quote or
// comma came before ("…," said Lavrov), and then a capitalised name or
// "the …".
func (english) verbSubject(s *docState, k, a, after, b int, f form) np {
	toks := s.d.Tokens
	p := s.npBefore(k, s.clauseStart(k, a))
	if !p.ok() && f.kind != participle {
		p = s.englishSubjectBefore(k, a)
	}
	if p.ok() || f.kind == participle {
		return p
	}
	p = s.parseNP(after, b)
	if p.ok() && toks[after].Key != "the" && !toks[after].Upper && p.how != byCoref {
		return np{} // "told reporters": a lower-case word after an English verb is not its subject
	}
	if p.ok() && !(k > a && (toks[k-1].Kind == Quote || toks[k-1].Key == ",")) {
		return np{} // "X said Iran had …": after the verb is the content; "…," said X only after a quote
	}
	return p
}

// subjectReach: an English subject may start anywhere before its verb.
func (english) subjectReach(_, k int) int { return k }

// accordingApposition: "According to the Afghan team's coach, Alireza
// Mehraban, …": the name that ends the phrase before its comma.
func (english) accordingApposition(s *docState, j, b int) np {
	toks := s.d.Tokens
	for e := j + 1; e < b && e < j+16; e++ {
		if toks[e].Key == "," && (e+1 >= b || !toks[e+1].Upper || e+2 < b && toks[e+2].Key == ",") {
			if e+1 < b && toks[e+1].Upper && e+2 < b && toks[e+2].Upper {
				continue // "the coach, Alireza Mehraban, …": the name is the apposition
			}
			return s.englishSubjectBefore(e+1, j)
		}
	}
	return np{}
}

// pronoun: he / she is the last person named; they / it / we the last
// speaker.
func (english) pronoun(s *docState, i int) np {
	key := s.d.Tokens[i].Key
	if !englishPronouns[key] {
		return np{}
	}
	if key == "he" || key == "she" {
		for k := len(s.history) - 1; k >= 0; k-- {
			if s.history[k].e.Actor == kg.Person {
				return np{refs: []ref{{s.history[k].e, i, i + 1}}, start: i, end: i + 1, how: byCoref}
			}
		}
	}
	if len(s.lastSpeakers) > 0 {
		return np{refs: refsOf(s.lastSpeakers, i, i+1), start: i, end: i + 1, how: byCoref}
	}
	return np{}
}

// inverted: «"…," said Lavrov.» and «"…," Lavrov said.» say what the
// quote before them said.
func (english) inverted(s *docState, c attribution, a int) (attribution, bool) {
	toks, k := s.d.Tokens, c.at
	if c.np.start > k && k > a && (toks[k-1].Kind == Quote || toks[k-1].Key == ",") {
		c.comp, c.end, c.fixed = a, k, true
		return c, true
	}
	if c.np.start < k && c.np.start > a && toks[c.np.start-1].Kind == Quote && s.d.Quoted[a+1] {
		c.comp, c.end, c.fixed = a, c.np.start, true
		return c, true
	}
	return c, false
}

// endsName: a lower-case word, unless a particle (al, bin, de) or joined by
// a hyphen (El-Hassan).
func (english) endsName(s *docState, i, j int) bool {
	toks := s.d.Tokens
	t := toks[j]
	joined := j > i && toks[j-1].Key == "-" && toks[j-1].Start == toks[j-2].End && toks[j-1].End == t.Start
	return !t.Upper && !nameParticle[t.Key] && !joined
}

// minNameWords: one capitalised word after a title is more often a word
// of the title than a name.
func (english) minNameWords() int { return 2 }

func (english) clauseNotName(*docState, int, int, int) bool { return false }

// titleAdjective: English puts nationality before the title; capitalised
// words after it are the name.
func (english) titleAdjective(*docState, Token) bool { return false }

// refersTo: "the ministry" for a body whose English name has the word.
func (english) refersTo(t Token, e *Entity) bool {
	for _, h := range e.heads {
		if t.Is(h) && t.Definite() || strings.Contains(" "+strings.ToLower(e.En)+" ", " "+t.Key+" ") && len(t.Key) > 4 {
			return true
		}
	}
	return false
}

func (english) written(surface string) (kg.Names, string) { return kg.Names{En: surface}, surface }

func (english) futureVerb(Token) bool { return false }

// pledge: "we will" (for), "we won't" (against).
func (english) pledge(toks []Token, k, b int) kg.Polarity {
	t, next := toks[k].Key, ""
	if k+1 < b {
		next = toks[k+1].Key
	}
	switch {
	case (t == "we" || t == "i") && (next == "will" || next == "shall"):
		return kg.Favor
	case (t == "we" || t == "i") && next == "won't":
		return kg.Against
	}
	return ""
}

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
	return s.capitalisedSubject(a, j)
}

// capitalisedSubject reads a capitalised run of words ending at token j
// (not before a) as a subject: an actor the text names, or a person or body
// the catalogue lacks; title words at its start are the title, not the
// name ("National Security Advisor Jake Sullivan").
func (s *docState) capitalisedSubject(a, j int) np {
	toks := s.d.Tokens
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
