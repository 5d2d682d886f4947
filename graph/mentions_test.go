package graph

import "testing"

func TestSentenceAroundASpan(t *testing.T) {
	const text = "عنوان الخبر\nقال لافروف إن الحل سياسي. وأكد «لا بديل عن الحوار.» ثم غادر. بلغ النمو 3.5 في المئة"
	runes := []rune(text)
	span := func(s string) (int, int) {
		for i := range runes {
			if string(runes[i:min(i+len([]rune(s)), len(runes))]) == s {
				return i, i + len([]rune(s))
			}
		}
		t.Fatalf("%q not in the text", s)
		return 0, 0
	}
	tests := []struct {
		name, span string
		chars      int
		want       string
	}{
		{"the sentence, its stop included", "لافروف", 200, "قال لافروف إن الحل سياسي."},
		{"a headline line", "الخبر", 200, "عنوان الخبر"},
		{"closing quotes stay with their sentence", "بديل", 200, "وأكد «لا بديل عن الحوار.»"},
		{"a decimal point ends nothing", "النمو", 200, "بلغ النمو 3.5 في المئة"},
		{"the window cuts at a space", "الحل", 7, "إن الحل سياسي."},
		{"no context", "الحل", 0, "الحل"},
		{"a span over two sentences", "سياسي. وأكد", 200, "قال لافروف إن الحل سياسي. وأكد «لا بديل عن الحوار.»"},
	}
	for _, tt := range tests {
		start, end := span(tt.span)
		s, e := sentenceAround(runes, start, end, tt.chars)
		if got := string(runes[s:e]); got != tt.want {
			t.Errorf("%s: context of %q = %q, want %q", tt.name, tt.span, got, tt.want)
		}
		if s > start || e < end {
			t.Errorf("%s: context [%d,%d) does not hold the span [%d,%d)", tt.name, s, e, start, end)
		}
	}
	// A span outside the text is clamped to it, never a panic.
	if s, e := sentenceAround(runes, len(runes)+5, len(runes)+9, 10); s > e || e != len(runes) {
		t.Errorf("a span past the end gave [%d,%d)", s, e)
	}
	if s, e := sentenceAround(runes, -4, 2, 10); s != 0 || e < 2 {
		t.Errorf("a span before the start gave [%d,%d)", s, e)
	}
}
