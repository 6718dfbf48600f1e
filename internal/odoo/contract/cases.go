package contract

import (
	"github.com/smartodoo/smartodoo/internal/odoo"
)

// writeCases cover every typed model. Lines (account.move.line, sale/purchase lines,
// stock.move) are created through or next to their parent, as Odoo users do.
var writeCases = []writeCase{
	{
		model: "res.partner",
		vals: func(s *suite) (map[string]any, error) {
			return map[string]any{"name": s.tag("partner"), "email": "contract@example.com"}, nil
		},
		change: map[string]any{"phone": "+1 555 0100"},
		check:  checkField(func(p odoo.Partner) any { return string(p.Phone) }, "+1 555 0100"),
	},
	{
		model:  "res.company",
		vals:   func(s *suite) (map[string]any, error) { return map[string]any{"name": s.tag("company")}, nil },
		change: map[string]any{"email": "company@example.com"},
		check:  checkField(func(c odoo.Company) any { return string(c.Email) }, "company@example.com"),
	},
	{
		model: "res.currency",
		vals: func(s *suite) (map[string]any, error) {
			code := map[string]string{odoo.TransportJSON2: "ZZJ", odoo.TransportJSONRPC: "ZZR", odoo.TransportXMLRPC: "ZZX"}[s.transport]
			return map[string]any{"name": code, "symbol": "¤", "rounding": 0.01, "active": false}, nil
		},
		change: map[string]any{"symbol": "Z¤"},
		check:  checkField(func(c odoo.Currency) any { return string(c.Symbol) }, "Z¤"),
	},
	{
		model: "account.account",
		vals: func(s *suite) (map[string]any, error) {
			code := map[string]string{odoo.TransportJSON2: "999901", odoo.TransportJSONRPC: "999902", odoo.TransportXMLRPC: "999903"}[s.transport]
			return map[string]any{"name": s.tag("account"), "code": code, "account_type": "asset_current"}, nil
		},
		change: map[string]any{"reconcile": true},
		check:  checkField(func(a odoo.Account) any { return a.Reconcile }, true),
	},
	{
		model: "account.journal",
		vals: func(s *suite) (map[string]any, error) {
			code := map[string]string{odoo.TransportJSON2: "ZCJ", odoo.TransportJSONRPC: "ZCR", odoo.TransportXMLRPC: "ZCX"}[s.transport]
			return map[string]any{"name": s.tag("journal"), "code": code, "type": "general"}, nil
		},
		change: map[string]any{"sequence": 77},
		check:  checkField(func(j odoo.Journal) any { return j.Sequence }, int64(77)),
	},
	{
		model:  "account.move",
		vals:   invoiceVals,
		change: map[string]any{"ref": "contract ref"},
		check: func(s *suite, id int64) error {
			if err := checkField(func(m odoo.Move) any { return string(m.Ref) }, "contract ref")(s, id); err != nil {
				return err
			}
			return checkInvoiceLines(s, id)
		},
	},
	{
		model: "account.payment",
		vals: func(s *suite) (map[string]any, error) {
			partner, err := s.customer()
			if err != nil {
				return nil, err
			}
			journal, err := s.first("account.journal", odoo.Cond("type", "=", "bank"))
			if err != nil {
				return nil, err
			}
			return map[string]any{"payment_type": "inbound", "partner_type": "customer", "partner_id": partner,
				"amount": 12.5, "journal_id": journal}, nil
		},
		change: map[string]any{"amount": 13.25},
		check:  checkField(func(p odoo.Payment) any { return p.Amount }, 13.25),
	},
	{
		model: "account.bank.statement.line",
		vals: func(s *suite) (map[string]any, error) {
			journal, err := s.first("account.journal", odoo.Cond("type", "=", "bank"))
			if err != nil {
				return nil, err
			}
			return map[string]any{"journal_id": journal, "date": "2026-01-15", "payment_ref": s.tag("bank line"), "amount": 42.0}, nil
		},
		change: map[string]any{"payment_ref": "contract changed ref"},
		check:  checkField(func(l odoo.BankStatementLine) any { return string(l.PaymentRef) }, "contract changed ref"),
	},
	{
		model: "account.reconcile.model",
		vals: func(s *suite) (map[string]any, error) {
			return map[string]any{"name": s.tag("rule"), "sequence": 10}, nil
		},
		change: map[string]any{"sequence": 42},
		check:  checkField(func(r odoo.ReconcileModel) any { return r.Sequence }, int64(42)),
	},
	{
		model:  "sale.order",
		vals:   orderVals("product_uom_qty"),
		change: map[string]any{"client_order_ref": "contract PO 1"},
		check: func(s *suite, id int64) error {
			if err := checkField(func(o odoo.SaleOrder) any { return string(o.ClientOrderRef) }, "contract PO 1")(s, id); err != nil {
				return err
			}
			return checkLines[odoo.SaleOrderLine](s, "order_id", id, func(l odoo.SaleOrderLine) bool { return l.ProductQty == 2 })
		},
	},
	{
		model:  "purchase.order",
		vals:   orderVals("product_qty"),
		change: map[string]any{"partner_ref": "contract SO 1"},
		beforeUnlink: func(s *suite, id int64) error {
			return s.c.Call(s.ctx, "purchase.order", "button_cancel", []any{[]int64{id}}, nil, nil)
		},
		check: func(s *suite, id int64) error {
			if err := checkField(func(o odoo.PurchaseOrder) any { return string(o.PartnerRef) }, "contract SO 1")(s, id); err != nil {
				return err
			}
			return checkLines[odoo.PurchaseOrderLine](s, "order_id", id, func(l odoo.PurchaseOrderLine) bool { return l.ProductQty == 2 })
		},
	},
	{
		model:  "stock.picking",
		vals:   pickingVals,
		change: map[string]any{"origin": "contract origin"},
		check: func(s *suite, id int64) error {
			if err := checkField(func(p odoo.Picking) any { return string(p.Origin) }, "contract origin")(s, id); err != nil {
				return err
			}
			return checkLines[odoo.StockMove](s, "picking_id", id, func(m odoo.StockMove) bool { return m.ProductQty == 2 })
		},
	},
	{
		model: "product.product",
		vals: func(s *suite) (map[string]any, error) {
			return map[string]any{"name": s.tag("product"), "list_price": 9.5}, nil
		},
		change: map[string]any{"default_code": "CONTRACT-1"},
		check:  checkField(func(p odoo.Product) any { return string(p.DefaultCode) }, "CONTRACT-1"),
	},
	{
		model: "product.supplierinfo",
		vals: func(s *suite) (map[string]any, error) {
			partner, err := s.first("res.partner", odoo.Cond("is_company", "=", true))
			if err != nil {
				return nil, err
			}
			tmpl, err := s.first("product.template", nil)
			if err != nil {
				return nil, err
			}
			return map[string]any{"partner_id": partner, "product_tmpl_id": tmpl, "price": 4.2, "min_qty": 1.0}, nil
		},
		change: map[string]any{"price": 4.75},
		check:  checkField(func(i odoo.SupplierInfo) any { return i.Price }, 4.75),
	},
	{
		model: "crm.lead",
		vals: func(s *suite) (map[string]any, error) {
			return map[string]any{"name": s.tag("lead"), "expected_revenue": 1000.0}, nil
		},
		change: map[string]any{"email_from": "lead@example.com"},
		check:  checkField(func(l odoo.Lead) any { return string(l.EmailFrom) }, "lead@example.com"),
	},
	{
		model: "mail.activity",
		vals: func(s *suite) (map[string]any, error) {
			model, err := s.first("ir.model", odoo.Cond("model", "=", "res.partner"))
			if err != nil {
				return nil, err
			}
			partner, err := s.first("res.partner", nil)
			if err != nil {
				return nil, err
			}
			typ, err := s.first("mail.activity.type", nil)
			if err != nil {
				return nil, err
			}
			return map[string]any{"res_model_id": model, "res_id": partner, "activity_type_id": typ,
				"summary": s.tag("activity"), "date_deadline": "2026-12-31"}, nil
		},
		change: map[string]any{"summary": "contract changed"},
		check:  checkField(func(a odoo.Activity) any { return string(a.Summary) }, "contract changed"),
	},
}
