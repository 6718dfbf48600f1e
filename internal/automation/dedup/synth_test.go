package dedup

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// synthCompany generates n partners (about 10% planted duplicates of another one, with
// realistic variations) and returns them with the true entity of each id. It stands in
// for a real company's contacts in benchmarks and cluster tests.
func synthCompany(n int, seed uint64) ([]Partner, map[int64]string) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9E37))
	syll := []string{"ka", "lo", "mi", "ra", "ten", "vo", "sel", "dor", "an", "bri", "gu", "fen", "tor", "ell", "ma", "rin", "os", "ul", "pe", "zan"}
	word := func() string {
		var b strings.Builder
		for range 2 + rng.IntN(2) {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		return b.String()
	}
	title := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	forms := []string{"GmbH", "AG", "SARL", "S.A.", "Ltd", "BV", "Inc."}
	streets := []string{"Street", "Strasse", "Avenue", "Road", "Lane"}
	var ps []Partner
	truth := make(map[int64]string)
	originals := 0
	for len(ps) < n {
		id := int64(len(ps) + 1)
		if originals > 10 && rng.IntN(10) == 0 {
			src := ps[rng.IntN(len(ps))]
			dup := vary(src, rng)
			dup.ID = id
			ps = append(ps, dup)
			truth[id] = truth[src.ID]
			continue
		}
		originals++
		p := Partner{ID: id, Active: true, CountryCode: "DE"}
		if rng.IntN(2) == 0 {
			p.IsCompany = true
			p.Name = title(word()) + " " + title(word()) + " " + forms[rng.IntN(len(forms))]
			p.VAT = synthVATDE(rng)
			p.Email = "info@" + word() + ".de"
		} else {
			first, last := title(word()), title(word())
			p.Name = first + " " + last
			p.Email = strings.ToLower(first+"."+last) + "@" + []string{"gmail.com", "web.de", word() + ".com"}[rng.IntN(3)]
		}
		p.Phone = fmt.Sprintf("+49 %d %07d", 30+rng.IntN(60), rng.IntN(10_000_000))
		p.Street = fmt.Sprintf("%s %s %d", title(word()), streets[rng.IntN(len(streets))], 1+rng.IntN(200))
		p.Zip = fmt.Sprintf("%05d", 10000+rng.IntN(89999))
		p.City = title(word())
		p.InvoiceCount = rng.IntN(5)
		if len(ps) > 10 {
			hardNegative(&p, &ps[rng.IntN(len(ps))], rng)
		}
		ps = append(ps, p)
		truth[id] = fmt.Sprint(id)
	}
	return ps, truth
}

// hardNegative makes some distinct entities look alike: a namesake (another person or a
// sister company with its own VAT), a neighbour at the same address, a shared role email.
func hardNegative(p, other *Partner, rng *rand.Rand) {
	switch rng.IntN(20) {
	case 0:
		if p.IsCompany == other.IsCompany {
			p.Name = other.Name
		}
	case 1:
		p.Street, p.Zip, p.City = other.Street, other.Zip, other.City
	case 2:
		if p.IsCompany && other.IsCompany {
			p.Email = other.Email
			p.Name = strings.Fields(other.Name)[0] + " " + strings.Fields(p.Name)[1] + " GmbH"
		}
	}
}

// vary makes a duplicate the way people do: case, typos, abbreviations, a dropped legal
// form or field, a reformatted phone, a different email alias.
func vary(p Partner, rng *rand.Rand) Partner {
	q := p
	q.InvoiceCount = 0
	for range 1 + rng.IntN(3) {
		switch rng.IntN(8) {
		case 0:
			q.Name = strings.ToUpper(q.Name)
		case 1:
			q.Name = typo(q.Name, rng)
		case 2:
			q.Street = strings.Replace(strings.Replace(q.Street, "Street", "St.", 1), "Strasse", "Str.", 1)
		case 3:
			q.Phone = "0" + strings.ReplaceAll(strings.TrimPrefix(q.Phone, "+49 "), " ", "/")
		case 4:
			q.Email = ""
		case 5:
			if f := strings.Fields(q.Name); len(f) > 2 {
				q.Name = strings.Join(f[:len(f)-1], " ") // legal form dropped
			}
		case 6:
			q.Zip = typo(q.Zip, rng)
		case 7:
			q.VAT = ""
		}
	}
	return q
}

func typo(s string, rng *rand.Rand) string {
	if len(s) < 3 {
		return s
	}
	b := []byte(s)
	i := 1 + rng.IntN(len(b)-2)
	b[i], b[i+1] = b[i+1], b[i]
	return string(b)
}

// synthVATDE draws a German VAT number with a correct check digit.
func synthVATDE(rng *rand.Rand) string {
	for {
		n := fmt.Sprintf("%d%07d", 1+rng.IntN(9), rng.IntN(10_000_000))
		for c := '0'; c <= '9'; c++ {
			if checkVATDE(n + string(c)) {
				return "DE" + n + string(c)
			}
		}
	}
}
