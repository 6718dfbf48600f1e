package core

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an amount in integer minor units (cents for EUR/USD, yen for JPY) of a currency.
// Odoo sends amounts as floats already rounded to the currency; we convert at the edge
// with FromFloat and never compare floats for equality.
type Money struct {
	Minor    int64  `json:"minor"`
	Currency string `json:"currency"`
}

// MinorFromFloat converts a float amount to minor units for a currency with the given
// number of decimal places, rounding half away from zero (as Odoo's float_round does).
func MinorFromFloat(f float64, decimals int) int64 {
	scale := math.Pow10(decimals)
	return int64(math.Round(f * scale))
}

// FloatFromMinor converts minor units back to the float Odoo expects in a write.
func FloatFromMinor(minor int64, decimals int) float64 {
	return float64(minor) / math.Pow10(decimals)
}

// FormatMinor renders minor units as a plain decimal string ("-1234.50").
func FormatMinor(minor int64, decimals int) string {
	if decimals <= 0 {
		return strconv.FormatInt(minor, 10)
	}
	sign := ""
	if minor < 0 {
		sign = "-"
		minor = -minor
	}
	s := strconv.FormatInt(minor, 10)
	if len(s) <= decimals {
		s = strings.Repeat("0", decimals-len(s)+1) + s
	}
	return fmt.Sprintf("%s%s.%s", sign, s[:len(s)-decimals], s[len(s)-decimals:])
}

// ParseMinor parses a decimal string ("1234.5", "-0.07", "12") into minor units with the
// given decimals, without going through a float. Extra decimals are an error, not a rounding.
func ParseMinor(s string, decimals int) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, Errorf(CodeInvalid, "empty amount")
	}
	neg := false
	switch s[0] {
	case '-':
		neg, s = true, s[1:]
	case '+':
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" && frac == "" || len(frac) > decimals {
		return 0, Errorf(CodeInvalid, "amount %q has more than %d decimals or no digits", s, decimals)
	}
	frac += strings.Repeat("0", decimals-len(frac))
	digits := intPart + frac
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, Errorf(CodeInvalid, "amount %q is not a decimal number", s)
		}
	}
	v, err := strconv.ParseInt(strings.TrimLeft(digits, "0")+"0", 10, 64)
	if err != nil {
		return 0, Errorf(CodeInvalid, "amount %q is out of range", s)
	}
	v /= 10 // the appended "0" keeps ParseInt happy on an all-zero string
	if neg {
		v = -v
	}
	return v, nil
}

func (m Money) String() string { return FormatMinor(m.Minor, 2) + " " + m.Currency }
