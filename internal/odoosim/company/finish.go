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
	g.finishCredit()
	t.Close.SuspenseBalance = money(g.balances["suspense"])
	t.Close.ClearingBalances = map[string]float64{}
	for _, role := range clearingRoles {
		t.Close.ClearingBalances[role] = money(g.balances[role])
	}
	t.Close.SuspenseMoves = g.suspenseMoves
	slices.Sort(t.Close.UnreconciledBankLines)
	slices.Sort(t.Close.TaxInconsistencies)
	slices.SortFunc(t.Bank.Unreconciled, func(a, b BankLine) int { return int(a.LineID - b.LineID) })
	// Lists are [] rather than null in the JSON when nothing of a kind was planted.
	for _, p := range []*[]int64{&t.Vendors.Degrading, &t.Anomaly.RoundNumber, &t.Anomaly.AmountOutliers,
		&t.Anomaly.OffHours, &t.Close.DraftEntries, &t.Close.DraftInvoices, &t.Close.DraftBills,
		&t.Close.UnreconciledBankLines, &t.Close.SuspenseMoves, &t.Close.UnmatchedPayments,
		&t.Close.DeliveredNotInvoiced, &t.Close.ReceivedNotBilled, &t.Close.TaxInconsistencies} {
		if *p == nil {
			*p = []int64{}
		}
	}
	for _, p := range []*[][]int64{&t.Dedup.Clusters, &t.Dedup.HardNegatives, &t.Anomaly.DuplicateBills} {
		if *p == nil {
			*p = [][]int64{}
		}
	}
	if t.Bank.Unreconciled == nil {
		t.Bank.Unreconciled = []BankLine{}
	}
	if t.Close.MissingRecurring == nil {
		t.Close.MissingRecurring = []MissingRecurring{}
	}
}

// clearingRoles are the accounts a close expects near zero; their balances go in the truth.
var clearingRoles = []string{"suspense", "outstanding_receipts", "outstanding_payments", "card_clearing", "credit_card", "payroll_payable"}

// trackBalances adds a posted move's lines on the clearing accounts to the close truth.
func (g *generator) trackBalances(m *moveSpec, moveID int64) {
	if m.state != "posted" {
		return
	}
	touched := false
	for _, l := range m.lines {
		for _, role := range clearingRoles {
			if l.account == g.acc[role] {
				g.balances[role] += l.debit - l.credit
				touched = touched || role == "suspense"
			}
		}
	}
	if touched {
		g.suspenseMoves = append(g.suspenseMoves, moveID)
	}
}

func toLower(s string) string { return strings.ToLower(s) }
