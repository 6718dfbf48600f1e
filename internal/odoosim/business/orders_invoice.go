package business

import (
	"fmt"
	"math"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// Invoicing orders: sale's "Create Invoice" wizard (sale.advance.payment.inv, regular
// invoices of delivered/ordered quantities) and purchase's "Create Bill" button
// (purchase.order.action_create_invoice), as Odoo 18 builds them: one draft document per
// (company, partner, currency), a line per order line with something to invoice, linked
// back (sale_line_ids / purchase_line_id), turned into a credit note when negative.

const advanceModel = "sale.advance.payment.inv"

var advanceFields = map[string]odoosim.Field{
	"advance_payment_method": {Type: "selection", String: "Create Invoice", Required: true, Store: true,
		Selection: [][2]string{{"delivered", "Regular invoice"}, {"percentage", "Down payment (percentage)"}, {"fixed", "Down payment (fixed amount)"}}},
	"sale_order_ids":       {Type: "many2many", String: "Sale Order", Relation: "sale.order", Store: true},
	"deduct_down_payments": {Type: "boolean", String: "Deduct down payments", Store: true},
	"consolidated_billing": {Type: "boolean", String: "Consolidated Billing", Store: true},
	"amount":               {Type: "float", String: "Down Payment", Store: true},
	"fixed_amount":         {Type: "monetary", String: "Down Payment Amount (Fixed)", Store: true},
	"company_id":           {Type: "many2one", String: "Company", Relation: "res.company", Store: true},
}

// onAdvanceCreate takes the orders from context active_ids, as the field's default does.
func onAdvanceCreate(env *odoosim.Env, id int64) error {
	if len(at(env, advanceModel, id).ids("sale_order_ids")) > 0 {
		return nil
	}
	return quiet(env).Write(advanceModel, []int64{id}, map[string]any{"sale_order_ids": contextIDs(env.Context()["active_ids"])})
}

// createInvoices is sale.advance.payment.inv.create_invoices for regular invoices.
func createInvoices(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if len(ids) != 1 {
		return nil, odoosim.ValidationError("Expected singleton: %s%s", advanceModel, pyTuple(ids))
	}
	w := at(env, advanceModel, ids[0])
	if m := w.str("advance_payment_method"); m != "delivered" {
		return nil, odoosim.UserError("The simulator creates regular invoices only (advance_payment_method 'delivered'), not %q down payments.", m)
	}
	var docs []orderDoc
	for _, o := range w.ids("sale_order_ids") {
		doc, err := saleInvoiceDoc(env, o)
		if err != nil {
			return nil, err
		}
		if doc != nil {
			docs = append(docs, *doc)
		}
	}
	if len(docs) == 0 {
		return nil, odoosim.UserError("%s", nothingToInvoice)
	}
	moves, err := createOrderDocs(env, docs, "out_invoice", "out_refund")
	if err != nil {
		return nil, err
	}
	return invoiceAction(env, moves, "out_invoice"), nil
}

const nothingToInvoice = "Cannot create an invoice. No items are available to invoice.\n\n" +
	"To resolve this issue, please ensure that:\n" +
	"   \u2022 The products have been delivered before attempting to invoice them.\n" +
	"   \u2022 The invoicing policy of the product is configured correctly.\n\n" +
	"If you want to invoice based on ordered quantities instead:\n" +
	"   \u2022 For consumable or storable products, open the product, go to the 'General Information' tab and change the 'Invoicing Policy' from 'Delivered Quantities' to 'Ordered Quantities'.\n" +
	"   \u2022 For services (and other products), change the 'Invoicing Policy' to 'Prepaid/Fixed Price'.\n"

// orderDoc is the invoice (or bill) to create for one order.
type orderDoc struct {
	company, partner, currency int64
	vals                       map[string]any
	lines                      []any
}

// saleInvoiceDoc is _prepare_invoice + _prepare_invoice_line for the order's lines with a
// quantity to invoice; nil when there is none.
func saleInvoiceDoc(env *odoosim.Env, order int64) (*orderDoc, error) {
	o := at(env, "sale.order", order)
	lines, err := env.Search("sale.order.line", []any{leaf("order_id", "=", order)}, "id", 0)
	if err != nil {
		return nil, err
	}
	doc := &orderDoc{company: o.m2o("company_id"), partner: o.m2o("partner_invoice_id"), currency: o.m2o("currency_id"),
		vals: map[string]any{"ref": o.str("client_order_ref"), "partner_id": o.m2o("partner_invoice_id"),
			"invoice_origin": o.str("name"), "invoice_payment_term_id": o.m2o("payment_term_id"),
			"payment_reference": o.raw("reference")}}
	for _, l := range lines {
		r := at(env, "sale.order.line", l)
		if r.str("display_type") != "" || math.Abs(r.f64("qty_to_invoice")) < 1e-6 {
			continue
		}
		doc.lines = append(doc.lines, []any{int64(0), int64(0), map[string]any{"name": r.str("name"), "product_id": r.m2o("product_id"),
			"quantity": r.f64("qty_to_invoice"), "price_unit": r.f64("price_unit"), "discount": r.f64("discount"),
			"tax_ids":       []any{[]any{int64(6), int64(0), anyIDs(r.ids(saleTaxField(env)))}},
			"sale_line_ids": []any{[]any{int64(4), l}}}})
	}
	if len(doc.lines) == 0 {
		return nil, nil
	}
	return doc, nil
}

// createOrderDocs groups the documents by (company, partner, currency), creates them as
// drafts of docType, and switches negative ones to refundType (action_switch_move_type).
func createOrderDocs(env *odoosim.Env, docs []orderDoc, docType, refundType string) ([]int64, error) {
	var merged []orderDoc
	for _, d := range docs {
		i := -1
		for k, m := range merged {
			if m.company == d.company && m.partner == d.partner && m.currency == d.currency {
				i = k
			}
		}
		if i < 0 {
			merged = append(merged, d)
			continue
		}
		merged[i].lines = append(merged[i].lines, d.lines...)
		merged[i].vals["invoice_origin"] = fmt.Sprintf("%s, %s", merged[i].vals["invoice_origin"], d.vals["invoice_origin"])
	}
	var moves []int64
	for _, d := range merged {
		vals := map[string]any{"move_type": docType, "invoice_line_ids": d.lines}
		for k, v := range d.vals {
			if v != nil && v != "" && v != int64(0) {
				vals[k] = v
			}
		}
		if d.company != 0 {
			vals["company_id"] = d.company
		}
		m, err := env.Create("account.move", vals)
		if err != nil {
			return nil, fmt.Errorf("create %s for %v: %w", docType, d.vals["invoice_origin"], err)
		}
		if at(env, "account.move", m).f64("amount_total") < 0 {
			if err := switchToRefund(env, m, refundType); err != nil {
				return nil, err
			}
		}
		moves = append(moves, m)
	}
	return moves, nil
}

// switchToRefund is action_switch_move_type on a negative draft: refund type, quantities
// negated so the amounts become positive.
func switchToRefund(env *odoosim.Env, move int64, refundType string) error {
	lines := invoiceLineIDs(env, move).([]int64)
	if err := env.Write("account.move", []int64{move}, map[string]any{"move_type": refundType}); err != nil {
		return err
	}
	var cmds []any
	for _, l := range lines {
		cmds = append(cmds, []any{int64(1), l, map[string]any{"quantity": -at(env, "account.move.line", l).f64("quantity")}})
	}
	return env.Write("account.move", []int64{move}, map[string]any{"invoice_line_ids": cmds})
}

// invoiceAction is action_view_invoice: the form of one document, the list of several,
// or a close action when none was made.
func invoiceAction(env *odoosim.Env, moves []int64, moveType string) map[string]any {
	if len(moves) == 0 {
		return map[string]any{"type": "ir.actions.act_window_close"}
	}
	action := map[string]any{"type": "ir.actions.act_window", "res_model": "account.move",
		"context": map[string]any{"default_move_type": moveType}}
	if len(moves) == 1 {
		action["res_id"], action["view_mode"] = moves[0], "form"
	} else {
		action["view_mode"], action["domain"] = "list,form", []any{[]any{"id", "in", anyIDs(moves)}}
	}
	return action
}

// purchaseCreateInvoice is purchase.order.action_create_invoice ("Create Bill").
func purchaseCreateInvoice(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	var docs []orderDoc
	for _, o := range ids {
		if at(env, "purchase.order", o).str("invoice_status") != "to invoice" {
			continue
		}
		doc, err := purchaseBillDoc(env, o)
		if err != nil {
			return nil, err
		}
		if doc != nil {
			docs = append(docs, *doc)
		}
	}
	if len(docs) == 0 {
		return nil, odoosim.UserError("There is no invoiceable line. If a product has a control policy based on received quantity, please make sure that a quantity has been received.")
	}
	moves, err := createOrderDocs(env, docs, "in_invoice", "in_refund")
	if err != nil {
		return nil, err
	}
	return invoiceAction(env, moves, "in_invoice"), nil
}

// purchaseBillDoc is purchase's _prepare_invoice + _prepare_account_move_line ("P00001: Desk").
func purchaseBillDoc(env *odoosim.Env, order int64) (*orderDoc, error) {
	o := at(env, "purchase.order", order)
	lines, err := env.Search("purchase.order.line", []any{leaf("order_id", "=", order)}, "id", 0)
	if err != nil {
		return nil, err
	}
	doc := &orderDoc{company: o.m2o("company_id"), partner: o.m2o("partner_id"), currency: o.m2o("currency_id"),
		vals: map[string]any{"ref": o.str("partner_ref"), "partner_id": o.m2o("partner_id"), "invoice_origin": o.str("name"),
			"invoice_payment_term_id": o.m2o("payment_term_id"), "payment_reference": o.raw("partner_ref")}}
	for _, l := range lines {
		r := at(env, "purchase.order.line", l)
		if r.str("display_type") != "" || math.Abs(r.f64("qty_to_invoice")) < 1e-6 {
			continue
		}
		doc.lines = append(doc.lines, []any{int64(0), int64(0), map[string]any{"name": o.str("name") + ": " + r.str("name"),
			"product_id": r.m2o("product_id"), "quantity": r.f64("qty_to_invoice"), "price_unit": r.f64("price_unit"),
			"discount": r.f64("discount"), "tax_ids": []any{[]any{int64(6), int64(0), anyIDs(r.ids(purchaseTaxField(env)))}},
			"purchase_line_id": l}})
	}
	if len(doc.lines) == 0 {
		return nil, nil
	}
	return doc, nil
}
