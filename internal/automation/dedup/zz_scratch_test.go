package dedup

import (
	"context"
	"fmt"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

func TestScratchDemo(t *testing.T) {
	odoo, truth := generateDemo(t, company.SizeDemo)
	partners, _ := LoadPartners(context.Background(), odoo, LoadOptions{PageSize: 500})
	entity := map[int64]int{}
	for i, c := range truth.Dedup.Clusters {
		for _, id := range c {
			entity[id] = i + 1
		}
	}
	res, _ := Scan(context.Background(), partners, Config{})
	byID := res.PartnersByID()
	n := 0
	for _, p := range res.Linked {
		if (entity[p.A] == 0 || entity[p.A] != entity[p.B]) && n < 10 {
			n++
			fmt.Printf("%+v\n%+v\n%s\n\n", *byID[p.A], *byID[p.B], explain(&res.Model, &res.records[p.a], &res.records[p.b]))
		}
	}
	for _, f := range []string{"name", "email", "phone", "vat", "address", "iban", "legal_form", "kind"} {
		fmt.Println(f, res.Model.Fields[f])
	}
	fmt.Println(res.Model.Lambda)
}
