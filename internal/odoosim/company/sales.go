package company

import (
	"fmt"
	"time"
)

// emitSales writes sale orders (with deliveries) and the CRM pipeline. Sale orders are not
// linked to the generated invoices (see doc.go); what matters for the close is the state
// of delivered-but-not-invoiced orders.
func (g *generator) emitSales() {
	if len(g.customerIDs) == 0 {
		return
	}
	r := stream(g.opts.Seed, "sales", 0)
	start := monthStart(g.opts.Today).AddDate(0, -(historyMonths - 1), 0)
	span := daysBetween(start, g.opts.Today)
	for i := range g.sc.orders {
		date := weekdayBack(start.AddDate(0, 0, r.IntN(span+1)))
		if chance(r, 0.25) { // the open periods always have quotations and fresh orders
			date = weekdayBack(g.closeFrom.AddDate(0, 0, r.IntN(daysBetween(g.closeFrom, g.opts.Today)+1)))
		}
		g.emitOrder(r, date, pick(r, g.customerIDs))
		if i%1024 == 0 && g.w.err != nil {
			return
		}
	}
	g.emitLeads(stream(g.opts.Seed, "crm", 0))
}

// orderSpec is a sale order to write; invoiceLines (parallel to lines, may be nil) are the
// journal items that invoiced each line.
type orderSpec struct {
	name         string
	date, done   time.Time // done: delivery date, zero = not delivered
	partner      int64
	state        string
	invoiced     bool
	lines        []invLine
	invoiceLines []int64
}

// emitOrder writes a sale order that no generated invoice comes from: old quotations and
// cancelled orders, and in the open periods confirmed orders not delivered or delivered
// but not invoiced yet (a close check).
func (g *generator) emitOrder(r randSource, date time.Time, partnerID int64) {
	o := orderSpec{name: fmt.Sprintf("S%05d", g.seq.number("S", date)), date: date, partner: partnerID, state: "sale"}
	recent := !date.Before(g.closeFrom)
	switch x := r.Float64(); {
	case x < 0.15 || !recent && x < 0.25:
		o.state = "cancel"
	case !recent || x < 0.4:
		o.state = pick(r, []string{"draft", "sent"})
	case x < 0.8:
		o.done = businessDay(date.AddDate(0, 0, between(r, 1, 6)))
		if o.done.After(g.opts.Today) {
			o.done = weekdayBack(g.opts.Today)
		}
	}
	for range between(r, 1, 3) {
		pi := r.IntN(len(g.products))
		l := invLine{product: pi, qty: between(r, 1, 10), price: g.products[pi].listPrice}
		l.subtotal = l.price * int64(l.qty)
		l.tax = roundDiv(l.subtotal*g.taxRate, 100)
		o.lines = append(o.lines, l)
	}
	id := g.writeOrder(&o)
	if o.state == "sale" && !o.done.IsZero() {
		g.truth.Close.DeliveredNotInvoiced = append(g.truth.Close.DeliveredNotInvoiced, id)
	}
	if o.state == "sale" {
		g.uninvoiced[partnerID] += orderTotal(o.lines)
	}
}

// emitInvoicedOrder writes the confirmed, delivered sale order an invoice was made from,
// linking its lines to the invoice's product lines.
func (g *generator) emitInvoicedOrder(inv *invPlan, partnerID int64, invoiceLines []int64) {
	done := businessDay(inv.orderDate.AddDate(0, 0, 1))
	if done.After(inv.date) {
		done = inv.date
	}
	g.writeOrder(&orderSpec{name: inv.originName, date: inv.orderDate, done: done, partner: partnerID,
		state: "sale", invoiced: true, lines: inv.lines, invoiceLines: invoiceLines})
}

func orderTotal(lines []invLine) int64 {
	var t int64
	for _, l := range lines {
		t += l.subtotal + l.tax
	}
	return t
}

func (g *generator) hasGoods(lines []invLine) bool {
	for _, l := range lines {
		if l.product >= 0 && !g.products[l.product].service {
			return true
		}
	}
	return false
}

// writeOrder inserts the order, its delivery (goods only) and its lines with the stored
// quantities and invoice status Odoo computes for products invoiced on delivery.
func (g *generator) writeOrder(o *orderSpec) int64 {
	delivered := !o.done.IsZero()
	status := "no"
	switch {
	case o.state == "sale" && o.invoiced:
		status = "invoiced"
	case o.state == "sale" && delivered:
		status = "to invoice"
	}
	var untaxed, tax int64
	for _, l := range o.lines {
		untaxed, tax = untaxed+l.subtotal, tax+l.tax
	}
	id := g.w.insert("sale.order", map[string]any{"name": o.name, "partner_id": o.partner, "partner_invoice_id": o.partner,
		"partner_shipping_id": o.partner, "state": o.state, "date_order": stamp(at(o.date, 11, 0)),
		"validity_date": day(o.date.AddDate(0, 0, 30)), "invoice_status": status, "amount_untaxed": money(untaxed),
		"amount_tax": money(tax), "amount_total": money(untaxed + tax), "currency_id": g.currencyID,
		"company_id": g.companyID, "user_id": g.user["accountant"], "picking_policy": "direct",
		"delivery_status": deliveryStatus(o.state, delivered), "require_signature": false, "locked": false})
	var picking int64
	if o.state == "sale" && g.hasGoods(o.lines) {
		picking = g.emitPicking("WH/OUT", o.date, o.date.AddDate(0, 0, 3), o.done, o.partner, o.name, id)
	}
	for i, l := range o.lines {
		qd := float64(l.qty) * float64(boolInt(delivered))
		qi := float64(l.qty) * float64(boolInt(o.invoiced))
		vals := map[string]any{"order_id": id, "order_partner_id": o.partner,
			"product_id": g.productIDs[l.product], "name": g.products[l.product].name, "product_uom_qty": float64(l.qty),
			"price_unit": money(l.price), "price_subtotal": money(l.subtotal), "price_tax": money(l.tax),
			"price_total": money(l.subtotal + l.tax), "qty_delivered": qd, "qty_invoiced": qi,
			"qty_to_invoice": qd - qi, "invoice_status": status, "state": o.state, "sequence": int64(10 + i),
			"tax_id": []int64{g.tax["sale"]}, "currency_id": g.currencyID, "company_id": g.companyID,
			"qty_delivered_method": "stock_move", "customer_lead": 0.0, "discount": 0.0, "invoice_lines": []int64{}}
		if o.invoiceLines != nil {
			vals["invoice_lines"] = []int64{o.invoiceLines[i]}
		}
		lid := g.w.insert("sale.order.line", vals)
		if picking != 0 && !g.products[l.product].service {
			g.emitStockMove(picking, o.name, l, o.date.AddDate(0, 0, 3), o.done, o.partner, 0, lid)
		}
	}
	return id
}

func deliveryStatus(state string, delivered bool) any {
	switch {
	case state != "sale":
		return nil
	case delivered:
		return "full"
	}
	return "pending"
}

// emitLeads writes the CRM pipeline: leads and opportunities, some won (probability 100)
// and some lost (archived with probability 0).
func (g *generator) emitLeads(r randSource) {
	for range g.sc.leads {
		c := &countries[r.IntN(len(countries))]
		given, family := pick(r, c.given), pick(r, c.family)
		company := family + " " + pick(r, activities)
		created := g.opts.Today.AddDate(0, 0, -between(r, 0, 365))
		prob, active, kind := float64(between(r, 5, 90)), true, "opportunity"
		var closed any
		switch x := r.Float64(); {
		case x < 0.2:
			kind, prob = "lead", 10
		case x < 0.35:
			prob, closed = 100, stamp(at(created.AddDate(0, 0, between(r, 5, 60)), 16, 0))
		case x < 0.5:
			prob, active = 0, false
		}
		partner := int64(0)
		if chance(r, 0.3) {
			partner = pick(r, g.customerIDs)
		}
		g.w.insert("crm.lead", map[string]any{"name": company + " - " + pick(r, []string{"Equipment", "Service contract", "Renewal", "Pilot"}),
			"type": kind, "partner_id": partner, "partner_name": company, "contact_name": given + " " + family,
			"email_from": asciiFold(toLower(given)) + "@" + domainOf(company, c.code), "phone": c.phonePrefix + " " + digits(r, 9),
			"expected_revenue": money(logUniformMinor(r, 500, 80000)), "probability": prob, "active": active,
			"priority": pick(r, []string{"0", "1", "2", "3"}), "date_deadline": day(created.AddDate(0, 0, between(r, 14, 120))),
			"date_closed": closed, "user_id": g.user["accountant"], "company_id": g.companyID, "city": pick(r, c.cities).city,
			"country_id": g.country[c.code], "create_date": stamp(at(created, 10, 0)), "date_open": stamp(at(created, 10, 0))})
	}
}

// emitFiller adds contacts without any business so the large company reaches its partner
// count. They are skipped in the counting pass: nothing of theirs is numbered.
func (g *generator) emitFiller() {
	if g.seq.counting {
		return
	}
	for i := range g.sc.totalPartners - g.w.counts["res.partner"] {
		r := stream(g.opts.Seed, "filler", uint64(i))
		p := g.drawCompany(r, chance(r, 0.7), activities)
		p.tagEmail("." + itoa(i))
		id := g.w.insert("res.partner", p.vals(g))
		g.w.patch("res.partner", id, map[string]any{"commercial_partner_id": id})
		if g.w.err != nil {
			return
		}
	}
}
