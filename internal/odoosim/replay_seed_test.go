package odoosim

import (
	"fmt"
	"testing"
)

// referenceDir is where the real Odoo captures live in the shared workspace.
const referenceDir = "../../../shared/odoo-reference"

// insertAt inserts a record at a given id, for reproducing the captures' ids. Ids must be
// inserted in increasing order per model.
func insertAt(t *testing.T, s *Server, model string, id int64, vals map[string]any) {
	t.Helper()
	s.mu.Lock()
	m := s.models[model]
	if m.table.nextID > id {
		s.mu.Unlock()
		t.Fatalf("seed %s(%d): next id is already %d", model, id, m.table.nextID)
	}
	m.table.nextID = id
	s.mu.Unlock()
	if _, err := s.Insert(model, vals); err != nil {
		t.Fatalf("seed %s(%d): %v", model, id, err)
	}
}

// seedReference creates the few records the captured requests refer to, at the same
// ids, so that requests replay unchanged. Values differ from the demo databases; only
// the shapes of answers are compared.
func seedReference(t *testing.T, s *Server) {
	t.Helper()
	if err := s.SuperEnv().Write("res.partner", []int64{1}, map[string]any{"country_id": int64(1)}); err != nil {
		t.Fatal(err)
	}
	insertAt(t, s, "res.partner.category", 1, map[string]any{"name": "Vendor", "active": false})
	insertAt(t, s, "res.partner.category", 2, map[string]any{"name": "Prospect"})
	partners := []struct {
		id   int64
		vals map[string]any
	}{
		{8, map[string]any{"name": "Gemini Furniture", "is_company": true, "email": "gemini@example.com", "category_id": []int64{2}}},
		{9, map[string]any{"name": "Acme Corporation", "is_company": true, "country_id": int64(1), "vat": "US123"}},
		{10, map[string]any{"name": "Deco Addict", "is_company": true, "country_id": int64(2), "customer_rank": int64(3)}},
		{15, map[string]any{"name": "Azure Interior", "is_company": true, "phone": "+58 212 681 0538", "email": "azure@example.com", "vat": "US12345677", "country_id": int64(1)}},
		{27, map[string]any{"name": "Brandon Freeman", "parent_id": int64(15), "email": "brandon@example.com"}},
		{28, map[string]any{"name": "Nicole Ford", "parent_id": int64(15)}},
		{34, map[string]any{"name": "Colleen Diaz", "parent_id": int64(15), "category_id": []int64{1, 2}}},
		{42, map[string]any{"name": "My Company (Chicago)", "is_company": true, "parent_id": int64(1)}},
		{43, map[string]any{"name": "Chicago Office", "is_company": true}},
	}
	for _, p := range partners {
		insertAt(t, s, "res.partner", p.id, p.vals)
	}
	ins := func(model string, vals map[string]any) int64 {
		id, err := s.Insert(model, vals)
		if err != nil {
			t.Fatalf("seed %s: %v", model, err)
		}
		return id
	}
	recv := ins("account.account", map[string]any{"code": "121000", "name": "Account Receivable", "account_type": "asset_receivable", "reconcile": true, "company_ids": []int64{1}})
	income := ins("account.account", map[string]any{"code": "400000", "name": "Product Sales", "account_type": "income", "company_ids": []int64{1}})
	journal := ins("account.journal", map[string]any{"name": "Customer Invoices", "code": "INV", "type": "sale", "default_account_id": income})
	s.SetDefault("account.move", "journal_id", journal)
	s.SetDefault("account.move.line", "account_id", income)
	// 19's captures read move 38; 18's create move 25 and must get that id.
	late := int64(3)
	if s.version >= 19 {
		late = 38
	}
	moves := []struct {
		id      int64
		vals    map[string]any
		residue float64
	}{
		{1, map[string]any{"name": "INV/2026/00001", "move_type": "out_invoice", "state": "posted", "partner_id": int64(15), "invoice_date": "2026-10-05", "date": "2026-10-05", "amount_total": 31750.0, "amount_residual": 31750.0, "payment_state": "not_paid"}, 31750},
		{2, map[string]any{"name": "INV/2026/00002", "move_type": "out_invoice", "state": "posted", "partner_id": int64(10), "invoice_date": "2026-11-12", "date": "2026-11-12", "amount_total": 92750.0, "amount_residual": 0.0, "payment_state": "paid"}, 0},
		{late, map[string]any{"name": "INV/2026/00003", "move_type": "out_invoice", "state": "posted", "partner_id": int64(9), "invoice_date": "2026-11-20", "date": "2026-11-20", "amount_total": 650.0, "amount_residual": 650.0}, 650},
		{late + 1, map[string]any{"name": "BILL/2026/11/0001", "move_type": "in_invoice", "state": "posted", "partner_id": int64(8), "invoice_date": "2025-08-14", "date": "2025-08-14", "amount_total": 622.27, "ref": "V-77"}, 0},
	}
	for _, mv := range moves {
		mv.vals["journal_id"] = journal
		mv.vals["currency_id"] = int64(1)
		insertAt(t, s, "account.move", mv.id, mv.vals)
		ins("account.move.line", map[string]any{"move_id": mv.id, "account_id": recv, "partner_id": mv.vals["partner_id"],
			"debit": mv.vals["amount_total"], "balance": mv.vals["amount_total"], "amount_residual": mv.residue,
			"parent_state": "posted", "date": mv.vals["date"], "name": false, "move_name": mv.vals["name"]})
	}
	product := ins("product.template", map[string]any{"name": "Office Chair", "list_price": 70.0, "type": "consu"})
	variant := ins("product.product", map[string]any{"product_tmpl_id": product, "name": "Office Chair", "default_code": "FURN_0001", "list_price": 70.0})
	ins("account.bank.statement.line", map[string]any{"date": "2026-11-02", "payment_ref": "INV/2026/00001", "amount": 31750.0, "journal_id": journal, "partner_id": int64(15)})
	ins("sale.order", map[string]any{"name": "S00001", "partner_id": int64(15), "date_order": "2026-11-01 10:00:00", "state": "sale", "amount_total": 1000.0})
	ins("purchase.order", map[string]any{"name": "P00001", "partner_id": int64(8), "date_order": "2026-11-01 10:00:00", "state": "purchase", "amount_total": 500.0})
	pick := ins("stock.picking", map[string]any{"name": "WH/OUT/00001", "partner_id": int64(15), "scheduled_date": "2026-11-03 10:00:00", "state": "assigned"})
	ins("stock.move", map[string]any{"reference": "WH/OUT/00001", "product_id": variant, "product_uom_qty": 2.0, "picking_id": pick, "state": "assigned", "date": "2026-11-03 10:00:00"})
	ins("crm.lead", map[string]any{"name": "Office design", "type": "opportunity", "partner_id": int64(15), "expected_revenue": 24000.0, "probability": 40.0, "priority": "1"})
}

// registerAccountingStandIns registers minimal action_post / button_draft so the engine's
// method dispatch (missing records, UserError, None results) is exercised by the captures
// without depending on the business package, which tests the accounting itself.
func registerAccountingStandIns(s *Server) {
	s.RegisterMethod("account.move", "action_post", func(env *Env, ids []int64, _ []any, _ map[string]any) (any, error) {
		for _, id := range ids {
			if env.Get("account.move", id, "state") != "draft" {
				return nil, UserError("The entry %s (id %d) must be in draft.", env.Get("account.move", id, "name"), id)
			}
		}
		return false, env.Write("account.move", ids, map[string]any{"state": "posted"})
	})
	s.RegisterMethod("account.move", "button_draft", func(env *Env, ids []int64, _ []any, _ map[string]any) (any, error) {
		return nil, env.Write("account.move", ids, map[string]any{"state": "draft"})
	})
}

func newReferenceServer(t *testing.T, version int) *Server {
	t.Helper()
	db := map[int]string{18: "odoo_demo", 19: "odoo19_demo"}[version]
	s, err := New(Options{Version: version, DB: db, AdminPassword: "<password>", AdminAPIKey: "<api-key>"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	seedReference(t, s)
	registerAccountingStandIns(s)
	return s
}

var _ = fmt.Sprint
