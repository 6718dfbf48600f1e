package dedup

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldReplacer spells out letters that Unicode does not decompose into a base letter plus a
// mark, so "Straße" and "Strasse", "Ørsted" and "Orsted" fold to the same text.
var foldReplacer = strings.NewReplacer(
	"ß", "ss", "ẞ", "ss", "æ", "ae", "Æ", "ae", "œ", "oe", "Œ", "oe",
	"ø", "o", "Ø", "o", "ł", "l", "Ł", "l", "đ", "d", "Đ", "d", "ð", "d", "þ", "th",
	"ı", "i", "&", " and ",
)

// fold lower-cases s, removes diacritics and maps every character that is not a letter or
// digit to a space (dots are dropped so "S.A." and "SA" agree). Pure ASCII input takes a
// fast path because most ERP data is ASCII and the 1M-partner scan calls this per field.
func fold(s string) string {
	if s == "" {
		return ""
	}
	if !isASCII(s) {
		s = foldReplacer.Replace(s)
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if out, _, err := transform.String(t, s); err == nil {
			s = out
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // collapse runs of separators and trim the front
	for _, r := range s {
		switch {
		case r == '.' || r == '\'' || r == '’':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// onlyAlnumUpper keeps letters and digits, upper-cased: the canonical form of identifiers
// (VAT, IBAN) that people write with spaces, dots and dashes.
func onlyAlnumUpper(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		}
	}
	return b.String()
}

func onlyDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
