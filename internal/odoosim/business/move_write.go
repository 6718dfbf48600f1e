package business

import (
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// postedReadonly are the fields Odoo refuses to change on a posted move.
var postedReadonly = []string{"invoice_line_ids", "line_ids", "invoice_date", "date", "partner_id", "partner_bank_id",
	"invoice_payment_term_id", "currency_id", "fiscal_position_id", "invoice_cash_rounding_id"}

// onMoveWrite refuses edits of the fields Odoo locks on posted moves, then refreshes.
func onMoveWrite(env *odoosim.Env, ids []int64, vals map[string]any) error {
	if internal(env) || skipReadonly(env) {
		return refreshMoves(env, ids, true)
	}
	var locked []string
	for _, f := range postedReadonly {
		if _, ok := vals[f]; ok {
			locked = append(locked, f)
		}
	}
	for _, id := range ids {
		if len(locked) > 0 && at(env, "account.move", id).str("state") == "posted" && vals["state"] == nil {
			return odoosim.UserError("You cannot modify the following readonly fields on a posted move: %s", strings.Join(locked, ", "))
		}
	}
	return refreshMoves(env, ids, true)
}

func skipReadonly(env *odoosim.Env) bool {
	v, _ := env.Context()["skip_readonly_check"].(bool)
	return v
}

// refreshMoves re-finishes moves after a user write (balance checked when the move itself
// was written).
func refreshMoves(env *odoosim.Env, ids []int64, balance bool) error {
	if internal(env) {
		return nil
	}
	for _, id := range ids {
		if err := finishMoveChecked(env, id, balance); err != nil {
			return err
		}
		if st := statementOfMove(env, id); st != 0 {
			if err := syncStatementFromMove(env, st); err != nil {
				return err
			}
		}
	}
	return nil
}

// Unlink follows Odoo's ondelete checks: posted entries cannot be deleted.
func onMoveUnlink(env *odoosim.Env, ids []int64) error {
	if forceDelete(env) {
		return nil
	}
	for _, id := range ids {
		if at(env, "account.move", id).str("state") == "posted" {
			return errPostedLine
		}
	}
	return nil
}

var errPostedLine = odoosim.UserError("You can't delete a posted journal item. Don’t play games with your accounting records; reset the journal entry to draft before deleting it.")

func forceDelete(env *odoosim.Env) bool {
	v, _ := env.Context()["force_delete"].(bool)
	return v || internal(env)
}

// moveWriteRPC is account.move.write as called over RPC. The engine's write hooks only see
// scalar values, so the refusal of line_ids/invoice_line_ids edits on posted moves (which
// forces the button_draft step of the bank-rec sequence, as on real Odoo) is checked here
// before the ordinary write. Returns True.
func moveWriteRPC(env *odoosim.Env, ids []int64, args []any, kwargs map[string]any) (any, error) {
	vals, ok := kwargs["vals"].(map[string]any)
	if len(args) > 0 {
		vals, ok = args[0].(map[string]any)
	}
	if !ok {
		return nil, &odoosim.OdooError{Name: "builtins.TypeError", Message: "AccountMove.write() missing 1 required positional argument: 'vals'"}
	}
	if !skipReadonly(env) {
		var locked []string
		for _, f := range postedReadonly {
			if _, ok := vals[f]; ok {
				locked = append(locked, f)
			}
		}
		state, _ := vals["state"].(string)
		for _, id := range ids {
			cur := at(env, "account.move", id).str("state")
			if len(locked) > 0 && cur == "posted" && (state == "" || state == "posted") {
				return nil, odoosim.UserError("You cannot modify the following readonly fields on a posted move: %s", strings.Join(locked, ", "))
			}
		}
	}
	if err := env.Write("account.move", ids, vals); err != nil {
		return nil, err
	}
	return true, nil
}
