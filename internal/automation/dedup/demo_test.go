package dedup

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// memOdoo keeps what the company generator inserts and answers the few read calls the
// loader makes (fields_get, search_read, read) in Odoo's wire shape: false for empty,
// [id, "name"] for many2one, numbers as JSON numbers. It lets the loader, the engine and
// the proposals run against the generator's demo company and its ground truth.
type memOdoo struct {
	next int64
	rows map[string][]map[string]any
}

func newMemOdoo() *memOdoo { return &memOdoo{rows: map[string][]map[string]any{}} }

func (m *memOdoo) Insert(model string, vals map[string]any) (int64, error) {
	m.next++
	row := map[string]any{"id": m.next}
	for k, v := range vals {
		row[k] = v
	}
	m.rows[model] = append(m.rows[model], row)
	return m.next, nil
}

func (m *memOdoo) Patch(model string, id int64, vals map[string]any) error {
	for _, r := range m.rows[model] {
		if r["id"] == id {
			for k, v := range vals {
				r[k] = v
			}
		}
	}
	return nil
}

var memMany2one = map[string]string{"parent_id": "res.partner", "partner_id": "res.partner",
	"country_id": "res.country", "state_id": "res.country.state", "company_id": "res.company"}

func (m *memOdoo) Call(_ context.Context, model, method string, args []any, kw map[string]any, out any) error {
	var result any
	switch method {
	case "fields_get":
		defs := map[string]any{}
		for _, f := range partnerFields {
			if f != "mobile" { // as on Odoo 19
				defs[f] = map[string]any{"type": "char"}
			}
		}
		result = defs
	case "search_read":
		rows := []any{}
		if model == "sale.order" || model == "res.partner.bank" || model == "account.move" || model == "res.partner" {
			offset, _ := kw["offset"].(int)
			limit, _ := kw["limit"].(int)
			all := m.filter(model, kw["domain"].([]any))
			for i := offset; i < len(all) && i < offset+limit; i++ {
				rows = append(rows, m.wire(model, all[i]))
			}
		}
		result = rows
	case "read":
		ids := args[0].([]int64)
		rows := []any{}
		for _, r := range m.rows[model] {
			if slices.Contains(ids, r["id"].(int64)) {
				rows = append(rows, m.wire(model, r))
			}
		}
		result = rows
	default:
		return fmt.Errorf("memOdoo: %s.%s is not simulated", model, method)
	}
	b, err := json.Marshal(result)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// filter applies a domain of AND-ed [field, op, value] leaves with =, != and in.
func (m *memOdoo) filter(model string, domain []any) []map[string]any {
	var out []map[string]any
	for _, r := range m.rows[model] {
		ok := true
		for _, leaf := range domain {
			l := leaf.([]any)
			v := r[l[0].(string)]
			switch l[1] {
			case "=":
				ok = ok && fmt.Sprint(v) == fmt.Sprint(l[2])
			case "!=":
				ok = ok && !(l[2] == false && (v == nil || v == int64(0) || v == false)) && fmt.Sprint(v) != fmt.Sprint(l[2])
			case "in":
				found := false
				for _, x := range l[2].([]any) {
					found = found || fmt.Sprint(v) == fmt.Sprint(x)
				}
				ok = ok && found
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

func (m *memOdoo) wire(model string, r map[string]any) map[string]any {
	w := map[string]any{}
	for k, v := range r {
		switch {
		case v == nil || v == "":
			w[k] = false
		case memMany2one[k] != "":
			id, _ := v.(int64)
			if id == 0 {
				w[k] = false
			} else {
				w[k] = []any{id, m.nameOf(memMany2one[k], id)}
			}
		default:
			w[k] = v
		}
	}
	if model == "res.partner" {
		w["country_code"] = false
		if id, _ := r["country_id"].(int64); id != 0 {
			w["country_code"] = m.field("res.country", id, "code")
		}
	}
	return w
}

func (m *memOdoo) field(model string, id int64, f string) any {
	for _, r := range m.rows[model] {
		if r["id"] == id {
			return r[f]
		}
	}
	return nil
}

func (m *memOdoo) nameOf(model string, id int64) string {
	s, _ := m.field(model, id, "name").(string)
	return s
}

func generateDemo(t testing.TB, size company.Size) (*memOdoo, *company.Truth) {
	t.Helper()
	odoo := newMemOdoo()
	truth, err := company.Generate(context.Background(), company.Options{
		Seed: 1, Size: size, Version: 18, Today: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}, odoo)
	if err != nil {
		t.Fatalf("generate %s company: %v", size, err)
	}
	return odoo, truth
}

// TestDemoCompanyAccuracy loads the generator's demo company through the loader and scores
// the clusters against its planted duplicates: precision >= 0.99 at recall >= 0.95.
func TestDemoCompanyAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("generating the demo company takes seconds; run without -short")
	}
	odoo, truth := generateDemo(t, company.SizeDemo)
	partners, err := LoadPartners(context.Background(), odoo, LoadOptions{PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	entity := make(map[int64]string, len(partners))
	for _, p := range partners {
		entity[p.ID] = fmt.Sprint(p.ID)
	}
	for i, c := range truth.Dedup.Clusters {
		for _, id := range c {
			entity[id] = fmt.Sprint("cluster", i)
		}
	}
	for _, method := range []string{"em", "baseline"} {
		res, err := Scan(context.Background(), partners, Config{Method: method})
		if err != nil {
			t.Fatal(err)
		}
		var clusters [][]int64
		for _, c := range res.Clusters {
			clusters = append(clusters, c.IDs)
		}
		m := PairwiseMetrics(clusters, entity)
		t.Logf("demo company, %s: %d partners, %d planted clusters, %d hard negatives: %+v, pairs/record %.2f",
			method, len(partners), len(truth.Dedup.Clusters), len(truth.Dedup.HardNegatives), m, res.Stats.Blocking.PairsPerRecord)
		if method == "em" && (m.Precision < 0.99 || m.Recall < 0.95) {
			t.Errorf("em: precision %.4f recall %.4f, want >= 0.99 at >= 0.95", m.Precision, m.Recall)
		}
	}
}
