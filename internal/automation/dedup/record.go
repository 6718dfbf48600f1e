package dedup

import "strings"

// Record is a partner after normalisation: what blocking and comparison work on.
type Record struct {
	ID      int64
	Parent  int64
	Kind    Kind
	Type    uint8 // Odoo contact type of a child (typeCodes); 0 when unknown
	Name    Name
	Email   Email
	Phones  [2]string // E.164 phone and mobile, "" when absent (an array: no allocation)
	VAT     VAT
	IBANs   []string
	Ref     string
	Street  Street
	Street2 string
	City    string
	Zip     string
	State   string
	Country string
	Comment string
}

// prepare normalises one partner. A child contact's VAT and address are inherited from its
// company (Odoo syncs commercial fields), so they are dropped: siblings must not look
// alike just because they work at the same place.
func prepare(p *Partner) Record {
	country := strings.ToUpper(strings.TrimSpace(p.CountryCode))
	r := Record{
		ID:      p.ID,
		Kind:    kindOf(p),
		Parent:  p.ParentID,
		Type:    typeCodes[p.Type],
		Name:    normalizeName(p.Name),
		Email:   normalizeEmail(p.Email),
		Ref:     onlyAlnumUpper(p.Ref),
		Country: country,
		Comment: fold(p.Comment),
	}
	r.Email.SpellsName = spellsName(strings.ReplaceAll(fold(r.Email.Local), " ", ""), r.Name.Tokens)
	r.Phones[0] = normalizePhone(p.Phone, country)
	if m := normalizePhone(p.Mobile, country); m != r.Phones[0] {
		r.Phones[1] = m
	}
	if r.Phones[0] == "" {
		r.Phones[0], r.Phones[1] = r.Phones[1], ""
	}
	for _, s := range p.IBANs {
		if v := normalizeIBAN(s); v != "" && !containsString(r.IBANs, v) {
			r.IBANs = append(r.IBANs, v)
		}
	}
	if r.Kind == KindChild {
		return r
	}
	r.VAT = normalizeVAT(p.VAT, country)
	r.Street = normalizeStreet(p.Street)
	r.Street2 = fold(p.Street2)
	r.City = fold(p.City)
	r.Zip = normalizeZip(p.Zip)
	r.State = fold(p.State)
	return r
}

// typeCodes numbers Odoo's contact types; only equality matters.
var typeCodes = map[string]uint8{"contact": 1, "invoice": 2, "delivery": 3, "other": 4, "private": 5, "followup": 6}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
