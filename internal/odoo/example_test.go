package odoo_test

import (
	"encoding/json"
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoo"
)

func ExampleAnd() {
	d := odoo.And(
		odoo.Cond("move_type", "in", []string{"out_invoice", "out_refund"}),
		odoo.Or(odoo.Not(odoo.Cond("partner_id.country_id.code", "=", "BE")), odoo.Cond("partner_id", "child_of", 1)),
	)
	fmt.Println(d)
	// Output: ["&", ["move_type","in",["out_invoice","out_refund"]], "|", "!", ["partner_id.country_id.code","=","BE"], ["partner_id","child_of",1]]
}

func ExampleMany2one() {
	var line struct {
		Partner odoo.Many2one `json:"partner_id"`
		Journal odoo.Many2one `json:"journal_id"`
		Ref     odoo.String   `json:"ref"`
		Date    odoo.Date     `json:"date"`
	}
	_ = json.Unmarshal([]byte(`{"partner_id": [15, "Azure Interior"], "journal_id": false, "ref": false, "date": "2026-11-01"}`), &line)
	fmt.Println(line.Partner.ID, line.Partner.Name, line.Journal.ID, line.Ref == "", line.Date)
	// Output: 15 Azure Interior 0 true 2026-11-01
}

func ExampleCurrency_Money() {
	eur := odoo.Currency{Name: "EUR", DecimalPlaces: 2}
	fmt.Println(eur.Money(31750.0).Minor)
	// Output: 3175000
}

func ExampleProduct_Fields() {
	fmt.Println(odoo.Product{}.Fields(17)[4:7])
	fmt.Println(odoo.Product{}.Fields(18)[4:7])
	// Output:
	// [barcode type detailed_type]
	// [barcode type is_storable]
}
