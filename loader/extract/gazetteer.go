package extract

import (
	"strings"

	"github.com/whosaid/whosaid/kg"
)

// EntityKind says what a gazetteer entry names.
type EntityKind uint8

// The entity kinds a statement can refer to.
const (
	ActorEntity EntityKind = iota
	TopicEntity
	EventEntity
)

func (k EntityKind) String() string {
	return [...]string{"actor", "topic", "event"}[k]
}

// Entity is one catalogue entry (or a person the extractor found) that a
// name can refer to.
type Entity struct {
	Kind  EntityKind
	ID    string
	Actor kg.ActorKind // actors only
	En    string       // English name or label, for summaries
	Ar    string
	New   bool // found in the text, not in the catalogue
	Title string
	// heads are the light keys of the first word of each name and alias
	// («منظمه» for منظمة معاهدة الأمن الجماعي), for «المنظمة» coreference.
	heads []string
}

// name is the entity's English name, or its Arabic one when the text gave
// no other (a person extracted from an Arabic article).
func (e *Entity) name() string {
	if e.En != "" {
		return e.En
	}
	return e.Ar
}

// alias is one way of writing an entity.
type alias struct {
	entity *Entity
	title  bool // the alias is a title only («الرئيس الروسي»): a name right after it wins
	caps   bool // a one-word Latin acronym (UN, US): the text must be in capitals too
	words  int
}

// node is a trie node over light keys.
type node struct {
	next    map[string]*node
	aliases []alias
}

func (n *node) child(k string, create bool) *node {
	if c := n.next[k]; c != nil || !create {
		return c
	}
	if n.next == nil {
		n.next = map[string]*node{}
	}
	c := &node{}
	n.next[k] = c
	return c
}

// Gazetteer finds catalogue names in token sequences. Multi-word names match
// on light keys (clitics and the article dropped from every word, so «لأي
// تدخل عسكري» finds «التدخل العسكري»); one-word names match on bare keys,
// keeping the article, so «القاعدة» (al-Qaeda) does not match «قاعدة» (a
// base). Slashes and hyphens inside a name are skipped (/فلاديمير بوتين/).
type Gazetteer struct {
	root   node
	single map[string][]alias
}

func newGazetteer() *Gazetteer { return &Gazetteer{single: map[string][]alias{}} }

// add registers a name of e. Names shorter than two letters are ignored.
func (g *Gazetteer) add(e *Entity, name string) {
	toks := keysOf(name)
	if len(toks) == 0 || (len(toks) == 1 && len([]rune(toks[0].Key)) < 2) {
		return
	}
	a := alias{entity: e, words: len(toks), title: e.Kind == ActorEntity && titleOnly(toks),
		caps: len(toks) == 1 && toks[0].Caps}
	if len(toks) == 1 {
		k := toks[0].Key
		for _, old := range g.single[k] {
			if old.entity == e {
				return
			}
		}
		g.single[k] = append(g.single[k], a)
		return
	}
	n := &g.root
	for _, t := range toks {
		n = n.child(t.Light, true)
	}
	for _, old := range n.aliases {
		if old.entity == e {
			return
		}
	}
	n.aliases = append(n.aliases, a)
}

// Match is a gazetteer hit: tokens [Start, End) name one of Aliases.
type Match struct {
	Start, End int
	aliases    []alias
}

// transparent tokens may sit inside a name without breaking it.
func transparent(t Token) bool { return t.Key == "/" || t.Key == "-" }

// longestAt returns the longest name starting at token i (not after end),
// among entries accepted by keep. One-word names match a form of the token
// (the article kept); longer names match any light of each word.
func (g *Gazetteer) longestAt(toks []Token, i, end int, keep func(alias) bool) (Match, bool) {
	if toks[i].Kind != Word && toks[i].Kind != Num {
		return Match{}, false
	}
	best := Match{}
	for _, f := range toks[i].Forms {
		if as := filter(g.single[f], keep); len(as) > 0 && (!as[0].caps || toks[i].Caps) {
			best = Match{Start: i, End: i + 1, aliases: as}
			break
		}
	}
	g.walk(&g.root, toks, i, i, end, keep, &best)
	return best, best.End > best.Start
}

// walk follows the trie from n over token k and after, keeping the longest
// complete name in best.
func (g *Gazetteer) walk(n *node, toks []Token, i, k, end int, keep func(alias) bool, best *Match) {
	for k < end && k > i && (transparent(toks[k]) || toks[k].Kind == Quote || toks[k].Key == "." && toks[k-1].Latin && len(toks[k-1].Key) == 1) {
		k++ // «حل الأزمة "بطرق سلمية سياسية"», /فلاديمير بوتين/, U.N.: marks may cut a name
	}
	if k >= end || toks[k].Kind != Word && toks[k].Kind != Num {
		return
	}
	for _, l := range toks[k].Lights {
		c := n.child(l, false)
		if c == nil {
			continue
		}
		if as := filter(c.aliases, keep); len(as) > 0 && k+1-i > best.End-best.Start {
			*best = Match{Start: i, End: k + 1, aliases: as}
		}
		if c.next != nil {
			g.walk(c, toks, i, k+1, end, keep, best)
		}
	}
}

func filter(as []alias, keep func(alias) bool) []alias {
	if keep == nil || len(as) == 0 {
		return as
	}
	var out []alias
	for _, a := range as {
		if keep(a) {
			out = append(out, a)
		}
	}
	return out
}

// scan returns the non-overlapping longest names in tokens [a, b), left to
// right, among entries accepted by keep.
func (g *Gazetteer) scan(toks []Token, a, b int, keep func(alias) bool) []Match {
	var out []Match
	for i := a; i < b; {
		if m, ok := g.longestAt(toks, i, b, keep); ok {
			out = append(out, m)
			i = m.End
			continue
		}
		i++
	}
	return out
}

// catalogueGazetteer builds the gazetteer of a catalogue: names and aliases
// of actors, topics and events in both languages, and for persons the last
// word of their name (the surname a later reference uses).
func catalogueGazetteer(cat kg.Catalogue) (*Gazetteer, []*Entity) {
	g := newGazetteer()
	var all []*Entity
	for _, a := range cat.Actors {
		e := &Entity{Kind: ActorEntity, ID: a.ID, Actor: a.Kind, En: a.Name.En, Ar: a.Name.Ar}
		names := append([]string{a.Name.Ar, a.Name.En}, a.Aliases.Ar...)
		names = append(names, a.Aliases.En...)
		for _, n := range names {
			g.add(e, n)
			if toks := keysOf(n); len(toks) > 0 && !isTitleWord(toks[0]) {
				e.heads = append(e.heads, toks[0].Light)
			}
		}
		if a.Kind == kg.Person {
			for _, n := range []string{a.Name.Ar, a.Name.En} {
				if toks := keysOf(n); len(toks) > 1 {
					last := toks[len(toks)-1]
					if len([]rune(last.Key)) >= 3 && !stopWord(last) && !commonGivenNames[last.Light] {
						g.add(e, n[strings.LastIndex(n, " ")+1:])
					}
				}
			}
		}
		all = append(all, e)
	}
	for _, t := range cat.Topics {
		e := &Entity{Kind: TopicEntity, ID: t.ID, En: t.Label.En, Ar: t.Label.Ar}
		for _, n := range append(append([]string{t.Label.Ar, t.Label.En}, t.Aliases.Ar...), t.Aliases.En...) {
			g.add(e, n)
		}
		all = append(all, e)
	}
	for _, ev := range cat.Events {
		e := &Entity{Kind: EventEntity, ID: ev.ID, En: ev.Name.En, Ar: ev.Name.Ar}
		for _, n := range append(append([]string{ev.Name.Ar, ev.Name.En}, ev.Aliases.Ar...), ev.Aliases.En...) {
			g.add(e, n)
			if toks := keysOf(n); len(toks) > 0 {
				e.heads = append(e.heads, toks[0].Light)
			}
		}
		all = append(all, e)
	}
	return g, all
}

// commonGivenNames are never a surname alias on their own: «أحمد» in
// «إسماعيل ولد الشيخ أحمد» or «محمد» in «أحمد محمد» would name half the
// people in the news.
var commonGivenNames = lightSet(strings.Fields("محمد أحمد علي حسن حسين عمر خالد إبراهيم يوسف مصطفى محمود عبدالله عبد الله سعد سعيد صالح عادل عبدالرحمن فهد سلمان عبدالعزيز عثمان يحيى Mohamed Mohammed Muhammad Ahmed Ahmad Ali Hassan Hussein Omar Khaled Ibrahim Youssef Mustafa Mahmoud Abdullah Saleh")...)

func actorsOnly(a alias) bool { return a.entity.Kind == ActorEntity }

// titleOnly reports whether a name is a title without a name in it
// («الرئيس الروسي», «وزير الخارجية الروسي», "Russian President"): a title
// word, then only title words, their modifiers and adjectives with the
// article.
func titleOnly(toks []Token) bool {
	if !isTitleWord(toks[0]) {
		if len(toks) < 2 || !toks[0].Latin || !isTitleWord(toks[len(toks)-1]) {
			return false
		}
	}
	for _, t := range toks[1:] {
		if !isTitleWord(t) && !t.In(titleMods) && !t.Definite() && !(t.Latin && isTitleWord(t)) {
			return false
		}
	}
	return true
}
