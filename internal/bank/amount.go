package bank

import (
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// parseAmount reads a decimal amount written with decimalSep (',' or '.') and an optional
// thousands separator into minor units. It accepts the shapes banks actually write:
// "1.50", ".6", "4533", "9,", "000000001213,28", "-1 234,56", "1,234.56".
// Trailing zero decimals beyond the currency's precision are dropped; anything else
// beyond it is an error, since rounding a bank amount would silently change money.
func parseAmount(s string, decimalSep, thousandsSep byte, decimals int) (int64, error) {
	raw := s
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "\u00a0", "")
	if thousandsSep != 0 {
		s = strings.ReplaceAll(s, string(thousandsSep), "")
	}
	if thousandsSep == ' ' || thousandsSep == 0 {
		s = strings.ReplaceAll(s, " ", "")
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") { // accounting negative
		neg, s = true, s[1:len(s)-1]
	}
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = !neg, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasSuffix(s, "-"): // some banks put the sign last
		neg, s = !neg, s[:len(s)-1]
	}
	intPart, frac, found := strings.Cut(s, string(decimalSep))
	if found && strings.ContainsRune(frac, rune(decimalSep)) {
		return 0, fmt.Errorf("amount %q has more than one decimal separator %q", raw, decimalSep)
	}
	if intPart == "" && frac == "" {
		return 0, fmt.Errorf("amount %q has no digits", raw)
	}
	for _, part := range []string{intPart, frac} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, fmt.Errorf("amount %q is not a number (unexpected %q; decimal separator is %q)", raw, c, decimalSep)
			}
		}
	}
	if len(frac) > decimals {
		extra := frac[decimals:]
		if strings.Trim(extra, "0") != "" {
			return 0, fmt.Errorf("amount %q has more than %d decimals", raw, decimals)
		}
		frac = frac[:decimals]
	}
	norm := strings.TrimLeft(intPart, "0")
	if len(norm) > 15 {
		return 0, fmt.Errorf("amount %q is too large", raw)
	}
	v, err := core.ParseMinor(cmpOr(norm, "0")+"."+frac, decimals)
	if decimals == 0 {
		v, err = core.ParseMinor(cmpOr(norm, "0"), 0)
	}
	if err != nil {
		return 0, fmt.Errorf("amount %q: %w", raw, err)
	}
	if neg {
		v = -v
	}
	return v, nil
}
