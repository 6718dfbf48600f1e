package company

import (
	"fmt"
	"strings"
)

// partner is a generated contact before insertion; variants of it make duplicates.
type partner struct {
	isCompany           bool
	given, family, root string // person names; root = the company name without legal form
	legal               string
	street, zip, city   string
	country             *countryData
	vat, email, domain  string
	nsn                 string // national significant phone number, digits
	phoneFmt            int
	iban                string
	website             string
	supplier, customer  bool
	creditLimit         int64 // minor
	invoiceContact      int64 // id of a child contact of type invoice, once inserted
}

func (p *partner) name() string {
	if p.isCompany {
		return strings.TrimSpace(p.root + " " + p.legal)
	}
	return p.given + " " + p.family
}

// drawPartner makes a customer or vendor with a valid VAT and IBAN for its country.
func drawPartner(r randSource, person bool, kindWords []string) *partner {
	c := &countries[r.IntN(len(countries))]
	cz := pick(r, c.cities)
	p := &partner{country: c, city: cz.city, zip: cz.zip, isCompany: !person}
	p.street = fmt.Sprintf("%s %d", pick(r, c.streets), between(r, 1, 180))
	p.given, p.family = pick(r, c.given), pick(r, c.family)
	if person {
		p.email = asciiFold(strings.ToLower(p.given+"."+strings.ReplaceAll(p.family, " ", ""))) + "@" + pick(r, []string{"gmail.com", "outlook.com", "proton.me"})
	} else {
		if chance(r, 0.55) {
			p.root = p.family + " " + pick(r, kindWords)
		} else {
			p.root = pick(r, brandWords) + " " + pick(r, kindWords)
		}
		p.legal = pick(r, c.legalForms)
		p.vat = vatNumber(r, c.code)
		p.domain = domainOf(p.root, c.code)
		p.email = pick(r, []string{"info", "accounting", "contact", "office"}) + "@" + p.domain
		p.website = "https://www." + p.domain
	}
	p.nsn = fmt.Sprint(between(r, 2, 9)) + digits(r, 8)
	p.phoneFmt = r.IntN(len(phoneFormats))
	if chance(r, 0.75) {
		p.iban = ibanNumber(r, c.code)
	}
	return p
}

// drawCompany draws a partner and, for a company, avoids a name already taken in its
// country: two distinct companies with the same name and e-mail would be duplicates in all
// but VAT, contradicting the truth. When the small name pools are exhausted (large size)
// the name repeats but the web domain gets a number, as real namesake companies' do.
func (g *generator) drawCompany(r randSource, person bool, words []string) *partner {
	p := drawPartner(r, person, words)
	for try := 0; !p.isCompany || try < 5; try++ {
		if !p.isCompany || g.rootUses[p.country.code+"|"+p.root] == 0 {
			break
		}
		p = drawPartner(r, person, words)
	}
	g.claim(p)
	return p
}

// claim records p's company name and renumbers its domain if the name was taken.
func (g *generator) claim(p *partner) {
	if !p.isCompany {
		return
	}
	key := p.country.code + "|" + p.root
	g.rootUses[key]++
	if n := g.rootUses[key]; n > 1 {
		local, _, _ := strings.Cut(p.email, "@")
		p.domain = strings.TrimSuffix(p.domain, "."+strings.ToLower(p.country.code)) + "-" + itoa(n) + "." + strings.ToLower(p.country.code)
		p.email = local + "@" + p.domain
		p.website = "https://www." + p.domain
	}
}

// tagEmail makes a person's e-mail address unique with a tag derived from its index (people
// do add numbers to free-mail addresses): two namesakes must not share an address, or the
// truth would call two records with the same e-mail different people.
func (p *partner) tagEmail(tag string) {
	if p.isCompany || p.email == "" {
		return
	}
	local, domain, _ := strings.Cut(p.email, "@")
	p.email = local + tag + "@" + domain
}

func domainOf(root, country string) string {
	d := asciiFold(strings.ToLower(strings.ReplaceAll(root, " ", "-")))
	return d + "." + strings.ToLower(country)
}

// asciiFold replaces accented letters the way people type them without the accent keys.
func asciiFold(s string) string {
	var b strings.Builder
	for _, c := range s {
		if f, ok := accentFold[c]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// phoneFormats render one number in the ways people write it. All of them parse to the same
// E.164 number with the country as default region.
var phoneFormats = []func(prefix, nsn string) string{
	func(p, n string) string { return fmt.Sprintf("%s %s %s %s %s", p, n[:1], n[1:4], n[4:6], n[6:]) },
	func(p, n string) string { return fmt.Sprintf("0%s %s %s %s", n[:1], n[1:4], n[4:6], n[6:]) },
	func(p, n string) string { return p + n },
	func(p, n string) string { return fmt.Sprintf("00%s %s %s", p[1:], n[:1], n[1:]) },
	func(p, n string) string { return fmt.Sprintf("(0%s) %s.%s.%s", n[:1], n[1:4], n[4:6], n[6:]) },
}

func (p *partner) phone() string { return phoneFormats[p.phoneFmt](p.country.phonePrefix, p.nsn) }

// vals is the res.partner record Odoo 18 stores for p.
func (p *partner) vals(g *generator) map[string]any {
	v := map[string]any{
		"name": p.name(), "is_company": p.isCompany, "street": p.street, "zip": p.zip, "city": p.city,
		"country_id": g.country[p.country.code], "vat": str(p.vat), "email": str(p.email),
		"phone": p.phone(), "website": str(p.website), "active": true, "type": "contact", "lang": "en_US",
		"company_id": int64(0), "customer_rank": int64(0), "supplier_rank": int64(0),
		"commercial_company_name": nil, "credit_limit": money(p.creditLimit),
	}
	if p.isCompany {
		v["commercial_company_name"] = p.name()
	}
	if p.customer {
		v["customer_rank"] = int64(1)
	}
	if p.supplier {
		v["supplier_rank"] = int64(1)
	}
	if p.email != "" {
		v["email_normalized"] = strings.ToLower(p.email)
	}
	return v
}

// insertPartner writes p, its bank account and (for companies) child contacts, and returns
// the partner id. commercial_partner_id is the record itself for a company or an
// individual; children point at their parent.
func (g *generator) insertPartner(r randSource, p *partner, children bool) int64 {
	v := p.vals(g)
	id := g.w.insert("res.partner", v)
	g.w.patch("res.partner", id, map[string]any{"commercial_partner_id": id})
	if p.iban != "" {
		g.w.insert("res.partner.bank", map[string]any{"acc_number": paperIBAN(p.iban), "sanitized_acc_number": p.iban,
			"partner_id": id, "acc_holder_name": p.name(), "active": true, "allow_out_payment": p.supplier,
			"sequence": int64(10), "company_id": int64(0)})
	}
	if !children || !p.isCompany {
		return id
	}
	seen := map[string]bool{}
	for range between(r, 0, 3) {
		if !chance(r, g.sc.contactP*1.6) {
			continue
		}
		given, family := pick(r, p.country.given), pick(r, p.country.family)
		if seen[given+family] {
			continue // the same person twice under one company would be a real duplicate
		}
		seen[given+family] = true
		kind := pick(r, []string{"contact", "contact", "invoice", "delivery"})
		child := g.w.insert("res.partner", map[string]any{"name": given + " " + family, "parent_id": id, "is_company": false,
			"type": kind, "function": pick(r, []string{"Purchasing", "Accounts payable", "CEO", "Office manager"}),
			"email": asciiFold(strings.ToLower(given+"."+strings.ReplaceAll(family, " ", ""))) + "@" + p.domain, "phone": p.phone(),
			"street": p.street, "zip": p.zip, "city": p.city, "country_id": g.country[p.country.code],
			"commercial_partner_id": id, "active": true, "lang": "en_US", "commercial_company_name": p.name()})
		if kind == "invoice" && p.invoiceContact == 0 {
			p.invoiceContact = child
		}
	}
	return id
}
