package business

import (
	"reflect"
	"testing"
)

// registerPayment runs the register wizard on the invoices like the UI button does.
func (b *books) registerPayment(t *testing.T, vals map[string]any, invoices ...int64) any {
	t.Helper()
	env := b.env.WithContext(map[string]any{"active_model": "account.move", "active_ids": anyIDs(invoices)})
	w, err := env.Create("account.payment.register", vals)
	if err != nil {
		t.Fatalf("create register wizard: %v", err)
	}
	out, err := actionCreatePayments(env, []int64{w}, nil, nil)
	if err != nil {
		t.Fatalf("action_create_payments: %v", err)
	}
	return out
}

func TestRegisterPaymentPaysInvoice(t *testing.T) {
	b := newBooks(t)
	inv := b.invoice(t, "out_invoice", b.azure, true, 200)
	b.call(t, actionPost, []int64{inv})
	out := b.registerPayment(t, nil, inv)
	action, ok := out.(map[string]any)
	if !ok || action["res_model"] != "account.payment" || action["view_mode"] != "form" {
		t.Fatalf("action_create_payments returned %#v", out)
	}
	pay := action["res_id"].(int64)
	b.money(t, "account.payment", pay, "amount", 230)
	b.is(t, "account.payment", pay, "memo", "INV/2026/00001")
	b.is(t, "account.payment", pay, "payment_type", "inbound")
	b.is(t, "account.payment", pay, "partner_type", "customer")
	b.is(t, "account.payment", pay, "journal_id", b.jrn["bank"])
	b.is(t, "account.payment", pay, "outstanding_account_id", b.acc["receipts"])
	move := b.get("account.payment", pay, "move_id").(int64)
	b.is(t, "account.move", move, "state", "posted")
	b.is(t, "account.move", move, "name", "PBNK1/2026/00001")
	b.is(t, "account.move", move, "origin_payment_id", pay)
	b.is(t, "account.payment", pay, "name", "PBNK1/2026/00001")
	_, counterpart, _, _ := paymentLines(b.env, pay)
	b.is(t, "account.move.line", counterpart[0], "display_type", "payment_term")
	// Community: paid as soon as reconciled with a payment (in_payment needs Enterprise).
	b.is(t, "account.move", inv, "payment_state", "paid")
	b.is(t, "account.payment", pay, "state", "paid")
	b.is(t, "account.payment", pay, "is_reconciled", true)
	b.is(t, "account.payment", pay, "is_matched", false)
	if got := b.get("account.payment", pay, "reconciled_invoice_ids"); !reflect.DeepEqual(got, []int64{inv}) {
		t.Fatalf("reconciled_invoice_ids = %v", got)
	}

	// The bank line later matches the payment's outstanding line: the payment is matched.
	st := b.statementLine(t, 230, b.azure, "PBNK1/2026/00001")
	susp := b.suspenseLine(t, st)
	if err := b.env.Write("account.move.line", []int64{susp}, map[string]any{"account_id": b.acc["receipts"]}); err != nil {
		t.Fatal(err)
	}
	liquidity, _, _, _ := paymentLines(b.env, pay)
	b.call(t, reconcileMethod, []int64{susp, liquidity[0]})
	b.is(t, "account.payment", pay, "is_matched", true)
	b.is(t, "account.bank.statement.line", st, "is_reconciled", true)

	// Deleting the payment deletes its entry and reopens the invoice.
	if err := b.env.Unlink("account.payment", []int64{pay}); err != nil {
		t.Fatal(err)
	}
	if b.env.Exists("account.move", move) {
		t.Fatal("the payment's entry survived the payment")
	}
	b.is(t, "account.move", inv, "payment_state", "not_paid")
}

func TestRegisterPartialAndWriteOff(t *testing.T) {
	b := newBooks(t)
	inv := b.invoice(t, "out_invoice", b.deco, false, 100)
	b.call(t, actionPost, []int64{inv})
	b.money(t, "res.partner", b.deco, "credit", 100)
	b.registerPayment(t, map[string]any{"amount": 40.0}, inv)
	b.is(t, "account.move", inv, "payment_state", "partial")
	b.money(t, "res.partner", b.deco, "credit", 60)
	b.money(t, "account.move", inv, "amount_residual", 60)

	// 58 settles the remaining 60 with a 2.00 write-off to bank fees.
	b.registerPayment(t, map[string]any{"amount": 58.0, "payment_difference_handling": "reconcile",
		"writeoff_account_id": b.acc["fees"], "writeoff_label": "Discount"}, inv)
	b.is(t, "account.move", inv, "payment_state", "paid")
	fees, _ := b.env.Search("account.move.line", []any{[]any{"account_id", "=", b.acc["fees"]}}, "id", 0)
	if len(fees) != 1 {
		t.Fatalf("write-off lines %v", fees)
	}
	b.money(t, "account.move.line", fees[0], "debit", 2)
	b.is(t, "account.move.line", fees[0], "name", "Discount")
}

func TestRegisterGroupsPerInvoiceAndVendorBills(t *testing.T) {
	b := newBooks(t)
	i1 := b.invoice(t, "out_invoice", b.deco, false, 10)
	i2 := b.invoice(t, "out_invoice", b.deco, false, 20)
	b.call(t, actionPost, []int64{i1, i2})
	out := b.registerPayment(t, nil, i1, i2).(map[string]any)
	if out["view_mode"] != "list,form" {
		t.Fatalf("two invoices without group_payment should give two payments: %#v", out)
	}
	i3 := b.invoice(t, "out_invoice", b.deco, false, 5)
	i4 := b.invoice(t, "out_invoice", b.deco, false, 6)
	b.call(t, actionPost, []int64{i3, i4})
	grouped := b.registerPayment(t, map[string]any{"group_payment": true}, i3, i4).(map[string]any)
	b.money(t, "account.payment", grouped["res_id"].(int64), "amount", 11)
	b.is(t, "account.payment", grouped["res_id"].(int64), "memo", "BATCH/2026/00001")
	for _, inv := range []int64{i1, i2, i3, i4} {
		b.is(t, "account.move", inv, "payment_state", "paid")
	}

	bill := b.invoice(t, "in_invoice", b.vendor, false, 70)
	b.call(t, actionPost, []int64{bill})
	pay := b.registerPayment(t, nil, bill).(map[string]any)["res_id"].(int64)
	b.is(t, "account.payment", pay, "payment_type", "outbound")
	b.is(t, "account.payment", pay, "partner_type", "supplier")
	b.is(t, "account.payment", pay, "outstanding_account_id", b.acc["payments"])
	b.is(t, "account.move", bill, "payment_state", "paid")

	env := b.env.WithContext(map[string]any{"active_model": "account.move", "active_ids": []any{bill}})
	_, err := env.Create("account.payment.register", map[string]any{})
	wantUserError(t, err, "You can't register a payment because there is nothing left to pay on the selected journal items.")
}

func TestManualPaymentLifecycle(t *testing.T) {
	b := newBooks(t)
	pay := b.create(t, "account.payment", map[string]any{"partner_id": b.deco, "amount": 50.0, "payment_type": "inbound", "partner_type": "customer"})
	b.is(t, "account.payment", pay, "state", "draft")
	b.is(t, "account.payment", pay, "move_id", int64(0))
	if out := b.call(t, paymentActionPost, []int64{pay}); out != nil {
		t.Fatalf("action_post returned %#v", out)
	}
	b.is(t, "account.payment", pay, "state", "in_process")
	move := b.get("account.payment", pay, "move_id").(int64)
	b.is(t, "account.move", move, "state", "posted")
	b.money(t, "account.move", move, "amount_total", 50)
	b.call(t, paymentActionDraft, []int64{pay})
	b.is(t, "account.move", move, "state", "draft")
	b.is(t, "account.payment", pay, "state", "draft")
	// Posting the entry again posts the payment again, keeping its number.
	b.call(t, actionPost, []int64{move})
	b.is(t, "account.payment", pay, "state", "in_process")
	b.is(t, "account.move", move, "state", "posted")
	b.is(t, "account.move", move, "name", "PBNK1/2026/00001")
	b.call(t, paymentActionDraft, []int64{pay})
	b.call(t, paymentActionCancel, []int64{pay})
	b.is(t, "account.payment", pay, "state", "canceled")
	if b.env.Exists("account.move", move) {
		t.Fatal("cancelling a payment with a draft entry should delete the entry")
	}
}

// TestOutstandingPaymentAssigned: a payment received before its invoice sits as an
// outstanding credit; the invoice's js_assign_outstanding_line matches it. The invoice's
// action_register_payment action opens the wizard on its journal items.
func TestOutstandingPaymentAssigned(t *testing.T) {
	b := newBooks(t)
	pay := b.create(t, "account.payment", map[string]any{"partner_id": b.deco, "amount": 70.0})
	b.call(t, paymentActionPost, []int64{pay})
	_, counterpart, _, _ := paymentLines(b.env, pay)
	inv := b.invoice(t, "out_invoice", b.deco, false, 100)
	b.call(t, actionPost, []int64{inv})
	if _, err := jsAssignOutstandingLine(b.env, []int64{inv}, []any{counterpart[0]}, nil); err != nil {
		t.Fatal(err)
	}
	b.is(t, "account.move", inv, "payment_state", "partial")
	b.money(t, "account.move", inv, "amount_residual", 30)

	act, err := actionRegisterPayment(b.env, []int64{inv}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	env := b.env.WithContext(act.(map[string]any)["context"].(map[string]any))
	w, err := env.Create("account.payment.register", map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	b.money(t, "account.payment.register", w, "amount", 30)
	if _, err := actionCreatePayments(env, []int64{w}, nil, nil); err != nil {
		t.Fatal(err)
	}
	b.is(t, "account.move", inv, "payment_state", "paid")
	_, err = actionRegisterPayment(b.env, []int64{inv}, nil, nil)
	wantUserError(t, err, "You can only register payments for (partially) unpaid documents.")
}
