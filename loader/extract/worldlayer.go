package extract

import (
	"strings"
	"sync"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader/extract/world"
)

// worldLayer is the world layer made ready for matching: its gazetteer is
// built once (it names some 2,000 actors in twenty thousand ways, a tenth
// of a second to build) and shared by every extractor, each hiding the
// world actors its own catalogue names.
type worldLayer struct {
	gaz    *Gazetteer
	all    []*Entity
	actors map[string]kg.Actor
	byKey  map[string][]*Entity // name key → the world actors so named
	byID   map[string]*Entity
	nisba  map[string]*Entity // nationality stem → country
	iso    map[*Entity]string // country → ISO 3166-1 alpha-3
}

var defaultWorld = sync.OnceValue(func() *worldLayer { return buildWorldLayer(world.Catalogue()) })

func buildWorldLayer(w kg.Catalogue) *worldLayer {
	wl := &worldLayer{actors: map[string]kg.Actor{}, byKey: map[string][]*Entity{}, byID: map[string]*Entity{},
		nisba: map[string]*Entity{}, iso: map[*Entity]string{}}
	wl.gaz, wl.all = catalogueGazetteer(kg.Catalogue{Actors: w.Actors})
	byISO := map[string]*Entity{}
	for i, e := range wl.all {
		a := w.Actors[i]
		wl.actors[a.ID] = a
		wl.byID[a.ID] = e
		for _, n := range actorNames(a) {
			if k := NameKey(n); k != "" {
				wl.byKey[k] = append(wl.byKey[k], e)
			}
		}
		if a.Kind == kg.Country && a.ISO != "" {
			wl.iso[e] = a.ISO
			byISO[a.ISO] = e
			if toks := keysOf(a.Name.Ar); len(toks) == 1 {
				wl.nisba[nisbaStem(toks[0].Light)] = e
			}
		}
	}
	for _, c := range world.Countries() {
		e := byISO[c.ISO3]
		if e == nil {
			continue
		}
		for _, n := range c.Nisba {
			if strings.Contains(n, " ") {
				continue
			}
			for _, t := range keysOf(n) {
				if _, taken := wl.nisba[nisbaStem(t.Light)]; !taken {
					wl.nisba[nisbaStem(t.Light)] = e
				}
			}
		}
	}
	return wl
}

// hiddenBy are the world actors cat already names: one that shares an id,
// a name or an alias with a catalogue entry (the catalogue's «وزارة الخارجية
// الروسية» wins over the world layer's).
func (wl *worldLayer) hiddenBy(cat kg.Catalogue) map[*Entity]bool {
	hidden := map[*Entity]bool{}
	hideID := func(id string) {
		if e := wl.byID[id]; e != nil {
			hidden[e] = true
		}
	}
	for _, a := range cat.Actors {
		hideID(a.ID)
		for _, n := range actorNames(a) {
			for _, e := range wl.byKey[NameKey(n)] {
				hidden[e] = true
			}
		}
	}
	for _, t := range cat.Topics {
		hideID(t.ID)
	}
	for _, e := range cat.Events {
		hideID(e.ID)
	}
	for _, p := range cat.Places {
		hideID(p.ID)
	}
	return hidden
}

func actorNames(a kg.Actor) []string {
	return append(append([]string{a.Name.Ar, a.Name.En}, a.Aliases.Ar...), a.Aliases.En...)
}

// layeredGazetteer finds names in the catalogue and in the world layer, the
// longer match winning and the catalogue's on a tie; world actors the
// catalogue hides are never found.
type layeredGazetteer struct {
	cat, world *Gazetteer
	hidden     map[*Entity]bool
}

func (g layeredGazetteer) longestAt(toks []Token, i, end int, keep func(alias) bool) (Match, bool) {
	m, ok := g.cat.longestAt(toks, i, end, keep)
	keepWorld := func(a alias) bool { return !g.hidden[a.entity] && (keep == nil || keep(a)) }
	if wm, wok := g.world.longestAt(toks, i, end, keepWorld); wok && (!ok || wm.End > m.End) {
		return wm, true
	}
	return m, ok
}
