package closing

import (
	"fmt"
	"sort"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Finding kinds, one per check.
const (
	KindDraftEntry        = "draft_entry"            // (1)
	KindUnreconciledBank  = "unreconciled_bank_line" // (2)
	KindDraftInvoice      = "draft_invoice"          // (3) customer side
	KindDraftBill         = "draft_bill"             // (3) vendor side
	KindOpenBalance       = "open_balance"           // (4) suspense, outstanding, clearing
	KindUnmatchedPayment  = "unmatched_payment"      // (5)
	KindDeliveredNotInv   = "delivered_not_invoiced" // (6)
	KindReceivedNotBilled = "received_not_billed"    // (7)
	KindMissingRecurring  = "missing_recurring"      // (8)
	KindTaxInconsistency  = "tax_inconsistency"      // (9)
	// (10) keeps the anomaly package's kinds (amount_outlier, duplicate_bill, ...).
)

func moveRef(m Move) core.RecordRef {
	return core.RecordRef{Model: "account.move", ID: m.ID, Name: m.Name}
}

func (in *Input) finding(kind string, sev core.Severity, amount int64, title, detail string, refs ...core.RecordRef) core.Finding {
	return core.Finding{Automation: Name, Kind: kind, Severity: sev, Amount: in.money(amount), Title: title, Detail: detail, Records: refs}
}

// checkDraftEntries (1): journal entries left in draft, dated in the period.
func checkDraftEntries(in *Input) []core.Finding {
	var out []core.Finding
	for _, m := range in.Moves {
		if m.State == "draft" && m.Type == "entry" && in.Period.Contains(m.Date) {
			out = append(out, in.finding(KindDraftEntry, core.SeverityWarning, m.Amount,
				fmt.Sprintf("Draft entry %s (%s) dated %s", nameOr(m), m.Ref, m.Date.Format("2006-01-02")),
				"Post it or delete it before closing.", moveRef(m)))
		}
	}
	return out
}

func nameOr(m Move) string {
	if m.Name == "" || m.Name == "/" {
		return fmt.Sprintf("#%d", m.ID)
	}
	return m.Name
}

// checkBankLines (2): statement lines up to the period end that are not reconciled.
func checkBankLines(in *Input) []core.Finding {
	var out []core.Finding
	for _, l := range in.BankLines {
		if l.Reconciled || l.Date.After(in.Period.To) {
			continue
		}
		sev := core.SeverityWarning
		if l.Date.Before(in.Period.From) {
			sev = core.SeverityCritical // still open from an earlier month
		}
		out = append(out, in.finding(KindUnreconciledBank, sev, l.Amount,
			fmt.Sprintf("Bank line of %s not reconciled: %s", l.Date.Format("2006-01-02"), l.Ref), "",
			core.RecordRef{Model: "account.bank.statement.line", ID: l.ID, Name: l.Ref}))
	}
	return out
}

// checkDraftDocuments (3): customer invoices and vendor bills still in draft in the period.
func checkDraftDocuments(in *Input) []core.Finding {
	var out []core.Finding
	for _, m := range in.Moves {
		if m.State != "draft" || !in.Period.Contains(m.Date) {
			continue
		}
		switch {
		case strings.HasPrefix(m.Type, "out_"):
			out = append(out, in.finding(KindDraftInvoice, core.SeverityWarning, m.Amount,
				fmt.Sprintf("Draft customer invoice for %s dated %s", m.Partner, m.Date.Format("2006-01-02")), "Confirm or cancel it: revenue of the period is incomplete.", moveRef(m)))
		case strings.HasPrefix(m.Type, "in_"):
			out = append(out, in.finding(KindDraftBill, core.SeverityWarning, m.Amount,
				fmt.Sprintf("Draft vendor bill from %s dated %s", m.Partner, m.Date.Format("2006-01-02")), "Confirm or cancel it: costs of the period are incomplete.", moveRef(m)))
		}
	}
	return out
}

// checkOpenBalances (4): suspense, outstanding and clearing accounts that do not net to
// zero at the period end. On reconcilable accounts only unreconciled amounts count.
func checkOpenBalances(in *Input) []core.Finding {
	watch := map[int64]WatchAccount{}
	for _, w := range in.Watch {
		watch[w.ID] = w
	}
	type acc struct {
		balance int64
		moves   map[int64]bool
	}
	sums := map[int64]*acc{}
	for _, l := range in.Lines {
		w, ok := watch[l.AccountID]
		if !ok || l.Date.After(in.Period.To) {
			continue
		}
		amount := l.Balance
		if w.Role == "outstanding" {
			amount = l.Residual // matched amounts are settled
		}
		if amount == 0 {
			continue
		}
		a := sums[l.AccountID]
		if a == nil {
			a = &acc{moves: map[int64]bool{}}
			sums[l.AccountID] = a
		}
		a.balance += amount
		a.moves[l.MoveID] = true
	}
	var out []core.Finding
	for _, w := range in.Watch {
		a := sums[w.ID]
		if a == nil || a.balance == 0 {
			continue
		}
		refs := []core.RecordRef{{Model: "account.account", ID: w.ID, Name: w.Name}}
		for _, id := range sortedIDs(a.moves) {
			refs = append(refs, core.RecordRef{Model: "account.move", ID: id})
		}
		sev := core.SeverityWarning
		if w.Role == "suspense" {
			sev = core.SeverityCritical // money whose nature nobody has decided yet
		}
		out = append(out, in.finding(KindOpenBalance, sev, a.balance,
			fmt.Sprintf("%s (%s) holds %s at %s", w.Name, w.Role, in.fmtMoney(a.balance), in.Period.To.Format("2006-01-02")),
			fmt.Sprintf("%d entries leave it open; it should be zero at period end.", len(a.moves)), refs...))
	}
	return out
}

func sortedIDs(set map[int64]bool) []int64 {
	ids := make([]int64, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// checkPayments (5): registered payments never matched with a bank statement line.
func checkPayments(in *Input) []core.Finding {
	var out []core.Finding
	for _, p := range in.Payments {
		if p.Matched || p.Date.After(in.Period.To) || p.State == "draft" || p.State == "canceled" || p.State == "cancel" || p.State == "rejected" {
			continue
		}
		out = append(out, in.finding(KindUnmatchedPayment, core.SeverityWarning, p.Amount,
			fmt.Sprintf("Payment %s of %s (%s) not matched with the bank", p.Name, p.Date.Format("2006-01-02"), p.Partner),
			"Match it with its bank statement line, or cancel it if the money never arrived.",
			core.RecordRef{Model: "account.payment", ID: p.ID, Name: p.Name}))
	}
	return out
}

// uninvoicedOrders sums, per order, what moved by the period end but is not invoiced.
func uninvoicedOrders(lines []OrderLine, in *Input) ([]OrderLine, map[int64]int64) {
	totals := map[int64]int64{}
	var heads []OrderLine
	for _, l := range lines {
		if l.QtyDone <= l.QtyInvoiced || l.Date.After(in.Period.To) {
			continue
		}
		if _, seen := totals[l.OrderID]; !seen {
			heads = append(heads, l)
		}
		totals[l.OrderID] += l.uninvoiced()
	}
	return heads, totals
}

// checkDelivered (6): goods delivered to customers by the period end and not invoiced.
func checkDelivered(in *Input) []core.Finding {
	heads, totals := uninvoicedOrders(in.Sales, in)
	var out []core.Finding
	for _, h := range heads {
		out = append(out, in.finding(KindDeliveredNotInv, core.SeverityWarning, totals[h.OrderID],
			fmt.Sprintf("%s delivered to %s but not invoiced (%s)", h.Order, h.Partner, in.fmtMoney(totals[h.OrderID])),
			"Invoice it, or the period's revenue is understated.", core.RecordRef{Model: "sale.order", ID: h.OrderID, Name: h.Order}))
	}
	return out
}
