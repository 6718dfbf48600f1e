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

func (g *generator) emitOrder(r randSource, date time.Time, partnerID int64) {
	name := fmt.Sprintf("S%05d", g.seq.number("S", date))
	recent := !date.Before(g.closeFrom)
	state, delivered, invoiced := "sale", true, true
	switch x := r.Float64(); {
	case x < 0.1:
		state, delivered, invoiced = "cancel", false, false
	case recent && x < 0.35:
		state, delivered, invoiced = pick(r, []string{"draft", "sent"}), false, false
	case recent && x < 0.65:
		invoiced = false // delivered, not invoiced: a close check
	case recent && x < 0.8:
		delivered, invoiced = false, false
	}
	var lines []invLine
	var untaxed, tax int64
	for range between(r, 1, 3) {
		pi := r.IntN(len(g.products))
		l := invLine{product: pi, qty: between(r, 1, 10), price: g.products[pi].listPrice}
		l.subtotal = l.price * int64(l.qty)
		l.tax = roundDiv(l.subtotal*g.taxRate, 100)
		untaxed, tax = untaxed+l.subtotal, tax+l.tax
		lines = append(lines, l)
	}
	status := map[bool]string{true: "invoiced", false: "to invoice"}[invoiced]
	if state != "sale" || !delivered && !invoiced {
		status = "no"
	}
	id := g.w.insert("sale.order", map[string]any{"name": name, "partner_id": partnerID, "partner_invoice_id": partnerID,
		"partner_shipping_id": partnerID, "state": state, "date_order": stamp(at(date, 11, 0)),
		"validity_date": day(date.AddDate(0, 0, 30)), "invoice_status": status, "amount_untaxed": money(untaxed),
		"amount_tax": money(tax), "amount_total": money(untaxed + tax), "currency_id": g.currencyID,
		"company_id": g.companyID, "user_id": g.user["accountant"], "picking_policy": "direct",
		"delivery_status": deliveryStatus(state, delivered), "require_signature": false, "locked": false})
	var done time.Time
	if delivered {
		done = businessDay(date.AddDate(0, 0, between(r, 1, 6)))
		if done.After(g.opts.Today) {
			done = g.opts.Today
		}
	}
	var picking int64
	if state == "sale" {
		picking = g.emitPicking("WH/OUT", date, date.AddDate(0, 0, 3), done, partnerID, name, id)
	}
	for i, l := range lines {
		qd := float64(l.qty) * float64(boolInt(delivered))
		qi := float64(l.qty) * float64(boolInt(invoiced))
		lineStatus := status
		lid := g.w.insert("sale.order.line", map[string]any{"order_id": id, "order_partner_id": partnerID,
			"product_id": g.productIDs[l.product], "name": g.products[l.product].name, "product_uom_qty": float64(l.qty),
			"price_unit": money(l.price), "price_subtotal": money(l.subtotal), "price_tax": money(l.tax),
			"price_total": money(l.subtotal + l.tax), "qty_delivered": qd, "qty_invoiced": qi,
			"qty_to_invoice": qd - qi, "invoice_status": lineStatus, "state": state, "sequence": int64(10 + i),
			"tax_id": []int64{g.tax["sale"]}, "currency_id": g.currencyID, "company_id": g.companyID,
			"qty_delivered_method": "stock_move", "customer_lead": 0.0, "discount": 0.0})
		if picking != 0 {
			g.emitStockMove(picking, name, l, date.AddDate(0, 0, 3), done, partnerID, 0, lid)
		}
	}
	if state == "sale" && delivered && !invoiced {
		g.truth.Close.DeliveredNotInvoiced = append(g.truth.Close.DeliveredNotInvoiced, id)
	}
	if state == "sale" && !invoiced {
		g.uninvoiced[partnerID] += untaxed + tax
	}
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
