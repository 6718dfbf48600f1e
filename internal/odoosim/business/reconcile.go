package business

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// reconcileMethod is account.move.line.reconcile: returns None like Odoo's _reconcile_plan.
func reconcileMethod(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	return nil, reconcileLines(env, ids)
}

// removeReconcileMethod is account.move.line.remove_move_reconcile (returns None).
func removeReconcileMethod(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.move.line", ids); err != nil {
		return nil, err
	}
	return nil, removeReconcile(env, ids)
}

// reconcileLines matches the lines together like Odoo 18 (single currency): exigibility
// checks with Odoo's messages, partials in due-date order, a full reconcile when every
// line of the matched group is settled, matching numbers, then the moves' residuals and
// payment states, statement lines and payments are refreshed.
func reconcileLines(env *odoosim.Env, ids []int64) error {
	if err := requireExisting(env, "account.move.line", ids); err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	if err := checkReconcilable(env, ids); err != nil {
		return err
	}
	dec := companyDecimals(env, moveCompany(env, at(env, "account.move.line", ids[0]).m2o("move_id")))
	var lines []recLine
	for _, id := range ids {
		l := at(env, "account.move.line", id)
		d := l.str("date_maturity")
		if d == "" {
			d = l.str("date")
		}
		lines = append(lines, recLine{ID: id, Residual: minor(l.f64("amount_residual"), dec), Date: d, Amount: minor(l.f64("amount_currency"), dec)})
	}
	q := quiet(env)
	for _, p := range planPartials(lines) {
		if err := createPartial(env, q, p, dec); err != nil {
			return err
		}
	}
	for _, id := range ids {
		if err := refreshResidual(env, id); err != nil {
			return err
		}
	}
	group, err := matchedGroup(env, ids)
	if err != nil {
		return err
	}
	if err := maybeFullReconcile(env, q, group); err != nil {
		return err
	}
	if err := updateMatchingNumbers(env, q, group); err != nil {
		return err
	}
	return refreshAfterMatching(env, group)
}

func checkReconcilable(env *odoosim.Env, ids []int64) error {
	var accounts, companies []int64
	for _, id := range ids {
		l := at(env, "account.move.line", id)
		if l.boolean("reconciled") {
			return odoosim.UserError("You are trying to reconcile some entries that are already reconciled.")
		}
		if at(env, "account.move", l.m2o("move_id")).str("state") != "posted" {
			return odoosim.UserError("You can only reconcile posted entries.")
		}
		if a := l.m2o("account_id"); !slices.Contains(accounts, a) {
			accounts = append(accounts, a)
		}
		if c := moveCompany(env, l.m2o("move_id")); !slices.Contains(companies, c) {
			companies = append(companies, c)
		}
	}
	if len(accounts) > 1 {
		return odoosim.UserError("Entries are not from the same account: %s", displayNames(env, "account.account", accounts))
	}
	if len(companies) > 1 {
		return odoosim.UserError("Entries don't belong to the same company: %s", displayNames(env, "res.company", companies))
	}
	if !reconcilable(env, accounts[0]) {
		return odoosim.UserError("Account %s does not allow reconciliation. First change the configuration of this account to allow it.", displayNames(env, "account.account", accounts))
	}
	return nil
}

// displayNames joins the records' display names the way Odoo lists them in messages.
func displayNames(env *odoosim.Env, model string, ids []int64) string {
	recs, err := env.Read(model, ids, []string{"display_name"})
	if err != nil {
		return fmt.Sprint(ids)
	}
	names := make([]string, 0, len(recs))
	for _, r := range recs {
		names = append(names, fmt.Sprint(r["display_name"]))
	}
	return strings.Join(names, ", ")
}

func createPartial(env, q *odoosim.Env, p partialPlan, dec int) error {
	d, c := at(env, "account.move.line", p.DebitID), at(env, "account.move.line", p.CreditID)
	maxDate := max(d.str("date"), c.str("date"))
	amt := major(p.Amount, dec)
	_, err := q.Create("account.partial.reconcile", map[string]any{
		"debit_move_id": p.DebitID, "credit_move_id": p.CreditID, "amount": amt,
		"debit_amount_currency": amt, "credit_amount_currency": amt, "max_date": maxDate,
		"company_id": moveCompany(env, d.m2o("move_id")), "debit_currency_id": d.m2o("currency_id"),
		"credit_currency_id": c.m2o("currency_id"), "company_currency_id": d.m2o("currency_id"),
	})
	if err != nil {
		return fmt.Errorf("create partial between lines %d and %d: %w", p.DebitID, p.CreditID, err)
	}
	return nil
}

// matchedGroup is every line connected to ids through partials (Odoo's
// _all_reconciled_lines), ids included.
func matchedGroup(env *odoosim.Env, ids []int64) ([]int64, error) {
	seen := map[int64]bool{}
	queue := slices.Clone(ids)
	var out []int64
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
		asDebit, asCredit, err := partialsOf(env, id)
		if err != nil {
			return nil, err
		}
		for _, p := range asDebit {
			queue = append(queue, at(env, "account.partial.reconcile", p).m2o("credit_move_id"))
		}
		for _, p := range asCredit {
			queue = append(queue, at(env, "account.partial.reconcile", p).m2o("debit_move_id"))
		}
	}
	slices.Sort(out)
	return out, nil
}

// groupPartials lists the partials between lines of the group.
func groupPartials(env *odoosim.Env, group []int64) ([]int64, error) {
	ids, err := env.Search("account.partial.reconcile", []any{leaf("debit_move_id", "in", anyIDs(group))}, "id", 0)
	if err != nil {
		return nil, fmt.Errorf("read partials of lines %v: %w", group, err)
	}
	return ids, nil
}

// maybeFullReconcile creates the account.full.reconcile when every line of the group is
// settled and they are not already fully reconciled.
func maybeFullReconcile(env, q *odoosim.Env, group []int64) error {
	for _, id := range group {
		l := at(env, "account.move.line", id)
		if !l.boolean("reconciled") || l.m2o("full_reconcile_id") != 0 {
			return nil
		}
	}
	partials, err := groupPartials(env, group)
	if err != nil || len(partials) == 0 {
		return err
	}
	full, err := q.Create("account.full.reconcile", map[string]any{})
	if err != nil {
		return fmt.Errorf("create full reconcile of lines %v: %w", group, err)
	}
	if err := q.Write("account.partial.reconcile", partials, map[string]any{"full_reconcile_id": full}); err != nil {
		return err
	}
	return q.Write("account.move.line", group, map[string]any{"full_reconcile_id": full})
}

// updateMatchingNumbers is _update_matching_number: the full reconcile id, else "P" and the
// smallest partial id of the group, else false.
func updateMatchingNumbers(env, q *odoosim.Env, group []int64) error {
	partials, err := groupPartials(env, group)
	if err != nil {
		return err
	}
	var edges []edge
	for _, p := range partials {
		r := at(env, "account.partial.reconcile", p)
		edges = append(edges, edge{ID: p, DebitID: r.m2o("debit_move_id"), CreditID: r.m2o("credit_move_id")})
	}
	nums := matchingGroups(edges)
	for _, id := range group {
		var v any
		if full := at(env, "account.move.line", id).m2o("full_reconcile_id"); full != 0 {
			v = strconv.FormatInt(full, 10)
		} else if n, ok := nums[id]; ok {
			v = "P" + strconv.FormatInt(n, 10)
		}
		if err := q.Write("account.move.line", []int64{id}, map[string]any{"matching_number": v}); err != nil {
			return fmt.Errorf("store matching number of line %d: %w", id, err)
		}
	}
	return nil
}
