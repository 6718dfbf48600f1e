package business

import (
	"fmt"
	"testing"
)

func (b *books) saleOrder(t *testing.T, lines ...[2]any) int64 {
	t.Helper()
	var cmds []any
	for _, l := range lines {
		cmds = append(cmds, []any{0, 0, map[string]any{"product_id": l[0], "product_uom_qty": l[1], "price_unit": 100.0,
			saleTaxField(b.env): []any{[]any{6, 0, []any{b.tax}}}}})
	}
	return b.create(t, "sale.order", map[string]any{"partner_id": b.deco, "order_line": cmds})
}

func TestSaleConfirmDeliverInvoice(t *testing.T) {
	for _, v := range []int{18, 19} {
		t.Run(fmt.Sprint(v), func(t *testing.T) { saleCycle(t, newBooksVersion(t, v)) })
	}
}

func saleCycle(t *testing.T, b *books) {
	so := b.saleOrder(t, [2]any{b.product, 3.0}, [2]any{b.service, 1.0})
	b.is(t, "sale.order", so, "name", "S00001")
	b.is(t, "sale.order", so, "partner_invoice_id", b.deco)
	b.money(t, "sale.order", so, "amount_untaxed", 400)
	b.money(t, "sale.order", so, "amount_tax", 60)
	b.money(t, "sale.order", so, "amount_total", 460)
	b.is(t, "sale.order", so, "invoice_status", "no")

	if out := b.call(t, saleActionConfirm, []int64{so}); out != true {
		t.Fatalf("action_confirm returned %#v", out)
	}
	b.is(t, "sale.order", so, "state", "sale")
	lines, _ := b.env.Search("sale.order.line", []any{[]any{"order_id", "=", so}}, "id", 0)
	desk, consulting := lines[0], lines[1]
	b.is(t, "sale.order.line", desk, "name", "Desk")
	// The desk is invoiced on delivery: nothing to invoice before the picking is done.
	b.money(t, "sale.order.line", desk, "qty_to_invoice", 0)
	b.is(t, "sale.order.line", consulting, "invoice_status", "to invoice")
	b.is(t, "sale.order", so, "invoice_status", "to invoice")

	pickings, _ := b.env.Search("stock.picking", []any{[]any{"origin", "=", "S00001"}}, "id", 0)
	if len(pickings) != 1 {
		t.Fatalf("deliveries of S00001: %v", pickings)
	}
	b.is(t, "stock.picking", pickings[0], "picking_type_code", "outgoing")
	if out := b.call(t, buttonValidate, pickings); out != true {
		t.Fatalf("button_validate returned %#v", out)
	}
	b.is(t, "stock.picking", pickings[0], "state", "done")
	b.money(t, "sale.order.line", desk, "qty_delivered", 3)
	b.money(t, "sale.order.line", desk, "qty_to_invoice", 3) // delivered, not invoiced

	inv := b.create(t, "account.move", map[string]any{"move_type": "out_invoice", "partner_id": b.deco, "invoice_date": "2026-11-24",
		"invoice_line_ids": []any{
			[]any{0, 0, map[string]any{"product_id": b.product, "quantity": 3.0, "price_unit": 100.0, "sale_line_ids": []any{[]any{6, 0, []any{desk}}}}},
			[]any{0, 0, map[string]any{"product_id": b.service, "quantity": 1.0, "price_unit": 100.0, "sale_line_ids": []any{[]any{6, 0, []any{consulting}}}}},
		}})
	b.money(t, "sale.order.line", desk, "qty_invoiced", 3)
	b.is(t, "sale.order.line", desk, "invoice_status", "invoiced")
	b.is(t, "sale.order", so, "invoice_status", "invoiced")
	if got := b.get("sale.order", so, "invoice_ids").([]int64); len(got) != 1 || got[0] != inv {
		t.Fatalf("invoice_ids = %v, want [%d]", got, inv)
	}

	_, err := saleActionConfirm(b.env, []int64{so}, nil, nil)
	wantUserError(t, err, "Some orders are not in a state requiring confirmation.")

	// Cancelling a confirmed order answers with the cancel wizard unless told not to.
	out, err := saleActionCancel(b.env, []int64{so}, nil, nil)
	if act, ok := out.(map[string]any); err != nil || !ok || act["res_model"] != "sale.order.cancel" {
		t.Fatalf("action_cancel = %#v, %v; want the sale.order.cancel wizard action", out, err)
	}
	quiet := b.env.WithContext(map[string]any{"disable_cancel_warning": true})
	if out, err := saleActionCancel(quiet, []int64{so}, nil, nil); err != nil || out != true {
		t.Fatalf("action_cancel = %#v, %v", out, err)
	}
	b.is(t, "sale.order", so, "state", "cancel")
	b.is(t, "account.move", inv, "state", "cancel") // its draft invoice is cancelled too
	b.call(t, saleActionDraft, []int64{so})
	b.is(t, "sale.order", so, "state", "draft")
}

// TestConfirmBlockedByAutomation: a base.automation code action raising UserError on the
// state change makes action_confirm fail and leaves the order a quotation.
func TestConfirmBlockedByAutomation(t *testing.T) {
	b := newBooks(t)
	models, err := b.env.Search("ir.model", []any{[]any{"model", "=", "sale.order"}}, "", 1)
	if err != nil || len(models) != 1 {
		t.Fatalf("ir.model of sale.order: %v %v", models, err)
	}
	b.create(t, "base.automation", map[string]any{"name": "Credit hold", "model_id": models[0], "trigger": "on_write",
		"filter_domain": "[('state', '=', 'sale')]",
		"action_server_ids": []any{[]any{0, 0, map[string]any{"name": "Block", "model_id": models[0], "state": "code",
			"code": `raise UserError("Customer is on credit hold")`}}}})
	so := b.saleOrder(t, [2]any{b.service, 1.0})
	_, err = saleActionConfirm(b.env, []int64{so}, nil, nil)
	wantUserError(t, err, "Customer is on credit hold")
	b.is(t, "sale.order", so, "state", "draft")
	if n, _ := b.env.Search("stock.picking", []any{}, "", 0); len(n) != 0 {
		t.Fatalf("a blocked confirmation left pickings %v", n)
	}
}

func TestPurchaseReceiveBill(t *testing.T) {
	for _, v := range []int{18, 19} {
		t.Run(fmt.Sprint(v), func(t *testing.T) { purchaseCycle(t, newBooksVersion(t, v)) })
	}
}

func purchaseCycle(t *testing.T, b *books) {
	po := b.create(t, "purchase.order", map[string]any{"partner_id": b.vendor, "order_line": []any{
		[]any{0, 0, map[string]any{"product_id": b.product, "product_qty": 5.0, "price_unit": 40.0, "name": "Desk"}}}})
	b.is(t, "purchase.order", po, "name", "P00001")
	b.money(t, "purchase.order", po, "amount_total", 200)
	if out := b.call(t, buttonConfirm, []int64{po}); out != true {
		t.Fatalf("button_confirm returned %#v", out)
	}
	b.is(t, "purchase.order", po, "state", "purchase")
	b.is(t, "purchase.order", po, "invoice_status", "no") // bills follow receptions
	b.is(t, "purchase.order", po, "receipt_status", "pending")
	pickings := b.get("purchase.order", po, "picking_ids").([]int64)
	if len(pickings) != 1 {
		t.Fatalf("receipts %v", pickings)
	}
	b.call(t, buttonValidate, pickings)
	line, _ := b.env.Search("purchase.order.line", []any{[]any{"order_id", "=", po}}, "id", 0)
	b.money(t, "purchase.order.line", line[0], "qty_received", 5)
	b.is(t, "purchase.order", po, "invoice_status", "to invoice") // received, not billed
	b.is(t, "purchase.order", po, "receipt_status", "full")

	b.create(t, "account.move", map[string]any{"move_type": "in_invoice", "partner_id": b.vendor, "invoice_date": "2026-11-24",
		"invoice_line_ids": []any{[]any{0, 0, map[string]any{"product_id": b.product, "quantity": 5.0, "price_unit": 40.0, "purchase_line_id": line[0]}}}})
	b.money(t, "purchase.order.line", line[0], "qty_invoiced", 5)
	b.is(t, "purchase.order", po, "invoice_status", "invoiced")
}

// TestInvoiceOrdersThroughWizards: sale's Create Invoice wizard invoices what was delivered
// (and refuses when nothing is), purchase's Create Bill bills what was received.
func TestInvoiceOrdersThroughWizards(t *testing.T) {
	b := newBooks(t)
	so := b.saleOrder(t, [2]any{b.product, 2.0}, [2]any{b.service, 1.0})
	b.call(t, saleActionConfirm, []int64{so})
	ctx := b.env.WithContext(map[string]any{"active_model": "sale.order", "active_ids": []any{so}})
	w, err := ctx.Create(advanceModel, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := createInvoices(ctx, []int64{w}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	inv := out.(map[string]any)["res_id"].(int64)
	b.is(t, "account.move", inv, "invoice_origin", "S00001")
	b.money(t, "account.move", inv, "amount_untaxed", 100) // the service only: the desk is not delivered
	b.is(t, "sale.order", so, "invoice_status", "no")      // nothing left that can be invoiced now
	w2, _ := ctx.Create(advanceModel, map[string]any{})
	_, err = createInvoices(ctx, []int64{w2}, nil, nil)
	wantUserError(t, err, nothingToInvoice)

	po := b.create(t, "purchase.order", map[string]any{"partner_id": b.vendor, "order_line": []any{
		[]any{0, 0, map[string]any{"product_id": b.product, "product_qty": 4.0, "price_unit": 25.0, "name": "Desk"}}}})
	b.call(t, buttonConfirm, []int64{po})
	_, err = purchaseCreateInvoice(b.env, []int64{po}, nil, nil)
	wantUserError(t, err, "There is no invoiceable line. If a product has a control policy based on received quantity, please make sure that a quantity has been received.")
	b.call(t, buttonValidate, b.get("purchase.order", po, "picking_ids").([]int64))
	out, err = purchaseCreateInvoice(b.env, []int64{po}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	bill := out.(map[string]any)["res_id"].(int64)
	b.is(t, "account.move", bill, "move_type", "in_invoice")
	b.money(t, "account.move", bill, "amount_total", 100)
	line := b.get("account.move", bill, "invoice_line_ids").([]int64)[0]
	b.is(t, "account.move.line", line, "name", "P00001: Desk")
	b.is(t, "purchase.order", po, "invoice_status", "invoiced")
}

// TestPartialDeliveryBackorder: delivering less than ordered asks for a backorder, as Odoo
// does; process() makes one, process_cancel_backorder() does not.
func TestPartialDeliveryBackorder(t *testing.T) {
	b := newBooks(t)
	so := b.saleOrder(t, [2]any{b.product, 3.0})
	b.call(t, saleActionConfirm, []int64{so})
	pick, _ := b.env.Search("stock.picking", []any{[]any{"origin", "=", "S00001"}}, "id", 0)
	move := b.get("stock.picking", pick[0], "move_ids").([]int64)[0]
	b.money(t, "stock.move", move, "quantity", 3) // reserved
	if err := b.env.Write("stock.move", []int64{move}, map[string]any{"quantity": 2.0}); err != nil {
		t.Fatal(err)
	}
	out := b.call(t, buttonValidate, pick).(map[string]any)
	if out["res_model"] != backorderModel {
		t.Fatalf("button_validate with less than the demand = %v, want the backorder wizard", out)
	}
	b.is(t, "stock.picking", pick[0], "state", "assigned")
	wenv := b.env.WithContext(out["context"].(map[string]any))
	w, err := wenv.Create(backorderModel, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	if res, err := backorderProcess(wenv, []int64{w}, nil, nil); err != nil || res != true {
		t.Fatalf("process = %v, %v", res, err)
	}
	b.is(t, "stock.picking", pick[0], "state", "done")
	lines, _ := b.env.Search("sale.order.line", []any{[]any{"order_id", "=", so}}, "id", 0)
	b.money(t, "sale.order.line", lines[0], "qty_delivered", 2)
	bo, _ := b.env.Search("stock.picking", []any{[]any{"backorder_id", "=", pick[0]}}, "id", 0)
	if len(bo) != 1 {
		t.Fatalf("backorders of %d: %v", pick[0], bo)
	}
	b.is(t, "stock.picking", bo[0], "name", "WH/OUT/00002")
	boMove := b.get("stock.picking", bo[0], "move_ids").([]int64)[0]
	b.money(t, "stock.move", boMove, "product_uom_qty", 1)

	// The last unit is short again and the customer does not want it.
	if err := b.env.Write("stock.move", []int64{boMove}, map[string]any{"quantity": 0.5}); err != nil {
		t.Fatal(err)
	}
	out = b.call(t, buttonValidate, bo).(map[string]any)
	wenv = b.env.WithContext(out["context"].(map[string]any))
	w, _ = wenv.Create(backorderModel, map[string]any{})
	if _, err := backorderCancel(wenv, []int64{w}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if more, _ := b.env.Search("stock.picking", []any{[]any{"backorder_id", "=", bo[0]}}, "id", 0); len(more) != 0 {
		t.Fatalf("process_cancel_backorder created %v", more)
	}
	b.money(t, "sale.order.line", lines[0], "qty_delivered", 2.5)
}
