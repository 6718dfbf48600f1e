package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// A bank statement line inherits its journal entry (_inherits account.move): creating one
// creates and posts an entry with a liquidity line on the journal's default account and a
// counterpart on the journal's suspense account. Reconciling it means replacing the
// suspense line (see doc.go for the exact call sequences).

const noMove = int64(-1) // move_id default until the create hook makes the entry

// onStatementLineCreate makes and posts the statement line's entry, as
// account.bank.statement.line.create does.
func onStatementLineCreate(env *odoosim.Env, id int64) error {
	if internal(env) {
		return nil
	}
	st := at(env, "account.bank.statement.line", id)
	journal := st.m2o("journal_id")
	j := at(env, "account.journal", journal)
	if journalSuspense(env, journal) == 0 {
		return odoosim.UserError("You can't create a new statement line without a suspense account set on the %s journal.", journalDisplayName(env, journal))
	}
	if j.m2o("default_account_id") == 0 {
		return odoosim.UserError("You can't create a new statement line without a bank/cash account set on the %s journal.", journalDisplayName(env, journal))
	}
	date := st.str("date")
	if date == "" {
		date = today(env).Format(dateLayout)
	}
	q := quiet(env)
	company := j.m2o("company_id")
	move, err := q.Create("account.move", map[string]any{
		"move_type": "entry", "journal_id": journal, "date": date, "partner_id": st.m2o("partner_id"),
		"statement_line_id": id, "company_id": company,
	})
	if err != nil {
		return fmt.Errorf("create the entry of statement line %d: %w", id, err)
	}
	if err := q.Write("account.bank.statement.line", []int64{id}, map[string]any{"move_id": move, "date": date, "company_id": company}); err != nil {
		return err
	}
	if err := writeDefaultLines(env, id, move, nil); err != nil {
		return err
	}
	if err := finishMove(env, move); err != nil {
		return err
	}
	if err := postMoves(env, []int64{move}); err != nil {
		return fmt.Errorf("post the entry of statement line %d: %w", id, err)
	}
	return refreshStatementLine(env, id)
}

func journalDisplayName(env *odoosim.Env, journal int64) string {
	return displayNames(env, "account.journal", []int64{journal})
}

// writeDefaultLines creates (or, for keep, rewrites) the liquidity and suspense lines from
// the statement line's amount, label and partner: Odoo's _prepare_move_line_default_vals.
func writeDefaultLines(env *odoosim.Env, st, move int64, keep []int64) error {
	s := at(env, "account.bank.statement.line", st)
	j := at(env, "account.journal", s.m2o("journal_id"))
	dec := companyDecimals(env, j.m2o("company_id"))
	amount := minor(s.f64("amount"), dec)
	common := func(account, bal int64) map[string]any {
		v := balanceVals(bal, dec)
		v["move_id"], v["account_id"], v["partner_id"], v["name"] = move, account, s.m2o("partner_id"), s.raw("payment_ref")
		return v
	}
	vals := []map[string]any{common(j.m2o("default_account_id"), amount), common(journalSuspense(env, j.id), -amount)}
	q := quiet(env)
	for i, v := range vals {
		if i < len(keep) {
			if err := q.Write("account.move.line", []int64{keep[i]}, v); err != nil {
				return fmt.Errorf("rewrite line %d of statement line %d: %w", keep[i], st, err)
			}
			continue
		}
		if _, err := q.Create("account.move.line", v); err != nil {
			return fmt.Errorf("create the lines of statement line %d: %w", st, err)
		}
	}
	return nil
}

// seekLines is _seek_for_lines: liquidity (journal default account, else cash/credit card
// accounts), suspense (journal suspense account) and the other lines.
func seekLines(env *odoosim.Env, st int64) (liquidity, suspense, other []int64, err error) {
	s := at(env, "account.bank.statement.line", st)
	j := at(env, "account.journal", s.m2o("journal_id"))
	lines, err := moveLines(env, s.m2o("move_id"))
	if err != nil {
		return nil, nil, nil, err
	}
	for _, l := range lines {
		switch acc := at(env, "account.move.line", l).m2o("account_id"); acc {
		case j.m2o("default_account_id"):
			liquidity = append(liquidity, l)
		case journalSuspense(env, j.id):
			suspense = append(suspense, l)
		default:
			other = append(other, l)
		}
	}
	if len(liquidity) == 0 {
		var rest []int64
		for _, l := range other {
			if t := accountType(env, at(env, "account.move.line", l).m2o("account_id")); t == "asset_cash" || t == "liability_credit_card" {
				liquidity = append(liquidity, l)
			} else {
				rest = append(rest, l)
			}
		}
		other = rest
	}
	return liquidity, suspense, other, nil
}

// refreshStatementLine is _compute_is_reconciled: the residual is what is still on the
// suspense account; without a suspense line the entry counts as reconciled.
func refreshStatementLine(env *odoosim.Env, st int64) error {
	_, suspense, _, err := seekLines(env, st)
	if err != nil {
		return err
	}
	s := at(env, "account.bank.statement.line", st)
	dec := companyDecimals(env, moveCompany(env, s.m2o("move_id")))
	var residual int64
	for _, l := range suspense {
		r := at(env, "account.move.line", l)
		if reconcilable(env, r.m2o("account_id")) {
			residual += minor(r.f64("amount_residual_currency"), dec)
		} else {
			residual += minor(r.f64("amount_currency"), dec)
		}
	}
	reconciled := true
	if len(suspense) > 0 {
		reconciled = residual == 0
	}
	return quiet(env).Write("account.bank.statement.line", []int64{st}, map[string]any{
		"amount_residual": major(residual, dec), "is_reconciled": reconciled,
	})
}

// statementInherited computes the account.move fields a statement line shows through
// _inherits (state, name, ref, move_type, line_ids, checked).
func statementInherited(field string) func(*odoosim.Env, int64) any {
	return func(env *odoosim.Env, id int64) any {
		move := at(env, "account.bank.statement.line", id).m2o("move_id")
		if move <= 0 {
			if field == "line_ids" {
				return []int64{}
			}
			return nil
		}
		if field == "line_ids" {
			ids, _ := moveLines(env, move)
			return ids
		}
		if field == "checked" {
			return true
		}
		return env.Get("account.move", move, field)
	}
}

// journalSuspense is the journal's suspense account, else the company's
// account_journal_suspense_account_id (what Odoo's _compute_suspense_account_id fills in).
func journalSuspense(env *odoosim.Env, journal int64) int64 {
	j := at(env, "account.journal", journal)
	if acc := j.m2o("suspense_account_id"); acc != 0 {
		return acc
	}
	return at(env, "res.company", max(j.m2o("company_id"), 1)).m2o("account_journal_suspense_account_id")
}

// statementOfMove is the statement line of an entry: account.move.statement_line_id, or
// the line whose move_id is the entry when that back-reference is empty (books written
// with Insert may only have the statement line's side).
func statementOfMove(env *odoosim.Env, move int64) int64 {
	if st := at(env, "account.move", move).m2o("statement_line_id"); st != 0 {
		return st
	}
	if at(env, "account.move", move).str("move_type") != "entry" {
		return 0
	}
	ids, err := env.Search("account.bank.statement.line", []any{leaf("move_id", "=", move)}, "id", 1)
	if err != nil || len(ids) == 0 {
		return 0
	}
	return ids[0]
}
