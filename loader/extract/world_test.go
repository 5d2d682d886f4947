package extract

import (
	"strings"
	"testing"

	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/loader/extract/world"
)

// unMembers are the 193 member states of the United Nations (ISO 3166-1
// alpha-2), from the UN's list of member states (un.org/en/about-us/member-states).
var unMembers = strings.Fields(`AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM ZW`)

// resolve is the actor the whole phrase names, if any.
func resolve(x *Extractor, phrase string) string {
	toks := Normalize(phrase).Tokens
	if len(toks) == 0 {
		return ""
	}
	m, ok := x.gaz.longestAt(toks, 0, len(toks), actorsOnly)
	if !ok || m.End != len(toks) {
		return ""
	}
	return m.aliases[0].entity.ID
}

func TestWorldResolvesEveryUNMemberState(t *testing.T) {
	if len(unMembers) != 193 {
		t.Fatalf("the list has %d member states, not 193", len(unMembers))
	}
	x := New(kg.Catalogue{})
	byISO := map[string]world.Country{}
	for _, c := range world.Countries() {
		byISO[c.ISO2] = c
	}
	withNisba := 0
	for _, code := range unMembers {
		c, ok := byISO[code]
		if !ok {
			t.Errorf("%s: not in the world layer", code)
			continue
		}
		if got := resolve(x, c.Ar); got != c.ID {
			t.Errorf("%s: Arabic name %q resolves to %q, want %q", code, c.Ar, got, c.ID)
		}
		if got := resolve(x, c.En); got != c.ID {
			t.Errorf("%s: English name %q resolves to %q, want %q", code, c.En, got, c.ID)
		}
		// The nisba adjective in every form the news writes it: feminine after
		// a ministry, masculine after the army.
		for _, n := range c.Nisba {
			withNisba++
			fem, masc := nisbaForms(n)
			if got := resolve(x, "وزارة الخارجية "+fem); got != c.ID+"-foreign-ministry" {
				t.Errorf("%s: «وزارة الخارجية %s» resolves to %q", code, fem, got)
			}
			if got := resolve(x, "الجيش "+masc); got != c.ID+"-army" {
				t.Errorf("%s: «الجيش %s» resolves to %q", code, masc, got)
			}
		}
		if c.Demonym != "" {
			if got := resolve(x, c.Demonym+" Foreign Ministry"); got != c.ID+"-foreign-ministry" {
				t.Errorf("%s: %q resolves to %q", code, c.Demonym+" Foreign Ministry", got)
			}
		}
	}
	// Names of several words («جمهورية أفريقيا الوسطى») have no nisba the
	// rule can derive; the rest must.
	if withNisba < 160 {
		t.Errorf("only %d member states have a nisba adjective", withNisba)
	}
}

func nisbaForms(n string) (fem, masc string) {
	var f, m []string
	for _, w := range strings.Fields(n) {
		f, m = append(f, "ال"+w+"ة"), append(m, "ال"+w)
	}
	return strings.Join(f, " "), strings.Join(m, " ")
}

func TestWorldGivesWayToTheCatalogue(t *testing.T) {
	cat := kg.Catalogue{Actors: []kg.Actor{{ID: "rus", Kind: kg.Country, Name: kg.Names{En: "Russia", Ar: "روسيا"}}}}
	x := New(cat)
	if got := resolve(x, "روسيا"); got != "rus" {
		t.Errorf("روسيا resolves to %q, want the catalogue's rus", got)
	}
	if got := resolve(x, "وزارة الخارجية الإيرانية"); got != "iran-foreign-ministry" {
		t.Errorf("the world layer is still there: got %q", got)
	}
	if got := resolve(x, "روسيا الاتحادية"); got == "russia" {
		t.Errorf("a world alias of the hidden Russia still resolves to it")
	}
	if _, ok := x.world["russia"]; ok {
		t.Error("the world's Russia is still among the world actors a statement may add")
	}
	if !x.ids["iran"] {
		t.Error("world ids are not reserved: a new person could take one")
	}
}
