package company

import (
	"fmt"
	"time"
)

func (g *generator) emitVendors() {
	for j := range g.sc.vendors {
		plan := g.planVendor(j)
		if g.seq.counting {
			for _, po := range plan.orders {
				g.seq.count("P", po.date)
				g.seq.count("WH/IN", po.date)
			}
			g.countDocuments(plan.bills, plan.payments, "BILL")
			g.vendorIDs = append(g.vendorIDs, int64(j+1))
			continue
		}
		r := stream(g.opts.Seed, "vendor-partner", uint64(j))
		kinds := vendorKinds
		p := drawPartner(r, false, kinds)
		switch j {
		case vendorLandlord:
			p.root = p.family + " Immo"
		case vendorSaaS:
			p.root = pick(r, brandWords) + " Cloud"
		case vendorUtility:
			p.root = pick(r, brandWords) + " Energy"
		default:
			p = g.drawCompany(r, false, kinds)
		}
		if j < firstGoodsVendor {
			p.domain = domainOf(p.root, p.country.code)
			p.email = "accounting@" + p.domain
			p.website = "https://www." + p.domain
			g.claim(p)
		}
		p.supplier = true
		if p.iban == "" {
			p.iban = ibanNumber(r, p.country.code)
		}
		id := g.insertPartner(r, p, true)
		g.vendorIDs = append(g.vendorIDs, id)
		g.recordVendor(plan, id)
		g.emitSupplierInfo(j, id)
		names := g.emitPurchaseOrders(plan, id)
		for k := range plan.bills {
			if o := plan.bills[k].origin; o >= 0 {
				plan.bills[k].originName = names[o]
			}
		}
		refs := g.emitDocuments(vendorSide(g), plan.bills, id, p, uint64(j))
		g.emitPayments(vendorSide(g), plan.payments, plan.bills, refs, id, p, uint64(1<<32+j))
		g.recordVendorDocs(plan, id, refs)
		if g.w.err != nil {
			return
		}
	}
}

func (g *generator) recordVendor(plan *vendorPlan, id int64) {
	kind := "goods"
	switch plan.idx {
	case vendorLandlord:
		kind = "landlord"
	case vendorSaaS:
		kind = "saas"
	case vendorUtility:
		kind = "utility"
	}
	g.truth.Vendors.Vendors = append(g.truth.Vendors.Vendors, VendorBehaviour{PartnerID: id, Behaviour: string(plan.behaviour), Kind: kind})
	if plan.behaviour == vendorDegrading {
		g.truth.Vendors.Degrading = append(g.truth.Vendors.Degrading, id)
	}
}

// emitSupplierInfo: every goods product has exactly one vendor (single source).
func (g *generator) emitSupplierInfo(j int, vendorID int64) {
	for _, pi := range g.vendorProducts[j] {
		p := g.products[pi]
		g.w.insert("product.supplierinfo", map[string]any{"partner_id": vendorID, "product_tmpl_id": g.templateIDs[pi],
			"product_id": g.productIDs[pi], "price": money(p.cost), "min_qty": 1.0, "delay": int64(7),
			"currency_id": g.currencyID, "company_id": g.companyID, "sequence": int64(1), "product_code": str(p.code)})
		g.truth.Vendors.SingleSource[itoa(int(g.productIDs[pi]))] = vendorID
	}
}

// emitPurchaseOrders writes orders, lines and receipts (stock.picking + stock.move).
func (g *generator) emitPurchaseOrders(plan *vendorPlan, vendorID int64) []string {
	names := make([]string, 0, len(plan.orders))
	for _, po := range plan.orders {
		name := fmt.Sprintf("P%05d", g.seq.number("P", po.date))
		var untaxed, tax int64
		for _, l := range po.lines {
			untaxed += l.subtotal
			tax += l.tax
		}
		received := !po.done.IsZero()
		invStatus := "to invoice"
		if !received {
			invStatus = "no"
		} else if po.bill >= 0 {
			invStatus = "invoiced"
		}
		receipt := "pending"
		if received {
			receipt = "full"
		}
		state := "purchase"
		if po.bill >= 0 && po.date.Before(g.opts.Today.AddDate(0, -3, 0)) {
			state = "done"
		}
		id := g.w.insert("purchase.order", map[string]any{"name": name, "partner_id": vendorID, "state": state,
			"date_order": stamp(at(po.date, 10, 0)), "date_approve": stamp(at(po.date, 10, 5)),
			"date_planned": stamp(at(po.planned, 12, 0)), "effective_date": stamp(at(po.done, 14, 0)),
			"amount_untaxed": money(untaxed), "amount_tax": money(tax), "amount_total": money(untaxed + tax),
			"currency_id": g.currencyID, "company_id": g.companyID, "invoice_status": invStatus,
			"receipt_status": receipt, "user_id": g.user["ap_clerk"], "priority": "0", "invoice_count": int64(boolInt(po.bill >= 0))})
		if po.done.IsZero() {
			g.w.patch("purchase.order", id, map[string]any{"effective_date": nil})
		}
		names = append(names, name)
		g.emitPurchaseLines(po, id, name, vendorID)
		if received && po.bill < 0 {
			g.truth.Close.ReceivedNotBilled = append(g.truth.Close.ReceivedNotBilled, id)
		}
	}
	return names
}

func (g *generator) emitPurchaseLines(po poPlan, orderID int64, name string, vendorID int64) {
	received := !po.done.IsZero()
	picking := g.emitPicking("WH/IN", po.date, po.planned, po.done, vendorID, name, 0)
	for i, l := range po.lines {
		qtyRecv := 0.0
		if received {
			qtyRecv = float64(l.qty)
		}
		lineID := g.w.insert("purchase.order.line", map[string]any{"order_id": orderID, "partner_id": vendorID,
			"product_id": g.productIDs[l.product], "name": g.products[l.product].name, "product_qty": float64(l.qty),
			"product_uom_qty": float64(l.qty), "price_unit": money(l.price), "price_subtotal": money(l.subtotal),
			"price_tax": money(l.tax), "price_total": money(l.subtotal + l.tax), "qty_received": qtyRecv,
			"qty_invoiced": float64(l.qty) * float64(boolInt(po.bill >= 0)), "date_planned": stamp(at(po.planned, 12, 0)),
			"taxes_id": []int64{g.tax["purchase"]}, "currency_id": g.currencyID, "company_id": g.companyID,
			"state": "purchase", "sequence": int64(10 + i), "qty_received_method": "stock_moves"})
		g.emitStockMove(picking, name, l, po.planned, po.done, vendorID, lineID, 0)
	}
}

// emitPicking writes a receipt (WH/IN) or delivery (WH/OUT) with Odoo's states: done when it
// happened, assigned while waiting.
func (g *generator) emitPicking(prefix string, created, scheduled, done time.Time, partnerID int64, origin string, saleID int64) int64 {
	state := "assigned"
	if !done.IsZero() {
		state = "done"
	}
	return g.w.insert("stock.picking", map[string]any{"name": fmt.Sprintf("%s/%05d", prefix, g.seq.number(prefix, created)),
		"origin": origin, "partner_id": partnerID, "scheduled_date": stamp(at(scheduled, 12, 0)),
		"date_deadline": stamp(at(scheduled, 12, 0)), "date_done": stamp(atIf(done, 15, 30)), "state": state,
		"move_type": "direct", "priority": "0", "company_id": g.companyID, "sale_id": saleID,
		"create_date": stamp(at(created, 10, 1)), "printed": false})
}

func (g *generator) emitStockMove(picking int64, origin string, l invLine, scheduled, done time.Time, partnerID, poLine, soLine int64) {
	state, qty := "assigned", 0.0
	date := scheduled
	if !done.IsZero() {
		state, qty, date = "done", float64(l.qty), done
	}
	g.w.insert("stock.move", map[string]any{"name": g.products[l.product].name, "reference": origin, "origin": origin,
		"product_id": g.productIDs[l.product], "product_uom_qty": float64(l.qty), "product_qty": float64(l.qty),
		"quantity": qty, "picking_id": picking, "state": state, "date": stamp(at(date, 15, 30)),
		"date_deadline": stamp(at(scheduled, 12, 0)), "picked": state == "done", "price_unit": money(l.price),
		"purchase_line_id": poLine, "sale_line_id": soLine, "partner_id": partnerID, "company_id": g.companyID,
		"procure_method": "make_to_stock", "priority": "0"})
}

func atIf(t time.Time, hh, mm int) time.Time {
	if t.IsZero() {
		return t
	}
	return at(t, hh, mm)
}

func (g *generator) recordVendorDocs(plan *vendorPlan, vendorID int64, refs *docRefs) {
	for k, b := range plan.bills {
		if b.dupOf != 0 {
			g.truth.Anomaly.DuplicateBills = append(g.truth.Anomaly.DuplicateBills, []int64{refs.moveIDs[b.dupOf-1], refs.moveIDs[k]})
		}
	}
	if plan.idx != vendorLandlord {
		return
	}
	var last int64
	var months int
	var typical int64
	for k, b := range plan.bills {
		if !b.draft {
			last, typical = refs.moveIDs[k], b.untaxed
			months++
		}
	}
	g.truth.Close.MissingRecurring = append(g.truth.Close.MissingRecurring, MissingRecurring{Label: recurringLabel[0],
		PartnerID: vendorID, AccountID: g.acc["rent"], Period: g.opts.Today.Format("2006-01"), PostedMonths: months,
		LastMoveID: last, TypicalAmount: money(typical)})
}
