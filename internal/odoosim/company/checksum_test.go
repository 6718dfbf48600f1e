package company

import (
	"strings"
	"testing"

	"github.com/jacoelho/banking/iban"
)

// validVAT checks the national checksum independently of the generator's builders.
func validVAT(v string) bool {
	switch {
	case strings.HasPrefix(v, "BE") && len(v) == 12:
		return 97-mod97(v[2:10]) == atoi2(v[10:])
	case strings.HasPrefix(v, "DE") && len(v) == 11:
		return deCheck(v[2:10]) == int(v[10]-'0')
	case strings.HasPrefix(v, "FR") && len(v) == 13:
		n := 0
		for _, c := range v[4:] {
			n = (n*10 + int(c-'0')) % 97
		}
		return (12+3*n)%97 == atoi2(v[2:4]) && luhnComplete(v[4:12]) == v[4:]
	case strings.HasPrefix(v, "NL") && len(v) == 14:
		sum := 0
		for i, c := range v[2:10] {
			sum += (9 - i) * int(c-'0')
		}
		return sum%11 == int(v[10]-'0') && v[11:] == "B01"
	case strings.HasPrefix(v, "ATU") && len(v) == 11:
		return atCheck(v[3:10]) == int(v[10]-'0')
	}
	return false
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func TestVATValidatorAgreesWithPublishedNumbers(t *testing.T) {
	// Valid numbers from the python-stdnum documentation and public registers.
	for _, v := range []string{"BE0403019261", "DE136695976", "FR40303265045", "NL004495445B01", "ATU13585627"} {
		if !validVAT(v) {
			t.Errorf("validator rejects published valid VAT %s", v)
		}
	}
	for _, v := range []string{"BE0403019262", "DE136695977", "FR41303265045", "NL004495446B01", "ATU13585628"} {
		if validVAT(v) {
			t.Errorf("validator accepts invalid VAT %s", v)
		}
	}
}

func TestPlantedIdentifiersHaveValidChecksums(t *testing.T) {
	s, _ := generateSmall(t, 3, 18)
	vats := 0
	for _, p := range s.models["res.partner"] {
		if v, ok := p["vat"].(string); ok {
			vats++
			if !validVAT(v) {
				t.Errorf("partner %v has invalid VAT %s", p["name"], v)
			}
		}
	}
	for _, b := range s.models["res.partner.bank"] {
		if err := iban.Validate(b["sanitized_acc_number"].(string)); err != nil {
			t.Errorf("bank account %v: %v", b["acc_number"], err)
		}
	}
	refs := 0
	seen := map[string]bool{}
	for _, m := range s.models["account.move"] {
		ref, _ := m["payment_reference"].(string)
		if ref != "" && m["move_type"] == "out_invoice" {
			if seen[ref] || strings.Contains(ref, " ") {
				t.Errorf("payment reference %q repeated or with spaces", ref)
			}
			seen[ref] = true
		}
		switch {
		case strings.HasPrefix(ref, "RF"):
			refs++
			if !validRF(ref) {
				t.Errorf("invalid RF reference %s", ref)
			}
		case strings.HasPrefix(ref, "+++"):
			refs++
			d := strings.NewReplacer("+", "", "/", "").Replace(ref)
			check := mod97(d[:10])
			if check == 0 {
				check = 97
			}
			if check != atoi2(d[10:]) {
				t.Errorf("invalid structured communication %s", ref)
			}
		}
	}
	if vats == 0 || refs == 0 || len(s.models["res.partner.bank"]) == 0 {
		t.Fatalf("nothing to check: %d VAT, %d structured refs", vats, refs)
	}
}

func TestRFReferenceKnownValue(t *testing.T) {
	// ISO 11649's own example: RF18 5390 0754 7034.
	if got := rfReference("539007547034"); got != "RF18539007547034" {
		t.Fatalf("rfReference = %s, want RF18539007547034", got)
	}
	if validRF("RF19539007547034") {
		t.Fatal("validRF accepts a wrong check")
	}
}

func TestBelgianStructuredKnownValue(t *testing.T) {
	// 200000001 = 97 * 2061855 + 66, so the check digits are 66; a multiple of 97 gets 97.
	for base, want := range map[string]string{"0200000001": "+++020/0000/00166+++", "0000000097": "+++000/0000/09797+++"} {
		if got := beStructured(base); got != want {
			t.Errorf("beStructured(%s) = %s, want %s", base, got, want)
		}
	}
}
