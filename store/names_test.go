package store

import (
	"strings"
	"testing"
)

func TestFoldNameMeetsSpellingVariants(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"بوتين", "بوتين"},
		{"بُوتِين", "بوتين"},                   // diacritics
		{"ﺑﻮﺗﻴﻦ", "بوتين"},                     // presentation forms, as PDFs give them
		{"بـــوتين", "بوتين"},                  // tatweel
		{"\u200fبوتين\u200e", "بوتين"},         // bidi marks
		{"الأمن", "الامن"},                     // alef with hamza
		{"إيران", "ايران"},                     // alef with hamza below
		{"منظمة معاهدة", "منظمه معاهده"},       // teh marbuta
		{"موسى", "موسي"},                       // alef maksura
		{"ﻻ", "لا"},                            // lam-alef ligature
		{"٢٠١٣", "2013"},                       // Arabic-Indic digits
		{"Bashar al-Assad", "bashar al assad"}, // case, punctuation
		{"  U.S.  ", "u s"},
	} {
		if got := foldName(tt.in); got != tt.want {
			t.Errorf("foldName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNamesKeyKeepsNamesApart(t *testing.T) {
	key := namesKey([]string{"Vladimir Putin", "فلاديمير بوتين"}, []string{"Putin"}, nil, []string{"", "-"})
	if got, want := key, "vladimir putin\nفلاديمير بوتين\nputin"; got != want {
		t.Errorf("namesKey = %q, want %q", got, want)
	}
	// No query reaches across two names: a folded query holds no line break.
	if q, _ := nameQuery("putin\nفلاديمير").(string); strings.Contains(key, q) {
		t.Errorf("query %q matched across names in %q", q, key)
	}
	if nameQuery(" -- ") != nil {
		t.Error("a query with nothing to compare should be no filter")
	}
}
