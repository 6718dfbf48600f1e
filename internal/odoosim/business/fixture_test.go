package business

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// books is a small company set up like Odoo's generic chart: the ids tests need.
type books struct {
	s   *odoosim.Server
	env *odoosim.Env
	acc map[string]int64
	jrn map[string]int64
	tax int64
	// azure is a customer with "End of Following Month" terms (as in the capture),
	// deco a second customer, vendor a supplier.
	azure, deco, vendor int64
	product, service    int64
}

var testNow = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func newBooks(t *testing.T) *books {
	t.Helper()
	return newBooksVersion(t, 18)
}

func newBooksVersion(t *testing.T, version int) *books {
	t.Helper()
	s, err := NewServer(odoosim.Options{Version: version, Clock: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	seeded, err := SeedBooks(s.SuperEnv())
	if err != nil {
		t.Fatal(err)
	}
	b := &books{s: s, env: s.SuperEnv(), acc: seeded.Accounts, jrn: seeded.Journals, tax: seeded.SaleTax}
	term := seeded.EndOfFollowingMonth
	b.azure = b.create(t, "res.partner", map[string]any{"name": "Azure Interior", "is_company": true, "email": "azure@example.com",
		"property_account_receivable_id": b.acc["receivable"], "property_account_payable_id": b.acc["payable"], "property_payment_term_id": term})
	b.deco = b.create(t, "res.partner", map[string]any{"name": "Deco Addict", "is_company": true,
		"property_account_receivable_id": b.acc["receivable"], "property_account_payable_id": b.acc["payable"]})
	b.vendor = b.create(t, "res.partner", map[string]any{"name": "Wood Corner", "is_company": true,
		"property_account_receivable_id": b.acc["receivable"], "property_account_payable_id": b.acc["payable"]})
	b.product = b.productOf(t, "Desk", "consu", "delivery")
	b.service = b.productOf(t, "Consulting", "service", "order")
	return b
}

func (b *books) productOf(t *testing.T, name, typ, policy string) int64 {
	t.Helper()
	common := func() map[string]any {
		v := map[string]any{"name": name, "type": typ, "invoice_policy": policy, "categ_id": int64(1),
			"uom_id": int64(1), "list_price": 100.0}
		if b.s.Version() < 19 {
			v["uom_po_id"] = int64(1) // 19 has no purchase unit field
		}
		return v
	}
	tmpl := b.create(t, "product.template", common())
	ids, err := b.env.Search("product.product", []any{[]any{"product_tmpl_id", "=", tmpl}}, "", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) > 0 {
		return ids[0]
	}
	vals := common()
	vals["product_tmpl_id"] = tmpl
	return b.create(t, "product.product", vals)
}

func (b *books) create(t *testing.T, model string, vals map[string]any) int64 {
	t.Helper()
	id, err := b.env.Create(model, vals)
	if err != nil {
		t.Fatalf("create %s: %v", model, err)
	}
	return id
}

func (b *books) call(t *testing.T, fn odoosim.MethodFunc, ids []int64) any {
	t.Helper()
	out, err := fn(b.env, ids, nil, nil)
	if err != nil {
		t.Fatalf("call on %v: %v", ids, err)
	}
	return out
}

// invoice creates a customer invoice of one line per price (quantity 1) with the tax
// when taxed is true.
func (b *books) invoice(t *testing.T, moveType string, partner int64, taxed bool, prices ...float64) int64 {
	t.Helper()
	var lines []any
	for _, p := range prices {
		l := map[string]any{"name": "Service", "quantity": 1.0, "price_unit": p}
		if taxed {
			l["tax_ids"] = []any{[]any{6, 0, []any{b.tax}}}
		}
		lines = append(lines, []any{0, 0, l})
	}
	return b.create(t, "account.move", map[string]any{"move_type": moveType, "partner_id": partner,
		"invoice_date": "2026-11-24", "invoice_line_ids": lines})
}

// termLine is the receivable/payable line of a move.
func (b *books) termLine(t *testing.T, move int64) int64 {
	t.Helper()
	ids, err := b.env.Search("account.move.line", []any{[]any{"move_id", "=", move}, []any{"display_type", "=", "payment_term"}}, "id", 0)
	if err != nil || len(ids) != 1 {
		t.Fatalf("receivable line of move %d: %v %v", move, ids, err)
	}
	return ids[0]
}

func (b *books) get(model string, id int64, field string) any { return b.env.Get(model, id, field) }

func (b *books) money(t *testing.T, model string, id int64, field string, want float64) {
	t.Helper()
	got, _ := b.get(model, id, field).(float64)
	if math.Abs(got-want) > 0.001 {
		t.Fatalf("%s %d %s = %v, want %v", model, id, field, got, want)
	}
}

func (b *books) is(t *testing.T, model string, id int64, field string, want any) {
	t.Helper()
	if got := b.get(model, id, field); got != want {
		t.Fatalf("%s %d %s = %#v, want %#v", model, id, field, got, want)
	}
}

// wantUserError checks err is an Odoo UserError carrying msg.
func wantUserError(t *testing.T, err error, msg string) {
	t.Helper()
	var oe *odoosim.OdooError
	if err == nil || !errors.As(err, &oe) {
		t.Fatalf("want UserError %q, got %v", msg, err)
	}
	if !strings.Contains(oe.Name, "UserError") || oe.Message != msg {
		t.Fatalf("want UserError %q, got %s: %q", msg, oe.Name, oe.Message)
	}
}
