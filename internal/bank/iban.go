package bank

import (
	"strings"

	"github.com/jacoelho/banking/iban"
)

// looksLikeIBAN is a cheap shape test (two letters, two digits) before normalising.
func looksLikeIBAN(s string) bool {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	return len(s) >= 15 && len(s) <= 34 && isLetter(s[0]) && isLetter(s[1]) && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9'
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// NormalizeIBAN returns the IBAN in electronic form (no spaces, upper case) and whether its
// country format and check digits are valid. Invalid input comes back stripped but unchanged.
func NormalizeIBAN(s string) (string, bool) {
	n := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	n = strings.ReplaceAll(n, "-", "")
	if !looksLikeIBAN(n) {
		return n, false
	}
	return n, iban.Validate(n) == nil
}

// SameAccount compares two account identifiers the way a person would: IBANs without spaces
// and case, plain account numbers without separators and leading zeros, and an IBAN against
// a bare account number when the IBAN ends with it (Dutch and German IBANs embed it).
func SameAccount(a, b string) bool {
	na, nb := accountDigits(a), accountDigits(b)
	if na == "" || nb == "" {
		return false
	}
	if na == nb {
		return true
	}
	ia, _ := NormalizeIBAN(a)
	ib, _ := NormalizeIBAN(b)
	switch {
	case looksLikeIBAN(ia) && !looksLikeIBAN(ib):
		return len(nb) >= 6 && strings.HasSuffix(strings.TrimLeft(ia[4:], "0"), nb)
	case looksLikeIBAN(ib) && !looksLikeIBAN(ia):
		return len(na) >= 6 && strings.HasSuffix(strings.TrimLeft(ib[4:], "0"), na)
	}
	return false
}

// accountDigits keeps letters and digits, upper-cased, without leading zeros.
func accountDigits(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	return strings.TrimLeft(b.String(), "0")
}
