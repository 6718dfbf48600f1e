package business

import (
	"testing"
)

// statementLine creates a bank statement line (amount signed: + received).
func (b *books) statementLine(t *testing.T, amount float64, partner int64, ref string) int64 {
	t.Helper()
	return b.create(t, "account.bank.statement.line", map[string]any{"journal_id": b.jrn["bank"], "date": "2026-11-25",
		"amount": amount, "payment_ref": ref, "partner_id": partner})
}

// suspenseLine is the statement line's line on the suspense account.
func (b *books) suspenseLine(t *testing.T, st int64) int64 {
	t.Helper()
	_, suspense, _, err := seekLines(b.env, st)
	if err != nil || len(suspense) != 1 {
		t.Fatalf("suspense line of statement line %d: %v %v", st, suspense, err)
	}
	return suspense[0]
}

func TestStatementLineCreatesPostedEntry(t *testing.T) {
	b := newBooks(t)
	st := b.statementLine(t, 345.0, b.azure, "INV/2026/00001 Azure")
	move := b.get("account.bank.statement.line", st, "move_id").(int64)
	b.is(t, "account.move", move, "state", "posted")
	b.is(t, "account.move", move, "name", "BNK1/2026/00001")
	b.is(t, "account.move", move, "statement_line_id", st)
	b.is(t, "account.bank.statement.line", st, "is_reconciled", false)
	b.money(t, "account.bank.statement.line", st, "amount_residual", -345)
	liquidity, suspense, other, err := seekLines(b.env, st)
	if err != nil || len(liquidity) != 1 || len(suspense) != 1 || len(other) != 0 {
		t.Fatalf("lines = %v %v %v (%v), want one liquidity and one suspense line", liquidity, suspense, other, err)
	}
	b.money(t, "account.move.line", liquidity[0], "debit", 345)
	b.is(t, "account.move.line", liquidity[0], "account_id", b.acc["bank"])
	b.money(t, "account.move.line", suspense[0], "credit", 345)
	b.is(t, "account.move.line", suspense[0], "name", "INV/2026/00001 Azure")
	if got := b.get("account.bank.statement.line", st, "line_ids").([]int64); len(got) != 2 {
		t.Fatalf("statement line_ids = %v", got)
	}

	noSuspense := b.create(t, "account.journal", map[string]any{"name": "Cash", "code": "CSH1", "type": "cash",
		"invoice_reference_type": "invoice", "invoice_reference_model": "odoo", "default_account_id": b.acc["bank"]})
	_, err = b.env.Create("account.bank.statement.line", map[string]any{"journal_id": noSuspense, "amount": 1.0, "payment_ref": "x"})
	wantUserError(t, err, "You can't create a new statement line without a suspense account set on the Cash journal.")
}

// TestStatementLineReconcilesInvoice is the Community path documented in doc.go: rewrite the
// suspense line to the receivable, then reconcile it with the invoice's receivable line.
func TestStatementLineReconcilesInvoice(t *testing.T) {
	b := newBooks(t)
	inv := b.invoice(t, "out_invoice", b.deco, false, 300)
	b.call(t, actionPost, []int64{inv})
	st := b.statementLine(t, 300, b.deco, "INV/2026/00001")
	susp := b.suspenseLine(t, st)
	if err := b.env.Write("account.move.line", []int64{susp}, map[string]any{"account_id": b.acc["receivable"], "partner_id": b.deco}); err != nil {
		t.Fatal(err)
	}
	if out := b.call(t, reconcileMethod, []int64{susp, b.termLine(t, inv)}); out != nil {
		t.Fatalf("reconcile returned %#v, want None", out)
	}
	b.is(t, "account.move", inv, "payment_state", "paid")
	b.money(t, "account.move", inv, "amount_residual", 0)
	b.is(t, "account.bank.statement.line", st, "is_reconciled", true)
	b.is(t, "account.move.line", susp, "display_type", "product") // computed once, at creation
	rec := b.termLine(t, inv)
	b.is(t, "account.move.line", rec, "reconciled", true)
	full := b.get("account.move.line", rec, "full_reconcile_id").(int64)
	if full == 0 {
		t.Fatal("no full reconcile")
	}
	b.is(t, "account.move.line", susp, "full_reconcile_id", full)
	b.is(t, "account.move.line", rec, "matching_number", "1")

	// A reconciled line is protected, and cannot be reconciled twice.
	err := b.env.Write("account.move.line", []int64{susp}, map[string]any{"account_id": b.acc["suspense"]})
	wantUserError(t, err, "You cannot do this modification on a reconciled journal entry. You can just change some non legal fields or you must unreconcile first.\nJournal Entry (id): BNK1/2026/00001 (2)")
	_, err = reconcileMethod(b.env, []int64{susp, rec}, nil, nil)
	wantUserError(t, err, "You are trying to reconcile some entries that are already reconciled.")

	// Undo: partials and the full reconcile disappear, the invoice is open again.
	if out := b.call(t, removeReconcileMethod, []int64{rec}); out != nil {
		t.Fatalf("remove_move_reconcile returned %#v", out)
	}
	b.is(t, "account.move", inv, "payment_state", "not_paid")
	b.is(t, "account.move.line", rec, "matching_number", nil)
	b.is(t, "account.move.line", rec, "full_reconcile_id", int64(0))
	if b.env.Exists("account.full.reconcile", full) {
		t.Fatal("full reconcile survived remove_move_reconcile")
	}
}

func TestPartialAndGroupedStatementLine(t *testing.T) {
	b := newBooks(t)
	inv1 := b.invoice(t, "out_invoice", b.deco, false, 600)
	inv2 := b.invoice(t, "out_invoice", b.deco, false, 400)
	b.call(t, actionPost, []int64{inv1, inv2})

	// Partial: 250 paid on the 600 invoice.
	st := b.statementLine(t, 250, b.deco, "part of INV/2026/00001")
	susp := b.suspenseLine(t, st)
	if err := b.env.Write("account.move.line", []int64{susp}, map[string]any{"account_id": b.acc["receivable"]}); err != nil {
		t.Fatal(err)
	}
	b.call(t, reconcileMethod, []int64{susp, b.termLine(t, inv1)})
	b.is(t, "account.move", inv1, "payment_state", "partial")
	b.money(t, "account.move", inv1, "amount_residual", 350)
	b.is(t, "account.move.line", b.termLine(t, inv1), "matching_number", "P1")
	b.is(t, "account.move.line", b.termLine(t, inv1), "reconciled", false)

	// Grouped: one bank line of 745 pays the rest of both invoices, minus a 5.00 bank fee.
	st2 := b.statementLine(t, 745, b.deco, "INV 1 + 2")
	move := b.get("account.bank.statement.line", st2, "move_id").(int64)
	susp2 := b.suspenseLine(t, st2)
	b.call(t, buttonDraft, []int64{move})
	err := b.env.Write("account.move", []int64{move}, map[string]any{"line_ids": []any{
		[]any{1, susp2, map[string]any{"account_id": b.acc["receivable"], "credit": 350.0, "name": "INV/2026/00001"}},
		[]any{0, 0, map[string]any{"account_id": b.acc["receivable"], "partner_id": b.deco, "credit": 400.0, "name": "INV/2026/00002"}},
		[]any{0, 0, map[string]any{"account_id": b.acc["fees"], "debit": 5.0, "name": "Bank fee"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	b.call(t, actionPost, []int64{move})
	lines, _ := b.env.Search("account.move.line", []any{[]any{"move_id", "=", move}, []any{"account_id", "=", b.acc["receivable"]}}, "id", 0)
	if len(lines) != 2 {
		t.Fatalf("receivable lines of the bank entry: %v", lines)
	}
	b.call(t, reconcileMethod, []int64{lines[0], b.termLine(t, inv1)})
	b.call(t, reconcileMethod, []int64{lines[1], b.termLine(t, inv2)})
	for _, inv := range []int64{inv1, inv2} {
		b.is(t, "account.move", inv, "payment_state", "paid")
		b.money(t, "account.move", inv, "amount_residual", 0)
	}
	b.is(t, "account.bank.statement.line", st2, "is_reconciled", true)
	b.money(t, "account.bank.statement.line", st2, "amount", 745)
	// inv1 is settled by two bank lines: one full reconcile over the three lines.
	full := b.get("account.move.line", b.termLine(t, inv1), "full_reconcile_id").(int64)
	b.is(t, "account.move.line", susp, "full_reconcile_id", full)
	b.is(t, "account.move.line", lines[0], "full_reconcile_id", full)
}

func TestReconcileRefusals(t *testing.T) {
	b := newBooks(t)
	inv := b.invoice(t, "out_invoice", b.deco, false, 100)
	draft := b.invoice(t, "out_invoice", b.deco, false, 100)
	b.call(t, actionPost, []int64{inv})
	bill := b.invoice(t, "in_invoice", b.vendor, false, 100)
	b.call(t, actionPost, []int64{bill})

	_, err := reconcileMethod(b.env, []int64{b.termLine(t, inv), b.termLine(t, draft)}, nil, nil)
	wantUserError(t, err, "You can only reconcile posted entries.")
	_, err = reconcileMethod(b.env, []int64{b.termLine(t, inv), b.termLine(t, bill)}, nil, nil)
	wantUserError(t, err, "Entries are not from the same account: 121000 Account Receivable, 211000 Account Payable")
	product := b.get("account.move", inv, "invoice_line_ids").([]int64)[0]
	_, err = reconcileMethod(b.env, []int64{product}, nil, nil)
	wantUserError(t, err, "Account 400000 Product Sales does not allow reconciliation. First change the configuration of this account to allow it.")
}

func TestStatementLineEditUndoAndDelete(t *testing.T) {
	b := newBooks(t)
	inv := b.invoice(t, "out_invoice", b.deco, false, 90)
	b.call(t, actionPost, []int64{inv})
	st := b.statementLine(t, 100, 0, "unknown")
	// Fixing the amount and partner on the statement line rewrites its entry.
	if err := b.env.Write("account.bank.statement.line", []int64{st}, map[string]any{"amount": 90.0, "partner_id": b.deco}); err != nil {
		t.Fatal(err)
	}
	ids, err := b.env.Search("account.move.line", []any{[]any{"statement_line_id", "=", st}, []any{"account_id", "=", b.acc["suspense"]}}, "id", 0)
	if err != nil || len(ids) != 1 {
		t.Fatalf("suspense line by statement_line_id: %v %v", ids, err)
	}
	susp := ids[0]
	b.money(t, "account.move.line", susp, "credit", 90)
	b.is(t, "account.move.line", susp, "partner_id", b.deco)
	b.money(t, "account.bank.statement.line", st, "amount_residual", -90)

	if err := b.env.Write("account.move.line", []int64{susp}, map[string]any{"account_id": b.acc["receivable"]}); err != nil {
		t.Fatal(err)
	}
	b.call(t, reconcileMethod, []int64{susp, b.termLine(t, inv)})
	b.is(t, "account.move", inv, "payment_state", "paid")
	// A reconciled entry cannot be rewritten from the statement line.
	err = b.env.Write("account.bank.statement.line", []int64{st}, map[string]any{"amount": 91.0})
	if err == nil {
		t.Fatal("rewriting a reconciled statement line was accepted")
	}
	if out := b.call(t, undoReconciliation, []int64{st}); out != nil {
		t.Fatalf("action_undo_reconciliation returned %#v", out)
	}
	b.is(t, "account.move", inv, "payment_state", "not_paid")
	b.is(t, "account.bank.statement.line", st, "is_reconciled", false)
	b.money(t, "account.bank.statement.line", st, "amount", 90)

	move := b.get("account.bank.statement.line", st, "move_id").(int64)
	if err := b.env.Unlink("account.bank.statement.line", []int64{st}); err != nil {
		t.Fatal(err)
	}
	if b.env.Exists("account.move", move) {
		t.Fatal("the statement line's entry survived its deletion")
	}
}

func TestSecondCompanyDocuments(t *testing.T) {
	b := newBooks(t)
	cp := b.create(t, "res.partner", map[string]any{"name": "Branch BV", "is_company": true})
	co := b.create(t, "res.company", map[string]any{"name": "Branch BV", "partner_id": cp, "currency_id": int64(1),
		"fiscalyear_last_day": int64(31), "fiscalyear_last_month": "12", "layout_background": "Blank",
		"account_opening_date": "2026-01-01", "account_price_include": "tax_excluded", "po_lead": 0.0, "security_lead": 0.0})
	sale := b.create(t, "account.journal", map[string]any{"name": "Branch Invoices", "code": "BINV", "type": "sale", "company_id": co,
		"invoice_reference_type": "invoice", "invoice_reference_model": "odoo", "default_account_id": b.acc["income"]})
	env := b.env.WithContext(map[string]any{"allowed_company_ids": []any{co}})
	inv, err := env.Create("account.move", map[string]any{"move_type": "out_invoice", "partner_id": b.deco, "invoice_date": "2026-11-24",
		"invoice_line_ids": []any{[]any{0, 0, map[string]any{"name": "x", "price_unit": 10.0}}}})
	if err != nil {
		t.Fatal(err)
	}
	b.is(t, "account.move", inv, "journal_id", sale)
	b.is(t, "account.move", inv, "company_id", co)
	other := b.invoice(t, "out_invoice", b.deco, false, 10)
	b.call(t, actionPost, []int64{inv, other})
	b.is(t, "account.move", inv, "name", "BINV/2026/00001")
	_, err = reconcileMethod(b.env, []int64{b.termLine(t, inv), b.termLine(t, other)}, nil, nil)
	wantUserError(t, err, "Entries don't belong to the same company: Branch BV, My Company")
}

func TestCreditNoteReversesInvoice(t *testing.T) {
	b := newBooks(t)
	inv := b.invoice(t, "out_invoice", b.deco, false, 80)
	refund := b.invoice(t, "out_refund", b.deco, false, 80)
	b.call(t, actionPost, []int64{inv, refund})
	b.call(t, reconcileMethod, []int64{b.termLine(t, inv), b.termLine(t, refund)})
	b.is(t, "account.move", inv, "payment_state", "reversed")
	b.is(t, "account.move", refund, "payment_state", "paid")
}

func TestReversalWizard(t *testing.T) {
	b := newBooks(t)
	// Month-end accrual reversed on the first of next month: posted at once, matched.
	accrual := b.create(t, "account.move", map[string]any{"move_type": "entry", "date": "2026-10-31", "line_ids": []any{
		[]any{0, 0, map[string]any{"account_id": b.acc["expense"], "debit": 120.0, "name": "Accrued rent"}},
		[]any{0, 0, map[string]any{"account_id": b.acc["payments"], "credit": 120.0, "name": "Accrued rent"}}}})
	b.call(t, actionPost, []int64{accrual})
	env := b.env.WithContext(map[string]any{"active_model": "account.move", "active_ids": []any{accrual}})
	w, err := env.Create(reversalModel, map[string]any{"date": "2026-11-01", "reason": "accrual reversal"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := refundMoves(env, []int64{w}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rev := out.(map[string]any)["res_id"].(int64)
	b.is(t, "account.move", rev, "state", "posted")
	b.is(t, "account.move", rev, "reversed_entry_id", accrual)
	b.is(t, "account.move", rev, "ref", "Reversal of: MISC/2026/10/0001, accrual reversal")
	b.is(t, "account.move", rev, "date", "2026-11-01")
	lines := b.get("account.move", rev, "line_ids").([]int64)
	b.money(t, "account.move.line", lines[0], "credit", 120)
	b.is(t, "account.move.line", lines[1], "reconciled", true) // the reconcilable side is matched

	// An invoice's credit note is a draft; posting it reverses the invoice.
	inv := b.invoice(t, "out_invoice", b.deco, true, 100)
	b.call(t, actionPost, []int64{inv})
	env = b.env.WithContext(map[string]any{"active_model": "account.move", "active_ids": []any{inv}})
	w, err = env.Create(reversalModel, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	out, err = refundMoves(env, []int64{w}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cn := out.(map[string]any)["res_id"].(int64)
	b.is(t, "account.move", cn, "state", "draft")
	b.is(t, "account.move", cn, "move_type", "out_refund")
	b.money(t, "account.move", cn, "amount_total", 115)
	b.call(t, actionPost, []int64{cn})
	b.is(t, "account.move", cn, "name", "RINV/2026/00001")
	b.is(t, "account.move", inv, "payment_state", "reversed")

	draft := b.invoice(t, "out_invoice", b.deco, false, 5)
	_, err = b.env.WithContext(map[string]any{"active_model": "account.move", "active_ids": []any{draft}}).Create(reversalModel, map[string]any{})
	wantUserError(t, err, "You can only reverse posted moves.")
}
