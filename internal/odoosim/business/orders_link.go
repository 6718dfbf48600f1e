package business

import (
	"slices"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// refreshLinkedOrders keeps sale and purchase lines in step with the invoice lines that
// bill them (Odoo shares one relation table between sale_line_ids and invoice_lines; the
// simulator stores both sides, so this writes the sale side too).
func refreshLinkedOrders(env *odoosim.Env, lines []int64) error {
	q := quiet(env)
	var sales, purchases []int64
	for _, l := range lines {
		r := at(env, "account.move.line", l)
		for _, sl := range r.ids("sale_line_ids") {
			sol := at(env, "sale.order.line", sl)
			if cur := sol.ids("invoice_lines"); !containsID(cur, l) {
				if err := q.Write("sale.order.line", []int64{sl}, map[string]any{"invoice_lines": append(slices.Clone(cur), l)}); err != nil {
					return err
				}
			}
			if o := sol.m2o("order_id"); !containsID(sales, o) {
				sales = append(sales, o)
			}
		}
		if pl := r.m2o("purchase_line_id"); pl != 0 {
			if o := at(env, "purchase.order.line", pl).m2o("order_id"); !containsID(purchases, o) {
				purchases = append(purchases, o)
			}
		}
	}
	return refreshOrders(env, sales, purchases)
}

// refreshOrders recomputes the delivered, received, invoiced and status fields of the
// given sale and purchase orders.
func refreshOrders(env *odoosim.Env, sales, purchases []int64) error {
	for _, o := range sales {
		if err := refreshSaleOrder(env, o); err != nil {
			return err
		}
	}
	for _, o := range purchases {
		if err := refreshPurchaseOrder(env, o); err != nil {
			return err
		}
	}
	return nil
}
