package extract

// cueForm returns the cue form of token k, if it is a cue word (not a
// first-person form or a noun, which only ever say what was said).
func (s *docState) cueForm(k int) (form, bool) {
	if s.lang.inName(s.d.Tokens, k) {
		return form{}, false
	}
	for _, f := range s.lx.formsAt(s.d.Tokens[k]) {
		if f.kind != noun && !f.first {
			return f, true
		}
	}
	if l := s.accordingAt(k); l != nil {
		return form{lemma: l, kind: perfect}, true
	}
	return form{}, false
}

var accordingLemma = lemma{word: "بحسب", class: according}

// accordingAt recognises «بحسب / حسب / وفق / وفقا لـ / نقلا عن» and
// "according to".
func (s *docState) accordingAt(k int) *lemma {
	if s.d.Tokens[k].Is("حسب", "بحسب", "وفق", "وفقا", "طبقا", "حسبما", "نقلا", "according") {
		return &accordingLemma
	}
	return nil
}

// isBoundary reports whether a cue inside another cue's complement starts
// a clause of its own: a participle (مؤكدا، مشيرا), a verb after و / ف
// (وأدانت، واعربوا) or after a comma and فيما / بينما / كما, or in English
// a participle or a verb after "and".
func (s *docState) isBoundary(k, a int, f form) bool {
	return f.kind == participle || s.lang.startsClause(s, k, a, f)
}

// afterParticle reports a verb right after كما / حيث / ثم / ولكنه / وهو:
// its subject is the one already speaking.
func (s *docState) afterParticle(k, a int) bool {
	if k > a+1 && s.d.Tokens[k-1].Is("لم", "لن", "لا") {
		k-- // «ولكنه لم يكشف»
	}
	if k == a {
		return false
	}
	switch s.d.Tokens[k-1].Key {
	case "كما", "حيث", "ثم", "ولكنه", "لكنه", "ولكنها", "لكنها", "وهو", "وهي", "فيما", "بينما", "اذ", "بل", "كذلك":
		return true
	}
	return false
}
