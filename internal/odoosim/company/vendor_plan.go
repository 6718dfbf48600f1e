package company

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Vendor kinds: the first vendors are the company's recurring service providers.
const (
	vendorLandlord = iota
	vendorSaaS
	vendorUtility
	firstGoodsVendor
)

type poPlan struct {
	date, planned, done time.Time // done zero = not received yet
	lines               []invLine
	bill                int // index into bills, -1 = not billed
}

type vendorPlan struct {
	idx       int
	behaviour behaviour
	leadDays  int
	orders    []poPlan
	bills     []invPlan
	payments  []payPlan
}

func (g *generator) planVendor(j int) *vendorPlan {
	r := stream(g.opts.Seed, "vendor", uint64(j))
	v := &vendorPlan{idx: j, behaviour: vendorOnTime, leadDays: between(r, 5, 20)}
	if j >= firstGoodsVendor {
		switch x := r.Float64(); {
		case x < 0.2:
			v.behaviour = vendorDegrading
		case x < 0.35:
			v.behaviour = vendorUnreliable
		}
	}
	start := monthStart(g.opts.Today).AddDate(0, -(historyMonths - 1), 0)
	switch j {
	case vendorLandlord, vendorSaaS, vendorUtility:
		g.planRecurringBills(r, v, start)
	default:
		g.planPurchases(r, v, start)
	}
	g.planVendorPayments(r, v)
	return v
}

// planRecurringBills: rent monthly for the last 12 months but NOT this month (the missing
// recurring entry), a SaaS subscription and utilities every month.
func (g *generator) planRecurringBills(r randSource, v *vendorPlan, start time.Time) {
	thisMonth := monthStart(g.opts.Today)
	var base int64
	switch v.idx {
	case vendorLandlord:
		base = logUniformMinor(r, 1800, 9000)
	case vendorSaaS:
		base = logUniformMinor(r, 90, 900)
	default:
		base = logUniformMinor(r, 200, 1500)
	}
	for m := range historyMonths {
		month := start.AddDate(0, m, 0)
		if v.idx == vendorLandlord && (month.Before(thisMonth.AddDate(0, -12, 0)) || month.Equal(thisMonth)) {
			continue
		}
		date := businessDay(month.AddDate(0, 0, between(r, 0, 3)))
		if date.After(g.opts.Today) {
			continue
		}
		amount := base
		if v.idx == vendorUtility {
			amount = base * int64(between(r, 80, 130)) / 100
		}
		l := invLine{product: -1 - v.idx, qty: 1, price: amount, subtotal: amount, tax: roundDiv(amount*g.taxRate, 100)}
		inv := invPlan{date: date, due: date.AddDate(0, 0, 10), lines: []invLine{l}, untaxed: amount,
			tax: l.tax, total: amount + l.tax, origin: -1, ref: fmt.Sprintf("%d-%02d/%03d", date.Year(), date.Month(), v.idx+1)}
		v.bills = append(v.bills, inv)
	}
}

// receiptDelay is how many days after the planned date a receipt arrives.
func (g *generator) receiptDelay(r randSource, v *vendorPlan, planned time.Time) int {
	switch v.behaviour {
	case vendorDegrading:
		monthsAgo := int(g.opts.Today.Sub(planned).Hours() / 24 / 30)
		if monthsAgo >= 4 {
			return between(r, -1, 2)
		}
		return between(r, 2, 5) + (4-monthsAgo)*between(r, 3, 6)
	case vendorUnreliable:
		return between(r, -3, 25)
	default:
		return between(r, -2, 1)
	}
}

// planPurchases: purchase orders of the vendor's single-source products, receipts with the
// vendor's delivery behaviour, and bills for what was received.
func (g *generator) planPurchases(r randSource, v *vendorPlan, start time.Time) {
	own := g.vendorProducts[v.idx]
	if len(own) == 0 {
		return
	}
	for m := range historyMonths {
		month := start.AddDate(0, m, 0)
		for range poisson(r, g.sc.poRate) {
			po := poPlan{date: randomDayIn(r, month, g.opts.Today), bill: -1}
			po.planned = po.date.AddDate(0, 0, v.leadDays)
			for range between(r, 1, 2) {
				pi := pick(r, own)
				l := invLine{product: pi, qty: between(r, 5, 60), price: g.products[pi].cost}
				l.subtotal = l.price * int64(l.qty)
				l.tax = roundDiv(l.subtotal*g.taxRate, 100)
				po.lines = append(po.lines, l)
			}
			if done := businessDay(po.planned.AddDate(0, 0, g.receiptDelay(r, v, po.planned))); !done.After(g.opts.Today) {
				po.done = done
			}
			g.planBill(r, v, &po, len(v.orders))
			v.orders = append(v.orders, po)
		}
	}
}

// planBill bills a received order a few days after the receipt, except recent receipts that
// are sometimes not billed yet (received-not-billed); a few bills are entered twice.
func (g *generator) planBill(r randSource, v *vendorPlan, po *poPlan, poIdx int) {
	if po.done.IsZero() {
		return
	}
	date := businessDay(po.done.AddDate(0, 0, between(r, 0, 5)))
	recent := g.opts.Today.AddDate(0, 0, -30)
	if date.After(g.opts.Today) || (po.done.After(recent) && chance(r, 0.3)) {
		return
	}
	inv := invPlan{date: date, due: date.AddDate(0, 0, 30), lines: po.lines, origin: poIdx,
		ref: fmt.Sprintf("F%d-%04d", date.Year(), between(r, 100, 9999))}
	for _, l := range po.lines {
		inv.untaxed += l.subtotal
		inv.tax += l.tax
	}
	inv.total = inv.untaxed + inv.tax
	if !date.Before(monthStart(g.opts.Today).AddDate(0, -1, 0)) && chance(r, 0.08) {
		inv.draft = true
	}
	po.bill = len(v.bills)
	v.bills = append(v.bills, inv)
	if !inv.draft && chance(r, 0.03) {
		dup := inv
		dup.date = businessDay(date.AddDate(0, 0, between(r, 0, 4)))
		dup.due = dup.date.AddDate(0, 0, 30)
		dup.ref = retypeRef(r, inv.ref)
		dup.origin = -1
		dup.dupOf = po.bill + 1
		if !dup.date.After(g.opts.Today) {
			v.bills = append(v.bills, dup)
		}
	}
}

// retypeRef is how a vendor reference looks when the same bill is keyed in a second time.
func retypeRef(r randSource, ref string) string {
	switch r.IntN(4) {
	case 0:
		return strings.ReplaceAll(ref, "-", " ")
	case 1:
		return strings.ReplaceAll(ref, "-", "")
	case 2:
		return strings.ToLower(ref)
	default:
		return strings.Replace(ref, "-", "-0", 1)
	}
}

// planVendorPayments pays posted bills around their due date by outgoing transfers.
func (g *generator) planVendorPayments(r randSource, v *vendorPlan) {
	for k := range v.bills {
		b := &v.bills[k]
		if b.draft || b.dupOf != 0 {
			continue // nobody pays the duplicate: that is how it stays visible
		}
		d := businessDay(b.due.AddDate(0, 0, between(r, -5, 5)))
		if d.After(g.opts.Today) {
			continue
		}
		pay := payPlan{date: d, amount: b.total, allocs: []alloc{{k, b.total}}, kind: caseExact}
		if chance(r, 0.25) {
			pay.kind = caseTypo
		}
		v.payments = append(v.payments, pay)
	}
	slices.SortStableFunc(v.payments, func(a, b payPlan) int { return a.date.Compare(b.date) })
	settle(r, g.opts.Today, v.bills, v.payments)
}
