package business

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// Lock dates, as Odoo 18 enforces them (account.move._check_fiscal_lock_dates and
// res.company._validate_locks; checked against a real 18.0): a move dated on or before a
// company lock date that applies to its journal cannot be posted or reset to draft, and
// the global or hard lock date cannot be set while statement lines up to it are
// unreconciled. Odoo's per-user exceptions are not simulated. Version 17 follows 16/17's
// _check_fiscalyear_lock_date (from Odoo's source): two dates, the stricter one for
// non-advisers.

// lockLabels are the lock fields with their labels in Odoo's messages (fields_get
// strings). period_lock_date is 16/17's.
var lockLabels = map[string]string{
	"fiscalyear_lock_date": "Global Lock Date",
	"sale_lock_date":       "Sales Lock Date",
	"purchase_lock_date":   "Purchase Lock date",
	"hard_lock_date":       "Hard Lock Date",
	"period_lock_date":     "Journal Entries Lock Date",
}

type lockHit struct {
	date  time.Time
	field string
}

// violatedLocks lists the company's lock dates that a move dated d in a journal of type
// journalType breaks.
func violatedLocks(env *odoosim.Env, company int64, d time.Time, journalType string) []lockHit {
	if company == 0 || d.IsZero() {
		return nil
	}
	co := at(env, "res.company", company) // a field this version lacks reads as empty
	var hits []lockHit
	for field := range lockLabels {
		if (field == "sale_lock_date" && journalType != "sale") || (field == "purchase_lock_date" && journalType != "purchase") {
			continue
		}
		if lock := co.date(field); !lock.IsZero() && !d.After(lock) {
			hits = append(hits, lockHit{lock, field})
		}
	}
	return hits
}

// checkMoveLock is _check_fiscal_lock_dates (18+) or _check_fiscalyear_lock_date (16/17)
// for one move.
func checkMoveLock(env *odoosim.Env, move int64) error {
	mv := at(env, "account.move", move)
	if env.Version() < 18 {
		return checkMoveLock17(env, mv)
	}
	journalType := at(env, "account.journal", mv.m2o("journal_id")).str("type")
	hits := violatedLocks(env, mv.m2o("company_id"), mv.date("date"), journalType)
	if len(hits) == 0 {
		return nil
	}
	return odoosim.UserError("You cannot add/modify entries prior to and inclusive of: %s.", formatLocks(hits))
}

// checkMoveLock17: advisers (accounting managers) are held by the lock date for
// everyone, other users also by the non-advisers' one; the message names the date only.
func checkMoveLock17(env *odoosim.Env, mv rec) error {
	co := at(env, "res.company", mv.m2o("company_id"))
	lock := co.date("fiscalyear_lock_date")
	adviser := env.HasGroup("account.group_account_manager")
	if p := co.date("period_lock_date"); !adviser && p.After(lock) {
		lock = p
	}
	d := mv.date("date")
	if lock.IsZero() || d.IsZero() || d.After(lock) {
		return nil
	}
	if adviser {
		return odoosim.UserError("You cannot add/modify entries prior to and inclusive of the lock date %s.", lock.Format("01/02/2006"))
	}
	return odoosim.UserError("You cannot add/modify entries prior to and inclusive of the lock date %s. Check the company settings or ask someone with the 'Adviser' role", lock.Format("01/02/2006"))
}

// formatLocks is res.company._format_lock_dates in en_US: "Label (MM/DD/YYYY)", sorted by
// date then field, joined as a list ("A, B and C").
func formatLocks(hits []lockHit) string {
	slices.SortFunc(hits, func(a, b lockHit) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return strings.Compare(a.field, b.field)
	})
	parts := make([]string, len(hits))
	for i, h := range hits {
		parts[i] = fmt.Sprintf("%s (%s)", lockLabels[h.field], h.date.Format("01/02/2006"))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// onCompanyLockWrite refuses a global or hard lock date while statement lines dated up to
// it are unreconciled, with Odoo's RedirectWarning.
func onCompanyLockWrite(env *odoosim.Env, ids []int64, vals map[string]any) error {
	var lock time.Time
	for _, f := range []string{"fiscalyear_lock_date", "hard_lock_date"} {
		if s, ok := vals[f].(string); ok && len(s) >= 10 {
			if d, err := time.Parse(dateLayout, s[:10]); err == nil && d.After(lock) {
				lock = d
			}
		}
	}
	if lock.IsZero() {
		return nil
	}
	open, err := env.Search("account.bank.statement.line", []any{leaf("company_id", "in", anyIDs(ids)), leaf("is_reconciled", "=", false),
		leaf("date", "<=", lock.Format(dateLayout)), leaf("move_id.state", "in", []any{"draft", "posted"})}, "id", 1)
	if err != nil {
		return err
	}
	if len(open) > 0 {
		return &odoosim.OdooError{Name: "odoo.exceptions.RedirectWarning",
			Message: "There are still unreconciled bank statement lines in the period you want to lock.You should either reconcile or delete them."}
	}
	return nil
}
