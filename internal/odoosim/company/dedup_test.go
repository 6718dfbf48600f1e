package company

import (
	"slices"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func e164(t *testing.T, phone, region string) string {
	t.Helper()
	n, err := phonenumbers.Parse(phone, region)
	if err != nil {
		t.Fatalf("phone %q does not parse: %v", phone, err)
	}
	return phonenumbers.Format(n, phonenumbers.E164)
}

// TestDuplicatesDifferAsRecorded checks each planted variation against the original record.
func TestDuplicatesDifferAsRecorded(t *testing.T) {
	kinds := map[string]int{}
	for seed := int64(21); seed < 25; seed++ {
		checkClusters(t, seed, kinds)
	}
	t.Logf("variation kinds: %v", kinds)
	for _, k := range []string{varTypo, varLegalForm, varCase, varAccents, varEmailFormat, varPhoneFormat, varMissingVAT, varStreet, varNameOrder} {
		if kinds[k] == 0 {
			t.Errorf("variation %s never planted in four small companies", k)
		}
	}
}

func hasNewUpperWord(orig, dup string) bool {
	seen := map[string]bool{}
	for _, w := range strings.Fields(orig) {
		seen[w] = true
	}
	for _, w := range strings.Fields(dup) {
		if len([]rune(w)) > 2 && w == strings.ToUpper(w) && w != strings.ToLower(w) && !seen[w] {
			return true
		}
	}
	return false
}

func checkClusters(t *testing.T, seed int64, kinds map[string]int) {
	s, tr := generateSmall(t, seed, 18)
	if len(tr.Dedup.Clusters) == 0 {
		t.Fatal("no duplicate clusters planted")
	}
	countryCode := map[int64]string{}
	for i, c := range s.models["res.country"] {
		countryCode[int64(i+1)] = c["code"].(string)
	}
	for ci, cluster := range tr.Dedup.Clusters {
		orig := s.get("res.partner", cluster[0])
		region := countryCode[i64(orig["country_id"])]
		for k, id := range cluster[1:] {
			dup := s.get("res.partner", id)
			vars := tr.Dedup.Variations[ci][k+1]
			if len(vars) == 0 {
				t.Fatalf("cluster %d member %d has no variation", ci, id)
			}
			for _, v := range vars {
				kinds[v]++
				checkVariation(t, v, orig, dup, region)
			}
		}
	}
	for _, c := range tr.Dedup.HardNegatives {
		a, b := s.get("res.partner", c[0]), s.get("res.partner", c[1])
		if a["vat"] != nil && a["vat"] == b["vat"] || a["name"] == b["name"] || a["email"] == b["email"] {
			t.Errorf("hard negative %v / %v is too close: same VAT, name or email", a["name"], b["name"])
		}
	}
}

func checkVariation(t *testing.T, kind string, orig, dup map[string]any, region string) {
	t.Helper()
	on, dn := orig["name"].(string), dup["name"].(string)
	switch kind {
	case varTypo, varLegalForm:
		if on == dn {
			t.Errorf("%s: name unchanged %q", kind, on)
		}
	case varCase:
		if !hasNewUpperWord(on, dn) {
			t.Errorf("case: %q has no word upper-cased from %q", dn, on)
		}
	case varAccents:
		if asciiFold(dn) != dn {
			t.Errorf("accents: %q still has accents", dn)
		}
	case varMissingVAT:
		if orig["vat"] == nil || dup["vat"] != nil {
			t.Errorf("missing_vat: original %v duplicate %v", orig["vat"], dup["vat"])
		}
	case varEmailFormat:
		if orig["email"] == dup["email"] {
			t.Errorf("email_format: email unchanged %v", orig["email"])
		}
	case varPhoneFormat:
		op, dp := orig["phone"].(string), dup["phone"].(string)
		if op == dp || e164(t, op, region) != e164(t, dp, region) {
			t.Errorf("phone_format: %q vs %q should be the same number written differently", op, dp)
		}
	case varStreet:
		if orig["street"] == dup["street"] {
			t.Errorf("street_abbrev: street unchanged %v", orig["street"])
		}
	case varNameOrder:
		a, b := strings.Fields(strings.ToLower(asciiFold(on))), strings.Fields(strings.ToLower(asciiFold(dn)))
		slices.Sort(a)
		slices.Sort(b)
		if on == dn || len(a) != len(b) {
			t.Errorf("name_order: %q vs %q", on, dn)
		}
	default:
		t.Errorf("unknown variation %q", kind)
	}
}

// TestOnlyDuplicatesShareAnEmail: outside the planted clusters no two partners share an
// e-mail address (compared case-insensitively), so the truth never calls two records with
// the same address different entities.
func TestOnlyDuplicatesShareAnEmail(t *testing.T) {
	s, tr := demoCompany(t)
	cluster := map[int64]int{}
	for ci, c := range tr.Dedup.Clusters {
		for _, id := range c {
			cluster[id] = ci + 1
		}
	}
	owner := map[string]int64{}
	for i, p := range s.models["res.partner"] {
		email, ok := p["email"].(string)
		if !ok {
			continue
		}
		id := int64(i + 1)
		key := strings.ToLower(email)
		if prev, seen := owner[key]; seen && (cluster[prev] == 0 || cluster[prev] != cluster[id]) {
			t.Errorf("partners %d (%v) and %d (%v) share %s but are not a planted cluster",
				prev, s.get("res.partner", prev)["name"], id, p["name"], email)
		}
		owner[key] = id
	}
}
