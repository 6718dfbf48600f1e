package odoosim

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newTestServer is a fresh simulator with a small partner tree:
//
//	Azure Interior (company, BE, tags Vendor)  <- Brandon Freeman, Colleen Diaz (archived)
//	Deco Addict (company, US)                  <- Nicole Ford
//	Zed Solo (person, no company, email false)
func newTestServer(t *testing.T, version int) (*Server, map[string]int64) {
	t.Helper()
	s, err := New(Options{Version: version})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	env := s.SuperEnv()
	ids := map[string]int64{}
	mk := func(key, model string, vals map[string]any) {
		t.Helper()
		id, err := env.Create(model, vals)
		if err != nil {
			t.Fatalf("create %s: %v", key, err)
		}
		ids[key] = id
	}
	be, _ := env.Search("res.country", []any{[]any{"code", "=", "BE"}}, "", 1)
	us, _ := env.Search("res.country", []any{[]any{"code", "=", "US"}}, "", 1)
	mk("vendor", "res.partner.category", map[string]any{"name": "Vendor"})
	mk("hold", "res.partner.category", map[string]any{"name": "Credit Hold"})
	mk("azure", "res.partner", map[string]any{"name": "Azure Interior", "is_company": true, "country_id": be[0],
		"email": "azure@example.com", "category_id": []any{[]any{int64(6), int64(0), []any{ids["vendor"]}}}, "credit_limit": 5000.0})
	mk("brandon", "res.partner", map[string]any{"name": "Brandon Freeman", "parent_id": ids["azure"], "email": "brandon@azure.example.com"})
	mk("colleen", "res.partner", map[string]any{"name": "Colleen Diaz", "parent_id": ids["azure"], "active": false})
	mk("deco", "res.partner", map[string]any{"name": "Deco Addict", "is_company": true, "country_id": us[0], "credit_limit": 1000.0})
	mk("nicole", "res.partner", map[string]any{"name": "Nicole Ford", "parent_id": ids["deco"], "email": "NICOLE@deco.example.com"})
	mk("zed", "res.partner", map[string]any{"name": "Zed Solo", "customer_rank": int64(2)})
	return s, ids
}
