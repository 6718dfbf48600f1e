package business

import (
	"cmp"
	"slices"
)

// recLine is a journal item as the reconciliation sees it: its open amount (signed, minor
// units; debit positive) and the keys Odoo sorts by before matching.
type recLine struct {
	ID       int64
	Residual int64
	Date     string // date_maturity, or the move date when empty
	Amount   int64  // amount_currency, the second sort key
}

// partialPlan is one account.partial.reconcile to create.
type partialPlan struct {
	DebitID, CreditID int64
	Amount            int64 // positive
}

// planPartials matches debits against credits like Odoo 18's _prepare_reconciliation_plan
// for a single currency: both sides are sorted by (due date, amount, balance) and walked
// in order, each partial taking the smaller of the two open amounts. Lines with nothing
// open are skipped; what is left open stays on the lines.
func planPartials(lines []recLine) []partialPlan {
	sorted := slices.Clone(lines)
	slices.SortStableFunc(sorted, func(a, b recLine) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Amount, b.Amount), cmp.Compare(a.Residual, b.Residual))
	})
	var debits, credits []recLine
	for _, l := range sorted {
		switch {
		case l.Residual > 0:
			debits = append(debits, l)
		case l.Residual < 0:
			credits = append(credits, l)
		}
	}
	var out []partialPlan
	i, j := 0, 0
	for i < len(debits) && j < len(credits) {
		d, c := &debits[i], &credits[j]
		amt := min(d.Residual, -c.Residual)
		out = append(out, partialPlan{DebitID: d.ID, CreditID: c.ID, Amount: amt})
		d.Residual -= amt
		c.Residual += amt
		if d.Residual == 0 {
			i++
		}
		if c.Residual == 0 {
			j++
		}
	}
	return out
}

// edge is an existing partial between two lines, for matching numbers.
type edge struct {
	ID, DebitID, CreditID int64
}

// matchingGroups numbers the connected groups of lines formed by partials the way Odoo's
// _update_matching_number does: a group's number is the smallest partial id that built it.
// The result maps line id -> group number.
func matchingGroups(edges []edge) map[int64]int64 {
	sorted := slices.Clone(edges)
	slices.SortFunc(sorted, func(a, b edge) int { return cmp.Compare(a.ID, b.ID) })
	lineNum := map[int64]int64{}
	members := map[int64][]int64{}
	for _, e := range sorted {
		dn, cn := lineNum[e.DebitID], lineNum[e.CreditID]
		switch {
		case dn != 0 && cn != 0:
			if dn != cn {
				lo, hi := min(dn, cn), max(dn, cn)
				for _, l := range members[hi] {
					lineNum[l] = lo
				}
				members[lo] = append(members[lo], members[hi]...)
				delete(members, hi)
			}
		case dn != 0:
			lineNum[e.CreditID] = dn
			members[dn] = append(members[dn], e.CreditID)
		case cn != 0:
			lineNum[e.DebitID] = cn
			members[cn] = append(members[cn], e.DebitID)
		default:
			lineNum[e.DebitID], lineNum[e.CreditID] = e.ID, e.ID
			members[e.ID] = []int64{e.DebitID, e.CreditID}
		}
	}
	return lineNum
}

// paymentEvidence is what Odoo's _compute_payment_state query collects for one receivable
// or payable line of an invoice: what the lines it is matched with belong to.
type paymentEvidence struct {
	CounterpartMoveTypes []string
	HasPayment           bool // a counterpart move comes from an account.payment
	HasStatementLine     bool // a counterpart move is a bank statement line's
	AllPaymentsMatched   bool // every such payment is matched with the bank
}

// invoicePaymentState is Odoo 18's _compute_payment_state for a posted invoice. inPayment is
// what _get_invoice_in_payment_state returns: "paid" on Community, "in_payment" when the
// Enterprise accountant module is installed.
func invoicePaymentState(moveType, state string, residualZero bool, ev []paymentEvidence, inPayment string) string {
	if state != "posted" {
		return "not_paid"
	}
	if !residualZero {
		if len(ev) > 0 {
			return "partial"
		}
		return "not_paid"
	}
	if slices.ContainsFunc(ev, func(e paymentEvidence) bool { return e.HasPayment || e.HasStatementLine }) {
		if !slices.ContainsFunc(ev, func(e paymentEvidence) bool { return !e.AllPaymentsMatched }) {
			return "paid"
		}
		return inPayment
	}
	types := map[string]bool{}
	for _, e := range ev {
		for _, t := range e.CounterpartMoveTypes {
			types[t] = true
		}
	}
	if reversedBy(moveType, types) {
		return "reversed"
	}
	return "paid"
}

// reversedBy is Odoo's in_reverse / out_reverse / misc_reverse test.
func reversedBy(moveType string, types map[string]bool) bool {
	only := func(allowed ...string) bool {
		if len(types) == 0 {
			return false
		}
		for t := range types {
			if !slices.Contains(allowed, t) {
				return false
			}
		}
		return true
	}
	switch moveType {
	case "in_invoice", "in_receipt":
		return types["in_refund"] && only("in_refund", "entry")
	case "out_invoice", "out_receipt":
		return types["out_refund"] && only("out_refund", "entry")
	case "entry", "out_refund", "in_refund":
		return only("entry")
	}
	return false
}
