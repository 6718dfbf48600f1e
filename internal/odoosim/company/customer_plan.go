package company

import (
	"math"
	"slices"
	"time"
)

// customerPlan is everything a customer does over the history, before ids exist.
type customerPlan struct {
	idx         int
	behaviour   behaviour
	onset       time.Time // defaulter: first due date left unpaid
	creditLimit int64     // minor; 0 = none
	termDays    int
	invoices    []invPlan
	payments    []payPlan
}

var behaviourWeights = []struct {
	b behaviour
	w float64
}{{onTime, 0.42}, {slowPayer, 0.25}, {chronicLate, 0.13}, {partialPayer, 0.10}, {defaulter, 0.10}}

func (g *generator) planCustomer(i int) *customerPlan {
	r := stream(g.opts.Seed, "customer", uint64(i))
	p := &customerPlan{idx: i, termDays: pick(r, []int{15, 30, 30, 30, 45, 60})}
	x := r.Float64()
	for _, bw := range behaviourWeights {
		if x < bw.w {
			p.behaviour = bw.b
			break
		}
		x -= bw.w
	}
	if p.behaviour == "" {
		p.behaviour = onTime
	}
	p.onset = g.opts.Today.AddDate(0, 0, -between(r, 70, 220))
	volume := math.Exp(r.NormFloat64() * 0.5) // big and small customers
	first := 0
	if chance(r, 0.3) {
		first = r.IntN(8)
	}
	start := monthStart(g.opts.Today).AddDate(0, -(historyMonths - 1), 0)
	for m := first; m < historyMonths; m++ {
		month := start.AddDate(0, m, 0)
		for range poisson(r, g.sc.invoiceRate*volume) {
			p.invoices = append(p.invoices, g.planInvoice(r, randomDayIn(r, month, g.opts.Today), p.termDays))
		}
	}
	slices.SortStableFunc(p.invoices, func(a, b invPlan) int { return a.date.Compare(b.date) })
	if chance(r, 0.4) {
		p.creditLimit = creditLimitFor(r, p.invoices)
	}
	// Some invoices of the open months are still drafts: a close check.
	closeFrom := monthStart(g.opts.Today).AddDate(0, -1, 0)
	for k := range p.invoices {
		if !p.invoices[k].date.Before(closeFrom) && chance(r, 0.06) {
			p.invoices[k].draft = true
		}
	}
	// A share of the invoices comes from a confirmed, delivered sale order.
	for k := range p.invoices {
		if !p.invoices[k].draft && chance(r, 0.3) {
			p.invoices[k].orderDate = weekdayBack(p.invoices[k].date.AddDate(0, 0, -between(r, 1, 10)))
		}
	}
	p.payments = g.planCustomerPayments(r, p)
	return p
}

// planInvoice draws 1-3 product lines with log-uniform prices (Benford-friendly).
func (g *generator) planInvoice(r randSource, date time.Time, term int) invPlan {
	inv := invPlan{date: date, due: date.AddDate(0, 0, term), origin: -1}
	for range between(r, 1, 3) {
		pi := r.IntN(len(g.products))
		prod := g.products[pi]
		price := prod.listPrice * int64(between(r, 95, 105)) / 100
		l := invLine{product: pi, qty: between(r, 1, 12), price: price}
		l.subtotal = price * int64(l.qty)
		l.tax = roundDiv(l.subtotal*g.taxRate, 100)
		inv.lines = append(inv.lines, l)
		inv.untaxed += l.subtotal
		inv.tax += l.tax
	}
	inv.total = inv.untaxed + inv.tax
	switch x := r.Float64(); {
	case x < 0.15:
		inv.refKind = "rf"
	case x < 0.25:
		inv.refKind = "be"
	}
	return inv
}

// creditLimitFor sets a limit around two to five months of the customer's billing,
// rounded to 1,000: some customers will be above it.
func creditLimitFor(r randSource, invs []invPlan) int64 {
	var sum int64
	for _, inv := range invs {
		sum += inv.total
	}
	monthly := sum / historyMonths
	limit := monthly * int64(between(r, 15, 50)) / 10
	return max(100_000, limit/100_000*100_000)
}

// planCustomerPayments turns the behaviour into bank transfers with case types.
func (g *generator) planCustomerPayments(r randSource, p *customerPlan) []payPlan {
	var pays []payPlan
	for k := range p.invoices {
		inv := &p.invoices[k]
		if inv.draft {
			continue
		}
		dates, parts := schedulePayment(r, p.behaviour, inv, p.onset)
		var done int64
		for n, d := range dates {
			d = businessDay(d) // banks book transfers on business days
			if d.After(g.opts.Today) {
				break
			}
			amt := inv.total - done
			if n < len(dates)-1 {
				amt = inv.total * parts[n] / 1000
			}
			done += amt
			pay := payPlan{date: d, amount: amt, allocs: []alloc{{k, amt}}}
			if len(dates) > 1 {
				pay.kind = casePartial
			}
			pays = append(pays, pay)
		}
	}
	if chance(r, 0.5) {
		pays = groupPayments(r, pays, p.invoices)
	}
	for k := range pays {
		assignCase(r, &pays[k], p.invoices)
	}
	settle(r, g.opts.Today, p.invoices, pays)
	return pays
}

// assignCase gives single-invoice payments their noise: exact, typo, structured, fee or a
// payer name that differs from the partner.
func assignCase(r randSource, pay *payPlan, invs []invPlan) {
	if pay.kind != "" {
		return
	}
	inv := invs[pay.allocs[0].inv]
	x := r.Float64()
	switch {
	case inv.refKind != "" && x < 0.8:
		pay.kind = caseStructured
	case x < 0.45:
		pay.kind = caseExact
	case x < 0.65:
		pay.kind = caseTypo
	case x < 0.78 && inv.total > 5_000:
		pay.kind = caseFee
		pay.fee = int64(between(r, 50, 1500))
		pay.amount -= pay.fee
	case x < 0.92:
		pay.kind = casePayerName
	default:
		pay.kind = caseExact
	}
}

func roundDiv(a, b int64) int64 {
	if a >= 0 {
		return (a + b/2) / b
	}
	return -((-a + b/2) / b)
}
