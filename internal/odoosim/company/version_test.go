package company

import (
	"context"
	"testing"
)

// seededSink is a memSink that already holds reference data and answers Finder queries, as
// a simulator does.
type seededSink struct{ *memSink }

func (s seededSink) Search(model string, domain []any, order string, limit int) ([]int64, error) {
	var out []int64
	for i, rec := range s.models[model] {
		ok := true
		for _, leaf := range domain {
			l := leaf.([]any)
			ok = ok && rec[l[0].(string)] == l[2]
		}
		if ok {
			out = append(out, int64(i+1))
		}
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out, nil
}

func (s seededSink) Get(model string, id int64, field string) any { return s.get(model, id)[field] }

func TestGenerateReusesSeededReferenceData(t *testing.T) {
	s := seededSink{newMemSink()}
	s.Insert("res.currency", map[string]any{"name": "USD"})
	eur, _ := s.Insert("res.currency", map[string]any{"name": "EUR"})
	be, _ := s.Insert("res.country", map[string]any{"code": "BE", "name": "Belgium"})
	partner, _ := s.Insert("res.partner", map[string]any{"name": "My Company"})
	company, _ := s.Insert("res.company", map[string]any{"name": "My Company", "partner_id": partner})
	tr, err := Generate(context.Background(), Options{Seed: 1, Size: SizeSmall, Today: testToday}, s)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Company.CurrencyID != eur || tr.Company.ID != company || tr.Company.PartnerID != partner {
		t.Fatalf("company truth %+v: want currency %d company %d partner %d", tr.Company, eur, company, partner)
	}
	if n := len(s.models["res.company"]); n != 1 {
		t.Fatalf("%d companies, want the seeded one only", n)
	}
	if got := s.get("res.company", company)["name"]; got != "Smart Demo Company SRL" {
		t.Fatalf("seeded company not taken over: name %v", got)
	}
	for _, c := range s.models["res.country"] {
		if c["code"] == "BE" && len(s.models["res.country"]) != len(countries) {
			t.Fatalf("countries duplicated: %d records", len(s.models["res.country"]))
		}
	}
	if s.get("res.country", be)["code"] != "BE" {
		t.Fatal("seeded country changed")
	}
}

func TestVersion17And19FieldNames(t *testing.T) {
	s17, _ := generateSmall(t, 8, 17)
	for _, p := range s17.models["product.template"] {
		if _, ok := p["is_storable"]; ok || p["detailed_type"] != p["type"] {
			t.Fatalf("v17 product.template %v: is_storable present or detailed_type %v != type %v", p["name"], p["detailed_type"], p["type"])
		}
	}
	for _, a := range s17.models["account.account"] {
		if a["code"] == nil || a["company_id"] == nil || a["code_store"] != nil {
			t.Fatalf("v17 account %v: want code and company_id, got %v", a["name"], a)
		}
	}
	s19, _ := generateSmall(t, 8, 19)
	for _, m := range s19.models["account.move"] {
		if m["state"] == "draft" && m["name"] != nil {
			t.Fatalf("v19 draft move named %v, want false", m["name"])
		}
	}
	for _, l := range s19.models["sale.order.line"] {
		if _, ok := l["tax_id"]; ok || l["tax_ids"] == nil {
			t.Fatal("v19 sale.order.line still uses tax_id")
		}
	}
}
