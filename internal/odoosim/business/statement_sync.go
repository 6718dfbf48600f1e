package business

import (
	"fmt"
	"slices"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// syncStatementFromMove is _synchronize_from_moves: after the entry's lines changed, the
// statement line takes the liquidity line's amount, label and partner; an entry without
// exactly one liquidity line (or with several suspense lines) is refused.
func syncStatementFromMove(env *odoosim.Env, st int64) error {
	liquidity, suspense, _, err := seekLines(env, st)
	if err != nil {
		return err
	}
	s := at(env, "account.bank.statement.line", st)
	name := moveDisplayName(env, s.m2o("move_id"))
	if len(liquidity) != 1 {
		return odoosim.UserError("The journal entry %s reached an invalid state regarding its related statement line.\nTo be consistent, the journal entry must always have exactly one journal item involving the bank/cash account.", name)
	}
	if len(suspense) > 1 {
		return odoosim.UserError("%s reached an invalid state regarding its related statement line.\nTo be consistent, the journal entry must always have exactly one suspense line.", name)
	}
	l := at(env, "account.move.line", liquidity[0])
	if err := quiet(env).Write("account.bank.statement.line", []int64{st}, map[string]any{
		"amount": l.f64("balance"), "payment_ref": l.raw("name"), "partner_id": l.m2o("partner_id"),
	}); err != nil {
		return err
	}
	return refreshStatementLine(env, st)
}

// stSyncFields are the statement line fields that rewrite its entry (_synchronize_to_moves).
var stSyncFields = []string{"payment_ref", "amount", "amount_currency", "foreign_currency_id", "currency_id", "partner_id"}

// onStatementLineWrite rewrites the entry when the amount, label or partner change
// (_synchronize_to_moves) and keeps its date in step.
func onStatementLineWrite(env *odoosim.Env, ids []int64, vals map[string]any) error {
	if internal(env) {
		return nil
	}
	touched := false
	for _, f := range stSyncFields {
		if _, ok := vals[f]; ok {
			touched = true
		}
	}
	for _, st := range ids {
		move := at(env, "account.bank.statement.line", st).m2o("move_id")
		if d, ok := vals["date"]; ok {
			if err := quiet(env).Write("account.move", []int64{move}, map[string]any{"date": d}); err != nil {
				return err
			}
		}
		if !touched {
			continue
		}
		if err := rewriteStatementEntry(env, st, move); err != nil {
			return err
		}
	}
	return nil
}

// rewriteStatementEntry updates the liquidity and suspense lines from the statement line
// and drops the other lines, refusing like Odoo when one of them is reconciled.
func rewriteStatementEntry(env *odoosim.Env, st, move int64) error {
	liquidity, suspense, other, err := seekLines(env, st)
	if err != nil {
		return err
	}
	all := append(append(append([]int64{}, liquidity...), suspense...), other...)
	for _, l := range all {
		if d, c, err := partialsOf(env, l); err != nil {
			return err
		} else if len(d)+len(c) > 0 {
			return odoosim.UserError("You cannot do this modification on a reconciled journal entry. You can just change some non legal fields or you must unreconcile first.\nJournal Entry (id): %s (%d)", moveDisplayName(env, move), move)
		}
	}
	keep := append(slices.Clone(liquidity[:min(1, len(liquidity))]), suspense[:min(1, len(suspense))]...)
	var drop []int64
	for _, l := range all {
		if !containsID(keep, l) {
			drop = append(drop, l)
		}
	}
	if len(drop) > 0 {
		if err := quiet(env).Unlink("account.move.line", drop); err != nil {
			return err
		}
	}
	if len(liquidity) == 0 || len(suspense) == 0 {
		keep = liquidity[:min(1, len(liquidity))]
	}
	if err := writeDefaultLines(env, st, move, keep); err != nil {
		return err
	}
	s := at(env, "account.bank.statement.line", st)
	if err := quiet(env).Write("account.move", []int64{move}, map[string]any{"partner_id": s.m2o("partner_id")}); err != nil {
		return err
	}
	if err := finishMove(env, move); err != nil {
		return err
	}
	return refreshStatementLine(env, st)
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// onStatementLineUnlink deletes the statement line's entry with it (force_delete), after
// undoing its reconciliations, as Odoo's unlink override does.
func onStatementLineUnlink(env *odoosim.Env, ids []int64) error {
	for _, st := range ids {
		move := at(env, "account.bank.statement.line", st).m2o("move_id")
		if move <= 0 || !env.Exists("account.move", move) {
			continue
		}
		lines, err := moveLines(env, move)
		if err != nil {
			return err
		}
		if err := removeReconcile(env, lines); err != nil {
			return err
		}
		if err := quiet(env).Unlink("account.move", []int64{move}); err != nil {
			return fmt.Errorf("delete the entry of statement line %d: %w", st, err)
		}
	}
	return nil
}

// undoReconciliation is action_undo_reconciliation: unmatch the entry's lines and put back
// the liquidity and suspense lines. Returns None.
func undoReconciliation(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.bank.statement.line", ids); err != nil {
		return nil, err
	}
	for _, st := range ids {
		move := at(env, "account.bank.statement.line", st).m2o("move_id")
		lines, err := moveLines(env, move)
		if err != nil {
			return nil, err
		}
		if err := removeReconcile(env, lines); err != nil {
			return nil, err
		}
		if err := quiet(env).Unlink("account.move.line", lines); err != nil {
			return nil, err
		}
		if err := writeDefaultLines(env, st, move, nil); err != nil {
			return nil, err
		}
		if err := finishMove(env, move); err != nil {
			return nil, err
		}
		if err := refreshStatementLine(env, st); err != nil {
			return nil, err
		}
	}
	return nil, nil
}
