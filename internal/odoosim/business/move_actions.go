package business

import (
	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// jsAssignOutstandingLine is account.move.js_assign_outstanding_line(line_id): the
// invoice's "Add" on an outstanding payment or credit; the line is reconciled with the
// invoice's open lines of the same account. Returns None, like reconcile.
func jsAssignOutstandingLine(env *odoosim.Env, ids []int64, args []any, kwargs map[string]any) (any, error) {
	if len(ids) != 1 {
		return nil, odoosim.ValidationError("Expected singleton: account.move%s", pyTuple(ids))
	}
	raw := kwargs["line_id"]
	if len(args) > 0 {
		raw = args[0]
	}
	lineIDs := contextIDs([]any{raw})
	if len(lineIDs) != 1 || !env.Exists("account.move.line", lineIDs[0]) {
		return nil, &odoosim.OdooError{Name: "builtins.TypeError", Message: "AccountMove.js_assign_outstanding_line() needs line_id, the id of an existing journal item"}
	}
	account := at(env, "account.move.line", lineIDs[0]).m2o("account_id")
	lines := []int64{lineIDs[0]}
	own, err := moveLines(env, ids[0])
	if err != nil {
		return nil, err
	}
	for _, l := range own {
		r := at(env, "account.move.line", l)
		if r.m2o("account_id") == account && !r.boolean("reconciled") {
			lines = append(lines, l)
		}
	}
	return nil, reconcileLines(env, lines)
}

// actionRegisterPayment is account.move.action_register_payment: the wizard action on the
// documents' journal items (create the wizard with its context to go on).
func actionRegisterPayment(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	var lines []int64
	for _, id := range ids {
		mv := at(env, "account.move", id)
		if mv.str("state") != "posted" {
			return nil, odoosim.UserError("You can only register payment for posted journal entries.")
		}
		if s := mv.str("payment_state"); s != "not_paid" && s != "partial" && s != "in_payment" {
			return nil, odoosim.UserError("You can only register payments for (partially) unpaid documents.")
		}
		if mv.str("move_type") == "entry" {
			return nil, odoosim.UserError("You cannot register payments for miscellaneous entries.")
		}
		own, err := moveLines(env, id)
		if err != nil {
			return nil, err
		}
		lines = append(lines, own...)
	}
	return map[string]any{"name": "Pay", "res_model": "account.payment.register", "view_mode": "form",
		"views": []any{[]any{false, "form"}}, "target": "new", "type": "ir.actions.act_window",
		"context": map[string]any{"active_model": "account.move.line", "active_ids": anyIDs(lines)}}, nil
}

// actionReverse is account.move.action_reverse: the reversal wizard's action ("Credit Note"
// for invoices).
func actionReverse(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	name := "Reverse"
	for _, id := range ids {
		if isInvoice(at(env, "account.move", id).str("move_type")) {
			name = "Credit Note"
		}
	}
	return map[string]any{"name": name, "type": "ir.actions.act_window", "res_model": reversalModel, "view_mode": "form",
		"target": "new", "context": map[string]any{"active_model": "account.move", "active_ids": anyIDs(ids)}}, nil
}
