package business

import (
	"fmt"
	"reflect"
	"testing"
)

// TestInvoiceLikeCapture replays the 18.0 write cycle of the reference captures
// (writes/invoice.01..09): 2 x 150 without tax for Azure Interior on 2026-11-24.
func TestInvoiceLikeCapture(t *testing.T) {
	b := newBooks(t)
	inv := b.create(t, "account.move", map[string]any{"move_type": "out_invoice", "partner_id": b.azure, "invoice_date": "2026-11-24",
		"invoice_line_ids": []any{[]any{0, 0, map[string]any{"name": "Reference capture service", "quantity": 2, "price_unit": 150.0}}}})
	recs, err := b.env.Read("account.move", []int64{inv}, []string{"name", "state", "amount_untaxed", "amount_tax", "amount_total",
		"amount_residual", "payment_state", "invoice_date_due", "journal_id", "invoice_line_ids", "line_ids", "posted_before"})
	if err != nil {
		t.Fatal(err)
	}
	r := recs[0]
	want := map[string]any{"name": "/", "state": "draft", "payment_state": "not_paid", "invoice_date_due": "2026-12-31", "posted_before": false}
	for k, v := range want {
		if r[k] != v {
			t.Errorf("%s = %#v, want %#v", k, r[k], v)
		}
	}
	for _, f := range []string{"amount_untaxed", "amount_total", "amount_residual"} {
		b.money(t, "account.move", inv, f, 300)
	}
	b.money(t, "account.move", inv, "amount_tax", 0)
	if j := r["journal_id"].([]any); j[0] != b.jrn["sale"] {
		t.Errorf("journal_id = %v, want the sale journal %d", j, b.jrn["sale"])
	}
	lines := b.get("account.move", inv, "line_ids").([]int64)
	products := b.get("account.move", inv, "invoice_line_ids").([]int64)
	if len(lines) != 2 || len(products) != 1 || products[0] != lines[0] {
		t.Fatalf("line_ids %v / invoice_line_ids %v, want 2 lines of which the first is the product line", lines, products)
	}
	b.money(t, "account.move.line", lines[0], "credit", 300)
	b.money(t, "account.move.line", lines[0], "balance", -300)
	b.money(t, "account.move.line", lines[0], "price_subtotal", 300)
	b.is(t, "account.move.line", lines[1], "display_type", "payment_term")
	b.is(t, "account.move.line", lines[1], "account_id", b.acc["receivable"])
	b.is(t, "account.move.line", lines[1], "name", "")
	b.is(t, "account.move.line", lines[1], "date_maturity", "2026-12-31")
	b.money(t, "account.move.line", lines[1], "debit", 300)
	b.money(t, "account.move.line", lines[1], "quantity", 0)

	if out := b.call(t, actionPost, []int64{inv}); out != false {
		t.Fatalf("action_post returned %#v, want false", out)
	}
	b.is(t, "account.move", inv, "name", "INV/2026/00001")
	b.is(t, "account.move", inv, "state", "posted")
	b.is(t, "account.move", inv, "posted_before", true)
	b.is(t, "account.move.line", lines[1], "parent_state", "posted")
	b.is(t, "account.move.line", lines[1], "move_name", "INV/2026/00001")
	b.is(t, "account.move", inv, "payment_reference", "INV/2026/00001")
	b.is(t, "account.move.line", lines[1], "name", "INV/2026/00001")
	b.is(t, "res.partner", b.azure, "customer_rank", int64(1))

	_, err = actionPost(b.env, []int64{inv}, nil, nil)
	wantUserError(t, err, "The entry INV/2026/00001 (id 1) must be in draft.")

	err = b.env.Unlink("account.move", []int64{inv})
	wantUserError(t, err, "You can't delete a posted journal item. Don’t play games with your accounting records; reset the journal entry to draft before deleting it.")

	if out := b.call(t, buttonDraft, []int64{inv}); out != nil {
		t.Fatalf("button_draft returned %#v, want None", out)
	}
	b.is(t, "account.move", inv, "state", "draft")
	b.is(t, "account.move", inv, "name", "INV/2026/00001")
	if err := b.env.Unlink("account.move", []int64{inv}); err != nil {
		t.Fatalf("unlink a draft invoice: %v", err)
	}
	if b.env.Exists("account.move", inv) {
		t.Fatal("invoice still exists after unlink")
	}
}

func TestInvoiceTaxesAndRefundSequence(t *testing.T) {
	b := newBooks(t)
	inv := b.invoice(t, "out_invoice", b.deco, true, 100, 33.33)
	b.money(t, "account.move", inv, "amount_untaxed", 133.33)
	b.money(t, "account.move", inv, "amount_tax", 20.0) // 15.00 + 5.00 (4.9995 rounded per line)
	b.money(t, "account.move", inv, "amount_total", 153.33)
	taxLines, _ := b.env.Search("account.move.line", []any{[]any{"move_id", "=", inv}, []any{"display_type", "=", "tax"}}, "id", 0)
	if len(taxLines) != 1 {
		t.Fatalf("tax lines %v, want one for the 15%% tax", taxLines)
	}
	b.is(t, "account.move.line", taxLines[0], "tax_line_id", b.tax)
	b.is(t, "account.move.line", taxLines[0], "account_id", b.acc["tax"])
	b.money(t, "account.move.line", taxLines[0], "credit", 20)
	b.is(t, "account.move", inv, "invoice_date_due", "2026-11-24") // no payment term: due on the invoice date

	// Changing a line on the draft recomputes the tax and receivable lines.
	line := b.get("account.move", inv, "invoice_line_ids").([]int64)[1]
	if err := b.env.Write("account.move", []int64{inv}, map[string]any{"invoice_line_ids": []any{[]any{1, line, map[string]any{"price_unit": 200.0}}}}); err != nil {
		t.Fatal(err)
	}
	b.money(t, "account.move", inv, "amount_total", 345)
	b.money(t, "account.move.line", b.termLine(t, inv), "debit", 345)

	refund := b.invoice(t, "out_refund", b.deco, false, 50)
	b.call(t, actionPost, []int64{refund})
	b.is(t, "account.move", refund, "name", "RINV/2026/00001")
	b.money(t, "account.move", refund, "amount_total_signed", -50)
	b.money(t, "account.move.line", b.termLine(t, refund), "credit", 50)

	bill := b.invoice(t, "in_invoice", b.vendor, false, 80)
	b.call(t, actionPost, []int64{bill})
	b.is(t, "account.move", bill, "name", "BILL/2026/11/0001")
	b.is(t, "account.move.line", b.termLine(t, bill), "account_id", b.acc["payable"])
	b.money(t, "account.move", bill, "amount_residual_signed", -80)
	b.is(t, "res.partner", b.vendor, "supplier_rank", int64(1))
	b.money(t, "res.partner", b.vendor, "debit", 80)
}

func TestPostRefusals(t *testing.T) {
	b := newBooks(t)
	noPartner := b.create(t, "account.move", map[string]any{"move_type": "out_invoice",
		"invoice_line_ids": []any{[]any{0, 0, map[string]any{"name": "x", "price_unit": 10.0}}}})
	_, err := actionPost(b.env, []int64{noPartner}, nil, nil)
	wantUserError(t, err, "The field 'Customer' is required, please complete it to validate the Customer Invoice.")

	empty := b.create(t, "account.move", map[string]any{"move_type": "entry"})
	_, err = actionPost(b.env, []int64{empty}, nil, nil)
	wantUserError(t, err, "You need to add a line before posting.")

	_, err = b.env.Create("account.move", map[string]any{"move_type": "entry", "line_ids": []any{
		[]any{0, 0, map[string]any{"account_id": b.acc["expense"], "debit": 10.0}},
		[]any{0, 0, map[string]any{"account_id": b.acc["bank"], "credit": 9.0}}}})
	wantUserError(t, err, "An error has occurred.\n\nThe move (Draft Entry (* 3)) is not balanced.\nThe total of debits equals $\u00a010.00 and the total of credits equals $\u00a09.00.\nYou might want to specify a default account on journal \"Miscellaneous Operations\" to automatically balance each move.")

	_, err = buttonDraft(b.env, []int64{empty}, nil, nil)
	wantUserError(t, err, "Only posted/cancelled journal entries can be reset to draft.")

	entry := b.create(t, "account.move", map[string]any{"move_type": "entry", "line_ids": []any{
		[]any{0, 0, map[string]any{"account_id": b.acc["expense"], "debit": 10.0}},
		[]any{0, 0, map[string]any{"account_id": b.acc["bank"], "credit": 10.0}}}})
	b.call(t, actionPost, []int64{entry})
	b.is(t, "account.move", entry, "name", "MISC/2026/11/0001")
	first := b.get("account.move", entry, "line_ids").([]int64)[0]
	err = b.env.Write("account.move.line", []int64{first}, map[string]any{"debit": 12.0})
	wantUserError(t, err, "An error has occurred.\n\nThe move (MISC/2026/11/0001) is not balanced.\nThe total of debits equals $\u00a012.00 and the total of credits equals $\u00a010.00.\nYou might want to specify a default account on journal \"Miscellaneous Operations\" to automatically balance each move.")
	b.money(t, "account.move.line", first, "debit", 10) // rolled back
	b.money(t, "account.move", entry, "amount_total", 10)
	if out := b.call(t, buttonCancel, []int64{entry}); out != nil {
		t.Fatalf("button_cancel returned %#v", out)
	}
	b.is(t, "account.move", entry, "state", "cancel")

	msg, err := messagePost("account.move")(b.env, []int64{entry}, nil, map[string]any{"body": "<p>checked</p>", "body_is_html": true})
	if err != nil {
		t.Fatal(err)
	}
	if got := b.get("account.move", entry, "message_ids"); !reflect.DeepEqual(got, []int64{msg.(int64)}) {
		t.Fatalf("message_ids = %v, want [%v]", got, msg)
	}
	b.is(t, "mail.message", msg.(int64), "body", "<p>checked</p>")
}

// TestVersion19DraftName: on 19 a draft invoice's name is false (the 19.0 capture) and its
// receivable line's label false too.
func TestVersion19DraftName(t *testing.T) {
	b := newBooksVersion(t, 19)
	inv := b.invoice(t, "out_invoice", b.azure, false, 150)
	b.is(t, "account.move", inv, "name", nil)
	b.is(t, "account.move.line", b.termLine(t, inv), "name", nil)
	b.call(t, actionPost, []int64{inv})
	b.is(t, "account.move", inv, "name", "INV/2026/00001")
	b.registerPayment(t, nil, inv)
	b.is(t, "account.move", inv, "payment_state", "paid")
}

// TestCoreCycleEveryVersion: invoice, bank line reconciliation and payment wizard work on
// every simulated version (field names differ across 17, 18 and 19).
func TestCoreCycleEveryVersion(t *testing.T) {
	for _, v := range []int{17, 18, 19} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			b := newBooksVersion(t, v)
			inv := b.invoice(t, "out_invoice", b.deco, true, 100)
			b.call(t, actionPost, []int64{inv})
			st := b.statementLine(t, 50, b.deco, "part")
			susp := b.suspenseLine(t, st)
			if err := b.env.Write("account.move.line", []int64{susp}, map[string]any{"account_id": b.acc["receivable"]}); err != nil {
				t.Fatal(err)
			}
			b.call(t, reconcileMethod, []int64{susp, b.termLine(t, inv)})
			b.is(t, "account.move", inv, "payment_state", "partial")
			b.registerPayment(t, nil, inv)
			b.is(t, "account.move", inv, "payment_state", "paid")
			b.money(t, "account.move", inv, "amount_residual", 0)
		})
	}
}
