package company

import "time"

// Credit labels, computed from the plan (when each invoice was really paid) and from the
// stored state at Today (what Odoo shows). The rules are also spelled out in doc.go.
const (
	lateGraceDays  = 5
	holdOverdueDay = 60
	lateRule       = "late_after_cutoff: the customer has a posted invoice due in (cutoff, today] that was fully paid (bank transfer date, reconciled or not) more than 5 days after its due date, or that is still unpaid at today when today is more than 5 days after its due date; cutoff = today - 90 days"
	holdRule       = "on_hold: exposure > credit_limit when credit_limit > 0, or some posted customer invoice has amount_residual > 0 and invoice_date_due < today - 60 days; exposure = amount_residual of the customer's posted out_invoice moves as stored (unreconciled bank lines do not reduce it) + amount_total of its draft out_invoice moves + amount_total of its sale orders in state sale whose invoice_status is not invoiced"
)

func (g *generator) recordCredit(plan *customerPlan, partnerID int64, refs *docRefs) {
	today := g.opts.Today
	cutoff := today.AddDate(0, 0, -90)
	c := CustomerCredit{PartnerID: partnerID, Behaviour: string(plan.behaviour), CreditLimit: money(plan.creditLimit)}
	settled := settlementDates(plan)
	var open, draft int64
	for k, inv := range plan.invoices {
		if inv.draft {
			draft += inv.total
			continue
		}
		c.Invoices++
		res := refs.residual[k]
		open += res
		if res > 0 && inv.due.Before(today) {
			c.MaxDaysOverdue = max(c.MaxDaysOverdue, daysBetween(inv.due, today))
		}
		if !inv.due.After(cutoff) || inv.due.After(today) {
			continue
		}
		c.DueInWindow++
		limit := inv.due.AddDate(0, 0, lateGraceDays)
		if paid, ok := settled[k]; ok && paid.After(limit) || !ok && today.After(limit) {
			c.LateAfterCutoff = true
		}
	}
	c.OpenReceivable, c.DraftInvoiced = money(open), money(draft)
	g.creditIdx[partnerID] = len(g.truth.Credit.Customers)
	g.creditExposure = append(g.creditExposure, [2]int64{open + draft, plan.creditLimit})
	g.truth.Credit.Customers = append(g.truth.Credit.Customers, c)
}

// finishCredit adds the uninvoiced sale orders (emitted after the invoices) to each
// customer's exposure and applies the hold rule.
func (g *generator) finishCredit() {
	for i := range g.truth.Credit.Customers {
		c := &g.truth.Credit.Customers[i]
		orders := g.uninvoiced[c.PartnerID]
		exposure, limit := g.creditExposure[i][0]+orders, g.creditExposure[i][1]
		c.UninvoicedSales, c.Exposure = money(orders), money(exposure)
		if limit > 0 && exposure > limit {
			c.HoldReasons = append(c.HoldReasons, "exposure_over_limit")
		}
		if c.MaxDaysOverdue > holdOverdueDay {
			c.HoldReasons = append(c.HoldReasons, "overdue_over_60_days")
		}
		c.OnHold = len(c.HoldReasons) > 0
	}
}

// settlementDates: the date each invoice was fully paid by bank transfers dated up to today.
func settlementDates(plan *customerPlan) map[int]time.Time {
	paid := map[int]int64{}
	out := map[int]time.Time{}
	for _, p := range plan.payments {
		for _, a := range p.allocs {
			paid[a.inv] += a.amount
			if paid[a.inv] >= plan.invoices[a.inv].total {
				if _, done := out[a.inv]; !done {
					out[a.inv] = p.date
				}
			}
		}
	}
	return out
}
