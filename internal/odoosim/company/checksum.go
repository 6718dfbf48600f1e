package company

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
)

// This file builds identifiers with valid check digits: EU VAT numbers, IBANs, ISO 11649
// creditor references and Belgian structured communications. A matcher or a dedup rule
// that validates checksums must accept every identifier the generator plants.

func digits(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

// mod97 computes s mod 97 for a decimal string of any length.
func mod97(s string) int {
	m := 0
	for _, c := range s {
		m = (m*10 + int(c-'0')) % 97
	}
	return m
}

// alnumToDigits maps A..Z to 10..35 as ISO 7064 MOD 97-10 requires.
func alnumToDigits(s string) string {
	var b strings.Builder
	for _, c := range strings.ToUpper(s) {
		switch {
		case c >= 'A' && c <= 'Z':
			fmt.Fprintf(&b, "%d", c-'A'+10)
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		}
	}
	return b.String()
}

// vatNumber returns a VAT number with a valid national checksum for country (BE, DE, FR,
// NL, AT), in its compact form ("BE0123456749").
func vatNumber(r *rand.Rand, country string) string {
	switch country {
	case "BE":
		base := "0" + fmt.Sprint(between(r, 2, 9)) + digits(r, 6)
		return fmt.Sprintf("BE%s%02d", base, 97-mod97(base))
	case "DE":
		d := fmt.Sprint(between(r, 1, 9)) + digits(r, 7)
		return "DE" + d + fmt.Sprint(deCheck(d))
	case "FR":
		siren := luhnComplete(fmt.Sprint(between(r, 3, 9)) + digits(r, 7))
		n := new(big.Int)
		n.SetString(siren, 10)
		key := (12 + 3*int(new(big.Int).Mod(n, big.NewInt(97)).Int64())) % 97
		return fmt.Sprintf("FR%02d%s", key, siren)
	case "NL":
		for {
			d := fmt.Sprint(between(r, 1, 9)) + digits(r, 7)
			sum := 0
			for i, c := range d {
				sum += (9 - i) * int(c-'0')
			}
			if check := sum % 11; check < 10 {
				return fmt.Sprintf("NL%s%dB01", d, check)
			}
		}
	case "AT":
		d := digits(r, 7)
		return fmt.Sprintf("ATU%s%d", d, atCheck(d))
	}
	return ""
}

// deCheck is ISO 7064 MOD 11,10 over the 8 leading digits of a German USt-IdNr.
func deCheck(d string) int {
	product := 10
	for _, c := range d {
		sum := (int(c-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = (2 * sum) % 11
	}
	check := 11 - product
	if check == 10 {
		check = 0
	}
	return check
}

// atCheck is the Austrian UID check digit over 7 digits (digits 2, 4, 6 doubled and
// digit-summed, plus 4).
func atCheck(d string) int {
	sum := 0
	for i, c := range d {
		v := int(c - '0')
		if i%2 == 1 {
			v *= 2
			v = v/10 + v%10
		}
		sum += v
	}
	return (10 - (sum+4)%10) % 10
}

// luhnComplete appends the Luhn check digit to d.
func luhnComplete(d string) string {
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if (len(d)-1-i)%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return d + fmt.Sprint((10-sum%10)%10)
}

// ibanNumber returns an IBAN for country with valid national and ISO 13616 check digits.
func ibanNumber(r *rand.Rand, country string) string {
	var bban string
	switch country {
	case "BE":
		acc := fmt.Sprint(between(r, 1, 9)) + digits(r, 9)
		check := mod97(acc)
		if check == 0 {
			check = 97
		}
		bban = fmt.Sprintf("%s%02d", acc, check)
	case "DE":
		bban = fmt.Sprint(between(r, 1, 8)) + digits(r, 7) + digits(r, 10)
	case "NL":
		bban = pick(r, []string{"ABNA", "INGB", "RABO", "TRIO"}) + digits(r, 10)
	case "FR":
		bank, branch, acc := digits(r, 5), digits(r, 5), digits(r, 11)
		n := new(big.Int)
		n.SetString(bank+branch+acc+"00", 10)
		key := 97 - int(new(big.Int).Mod(n, big.NewInt(97)).Int64())
		bban = fmt.Sprintf("%s%s%s%02d", bank, branch, acc, key)
	default: // AT
		bban = digits(r, 16)
	}
	check := 98 - mod97(alnumToDigits(bban+country+"00"))
	return fmt.Sprintf("%s%02d%s", country, check, bban)
}

// paperIBAN groups an IBAN in blocks of four, as printed on invoices and bank statements.
func paperIBAN(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// rfReference returns an ISO 11649 creditor reference "RFkk<ref>" for ref (alphanumeric).
func rfReference(ref string) string {
	check := 98 - mod97(alnumToDigits(ref+"RF00"))
	return fmt.Sprintf("RF%02d%s", check, ref)
}

// validRF reports whether s is a valid ISO 11649 reference (used by tests and doc examples).
func validRF(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	if len(s) < 5 || !strings.HasPrefix(s, "RF") {
		return false
	}
	return mod97(alnumToDigits(s[4:]+s[:4])) == 1
}

// beStructured returns the Belgian structured communication +++ddd/dddd/ddddd+++ whose last
// two digits are the mod-97 check (97 when the remainder is 0) of the first ten.
func beStructured(base10 string) string {
	check := mod97(base10)
	if check == 0 {
		check = 97
	}
	s := fmt.Sprintf("%s%02d", base10, check)
	return fmt.Sprintf("+++%s/%s/%s+++", s[:3], s[3:7], s[7:])
}
