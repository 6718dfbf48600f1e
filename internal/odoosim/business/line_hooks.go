package business

import (
	"slices"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// classifyNewLines is aml._compute_display_type for lines just created without one: a line
// on a receivable/payable account is a "payment_term" line (on entries too: bank, payment
// and misc moves), as Odoo computes it once at creation.
func classifyNewLines(env *odoosim.Env, move int64, lines []int64) error {
	for _, l := range lines {
		r := at(env, "account.move.line", l)
		if r.str("display_type") != "product" {
			continue
		}
		if t := accountType(env, r.m2o("account_id")); t == "asset_receivable" || t == "liability_payable" {
			if err := quiet(env).Write("account.move.line", []int64{l}, map[string]any{"display_type": "payment_term"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// onLineCreate refreshes the move of a line created on its own (account.move.line.create or
// a line_ids command); lines made while their move is created wait for the move's hook.
func onLineCreate(env *odoosim.Env, id int64) error {
	if internal(env) {
		return nil
	}
	move := at(env, "account.move.line", id).m2o("move_id")
	if at(env, "account.move", move).m2o("journal_id") <= 0 {
		return nil // the move itself is being created: its hook finishes everything
	}
	if err := classifyNewLines(env, move, []int64{id}); err != nil {
		return err
	}
	return refreshMoves(env, []int64{move}, false)
}

// reconciliationFields are the fields Odoo protects on reconciled lines (_check_reconciliation).
var reconciliationFields = []string{"account_id", "date", "debit", "credit", "balance", "amount_currency", "currency_id", "partner_id"}

// onLineWrite applies Odoo's checks on journal item edits (taxes of posted items, fields of
// reconciled items, balance of posted moves) and refreshes the moves; a draft move's
// balance is checked by the move's hook once all its line commands are applied.
func onLineWrite(env *odoosim.Env, ids []int64, vals map[string]any) error {
	if internal(env) {
		return nil
	}
	touchesRec := slices.ContainsFunc(reconciliationFields, func(f string) bool { _, ok := vals[f]; return ok })
	_, touchesTax := vals["tax_ids"]
	var moves []int64
	for _, id := range ids {
		l := at(env, "account.move.line", id)
		if touchesTax && l.str("parent_state") == "posted" {
			return odoosim.UserError("You cannot modify the taxes related to a posted journal item, you should reset the journal entry to draft to do so.")
		}
		if touchesRec {
			if d, c, err := partialsOf(env, id); err != nil {
				return err
			} else if len(d)+len(c) > 0 {
				mv := at(env, "account.move", l.m2o("move_id"))
				return odoosim.UserError("You cannot do this modification on a reconciled journal entry. You can just change some non legal fields or you must unreconcile first.\nJournal Entry (id): %s (%d)", mv.str("name"), mv.id)
			}
		}
		if b, ok := vals["balance"]; ok && vals["debit"] == nil && vals["credit"] == nil {
			f, _ := b.(float64)
			dec := companyDecimals(env, moveCompany(env, l.m2o("move_id")))
			if err := quiet(env).Write("account.move.line", []int64{id}, balanceVals(minor(f, dec), dec)); err != nil {
				return err
			}
		}
		if m := l.m2o("move_id"); !slices.Contains(moves, m) {
			moves = append(moves, m)
		}
	}
	if err := refreshMoves(env, moves, false); err != nil {
		return err
	}
	// A posted move's lines can only be edited line by line (its line_ids are locked), so
	// an amount change there must keep it balanced right away, as Odoo's check would.
	_, amounts := vals["debit"]
	for _, f := range []string{"credit", "balance", "amount_currency"} {
		_, ok := vals[f]
		amounts = amounts || ok
	}
	for _, m := range moves {
		if amounts && at(env, "account.move", m).str("state") == "posted" {
			lines, err := moveLines(env, m)
			if err != nil {
				return err
			}
			if err := checkBalancedLines(env, m, lines); err != nil {
				return err
			}
		}
	}
	return nil
}

// onLineUnlink refuses to delete items of posted moves (_unlink_except_posted).
func onLineUnlink(env *odoosim.Env, ids []int64) error {
	if forceDelete(env) {
		return nil
	}
	for _, id := range ids {
		if at(env, "account.move", at(env, "account.move.line", id).m2o("move_id")).str("state") == "posted" {
			return errPostedLine
		}
	}
	return nil
}
