package closing

import (
	"encoding/json"
	"fmt"

	"github.com/smartodoo/smartodoo/internal/core"
)

// checkReceived (7): goods received by the period end and not billed, each with a
// proposal to book the accrual as a draft entry at the period end.
func checkReceived(in *Input) ([]core.Finding, []core.Proposal) {
	heads, totals := uninvoicedOrders(in.Purchases, in)
	var out []core.Finding
	var props []core.Proposal
	for _, h := range heads {
		amount := totals[h.OrderID]
		ref := core.RecordRef{Model: "purchase.order", ID: h.OrderID, Name: h.Order}
		detail := "Book an accrual so the period carries the cost, or get the bill entered."
		if p, ok := accrualProposal(in, h, amount); ok {
			props = append(props, p)
			detail = "An accrual entry is proposed."
		}
		out = append(out, in.finding(KindReceivedNotBilled, core.SeverityWarning, amount,
			fmt.Sprintf("%s received from %s but not billed (%s)", h.Order, h.Partner, in.fmtMoney(amount)), detail, ref))
	}
	return out, props
}

// accrualProposal creates a draft journal entry at the period end: debit the expense,
// credit accrued liabilities. Draft, so an accountant reviews it in Odoo before posting;
// the reversal on the first day of the next period is left to Odoo's reversal wizard.
func accrualProposal(in *Input, h OrderLine, amount int64) (core.Proposal, bool) {
	if in.AccrualExpenseAccount == 0 || in.AccrualLiability == 0 || in.MiscJournal == 0 || amount <= 0 {
		return core.Proposal{}, false
	}
	value := core.FloatFromMinor(amount, in.Decimals)
	label := fmt.Sprintf("Accrual %s: %s received, not billed", in.Period, h.Order)
	line := func(account int64, debit, credit float64) []any {
		return []any{0, 0, map[string]any{"account_id": account, "partner_id": h.PartnerID, "name": label, "debit": debit, "credit": credit}}
	}
	ev, _ := json.Marshal(map[string]any{"order": h.Order, "amount": amount, "period": in.Period.String()})
	return core.Proposal{
		Kind: "close_accrual", Title: fmt.Sprintf("Accrue %s for %s (received, not billed)", in.fmtMoney(amount), h.Order),
		Rationale: fmt.Sprintf("Goods of %s were received by %s and no bill was entered: the period's costs are understated by %s.",
			h.Order, in.Period.To.Format("2006-01-02"), in.fmtMoney(amount)),
		Confidence: 0.7,
		Calls: []core.Call{{Model: "account.move", Method: "create", Args: []any{map[string]any{
			"move_type": "entry", "journal_id": in.MiscJournal, "date": in.Period.To.Format("2006-01-02"), "ref": label,
			"line_ids": []any{line(in.AccrualExpenseAccount, value, 0), line(in.AccrualLiability, 0, value)},
		}}}},
		Evidence: ev,
		Records:  []core.RecordRef{{Model: "purchase.order", ID: h.OrderID, Name: h.Order}},
		DedupKey: fmt.Sprintf("close:accrual:%s:%d:%d", in.Period, h.OrderID, amount),
		Roles:    []core.Role{core.RoleAdmin, core.RoleCFO},
	}, true
}
