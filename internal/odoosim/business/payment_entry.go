package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

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
		"move_type": "entry", "ref": p.raw(memoField(env)), "date": date, "journal_id": p.m2o("journal_id"),
		"company_id": company, "partner_id": p.m2o("partner_id"), "origin_payment_id": id, "line_ids": lines,
	})
	if err != nil {
		return 0, fmt.Errorf("create entry: %w", err)
	}
	if err := finishMove(env, move); err != nil {
		return 0, err
	}
	if err := q.Write("account.payment", []int64{id}, map[string]any{"move_id": move, "state": pstate(env, "in_process")}); err != nil {
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
	if m := p.str(memoField(env)); m != "" {
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
	if p.str("state") == pstate(env, "in_process") {
		if invs := p.ids("invoice_ids"); len(invs) > 0 && allPaid(env, invs) {
			vals["state"] = pstate(env, "paid")
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

// memoField is account.payment's free-text reference: "memo" since Odoo 18, "ref" before.
func memoField(env *odoosim.Env) string {
	if env.Version() <= 17 {
		return "ref"
	}
	return "memo"
}

// pstate maps an Odoo 18 payment state to the running version's: before 18 a payment's state
// was its entry's (draft, posted, cancel), with no in_process or paid.
func pstate(env *odoosim.Env, s18 string) string {
	if env.Version() > 17 {
		return s18
	}
	switch s18 {
	case "in_process", "paid":
		return "posted"
	case "canceled":
		return "cancel"
	}
	return s18
}
