package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// refreshLineDerived stores what Odoo derives on a journal item from its move and account:
// date, state, journal, company, move name, balance from debit/credit, and the residual.
func refreshLineDerived(env *odoosim.Env, line int64) error {
	l := at(env, "account.move.line", line)
	move := l.m2o("move_id")
	mv := at(env, "account.move", move)
	dec := companyDecimals(env, moveCompany(env, move))
	bal := minor(l.f64("debit"), dec) - minor(l.f64("credit"), dec)
	vals := map[string]any{
		"date": mv.raw("date"), "parent_state": mv.raw("state"), "journal_id": mv.m2o("journal_id"),
		"company_id": moveCompany(env, move), "move_name": mv.raw("name"), "ref": mv.raw("ref"),
		"balance": major(bal, dec), "amount_currency": major(bal, dec),
		"statement_line_id": statementOfMove(env, move), "payment_id": mv.m2o("origin_payment_id"),
	}
	if err := quiet(env).Write("account.move.line", []int64{line}, vals); err != nil {
		return fmt.Errorf("store derived fields of line %d: %w", line, err)
	}
	return refreshResidual(env, line)
}

// refreshResidual recomputes amount_residual and reconciled from the line's partials, like
// Odoo's _compute_amount_residual: lines on accounts without reconciliation have none.
func refreshResidual(env *odoosim.Env, line int64) error {
	l := at(env, "account.move.line", line)
	dec := companyDecimals(env, moveCompany(env, l.m2o("move_id")))
	vals := map[string]any{"amount_residual": 0.0, "amount_residual_currency": 0.0, "reconciled": false}
	if reconcilable(env, l.m2o("account_id")) {
		res := minor(l.f64("balance"), dec)
		asDebit, asCredit, err := partialsOf(env, line)
		if err != nil {
			return err
		}
		for _, p := range asDebit {
			res -= minor(at(env, "account.partial.reconcile", p).f64("amount"), dec)
		}
		for _, p := range asCredit {
			res += minor(at(env, "account.partial.reconcile", p).f64("amount"), dec)
		}
		vals["amount_residual"], vals["amount_residual_currency"] = major(res, dec), major(res, dec)
		vals["reconciled"] = res == 0
	}
	if err := quiet(env).Write("account.move.line", []int64{line}, vals); err != nil {
		return fmt.Errorf("store residual of line %d: %w", line, err)
	}
	return nil
}

// partialsOf lists the partials where line is the debit side and the credit side
// (matched_credit_ids / matched_debit_ids, read through the engine's inverse index).
func partialsOf(env *odoosim.Env, line int64) (asDebit, asCredit []int64, err error) {
	asDebit, _ = env.Get("account.move.line", line, "matched_credit_ids").([]int64)
	asCredit, _ = env.Get("account.move.line", line, "matched_debit_ids").([]int64)
	return asDebit, asCredit, nil
}

// refreshMove stores the move's amounts (Odoo's _compute_amount), payment_state and the
// fields copied from its partner.
func refreshMove(env *odoosim.Env, move int64) error {
	lines, err := moveLines(env, move)
	if err != nil {
		return err
	}
	return refreshMoveLines(env, move, lines)
}

// refreshMoveLines is refreshMove with the move's lines already known.
func refreshMoveLines(env *odoosim.Env, move int64, lines []int64) error {
	mv := at(env, "account.move", move)
	moveType := mv.str("move_type")
	dec := companyDecimals(env, moveCompany(env, move))
	var untaxed, tax, total, residual int64
	for _, id := range lines {
		l := at(env, "account.move.line", id)
		bal := minor(l.f64("balance"), dec)
		if !isInvoice(moveType) {
			if bal > 0 {
				total += bal
			}
			continue
		}
		switch l.str("display_type") {
		case "tax":
			tax += bal
			total += bal
		case "product", "rounding", "":
			untaxed += bal
			total += bal
		case "payment_term":
			residual += minor(l.f64("amount_residual"), dec)
		}
	}
	sign := directionSign(moveType)
	totalSigned := -total
	if moveType == "entry" {
		totalSigned = absMinor(total)
	}
	vals := map[string]any{
		"amount_untaxed": major(sign*untaxed, dec), "amount_tax": major(sign*tax, dec),
		"amount_total": major(sign*total, dec), "amount_residual": major(-sign*residual, dec),
		"amount_untaxed_signed": major(-untaxed, dec), "amount_tax_signed": major(-tax, dec),
		"amount_total_signed": major(totalSigned, dec), "amount_residual_signed": major(residual, dec),
		"amount_total_in_currency_signed": major(totalSigned, dec),
	}
	partner := mv.m2o("partner_id")
	vals["commercial_partner_id"] = commercialPartner(env, partner)
	if partner != 0 {
		vals["invoice_partner_display_name"] = at(env, "res.partner", partner).str("name")
	}
	state, err := paymentState(env, move, lines, residual == 0)
	if err != nil {
		return err
	}
	vals["payment_state"] = state
	if err := quiet(env).Write("account.move", []int64{move}, vals); err != nil {
		return fmt.Errorf("store amounts of move %d: %w", move, err)
	}
	return nil
}

// paymentState gathers the evidence Odoo's _compute_payment_state queries (what the
// receivable/payable lines are matched with) and applies invoicePaymentState.
func paymentState(env *odoosim.Env, move int64, lines []int64, residualZero bool) (string, error) {
	mv := at(env, "account.move", move)
	moveType := mv.str("move_type")
	if !isInvoice(moveType) {
		// Entries keep "not_paid" in Odoo 18 unless reconciled as an invoice would be.
		return "not_paid", nil
	}
	var ev []paymentEvidence
	for _, id := range lines {
		typ := accountType(env, at(env, "account.move.line", id).m2o("account_id"))
		if typ != "asset_receivable" && typ != "liability_payable" {
			continue
		}
		e, found, err := evidenceFor(env, id, move)
		if err != nil {
			return "", err
		}
		if found {
			ev = append(ev, e)
		}
	}
	return invoicePaymentState(moveType, mv.str("state"), residualZero, ev, inPaymentState(env)), nil
}

// evidenceFor collects, for one line, what its counterpart lines in other moves belong to.
func evidenceFor(env *odoosim.Env, line, move int64) (paymentEvidence, bool, error) {
	asDebit, asCredit, err := partialsOf(env, line)
	if err != nil {
		return paymentEvidence{}, false, err
	}
	e := paymentEvidence{AllPaymentsMatched: true}
	found := false
	visit := func(partial int64, field string) {
		other := at(env, "account.partial.reconcile", partial).m2o(field)
		om := at(env, "account.move.line", other).m2o("move_id")
		if om == move || om == 0 {
			return
		}
		found = true
		cm := at(env, "account.move", om)
		e.CounterpartMoveTypes = append(e.CounterpartMoveTypes, cm.str("move_type"))
		if pay := cm.m2o("origin_payment_id"); pay != 0 {
			e.HasPayment = true
			if !at(env, "account.payment", pay).boolean("is_matched") {
				e.AllPaymentsMatched = false
			}
		}
		if statementOfMove(env, om) != 0 {
			e.HasStatementLine = true
		}
	}
	for _, p := range asDebit {
		visit(p, "credit_move_id")
	}
	for _, p := range asCredit {
		visit(p, "debit_move_id")
	}
	return e, found, nil
}

// inPaymentState is _get_invoice_in_payment_state. The simulated servers are Community
// (like the captures), where it is "paid"; Enterprise's accountant module makes it
// "in_payment" until the payment is matched with a bank statement line.
func inPaymentState(*odoosim.Env) string { return "paid" }
