package company

import (
	"strings"
	"unicode"
)

// Duplicate variation kinds recorded in the truth (Variations) for each cluster member.
const (
	varTypo        = "typo"
	varLegalForm   = "legal_form"
	varCase        = "case"
	varAccents     = "accents"
	varEmailFormat = "email_format"
	varPhoneFormat = "phone_format"
	varMissingVAT  = "missing_vat"
	varStreet      = "street_abbrev"
	varNameOrder   = "name_order"
)

// plantDuplicates inserts 1-3 variants of p (which has id) and records the cluster.
func (g *generator) plantDuplicates(r randSource, p *partner, id int64) {
	cluster := []int64{id}
	variations := [][]string{nil}
	for range between(r, 1, 3) {
		v, kinds := makeVariant(r, p)
		cluster = append(cluster, g.insertPartner(r, v, false))
		variations = append(variations, kinds)
	}
	g.truth.Dedup.Clusters = append(g.truth.Dedup.Clusters, cluster)
	g.truth.Dedup.Variations = append(g.truth.Dedup.Variations, variations)
}

// makeVariant copies p and applies two or three variation kinds that make sense for it.
func makeVariant(r randSource, p *partner) (*partner, []string) {
	v := *p
	v.iban = "" // a duplicate created by hand rarely carries the bank account
	v.creditLimit = 0
	candidates := []string{varTypo, varCase, varEmailFormat, varPhoneFormat, varStreet}
	if p.isCompany {
		candidates = append(candidates, varLegalForm, varMissingVAT)
	} else {
		candidates = append(candidates, varNameOrder)
	}
	if asciiFold(p.name()) != p.name() {
		candidates = append(candidates, varAccents)
	}
	r.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	var kinds []string
	for _, k := range candidates {
		if len(kinds) == 3 || (len(kinds) == 2 && chance(r, 0.5)) {
			break
		}
		if applyVariation(r, &v, k) {
			kinds = append(kinds, k)
		}
	}
	return &v, kinds
}

func applyVariation(r randSource, v *partner, kind string) bool {
	switch kind {
	case varTypo:
		if v.isCompany {
			v.root = typo(r, v.root)
		} else {
			v.family = typo(r, v.family)
		}
	case varCase:
		if v.isCompany {
			v.root = strings.ToUpper(v.root)
		} else {
			v.given, v.family = strings.ToUpper(v.given), strings.ToUpper(v.family)
		}
	case varAccents:
		v.root, v.given, v.family = asciiFold(v.root), asciiFold(v.given), asciiFold(v.family)
	case varLegalForm:
		alt, ok := legalFormVariants[v.legal]
		if !ok {
			return false
		}
		v.legal = alt
	case varMissingVAT:
		v.vat = ""
	case varEmailFormat:
		if v.email == "" {
			return false
		}
		v.email = strings.ToUpper(v.email[:1]) + v.email[1:]
		if v.isCompany && v.domain != "" {
			v.email = pick(r, []string{"Sales", "Billing", "Admin"}) + "@" + v.domain
		}
	case varPhoneFormat:
		v.phoneFmt = (v.phoneFmt + 1 + r.IntN(len(phoneFormats)-1)) % len(phoneFormats)
	case varStreet:
		for _, ab := range streetAbbrev {
			if strings.Contains(v.street, ab[0]) {
				v.street = strings.Replace(v.street, ab[0], ab[1], 1)
				return true
			}
		}
		return false
	case varNameOrder:
		v.given, v.family = v.family, v.given
	}
	return true
}

// typo drops, doubles or swaps one letter of s (never the first letter: people notice).
func typo(r randSource, s string) string {
	rs := []rune(s)
	var at []int
	for i := 1; i+1 < len(rs); i++ {
		if unicode.IsLetter(rs[i]) && unicode.IsLetter(rs[i+1]) && rs[i] != rs[i+1] {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return s + "e"
	}
	i := pick(r, at)
	switch r.IntN(3) {
	case 0:
		return string(rs[:i]) + string(rs[i+1:])
	case 1:
		return string(rs[:i+1]) + string(rs[i:])
	default:
		rs[i], rs[i+1] = rs[i+1], rs[i]
		return string(rs)
	}
}

// plantHardNegative inserts a distinct entity that looks like p: same family name, other
// activity or given name, other VAT, address and email. It is NOT a duplicate.
func (g *generator) plantHardNegative(r randSource, p *partner, id int64) {
	s := drawPartner(r, !p.isCompany, activities)
	s.country = p.country
	s.family = p.family
	cz := pick(r, p.country.cities)
	s.city, s.zip = cz.city, cz.zip
	s.street = pick(r, p.country.streets) + " " + itoa(between(r, 1, 180))
	if p.isCompany {
		s.root = p.family + " " + pick(r, activities)
		for try := 0; s.root == p.root || try < 5 && g.rootUses[p.country.code+"|"+s.root] > 0; try++ {
			s.root = p.family + " " + pick(r, activities)
		}
		s.vat = vatNumber(r, p.country.code)
		s.domain = domainOf(s.root, p.country.code)
		s.email = "info@" + s.domain
		s.website = "https://www." + s.domain
		g.claim(s)
	} else {
		for s.given == p.given {
			s.given = pick(r, p.country.given)
		}
	}
	s.customer = true
	s.tagEmail("0" + itoa(int(id)))
	other := g.insertPartner(r, s, false)
	g.truth.Dedup.HardNegatives = append(g.truth.Dedup.HardNegatives, []int64{id, other})
}
