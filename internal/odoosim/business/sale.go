package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

const noPartner = int64(-1) // partner_invoice_id/partner_shipping_id default until the create hook

// onSaleCreate numbers the order (S00001) and fills its addresses from the customer.
func onSaleCreate(env *odoosim.Env, id int64) error {
	if internal(env) {
		return nil
	}
	o := at(env, "sale.order", id)
	vals := map[string]any{}
	if n := o.str("name"); n == "" || n == "New" || n == "/" {
		name, err := nextOrderName(env, "sale.order", "S", 5)
		if err != nil {
			return err
		}
		vals["name"] = name
	}
	partner := o.m2o("partner_id")
	for _, f := range []string{"partner_invoice_id", "partner_shipping_id"} {
		if o.m2o(f) <= 0 {
			vals[f] = partner
		}
	}
	if err := quiet(env).Write("sale.order", []int64{id}, vals); err != nil {
		return err
	}
	return refreshSaleOrder(env, id)
}

// nextOrderName is the ir.sequence of sale/purchase orders: prefix and a zero-padded counter.
func nextOrderName(env *odoosim.Env, model, prefix string, width int) (string, error) {
	ids, err := env.Search(model, []any{leaf("name", "=like", prefix+"%")}, "id desc", 0)
	if err != nil {
		return "", fmt.Errorf("number %s: %w", model, err)
	}
	next := 1
	for _, id := range ids {
		var n int
		if _, err := fmt.Sscanf(at(env, model, id).str("name"), prefix+"%d", &n); err == nil && n >= next {
			next = n + 1
		}
	}
	return fmt.Sprintf("%s%0*d", prefix, width, next), nil
}

// onSaleLineChange recomputes the orders of created or edited lines.
func onSaleLineChange(env *odoosim.Env, ids []int64, _ map[string]any) error {
	if internal(env) {
		return nil
	}
	var orders []int64
	for _, id := range ids {
		if o := at(env, "sale.order.line", id).m2o("order_id"); !containsID(orders, o) {
			orders = append(orders, o)
		}
	}
	for _, o := range orders {
		if err := refreshSaleOrder(env, o); err != nil {
			return err
		}
	}
	return nil
}

// onSaleWrite recomputes an order after a user write (state, lines...).
func onSaleWrite(env *odoosim.Env, ids []int64, _ map[string]any) error {
	if internal(env) {
		return nil
	}
	for _, id := range ids {
		if err := refreshSaleOrder(env, id); err != nil {
			return err
		}
	}
	return nil
}

// refreshSaleOrder recomputes every line (amounts, delivered/invoiced quantities, invoice
// status) and the order's totals and invoice_status, as Odoo 18's sale computes do.
func refreshSaleOrder(env *odoosim.Env, order int64) error {
	o := at(env, "sale.order", order)
	dec := companyDecimals(env, max(o.m2o("company_id"), 1))
	lines, err := env.Search("sale.order.line", []any{leaf("order_id", "=", order)}, "id", 0)
	if err != nil {
		return fmt.Errorf("read lines of order %d: %w", order, err)
	}
	q := quiet(env)
	var untaxed, tax int64
	var statuses []string
	for _, l := range lines {
		la, status, err := refreshSaleLine(env, q, l, o.str("state"), dec)
		if err != nil {
			return err
		}
		untaxed += la.Subtotal
		tax += la.Total - la.Subtotal
		if at(env, "sale.order.line", l).str("display_type") == "" {
			statuses = append(statuses, status)
		}
	}
	return q.Write("sale.order", []int64{order}, map[string]any{
		"amount_untaxed": major(untaxed, dec), "amount_tax": major(tax, dec), "amount_total": major(untaxed+tax, dec),
		"invoice_status": orderInvoiceStatus(o.str("state"), statuses),
	})
}

func refreshSaleLine(env, q *odoosim.Env, line int64, state string, dec int) (lineAmounts, string, error) {
	l := at(env, "sale.order.line", line)
	if l.str("display_type") != "" {
		return lineAmounts{}, "no", q.Write("sale.order.line", []int64{line}, map[string]any{"state": state})
	}
	if l.str("name") == "" && l.m2o("product_id") != 0 {
		if err := q.Write("sale.order.line", []int64{line}, map[string]any{"name": productLabel(env, l.m2o("product_id"))}); err != nil {
			return lineAmounts{}, "", err
		}
	}
	var taxes []taxSpec
	for _, t := range l.ids(saleTaxField(env)) {
		taxes = append(taxes, readTax(env, t))
	}
	la := computeLine(lineSpec{Quantity: l.f64("product_uom_qty"), PriceUnit: l.f64("price_unit"), Discount: l.f64("discount"), Taxes: taxes}, dec)
	delivered := l.f64("qty_delivered")
	if l.str("qty_delivered_method") == "stock_move" || len(l.ids("move_ids")) > 0 {
		delivered = doneQuantity(env, l.ids("move_ids"), "outgoing")
	}
	invoiced := invoicedQuantity(env, l.ids("invoice_lines"), "out_invoice", "out_refund")
	ordered := l.f64("product_uom_qty")
	policy := invoicePolicy(env, l.m2o("product_id"))
	toInvoice := 0.0
	if state == "sale" {
		if policy == "delivery" {
			toInvoice = delivered - invoiced
		} else {
			toInvoice = ordered - invoiced
		}
	}
	status := saleLineInvoiceStatus(state, policy, ordered, delivered, invoiced, toInvoice)
	err := q.Write("sale.order.line", []int64{line}, map[string]any{
		"price_subtotal": major(la.Subtotal, dec), "price_total": major(la.Total, dec), "price_tax": major(la.Total-la.Subtotal, dec),
		"qty_delivered": delivered, "qty_invoiced": invoiced, "qty_to_invoice": toInvoice,
		"invoice_status": status, "state": state,
	})
	return la, status, err
}
