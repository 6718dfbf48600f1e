package odoorow

import (
	"context"
	"encoding/json"
	"testing"
)

// companies answers res.company search_read with companies 3 and 5 (or the first only,
// when asked for one) and res.company / res.currency reads.
type companies struct{ limits []any }

func (c *companies) Call(_ context.Context, model, method string, args []any, kw map[string]any, out any) error {
	answer := `[]`
	switch model + "." + method {
	case "res.company.search_read":
		c.limits = append(c.limits, kw["limit"])
		answer = `[{"id": 3}, {"id": 5}]`
		if kw["limit"] == 1 {
			answer = `[{"id": 3}]`
		}
	case "res.company.read":
		answer = `[{"id": 3, "currency_id": [1, "EUR"]}]`
	case "res.currency.read":
		answer = `[{"id": 1, "name": "EUR", "decimal_places": 2}]`
	}
	return json.Unmarshal([]byte(answer), out)
}

func TestCompanyAndCurrency(t *testing.T) {
	c := &companies{}
	if id, err := Company(context.Background(), c, 0); err != nil || id != 3 || len(c.limits) != 1 || c.limits[0] != 1 {
		t.Errorf("default company %d, %v, after searches with limits %v; want 3 from one search of one", id, err, c.limits)
	}
	if id, _ := Company(context.Background(), c, 5); id != 5 || len(c.limits) != 1 {
		t.Errorf("a named company must be kept without asking Odoo: %d", id)
	}
	if code, dec, err := CompanyCurrency(context.Background(), c, 3); err != nil || code != "EUR" || dec != 2 {
		t.Errorf("currency %q %d %v", code, dec, err)
	}
}

type recorder struct{ kw map[string]any }

func (r *recorder) Call(_ context.Context, _, _ string, _ []any, kw map[string]any, out any) error {
	r.kw = kw
	return json.Unmarshal([]byte(`[]`), out)
}

// WithContext adds the context to every call without touching the caller's kwargs.
func TestWithContext(t *testing.T) {
	rec := &recorder{}
	c := WithContext(rec, map[string]any{"allowed_company_ids": []int64{2}})
	kw := map[string]any{"domain": []any{}}
	var out []Row
	if err := c.Call(context.Background(), "res.partner", "search_read", nil, kw, &out); err != nil {
		t.Fatal(err)
	}
	if _, ok := kw["context"]; ok {
		t.Error("the caller's kwargs were modified")
	}
	if ctx, _ := rec.kw["context"].(map[string]any); ctx == nil || rec.kw["domain"] == nil {
		t.Errorf("sent kwargs %v, want the domain and the context", rec.kw)
	}
	if WithContext(rec, nil) != Caller(rec) {
		t.Error("an empty context must leave the caller as it is")
	}
}
