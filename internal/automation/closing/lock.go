package closing

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// LockState is a company's lock-date fields as Odoo has them now. Fields lists the lock
// fields the server has (from fields_get), which is how versions are told apart: 16/17
// have period_lock_date and fiscalyear_lock_date; 18+ have fiscalyear_lock_date,
// tax_lock_date, sale_lock_date, purchase_lock_date and hard_lock_date.
type LockState struct {
	CompanyID int64
	Fields    map[string]bool
	Values    map[string]time.Time // zero when not set
	// FiscalYearEnd is the fiscal year's last month and day (res.company fiscalyear_last_*).
	FiscalYearEndMonth time.Month
	FiscalYearEndDay   int
}

// lockFields picks the fields a month close sets. A month-end close locks the day-to-day
// journals; the fiscal-year lock only moves at year end. hard_lock_date (18+) cannot be
// undone, so it is never proposed: a person sets it in Odoo knowingly.
func (s LockState) lockFields(p Period) []string {
	var out []string
	switch {
	case s.Fields["sale_lock_date"]:
		out = []string{"sale_lock_date", "purchase_lock_date"}
	case s.Fields["period_lock_date"]:
		out = []string{"period_lock_date"}
	}
	yearEnd := s.FiscalYearEndMonth == p.To.Month() && (s.FiscalYearEndDay == 0 || s.FiscalYearEndDay >= p.To.Day())
	if yearEnd && s.Fields["fiscalyear_lock_date"] {
		out = append(out, "fiscalyear_lock_date")
	}
	return out
}

// LockProposal proposes setting the period's lock dates once the close is ready. Only
// fields whose current date is before the period end are moved; the expectation pins
// their current values, so a lock changed meanwhile makes the proposal conflict.
func LockProposal(r Report, p Period, s LockState) (core.Proposal, bool) {
	if !r.Ready || s.CompanyID == 0 {
		return core.Proposal{}, false
	}
	end := p.To.Format("2006-01-02")
	vals, expect := map[string]any{}, map[string]any{}
	openBank := openBankLines(r)
	var held string
	for _, f := range s.lockFields(p) {
		if f == "fiscalyear_lock_date" && openBank > 0 {
			// Odoo refuses the global lock while statement lines up to it are unreconciled
			// (res.company._validate_locks): propose the rest, say why this one waits.
			held = fmt.Sprintf(" The fiscal-year lock waits: Odoo refuses it while %d statement line(s) up to %s are unreconciled.", openBank, end)
			continue
		}
		cur := s.Values[f]
		if !cur.IsZero() && !cur.Before(p.To) {
			continue
		}
		vals[f] = end
		expect[f] = false
		if !cur.IsZero() {
			expect[f] = cur.Format("2006-01-02")
		}
	}
	if len(vals) == 0 {
		return core.Proposal{}, false
	}
	ev, _ := json.Marshal(map[string]any{"readiness": r.Readiness, "period": r.Period})
	return core.Proposal{
		Kind:  "close_lock",
		Title: fmt.Sprintf("Lock %s: set %v to %s", r.Period, keys(vals), end),
		Rationale: fmt.Sprintf("The close scan of %s scores %.1f/100 with no critical item open. Locking stops entries being added or changed in the period.%s",
			r.Period, r.Readiness, held),
		Confidence: 0.9,
		Calls:      []core.Call{{Model: "res.company", Method: "write", Args: []any{[]int64{s.CompanyID}, vals}}},
		Expect:     []core.Expectation{{Model: "res.company", ID: s.CompanyID, Values: expect}},
		Evidence:   ev,
		Records:    []core.RecordRef{{Model: "res.company", ID: s.CompanyID}},
		DedupKey:   fmt.Sprintf("close:lock:%d:%s", s.CompanyID, r.Period),
		Roles:      []core.Role{core.RoleCFO, core.RoleAdmin},
	}, true
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for _, k := range []string{"period_lock_date", "sale_lock_date", "purchase_lock_date", "fiscalyear_lock_date"} {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

// openBankLines counts the unreconciled statement lines the scan found (check 2).
func openBankLines(r Report) int {
	for _, c := range r.Checks {
		if c.Number == 2 {
			return len(c.Findings)
		}
	}
	return 0
}
