package dedup

import "strings"

// VATStatus says how much a VAT number can be trusted as an identifier.
type VATStatus uint8

const (
	VATNone      VATStatus = iota // empty or unreadable
	VATInvalid                    // the country's format or check digit is wrong
	VATUnchecked                  // a country whose checksum we do not verify
	VATValid                      // format and check digit verified
)

// VAT is a normalised VAT number with its country prefix ("DE136695976").
type VAT struct {
	Value  string
	Status VATStatus
}

// vatCheckers verify the national part (after the two-letter prefix) per country.
var vatCheckers = map[string]func(string) bool{
	"DE": checkVATDE, "FR": checkVATFR, "BE": checkVATBE, "NL": checkVATNL,
	"IT": checkVATIT, "ES": checkVATES, "GB": checkVATGB, "AT": checkVATAT,
}

// normalizeVAT removes separators, adds the partner's country when the number has no
// prefix, maps Greece's "GR" to the VIES prefix "EL", and checks the digits where known.
func normalizeVAT(s, country string) VAT {
	v := onlyAlnumUpper(s)
	if len(v) < 4 {
		return VAT{}
	}
	if !isLetter(v[0]) || !isLetter(v[1]) {
		if len(country) != 2 {
			return VAT{Value: v, Status: VATUnchecked}
		}
		v = strings.ToUpper(country) + v
	}
	prefix, national := v[:2], v[2:]
	if prefix == "GR" {
		prefix = "EL"
	}
	if prefix == "BE" && len(national) == 9 { // pre-2007 Belgian numbers lack the leading 0
		national = "0" + national
	}
	v = prefix + national
	check, ok := vatCheckers[prefix]
	switch {
	case !ok:
		return VAT{Value: v, Status: VATUnchecked}
	case check(national):
		return VAT{Value: v, Status: VATValid}
	default:
		return VAT{Value: v, Status: VATInvalid}
	}
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func digit(s string, i int) int { return int(s[i] - '0') }

// checkVATDE: 9 digits, ISO 7064 MOD 11,10 check digit.
func checkVATDE(n string) bool {
	if len(n) != 9 || !allDigits(n) || n[0] == '0' {
		return false
	}
	p := 10
	for i := 0; i < 8; i++ {
		s := (digit(n, i) + p) % 10
		if s == 0 {
			s = 10
		}
		p = (2 * s) % 11
	}
	c := 11 - p
	if c == 10 {
		c = 0
	}
	return c == digit(n, 8)
}

// checkVATFR: 2-character key + 9-digit SIREN; a numeric key is (12 + 3·(SIREN mod 97)) mod 97.
func checkVATFR(n string) bool {
	if len(n) != 11 || !allDigits(n[2:]) {
		return false
	}
	if !allDigits(n[:2]) {
		return true // letter keys (new-style numbers) have no public check formula
	}
	siren := 0
	for i := 2; i < 11; i++ {
		siren = (siren*10 + digit(n, i)) % 97
	}
	key := digit(n, 0)*10 + digit(n, 1)
	return key == (12+3*siren)%97
}

// checkVATBE: 10 digits starting with 0 or 1; the last two are 97 - (first eight mod 97).
func checkVATBE(n string) bool {
	if len(n) != 10 || !allDigits(n) || n[0] > '1' {
		return false
	}
	base := 0
	for i := 0; i < 8; i++ {
		base = base*10 + digit(n, i)
	}
	return 97-base%97 == digit(n, 8)*10+digit(n, 9)
}

// checkVATNL: 9 digits + "B" + 2 digits. Old numbers pass the eleven-test on the 9 digits;
// sole-proprietor numbers since 2020 pass ISO 7064 mod 97 over "NL" + the whole number.
func checkVATNL(n string) bool {
	if len(n) != 12 || !allDigits(n[:9]) || n[9] != 'B' || !allDigits(n[10:]) {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += digit(n, i) * (9 - i)
	}
	sum -= digit(n, 8)
	if sum%11 == 0 {
		return true
	}
	return mod97("NL"+n) == 1
}

// mod97 computes an alphanumeric string mod 97 with letters as 10..35 (as IBANs do).
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isLetter(c) {
			v := int(c-'A') + 10
			r = (r*100 + v) % 97
			continue
		}
		r = (r*10 + int(c-'0')) % 97
	}
	return r
}

// checkVATIT: 11 digits, Luhn check over the partita IVA.
func checkVATIT(n string) bool {
	if len(n) != 11 || !allDigits(n) {
		return false
	}
	sum := 0
	for i := 0; i < 11; i++ {
		d := digit(n, i)
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// checkVATES: NIF (8 digits + letter), NIE (X/Y/Z + 7 digits + letter) or CIF (letter + 7
// digits + digit or letter control).
func checkVATES(n string) bool {
	if len(n) != 9 {
		return false
	}
	const nifLetters = "TRWAGMYFPDXBNJZSQVHLCKE"
	switch {
	case allDigits(n[:8]) && isLetter(n[8]):
		return nifLetters[atoi(n[:8])%23] == n[8]
	case strings.IndexByte("XYZ", n[0]) >= 0 && allDigits(n[1:8]) && isLetter(n[8]):
		num := strings.IndexByte("XYZ", n[0])*10_000_000 + atoi(n[1:8])
		return nifLetters[num%23] == n[8]
	case isLetter(n[0]) && allDigits(n[1:8]):
		return checkCIF(n)
	}
	return false
}

func checkCIF(n string) bool {
	sum := 0
	for i := 1; i <= 7; i++ {
		d := digit(n, i)
		if i%2 == 1 {
			d *= 2
			d = d/10 + d%10
		}
		sum += d
	}
	c := (10 - sum%10) % 10
	last := n[8]
	return (last >= '0' && last <= '9' && int(last-'0') == c) || last == "JABCDEFGHI"[c]
}

// checkVATGB: 9 digits (12 with a branch); weights 8..2 plus the 2-digit check must be
// 0 mod 97 (old series) or 0 mod 97 after adding 55 (series from 2010). GD/HA numbers pass on format.
func checkVATGB(n string) bool {
	if (strings.HasPrefix(n, "GD") || strings.HasPrefix(n, "HA")) && len(n) == 5 && allDigits(n[2:]) {
		return true
	}
	if (len(n) != 9 && len(n) != 12) || !allDigits(n) {
		return false
	}
	sum := 0
	for i := 0; i < 7; i++ {
		sum += digit(n, i) * (8 - i)
	}
	sum += digit(n, 7)*10 + digit(n, 8)
	return sum%97 == 0 || (sum+55)%97 == 0
}

// checkVATAT: "U" + 8 digits with a weighted check digit.
func checkVATAT(n string) bool {
	if len(n) != 9 || n[0] != 'U' || !allDigits(n[1:]) {
		return false
	}
	sum := 0
	for i := 0; i < 7; i++ {
		d := digit(n, i+1)
		if i%2 == 1 {
			d *= 2
			d = d/10 + d%10
		}
		sum += d
	}
	return (10-(sum+4)%10)%10 == digit(n, 8)
}

func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}
