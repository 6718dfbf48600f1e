package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// Payments follow Odoo 18 Community: a draft payment has no journal entry; action_post
// moves it to "in_process", which generates and posts an entry on the outstanding
// receipts/payments account against the partner's receivable/payable; it becomes "paid"
// when all its invoices are paid.

// onPaymentCreate fills what Odoo computes on a new payment: journal, currency,
// outstanding and destination accounts.
func onPaymentCreate(env *odoosim.Env, id int64) error {
	if internal(env) {
		return nil
	}
	return completePayment(env, id)
}

func completePayment(env *odoosim.Env, id int64) error {
	p := at(env, "account.payment", id)
	vals := map[string]any{}
	journal := p.m2o("journal_id")
	if journal <= 0 {
		j, err := liquidityJournal(env, currentCompany(env))
		if err != nil {
			return err
		}
		journal, vals["journal_id"] = j, j
	}
	if c := at(env, "account.journal", journal).m2o("company_id"); c != 0 && c != p.m2o("company_id") {
		vals["company_id"] = c
	}
	if p.m2o("currency_id") == 0 {
		cur := at(env, "account.journal", journal).m2o("currency_id")
		if cur == 0 {
			cur = at(env, "res.company", max(at(env, "account.journal", journal).m2o("company_id"), 1)).m2o("currency_id")
		}
		vals["currency_id"] = cur
	}
	if p.m2o("outstanding_account_id") == 0 {
		acc, err := outstandingAccount(env, p.str("payment_type"), p.m2o("payment_method_line_id"))
		if err != nil {
			return err
		}
		vals["outstanding_account_id"] = acc
	}
	if p.m2o("destination_account_id") == 0 {
		acc, err := partnerAccount(env, p.m2o("partner_id"), p.str("partner_type") != "supplier")
		if err != nil {
			return err
		}
		vals["destination_account_id"] = acc
	}
	if len(vals) == 0 {
		return nil
	}
	return quiet(env).Write("account.payment", []int64{id}, vals)
}

func paymentCompany(env *odoosim.Env, id int64) int64 {
	if c := at(env, "account.payment", id).m2o("company_id"); c != 0 {
		return c
	}
	return 1
}

// liquidityJournal is the default payment journal: the first bank, cash or credit journal.
func liquidityJournal(env *odoosim.Env, company int64) (int64, error) {
	domain := []any{leaf("type", "in", []any{"bank", "cash", "credit"})}
	if company != 0 {
		domain = append(domain, leaf("company_id", "=", company))
	}
	ids, err := env.Search("account.journal", domain, "", 1)
	if err != nil {
		return 0, fmt.Errorf("find a bank journal: %w", err)
	}
	if len(ids) == 0 {
		return 0, odoosim.UserError("No journal could be found in company %s for any of those types: bank, cash, credit",
			at(env, "res.company", max(company, 1)).name())
	}
	return ids[0], nil
}

// outstandingAccount is the payment method line's account, else the chart's "Outstanding
// Receipts"/"Outstanding Payments" account (what Odoo finds through the chart template's
// xml ids), else the company's transfer account.
func outstandingAccount(env *odoosim.Env, paymentType string, methodLine int64) (int64, error) {
	if methodLine != 0 {
		if acc := at(env, "account.payment.method.line", methodLine).m2o("payment_account_id"); acc != 0 {
			return acc, nil
		}
	}
	name := "Outstanding Receipts"
	if paymentType == "outbound" {
		name = "Outstanding Payments"
	}
	ids, err := env.Search("account.account", []any{leaf("name", "=", name)}, "", 1)
	if err != nil {
		return 0, fmt.Errorf("find the %s account: %w", name, err)
	}
	if len(ids) > 0 {
		return ids[0], nil
	}
	if acc := at(env, "res.company", 1).m2o("transfer_account_id"); acc != 0 {
		return acc, nil
	}
	return 0, odoosim.UserError("No outstanding account could be found to make the payment")
}

// paymentActionPost is account.payment.action_post: draft/in_process payments go to
// in_process, generating and posting their entry. Returns None.
func paymentActionPost(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.payment", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if s := at(env, "account.payment", id).str("state"); s != "draft" && s != "in_process" && s != "" {
			continue
		}
		if m := at(env, "account.payment", id).m2o("move_id"); m != 0 && at(env, "account.move", m).str("state") == "draft" {
			if err := repostPayments(env, []int64{id}); err != nil {
				return nil, err
			}
			continue
		}
		if err := env.Write("account.payment", []int64{id}, map[string]any{"state": "in_process"}); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// onPaymentWrite: writing state "in_process" on a payment without entry generates it, as
// account.payment.write does in Odoo 18.
func onPaymentWrite(env *odoosim.Env, ids []int64, vals map[string]any) error {
	if internal(env) || vals["state"] != "in_process" {
		return nil
	}
	for _, id := range ids {
		if at(env, "account.payment", id).m2o("move_id") != 0 {
			continue
		}
		if _, err := generatePaymentEntry(env, id, nil); err != nil {
			return fmt.Errorf("generate the entry of payment %d: %w", id, err)
		}
	}
	return nil
}

// writeOff is an extra line of a payment's entry (the register wizard's write-off).
type writeOff struct {
	Account int64
	Label   string
	Balance int64 // minor units, signed like the line
}

// generatePaymentEntry is _generate_journal_entry + posting: liquidity line on the
// outstanding account, counterpart on the destination account, optional write-off.
func generatePaymentEntry(env *odoosim.Env, id int64, wo *writeOff) (int64, error) {
	if err := completePayment(env, id); err != nil {
		return 0, err
	}
	p := at(env, "account.payment", id)
	company := paymentCompany(env, id)
	dec := companyDecimals(env, company)
	amount := minor(p.f64("amount"), dec)
	liquidity := amount
	if p.str("payment_type") == "outbound" {
		liquidity = -amount
	}
	counterpart := -liquidity
	if wo != nil {
		counterpart -= wo.Balance
	}
	label := paymentLabel(env, id)
	date := p.str("date")
	if date == "" {
		date = today(env).Format(dateLayout)
	}
	line := func(account, bal int64, name any) []any {
		v := balanceVals(bal, dec)
		v["account_id"], v["partner_id"], v["name"], v["date_maturity"] = account, p.m2o("partner_id"), name, date
		return []any{int64(0), int64(0), v}
	}
	lines := []any{line(p.m2o("outstanding_account_id"), liquidity, label), line(p.m2o("destination_account_id"), counterpart, label)}
	if t := accountType(env, p.m2o("destination_account_id")); t == "asset_receivable" || t == "liability_payable" {
		lines[1].([]any)[2].(map[string]any)["display_type"] = "payment_term"
	}
	if wo != nil {
		lines = append(lines, line(wo.Account, wo.Balance, wo.Label))
	}
	q := quiet(env)
	move, err := q.Create("account.move", map[string]any{
		"move_type": "entry", "ref": p.raw("memo"), "date": date, "journal_id": p.m2o("journal_id"),
		"company_id": company, "partner_id": p.m2o("partner_id"), "origin_payment_id": id, "line_ids": lines,
	})
	if err != nil {
		return 0, fmt.Errorf("create entry: %w", err)
	}
	if err := finishMove(env, move); err != nil {
		return 0, err
	}
	if err := q.Write("account.payment", []int64{id}, map[string]any{"move_id": move, "state": "in_process"}); err != nil {
		return 0, err
	}
	if err := postMoves(env, []int64{move}); err != nil {
		return 0, err
	}
	if err := q.Write("account.payment", []int64{id}, map[string]any{"name": at(env, "account.move", move).raw("name")}); err != nil {
		return 0, err
	}
	return move, refreshPayment(env, id)
}

// paymentLabel is the default journal item label ("Customer Payment $ 300.00 - Azure Interior - 11/24/2026"
// in Odoo); the simulator keeps the memo when given, else a short form of the same.
func paymentLabel(env *odoosim.Env, id int64) string {
	p := at(env, "account.payment", id)
	if m := p.str("memo"); m != "" {
		return m
	}
	kind := "Customer Payment"
	switch {
	case p.str("partner_type") == "customer" && p.str("payment_type") == "outbound":
		kind = "Customer Reimbursement"
	case p.str("partner_type") == "supplier" && p.str("payment_type") == "outbound":
		kind = "Vendor Payment"
	case p.str("partner_type") == "supplier":
		kind = "Vendor Reimbursement"
	}
	if partner := p.m2o("partner_id"); partner != 0 {
		return kind + " - " + at(env, "res.partner", partner).str("name")
	}
	return kind
}

// paymentLines splits a payment's entry like its _seek_for_lines: liquidity (outstanding
// account), counterpart (destination account) and write-off lines.
func paymentLines(env *odoosim.Env, id int64) (liquidity, counterpart, other []int64, err error) {
	p := at(env, "account.payment", id)
	lines, err := moveLines(env, p.m2o("move_id"))
	if err != nil || p.m2o("move_id") == 0 {
		return nil, nil, nil, err
	}
	for _, l := range lines {
		switch at(env, "account.move.line", l).m2o("account_id") {
		case p.m2o("outstanding_account_id"):
			liquidity = append(liquidity, l)
		case p.m2o("destination_account_id"):
			counterpart = append(counterpart, l)
		default:
			other = append(other, l)
		}
	}
	return liquidity, counterpart, other, nil
}

// refreshPayment is _compute_reconciliation_status and _compute_state (Community).
func refreshPayment(env *odoosim.Env, id int64) error {
	p := at(env, "account.payment", id)
	if p.m2o("move_id") == 0 {
		return nil
	}
	liquidity, counterpart, other, err := paymentLines(env, id)
	if err != nil {
		return err
	}
	dec := companyDecimals(env, paymentCompany(env, id))
	sum := func(ids []int64, onlyReconcilable bool) int64 {
		var s int64
		for _, l := range ids {
			r := at(env, "account.move.line", l)
			if onlyReconcilable && !at(env, "account.account", r.m2o("account_id")).boolean("reconcile") {
				continue
			}
			s += minor(r.f64("amount_residual"), dec)
		}
		return s
	}
	vals := map[string]any{}
	journalAcc := at(env, "account.journal", p.m2o("journal_id")).m2o("default_account_id")
	matched := sum(liquidity, false) == 0
	if journalAcc != 0 && journalAcc == p.m2o("outstanding_account_id") {
		matched = true // payments booked directly on the bank account need no statement line
	}
	vals["is_matched"] = matched
	vals["is_reconciled"] = sum(append(counterpart, other...), true) == 0
	if p.str("state") == "in_process" {
		if invs := p.ids("invoice_ids"); len(invs) > 0 && allPaid(env, invs) {
			vals["state"] = "paid"
		}
	}
	return quiet(env).Write("account.payment", []int64{id}, vals)
}

func allPaid(env *odoosim.Env, moves []int64) bool {
	for _, m := range moves {
		if at(env, "account.move", m).str("payment_state") != "paid" {
			return false
		}
	}
	return true
}

// paymentActionDraft is action_draft: state draft, entry back to draft. Returns None.
func paymentActionDraft(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.payment", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := env.Write("account.payment", []int64{id}, map[string]any{"state": "draft"}); err != nil {
			return nil, err
		}
		if m := at(env, "account.payment", id).m2o("move_id"); m != 0 && at(env, "account.move", m).str("state") != "draft" {
			if err := resetToDraft(env, []int64{m}); err != nil {
				return nil, err
			}
		}
	}
	return nil, nil
}

// paymentActionCancel is action_cancel: state canceled, draft entries deleted, posted
// ones cancelled. Returns None.
func paymentActionCancel(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.payment", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := env.Write("account.payment", []int64{id}, map[string]any{"state": "canceled"}); err != nil {
			return nil, err
		}
		m := at(env, "account.payment", id).m2o("move_id")
		if m == 0 {
			continue
		}
		if at(env, "account.move", m).str("state") == "draft" {
			if err := quiet(env).Write("account.payment", []int64{id}, map[string]any{"move_id": false}); err != nil {
				return nil, err
			}
			if err := env.Unlink("account.move", []int64{m}); err != nil {
				return nil, err
			}
			continue
		}
		if _, err := buttonCancel(env, []int64{m}, nil, nil); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// reconciledInvoices computes reconciled_invoice_ids: the invoices whose receivable or
// payable lines are matched with the payment's counterpart lines.
func reconciledInvoices(env *odoosim.Env, id int64) any {
	_, counterpart, _, err := paymentLines(env, id)
	out := []int64{}
	if err != nil {
		return out
	}
	for _, l := range counterpart {
		group, err := matchedGroup(env, []int64{l})
		if err != nil {
			continue
		}
		for _, g := range group {
			m := at(env, "account.move.line", g).m2o("move_id")
			if isInvoice(at(env, "account.move", m).str("move_type")) && !containsID(out, m) {
				out = append(out, m)
			}
		}
	}
	return out
}

// onPaymentUnlink is account.payment.unlink: its entry goes back to draft (undoing the
// matching) and is deleted with it.
func onPaymentUnlink(env *odoosim.Env, ids []int64) error {
	for _, id := range ids {
		m := at(env, "account.payment", id).m2o("move_id")
		if m == 0 || !env.Exists("account.move", m) {
			continue
		}
		if at(env, "account.move", m).str("state") != "draft" {
			if err := resetToDraft(env, []int64{m}); err != nil {
				return err
			}
		}
		if err := quiet(env).Unlink("account.move", []int64{m}); err != nil {
			return fmt.Errorf("delete the entry of payment %d: %w", id, err)
		}
	}
	return nil
}
