package kg

import "unicode"

// FoldRune is the one rule by which whosaid compares letters across the
// ways they are written: the extractor's matching keys and the store's
// name keys and filters both fold with it, so that what one finds the other
// does too. It returns -1 for what carries nothing (harakat and other
// Arabic marks, tatweel, bidi and format controls), unifies أ إ آ ٱ → ا,
// ة ۀ → ه, ى ی → ي, ک → ك, reads Arabic-Indic digits as ASCII and lower-cases
// the rest. ؤ and ئ are kept: يؤكد, مؤكدا and رئيس need them. Callers apply
// NFKC first, which turns Arabic presentation forms into these letters.
func FoldRune(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x06D6 && r <= 0x06ED, r == 'ـ', Ignorable(r):
		return -1
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
		return 'ا'
	case r == 'ة' || r == 'ۀ':
		return 'ه'
	case r == 'ى' || r == 'ی':
		return 'ي'
	case r == 'ک':
		return 'ك'
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r >= 0x0621 && r <= 0x064A, r < 0x80 && (r < 'A' || r > 'Z'):
		return r // Arabic letters and ASCII as they are
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case unicode.Is(unicode.Mn, r):
		return -1
	}
	return unicode.ToLower(r)
}

// Ignorable reports whether r is a bidi or format control (LRM, RLM,
// embeddings, ZWJ, ZWNJ, BOM): news copy is full of them and they carry
// nothing.
func Ignorable(r rune) bool {
	return r == 0x200B || r == 0x200C || r == 0x200D || r == 0x200E || r == 0x200F ||
		(r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0xFEFF || r == 0x061C
}
