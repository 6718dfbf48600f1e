package business

import (
	"fmt"
	"slices"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// removeReconcile deletes the lines' partials and full reconciles, then recomputes what
// depended on them for every line that was matched.
func removeReconcile(env *odoosim.Env, ids []int64) error {
	group, err := matchedGroup(env, ids)
	if err != nil {
		return err
	}
	q := quiet(env)
	var partials, fulls []int64
	for _, id := range ids {
		asDebit, asCredit, err := partialsOf(env, id)
		if err != nil {
			return err
		}
		for _, p := range append(asDebit, asCredit...) {
			if !slices.Contains(partials, p) {
				partials = append(partials, p)
			}
			if f := at(env, "account.partial.reconcile", p).m2o("full_reconcile_id"); f != 0 && !slices.Contains(fulls, f) {
				fulls = append(fulls, f)
			}
		}
	}
	if len(partials) == 0 {
		return nil
	}
	if err := q.Unlink("account.partial.reconcile", partials); err != nil {
		return fmt.Errorf("delete partials %v: %w", partials, err)
	}
	for _, f := range fulls {
		lines, err := env.Search("account.move.line", []any{leaf("full_reconcile_id", "=", f)}, "id", 0)
		if err != nil {
			return err
		}
		if err := q.Write("account.move.line", lines, map[string]any{"full_reconcile_id": false}); err != nil {
			return err
		}
		left, err := env.Search("account.partial.reconcile", []any{leaf("full_reconcile_id", "=", f)}, "id", 0)
		if err != nil {
			return err
		}
		if err := q.Write("account.partial.reconcile", left, map[string]any{"full_reconcile_id": false}); err != nil {
			return err
		}
		if err := q.Unlink("account.full.reconcile", []int64{f}); err != nil {
			return fmt.Errorf("delete full reconcile %d: %w", f, err)
		}
	}
	for _, id := range group {
		if err := refreshResidual(env, id); err != nil {
			return err
		}
	}
	// What stays matched after the removal keeps its own numbers.
	for _, id := range group {
		rest, err := matchedGroup(env, []int64{id})
		if err != nil {
			return err
		}
		if err := updateMatchingNumbers(env, q, rest); err != nil {
			return err
		}
	}
	return refreshAfterMatching(env, group)
}

// refreshAfterMatching recomputes what depends on residuals: the moves' amounts and
// payment states, the statement lines' is_reconciled and the payments' matching flags.
func refreshAfterMatching(env *odoosim.Env, lines []int64) error {
	var moves []int64
	for _, l := range lines {
		if m := at(env, "account.move.line", l).m2o("move_id"); !slices.Contains(moves, m) {
			moves = append(moves, m)
		}
	}
	// Payments first: invoices read their is_matched.
	for _, m := range moves {
		if pay := at(env, "account.move", m).m2o("origin_payment_id"); pay != 0 {
			if err := refreshPayment(env, pay); err != nil {
				return err
			}
		}
	}
	for _, m := range moves {
		if err := refreshMove(env, m); err != nil {
			return err
		}
		if st := statementOfMove(env, m); st != 0 {
			if err := refreshStatementLine(env, st); err != nil {
				return err
			}
		}
	}
	// Payments again: Community moves a payment to "paid" once its invoices are paid.
	for _, m := range moves {
		if pay := at(env, "account.move", m).m2o("origin_payment_id"); pay != 0 {
			if err := refreshPayment(env, pay); err != nil {
				return err
			}
		}
	}
	return nil
}
