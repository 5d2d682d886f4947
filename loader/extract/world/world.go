// Package world is the knowledge an extraction has before it reads an
// article: every country with its Arabic and English names, short forms,
// nisba adjectives and demonyms, and the capital that stands for its
// government; the main international and regional organisations with their
// acronyms; and each country's government institutions (foreign, defence and
// interior ministries, government, presidency, parliament, army) in the forms
// the news writes them («وزارة الخارجية الإيرانية», "Iran's Foreign Ministry").
//
// Country names come from CLDR (golang.org/x/text/language/display); the
// rest is in countries.go and organisations.yaml, with their sources. The
// layer is a kg.Catalogue, so it merges with any curated catalogue (which
// wins where both name the same thing).
package world

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/whosaid/whosaid/kg"
)

//go:embed organisations.yaml
var organisationsYAML []byte

type organisation struct {
	ID        string   `yaml:"id"`
	En        string   `yaml:"en"`
	Ar        string   `yaml:"ar"`
	AliasesEn []string `yaml:"aliases_en"`
	AliasesAr []string `yaml:"aliases_ar"`
}

// Country is one country as the world layer knows it.
type Country struct {
	ID, ISO2, ISO3 string
	En, Ar         string
	Nisba          []string // Arabic masculine nisba stems without the article (روسي، أمريكي)
	Demonym        string   // English adjective (Russian), empty when unknown
}

var (
	once      sync.Once
	catalogue kg.Catalogue
	countries []Country
)

// Catalogue is the world layer as catalogue entries (actors only). It is
// built once and shared: callers must not modify it.
func Catalogue() kg.Catalogue {
	once.Do(build)
	return catalogue
}

// Countries lists every country of the layer, sorted by id.
func Countries() []Country {
	once.Do(build)
	return countries
}

func build() {
	var orgs []organisation
	if err := yaml.Unmarshal(organisationsYAML, &orgs); err != nil {
		panic(fmt.Sprintf("world: organisations.yaml: %v", err)) // embedded: a test reads it
	}
	for _, o := range orgs {
		catalogue.Actors = append(catalogue.Actors, kg.Actor{ID: o.ID, Kind: kg.Organisation,
			Name: kg.Names{En: o.En, Ar: o.Ar}, Aliases: kg.Aliases{En: o.AliasesEn, Ar: o.AliasesAr},
			OrgType: "igo", Description: "world layer: organisation"})
	}
	arNames, enNames := display.Arabic.Regions(), display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code || notCountries[code] {
				continue // deprecated codes (UK, BU, ZR) alias a canonical one
			}
			fix := fixes[code]
			en := strings.NewReplacer(" & ", " and ", "St. ", "Saint ").Replace(enNames.Name(r)) // CLDR's short forms
			c := Country{ISO2: code, ISO3: r.ISO3(), En: firstOf(fix.en, en), Ar: firstOf(fix.ar, arNames.Name(r))}
			if c.En == "" || c.Ar == "" || strings.ContainsAny(c.En+c.Ar, "()") {
				continue // territories CLDR names only with a qualifier
			}
			c.ID = firstOf(fix.id, kebab(c.En))
			c.Nisba = fix.nisba
			if len(c.Nisba) == 0 {
				if n := nisbaOf(c.Ar); n != "" {
					c.Nisba = []string{n}
				}
			}
			c.Demonym = firstOf(fix.demonym, demonymOf(c.En))
			if c.Demonym == "-" {
				c.Demonym = "" // shared by two countries (Congolese): names neither
			}
			countries = append(countries, c)
			catalogue.Actors = append(catalogue.Actors, countryActor(c, fix))
			catalogue.Actors = append(catalogue.Actors, institutions(c, fix)...)
		}
	}
	sort.Slice(countries, func(i, j int) bool { return countries[i].ID < countries[j].ID })
}

func countryActor(c Country, fix countryFix) kg.Actor {
	al := kg.Aliases{En: append([]string(nil), fix.aliasesEn...), Ar: append([]string(nil), fix.aliasesAr...)}
	if fix.capitalEn != "" {
		al.En = append(al.En, fix.capitalEn)
	}
	al.Ar = append(al.Ar, fix.capitalAr...)
	return kg.Actor{ID: c.ID, Kind: kg.Country, Name: kg.Names{En: c.En, Ar: c.Ar}, Aliases: al, ISO: c.ISO3,
		Description: "world layer: country (CLDR names)"}
}

// institution is a kind of government body every country has.
type institution struct {
	suffix string
	en     string // "Ministry of Foreign Affairs"
	enAdj  []string
	arHead string // «وزارة الخارجية»: the nisba agrees with وزارة (feminine)
	arAlt  []string
	fem    bool
}

var kinds = []institution{
	{"foreign-ministry", "Ministry of Foreign Affairs", []string{"Foreign Ministry", "foreign ministry", "Ministry of Foreign Affairs"}, "وزارة الخارجية", []string{"الخارجية", "وزارة خارجية"}, true},
	{"defence-ministry", "Ministry of Defence", []string{"Defence Ministry", "Defense Ministry", "Ministry of Defense"}, "وزارة الدفاع", []string{"وزارة دفاع"}, true},
	{"interior-ministry", "Ministry of the Interior", []string{"Interior Ministry"}, "وزارة الداخلية", []string{"الداخلية", "وزارة داخلية"}, true},
	{"government", "Government", []string{"government", "Government"}, "الحكومة", []string{"حكومة"}, true},
	{"presidency", "Presidency", []string{"presidency", "Presidency"}, "الرئاسة", []string{"رئاسة"}, true},
	{"parliament", "Parliament", []string{"parliament", "Parliament"}, "البرلمان", []string{"برلمان"}, false},
	{"army", "Armed Forces", []string{"army", "military", "armed forces"}, "الجيش", []string{"جيش", "القوات المسلحة"}, false},
}

// seats are buildings and nicknames that stand for an institution.
var seats = map[string]struct{ en, ar []string }{
	"RU/presidency":        {[]string{"Kremlin", "the Kremlin"}, []string{"الكرملين"}},
	"US/presidency":        {[]string{"White House", "the White House"}, []string{"البيت الأبيض"}},
	"US/foreign-ministry":  {[]string{"State Department", "US State Department", "U.S. State Department", "Department of State"}, []string{"وزارة الخارجية الأمريكية", "الخارجية الأمريكية"}},
	"US/defence-ministry":  {[]string{"Pentagon", "the Pentagon", "Department of Defense"}, []string{"البنتاغون", "البنتاجون", "وزارة الدفاع الأمريكية"}},
	"US/parliament":        {[]string{"Congress", "US Congress", "U.S. Congress"}, []string{"الكونغرس", "الكونجرس", "الكونغرس الأمريكي"}},
	"FR/presidency":        {[]string{"Elysee", "Élysée", "Elysee Palace"}, []string{"الإليزيه", "قصر الإليزيه"}},
	"GB/government":        {[]string{"Downing Street"}, []string{"داونينغ ستريت"}},
	"GB/foreign-ministry":  {[]string{"Foreign Office", "Foreign and Commonwealth Office", "FCO"}, nil},
	"RU/parliament":        {[]string{"State Duma", "Duma"}, []string{"الدوما", "مجلس الدوما"}},
	"IR/parliament":        {[]string{"Majlis"}, []string{"مجلس الشورى الإيراني", "مجلس الشورى الإسلامي"}},
	"SA/parliament":        {[]string{"Saudi Shura Council"}, []string{"مجلس الشورى السعودي"}},
	"IL/parliament":        {[]string{"Knesset"}, []string{"الكنيست"}},
	"EG/presidency":        {nil, []string{"الرئاسة المصرية", "مؤسسة الرئاسة"}},
	"SA/government":        {[]string{"Saudi cabinet"}, []string{"مجلس الوزراء السعودي"}},
	"TR/presidency":        {nil, []string{"الرئاسة التركية"}},
	"CN/foreign-ministry":  {nil, []string{"وزارة الخارجية الصينية"}},
	"US/interior-ministry": {[]string{"Department of Homeland Security"}, nil},
}

// institutions are the government bodies of one country, named as the news
// names them: «وزارة الخارجية الإيرانية», «الخارجية الإيرانية», «وزارة خارجية
// إيران», "Iran's Foreign Ministry", "the Iranian Foreign Ministry".
func institutions(c Country, fix countryFix) []kg.Actor {
	var out []kg.Actor
	shortAr := []string{c.Ar}
	shortAr = append(shortAr, fix.aliasesAr...)
	for _, k := range kinds {
		a := kg.Actor{ID: c.ID + "-" + k.suffix, Kind: kg.Organisation, OrgType: "government",
			Name:        kg.Names{En: k.en + " of " + c.En, Ar: k.arHead},
			Description: "world layer: " + strings.ReplaceAll(k.suffix, "-", " ") + " of " + c.En}
		if c.ISO2 == "GB" || c.ISO2 == "US" {
			a.Name.En = k.en + " of the " + c.En
		}
		for _, n := range c.Nisba {
			adj := "ال" + n
			if k.fem {
				adj += "ة"
			}
			if strings.Contains(n, " ") { // كوري شمالي → الكوري الشمالي / الكورية الشمالية
				w := strings.Fields(n)
				for i := range w {
					w[i] = "ال" + w[i]
					if k.fem {
						w[i] += "ة"
					}
				}
				adj = strings.Join(w, " ")
			}
			if a.Name.Ar == k.arHead {
				a.Name.Ar = k.arHead + " " + adj
			}
			a.Aliases.Ar = append(a.Aliases.Ar, k.arHead+" "+adj)
			for _, alt := range k.arAlt {
				if strings.HasPrefix(alt, "ال") {
					a.Aliases.Ar = append(a.Aliases.Ar, alt+" "+adj)
				}
			}
		}
		for _, alt := range k.arAlt {
			if !strings.HasPrefix(alt, "ال") {
				for _, s := range shortAr {
					a.Aliases.Ar = append(a.Aliases.Ar, alt+" "+s) // «وزارة خارجية إيران»
				}
			}
		}
		if a.Name.Ar == k.arHead {
			a.Name.Ar = k.arHead + " في " + c.Ar // no nisba known: name it by the country
		}
		names := []string{c.En}
		names = append(names, fix.aliasesEn...)
		for _, n := range names {
			if strings.HasPrefix(n, "the ") || n == "America" || strings.Contains(n, ".") || len(n) <= 3 {
				continue
			}
			for _, adj := range k.enAdj {
				a.Aliases.En = append(a.Aliases.En, n+"'s "+adj, adj+" of "+n)
			}
		}
		if c.Demonym != "" {
			for _, adj := range k.enAdj {
				a.Aliases.En = append(a.Aliases.En, c.Demonym+" "+adj)
			}
		}
		if s, ok := seats[c.ISO2+"/"+k.suffix]; ok {
			a.Aliases.En = append(a.Aliases.En, s.en...)
			a.Aliases.Ar = append(a.Aliases.Ar, s.ar...)
		}
		a.Aliases.En, a.Aliases.Ar = dedupe(a.Aliases.En), dedupe(a.Aliases.Ar)
		out = append(out, a)
	}
	return out
}

// nisbaOf derives the masculine nisba stem of a one-word Arabic country
// name: روسيا → روسي، فرنسا → فرنسي، سورية → سوري، العراق → عراقي،
// إيران → إيراني. Names of several words need a fix of their own.
func nisbaOf(ar string) string {
	if strings.Contains(ar, " ") {
		return ""
	}
	s := strings.TrimPrefix(ar, "ال")
	switch {
	case strings.HasSuffix(s, "يا"):
		s = strings.TrimSuffix(s, "يا")
	case strings.HasSuffix(s, "ية"):
		s = strings.TrimSuffix(s, "ية")
	case strings.HasSuffix(s, "ا"), strings.HasSuffix(s, "ة"):
		s = s[:len(s)-len("ا")]
	}
	if len([]rune(s)) < 2 {
		return ""
	}
	return s + "ي"
}

// demonymOf derives the English adjective for names ending in -a and
// -stan (Syria → Syrian, Kenya → Kenyan, Pakistan → Pakistani); other
// names need a fix of their own, and get none rather than a wrong one.
func demonymOf(en string) string {
	switch {
	case strings.Contains(en, " "):
		return ""
	case strings.HasSuffix(en, "a"):
		return en + "n"
	case strings.HasSuffix(en, "stan"):
		return en + "i"
	case strings.HasSuffix(en, "an") || strings.HasSuffix(en, "q") || strings.HasSuffix(en, "t"):
		return en + "i" // Iran → Irani is wrong; fixed below
	}
	return ""
}

func init() {
	// -an names whose adjective is -ian
	for _, code := range []string{"IR"} {
		f := fixes[code]
		f.demonym = "Iranian"
		fixes[code] = f
	}
	for code, d := range map[string]string{"IQ": "Iraqi", "EG": "Egyptian", "KW": "Kuwaiti", "OM": "Omani", "YE": "Yemeni", "TR": "Turkish", "JO": "Jordanian", "SD": "Sudanese", "JP": "Japanese", "VA": "", "TW": "Taiwanese", "UA": "Ukrainian", "RU": "Russian", "SY": "Syrian", "IN": "Indian", "IT": "Italian", "VE": "Venezuelan", "CU": "Cuban", "IL": "Israeli"} {
		f := fixes[code]
		if f.demonym == "" {
			f.demonym = d
		}
		fixes[code] = f
	}
}

// notCountries are regions CLDR counts as countries that no government
// speaks for, and the Holy See, which organisations.yaml holds.
var notCountries = map[string]bool{"EU": true, "EZ": true, "UN": true, "QO": true, "VA": true, "ZZ": true,
	"AC": true, "CP": true, "DG": true, "EA": true, "IC": true, "TA": true, "UM": true, "BV": true, "HM": true}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func kebab(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(strings.NewReplacer("&", "and", "’", "", "'", "", "é", "e", "ô", "o", "ç", "c", "ã", "a", "í", "i").Replace(s)), "-"), "-")
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
