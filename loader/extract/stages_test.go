package extract

// Table tests of each stage of the extractor on its own (see pipeline.go):
// sentences, mentions, cues, attributions, predicates, statements, and the
// language rules the stages ask. Each row is one sentence (the last of its
// text; those before it are read first, as context) and what the stage
// gives for it.

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/whosaid/whosaid/kg"
)

// stageCatalogue is a small catalogue written here (an internal test cannot
// read catalogue files through the loader, which imports this package).
var stageCatalogue = kg.Catalogue{
	Actors: []kg.Actor{
		{ID: "sergey-lavrov", Kind: kg.Person, Name: kg.Names{En: "Sergey Lavrov", Ar: "سيرغي لافروف"},
			Aliases: kg.Aliases{En: []string{"Lavrov"}, Ar: []string{"لافروف"}}},
		{ID: "russia", Kind: kg.Country, ISO: "RUS", Name: kg.Names{En: "Russia", Ar: "روسيا"},
			Aliases: kg.Aliases{En: []string{"Moscow"}, Ar: []string{"موسكو"}}},
		{ID: "united-nations", Kind: kg.Organisation, Name: kg.Names{En: "United Nations", Ar: "الأمم المتحدة"}},
		{ID: "russian-foreign-ministry", Kind: kg.Organisation, Name: kg.Names{En: "Russian Foreign Ministry", Ar: "وزارة الخارجية الروسية"},
			Aliases: kg.Aliases{Ar: []string{"الخارجية الروسية"}}},
	},
	Topics: []kg.Topic{
		{ID: "political-solution", Label: kg.Names{En: "political solution", Ar: "الحل السياسي"}},
		{ID: "military-intervention", Label: kg.Names{En: "military intervention", Ar: "التدخل العسكري"}},
	},
}

var stageExtractor = sync.OnceValue(func() *Extractor { return New(stageCatalogue) })

// readUpTo reads every sentence of text but the last through all the
// stages and returns the state and the last sentence, for a stage to read.
func readUpTo(t *testing.T, lang, text string) (*docState, int, Sentence) {
	t.Helper()
	s := stageExtractor().newDocState(kg.Document{ID: "t", Lang: lang, Date: "2013-09-23", Text: text}, nil)
	last := -1
	for si, sent := range s.d.Sentences {
		if !sent.Skip {
			last = si
		}
	}
	if last < 0 {
		t.Fatalf("no sentence in %q", text)
	}
	for si, sent := range s.d.Sentences[:last] {
		if !sent.Skip {
			s.sentence(si, sent)
		}
	}
	return s, last, s.d.Sentences[last]
}

// tokensText is the text of tokens [a, b).
func (s *docState) tokensText(a, b int) string {
	if a >= b {
		return ""
	}
	return s.d.Slice(s.d.Tokens[a].Start, s.d.Tokens[b-1].End)
}

// firstAttribution reads the last sentence of text through the mentions
// and cues stages and attributes its first cue that has a speaker (later
// ones sit in its complement or need the state it leaves).
func firstAttribution(t *testing.T, lang, text string) (*docState, Sentence, attribution, bool) {
	t.Helper()
	s, si, sent := readUpTo(t, lang, text)
	s.mentionsIn(si, sent)
	for _, site := range s.cuesIn(sent) {
		if a, ok := s.attribute(si, sent, site); ok {
			return s, sent, a, true
		}
	}
	return s, sent, attribution{}, false
}

func speakerIDs(p np) string {
	var ids []string
	for _, r := range p.refs {
		ids = append(ids, r.e.ID)
	}
	slices.Sort(ids)
	return strings.Join(ids, "+")
}

func TestSentencesStage(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // each sentence's text; "H:" marks a headline
	}{
		{"two sentences", "قال لافروف إن الحل ممكن. وأضاف أن الحوار مهم.",
			[]string{"قال لافروف إن الحل ممكن", "وأضاف أن الحوار مهم"}},
		{"headline above the body", "لافروف: نرفض التدخل\n\nقال لافروف إن موسكو ترفض التدخل.",
			[]string{"H:لافروف: نرفض التدخل", "قال لافروف إن موسكو ترفض التدخل"}},
		{"an abbreviation does not end a sentence", "Mr. Smith said it was over. He left.",
			[]string{"Mr. Smith said it was over", "He left"}},
		{"a stop inside a quote does not end a sentence", "He left. He said: \"We will go. We will win.\"",
			[]string{"He left", "He said: \"We will go. We will win.\""}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Split(c.text)
			var got []string
			for _, sent := range d.Sentences {
				if sent.Skip {
					continue
				}
				a, b := sent.Span(&d.Text)
				text := d.Slice(a, b)
				if sent.Headline {
					text = "H:" + text
				}
				got = append(got, text)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestMentionsStage(t *testing.T) {
	for _, c := range []struct {
		name, lang, text string
		want             []string // "id «words»", in order
	}{
		{"catalogue names and aliases", "ar", "أكدت روسيا والأمم المتحدة دعمهما للحل السياسي.",
			[]string{"russia «روسيا»", "united-nations «والأمم المتحدة»"}},
		{"the world layer knows what the catalogue lacks", "ar", "وقالت فرنسا إن الحل ممكن.",
			[]string{"france «فرنسا»"}},
		{"a title introduces a new person", "ar", "قال وزير الخارجية الإيراني محمد جواد ظريف إن الحوار مهم.",
			[]string{"new «محمد جواد ظريف»"}},
		{"English aliases", "en", "Lavrov met the United Nations envoy in Moscow.",
			[]string{"sergey-lavrov «Lavrov»", "united-nations «United Nations»", "russia «Moscow»"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, si, sent := readUpTo(t, c.lang, c.text)
			var got []string
			for _, m := range s.mentionsIn(si, sent) {
				id := m.e.ID
				if m.e.New {
					id = "new"
				}
				got = append(got, fmt.Sprintf("%s «%s»", id, s.tokensText(m.start, m.end)))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestCuesStage(t *testing.T) {
	for _, c := range []struct {
		name, lang, text string
		want             []string // "word" or "word|clause" (starts a clause of its own)
	}{
		{"a verb and a participle", "ar", "أكد لافروف أن الحل ممكن، مشددا على ضرورة وقف العنف.",
			[]string{"أكد", "مشددا|clause"}},
		{"a verb after و starts a clause", "ar", "وأدانت روسيا الهجوم وطالبت بوقف العنف.",
			[]string{"وأدانت|clause", "وطالبت|clause"}},
		{"first-person forms only report content", "ar", "وقال لافروف: نرفض التدخل.",
			[]string{"وقال|clause"}},
		{"according to", "ar", "وبحسب الخارجية الروسية فإن موسكو ترفض التدخل.",
			[]string{"وبحسب|clause", "ترفض"}},
		{"a capitalised word inside a name is no cue", "en", "The United States said it rejects the plan.",
			[]string{"said", "rejects"}},
		{"a quoted cue is what was said", "en", "\"We condemn it,\" Lavrov said.",
			[]string{"said|clause"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, _, sent := readUpTo(t, c.lang, c.text)
			var got []string
			for _, site := range s.cuesIn(sent) {
				w := s.tokensText(site.at, site.at+1)
				if site.boundary {
					w += "|clause"
				}
				got = append(got, w)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestAttributionsStage(t *testing.T) {
	for _, c := range []struct {
		name, lang, text string
		want             []string // "cue: speakers how «complement»" for each attributed cue
	}{
		{"verb: subject after it (Arabic)", "ar", "وقال لافروف إن الحل السياسي ممكن.",
			[]string{"وقال: sergey-lavrov name «الحل السياسي ممكن.»"}},
		{"verb: subject before it", "ar", "وكان لافروف أعلن أن موسكو تدعم الحل السياسي.",
			[]string{"أعلن: sergey-lavrov name «موسكو تدعم الحل السياسي.»"}},
		{"verb: subject before it (English)", "en", "Lavrov said that the political solution was possible.",
			[]string{"said: sergey-lavrov name «the political solution was possible.»"}},
		{"verb: a continuation keeps the speaker", "ar", "قال لافروف إن الحل ممكن.\nوأضاف أن الحوار مهم.",
			[]string{"وأضاف: sergey-lavrov inherited «الحوار مهم.»"}},
		{"verb: an unrecognised subject breaks the chain", "ar", "قال لافروف إن الحل ممكن.\nوقال الطبيب إن الحوار مهم.",
			nil},
		{"verb: unnamed sources", "ar", "وقالت مصادر إن الحل بعيد.",
			[]string{"وقالت: unnamed-sources name «الحل بعيد.»"}},
		{"verb: analysts are no one", "ar", "وقال محللون إن الحل بعيد.", nil},
		{"channel: نقل X عن Y", "ar", "ونقلت وكالة الأنباء عن لافروف قوله إن موسكو ترفض التدخل.",
			[]string{"ونقلت: sergey-lavrov name «إن موسكو ترفض التدخل.»"}},
		{"according: the clause before it", "en", "The plan failed, according to Lavrov.",
			[]string{"according: sergey-lavrov name «The plan failed,»"}},
		{"issued text: فيه speaks for the issuer", "ar", "وأصدرت الخارجية الروسية بيانا دعت فيه إلى الحوار.",
			[]string{"دعت: russian-foreign-ministry document «إلى الحوار.»"}},
		{"English inversion: the quote before", "en", "\"We support a political solution,\" said Lavrov.",
			[]string{"said: sergey-lavrov name «\"We support a political solution,\"»"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, _, a, ok := firstAttribution(t, c.lang, c.text)
			var got []string
			if ok {
				who := speakerIDs(a.np)
				if len(a.np.refs) == 1 && a.np.refs[0].e.New {
					who = "new"
				}
				got = append(got, fmt.Sprintf("%s: %s %s «%s»", s.tokensText(a.at, a.at+1), who, a.np.how, s.tokensText(a.comp, a.end)))
			}
			if c.name == "verb: an unrecognised subject breaks the chain" {
				// The rules do not lend the last speaker to «وقالت عائلة …»: the
				// cue has no speaker, and the chain is broken for what follows.
				if len(got) != 0 || len(s.lastSpeakers) != 0 {
					t.Errorf("got %q and last speakers %v, want no attribution and a broken chain", got, s.lastSpeakers)
				}
				return
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestPredicatesStage(t *testing.T) {
	for _, c := range []struct {
		name, lang, text string
		want             string // "PREDICATE polarity from"
	}{
		{"the verb carries it", "ar", "وحذر لافروف من التدخل العسكري.", "WARN against cue"},
		{"the noun after a light verb", "ar", "وأعرب لافروف عن قلقه إزاء الأوضاع.", "CONCERN against noun"},
		{"a stance phrase in the complement", "ar", "وقال لافروف إن التدخل العسكري أمر غير مقبول.", "REJECT against complement"},
		{"a neutral report", "ar", "وقال لافروف إن الاجتماع عقد في موسكو.", "ASSERT neutral default"},
		{"an announcement", "ar", "وأعلن لافروف أن موسكو ستعقد اجتماعا غدا.", "ANNOUNCE neutral default"},
		{"a pledge", "ar", "وقال لافروف سنبني مدرسة جديدة.", "COMMIT favor default"},
		{"declined to comment", "ar", "ورفض لافروف التعليق على الحل السياسي.", "DECLINE_COMMENT neutral cue"},
		{"English light verb", "en", "The United Nations expressed concern about the situation.", "CONCERN against noun"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, sent, a, ok := firstAttribution(t, c.lang, c.text)
			var got []string
			if ok {
				for _, h := range s.predicates(a, sent, "") {
					got = append(got, fmt.Sprintf("%s %s %s", h.pred, h.pol, h.from))
				}
			}
			if len(got) != 1 || got[0] != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestStatementsStage(t *testing.T) {
	for _, c := range []struct {
		name, lang, text string
		want             string // "speakers PREDICATE → targets @date"
	}{
		{"a catalogue target", "ar", "وقال لافروف إن بلاده ترفض التدخل العسكري.", "sergey-lavrov REJECT → military-intervention @2013-09-23"},
		{"a phrase target when the catalogue has none", "ar", "وأدان لافروف الهجوم على القافلة الإنسانية.", "sergey-lavrov CONDEMN → new:الهجوم على القافلة الإنسانية @2013-09-23"},
		{"a relative date", "ar", "وقال لافروف أمس إنه يدعم الحل السياسي.", "sergey-lavrov SUPPORT → political-solution @2013-09-22"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := stageExtractor().Document(kg.Document{ID: "t", Lang: c.lang, Date: "2013-09-23", Text: c.text})
			if len(res.Statements) != 1 {
				t.Fatalf("%d statements, want 1: %+v", len(res.Statements), res.Statements)
			}
			st := res.Statements[0]
			var targets []string
			for _, r := range res.Details[0].Targets {
				if r.New {
					targets = append(targets, "new:"+r.Surface)
				} else {
					targets = append(targets, r.ID)
				}
			}
			got := fmt.Sprintf("%s %s → %s @%s", strings.Join(st.Speakers, "+"), st.Predicate, strings.Join(targets, ","), st.Date)
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestLanguageRules(t *testing.T) {
	x := stageExtractor()
	tok := func(lang, w string) Token { return Split(w).Tokens[0] }
	t.Run("agreement", func(t *testing.T) {
		for _, c := range []struct {
			lang, word     string
			kind           formKind
			feminine, plur bool
		}{
			{"ar", "أضاف", perfect, false, false},
			{"ar", "أضافت", perfect, true, false},
			{"ar", "أضافوا", perfect, false, true},
			{"ar", "مضيفة", participle, true, false},
			{"ar", "تقول", imperfect, true, false},
			{"en", "added", perfect, false, false},
		} {
			var g language = x.ar
			if c.lang == "en" {
				g = x.en
			}
			f, p := g.agreement(tok(c.lang, c.word), form{kind: c.kind})
			if f != c.feminine || p != c.plur {
				t.Errorf("%s: feminine %v plural %v, want %v %v", c.word, f, p, c.feminine, c.plur)
			}
		}
	})
	t.Run("pledge", func(t *testing.T) {
		for _, c := range []struct {
			lang, text string
			want       kg.Polarity
		}{
			{"ar", "سنعمل على الحل", kg.Favor},
			{"ar", "لن نسمح بالتدخل", kg.Against},
			{"ar", "سوف نواصل الحوار", kg.Favor},
			{"ar", "سيعمل على الحل", ""},
			{"en", "we will defend it", kg.Favor},
			{"en", "we won't allow it", kg.Against},
			{"en", "they will go", ""},
		} {
			var g language = x.ar
			if c.lang == "en" {
				g = x.en
			}
			toks := Split(c.text).Tokens
			if got := g.pledge(toks, 0, len(toks)); got != c.want {
				t.Errorf("%q: %q, want %q", c.text, got, c.want)
			}
		}
	})
	t.Run("future verbs", func(t *testing.T) {
		for w, want := range map[string]bool{"سيعقد": true, "ستبحث": true, "سياسة": false, "سيادة": false, "سيرغي": false} {
			if got := x.ar.futureVerb(tok("ar", w)); got != want {
				t.Errorf("%s: %v, want %v", w, got, want)
			}
		}
		if x.en.futureVerb(tok("en", "will")) {
			t.Error("English marks the future with a word, not a verb form")
		}
	})
	t.Run("a capitalised word continues a name", func(t *testing.T) {
		toks := Split("The United States said").Tokens
		if !x.en.inName(toks, 2) || x.en.inName(toks, 3) || x.ar.inName(toks, 2) {
			t.Error("States continues a name; said does not; Arabic has no capitals")
		}
	})
	t.Run("new names are written in the text's language", func(t *testing.T) {
		if n, slug := x.ar.written("محمد جواد ظريف"); n.Ar != "محمد جواد ظريف" || n.En != "" || slug == "محمد جواد ظريف" {
			t.Errorf("Arabic: %+v %q, want the Arabic name only and a transliterated slug", n, slug)
		}
		if n, slug := x.en.written("Jake Sullivan"); n.En != "Jake Sullivan" || n.Ar != "" || slug != "Jake Sullivan" {
			t.Errorf("English: %+v %q", n, slug)
		}
	})
}
