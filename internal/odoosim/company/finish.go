package company

import (
	"slices"
	"strings"
)

// finishTruth fills the derived truth fields and sorts what was collected out of order.
func (g *generator) finishTruth() {
	t := g.truth
	t.Credit.Cutoff = g.opts.Today.AddDate(0, 0, -90).Format("2006-01-02")
	t.Credit.LateRule, t.Credit.HoldRule = lateRule, holdRule
	t.Close.SuspenseBalance = money(g.suspenseBalance)
	t.Close.SuspenseMoves = g.suspenseMoves
	slices.Sort(t.Close.UnreconciledBankLines)
	slices.Sort(t.Close.TaxInconsistencies)
	slices.SortFunc(t.Bank.Unreconciled, func(a, b BankLine) int { return int(a.LineID - b.LineID) })
}

// trackSuspense adds a posted move's suspense lines to the close truth.
func (g *generator) trackSuspense(m *moveSpec, moveID int64) {
	if m.state != "posted" {
		return
	}
	touched := false
	for _, l := range m.lines {
		if l.account == g.acc["suspense"] {
			g.suspenseBalance += l.debit - l.credit
			touched = true
		}
	}
	if touched {
		g.suspenseMoves = append(g.suspenseMoves, moveID)
	}
}

func toLower(s string) string { return strings.ToLower(s) }
