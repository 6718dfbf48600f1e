package business

import (
	"fmt"
	"strings"

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

// saleLineInvoiceStatus is sale.order.line._compute_invoice_status (no down payments).
func saleLineInvoiceStatus(state, policy string, ordered, delivered, invoiced, toInvoice float64) string {
	const eps = 1e-6
	switch {
	case state != "sale":
		return "no"
	case toInvoice > eps || toInvoice < -eps:
		return "to invoice"
	case policy == "order" && ordered >= 0 && delivered > ordered+eps:
		return "upselling"
	case invoiced >= ordered-eps:
		return "invoiced"
	}
	return "no"
}

// orderInvoiceStatus is sale.order._compute_invoice_status.
func orderInvoiceStatus(state string, lines []string) string {
	if state != "sale" {
		return "no"
	}
	all := func(ok func(string) bool) bool {
		for _, s := range lines {
			if !ok(s) {
				return false
			}
		}
		return true
	}
	for _, s := range lines {
		if s == "to invoice" {
			return "to invoice"
		}
	}
	switch {
	case len(lines) > 0 && all(func(s string) bool { return s == "invoiced" }):
		return "invoiced"
	case len(lines) > 0 && all(func(s string) bool { return s == "invoiced" || s == "upselling" }):
		return "upselling"
	}
	return "no"
}

// invoicePolicy is the product's invoice_policy ("order" by default, as in Odoo 18).
func invoicePolicy(env *odoosim.Env, product int64) string {
	tmpl := at(env, "product.product", product).m2o("product_tmpl_id")
	if p := at(env, "product.template", tmpl).str("invoice_policy"); p != "" {
		return p
	}
	return "order"
}

// invoicedQuantity sums the quantities of non-cancelled invoice lines, refunds negative.
func invoicedQuantity(env *odoosim.Env, lines []int64, invoiceType, refundType string) float64 {
	total := 0.0
	for _, l := range lines {
		r := at(env, "account.move.line", l)
		mv := at(env, "account.move", r.m2o("move_id"))
		if mv.str("state") == "cancel" {
			continue
		}
		switch mv.str("move_type") {
		case invoiceType:
			total += r.f64("quantity")
		case refundType:
			total -= r.f64("quantity")
		}
	}
	return total
}

// saleActionConfirm is sale.order.action_confirm: the state change goes through Env.Write
// so base.automation rules run (and can block it with a UserError); then the delivery is
// created. Returns True.
func saleActionConfirm(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "sale.order", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		o := at(env, "sale.order", id)
		if s := o.str("state"); s != "draft" && s != "sent" {
			return nil, odoosim.UserError("Some orders are not in a state requiring confirmation.")
		}
		lines, err := env.Search("sale.order.line", []any{leaf("order_id", "=", id)}, "id", 0)
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			r := at(env, "sale.order.line", l)
			if r.str("display_type") == "" && r.m2o("product_id") == 0 {
				return nil, odoosim.UserError("A line on these orders missing a product, you cannot confirm it.")
			}
		}
	}
	now := env.Now().Format("2006-01-02 15:04:05")
	if err := env.Write("sale.order", ids, map[string]any{"state": "sale", "date_order": now}); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := createDelivery(env, id); err != nil {
			return nil, fmt.Errorf("create the delivery of order %d: %w", id, err)
		}
		if err := refreshSaleOrder(env, id); err != nil {
			return nil, err
		}
	}
	return true, nil
}

// saleActionCancel is sale.order.action_cancel: locked orders are refused; a non-draft
// order answers with the cancel wizard's action unless context disable_cancel_warning is
// set, as in Odoo; otherwise draft invoices are cancelled, pickings too, and True returned.
func saleActionCancel(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "sale.order", ids); err != nil {
		return nil, err
	}
	warn := false
	for _, id := range ids {
		o := at(env, "sale.order", id)
		if o.boolean("locked") {
			return nil, odoosim.UserError("You cannot cancel a locked order. Please unlock it first.")
		}
		if o.str("state") != "draft" {
			warn = true
		}
	}
	if v, _ := env.Context()["disable_cancel_warning"].(bool); warn && !v {
		if len(ids) != 1 {
			return nil, odoosim.ValidationError("Expected singleton: sale.order%s", pyTuple(ids))
		}
		return map[string]any{"name": "Cancel Sales Order", "view_mode": "form", "res_model": "sale.order.cancel",
			"type": "ir.actions.act_window", "target": "new",
			"context": map[string]any{"default_order_id": ids[0], "mark_so_as_canceled": true}}, nil
	}
	for _, id := range ids {
		if err := cancelOrderDocuments(env, id, "sale_id"); err != nil {
			return nil, err
		}
	}
	if err := env.Write("sale.order", ids, map[string]any{"state": "cancel"}); err != nil {
		return nil, err
	}
	return true, nil
}

// cancelOrderDocuments cancels the draft invoices and open pickings of an order.
func cancelOrderDocuments(env *odoosim.Env, order int64, pickingField string) error {
	lines, err := env.Search("account.move.line", []any{leaf("sale_line_ids.order_id", "=", order)}, "id", 0)
	if pickingField == "sale_id" && err == nil {
		var drafts []int64
		for _, l := range lines {
			if m := at(env, "account.move.line", l).m2o("move_id"); at(env, "account.move", m).str("state") == "draft" && !containsID(drafts, m) {
				drafts = append(drafts, m)
			}
		}
		if len(drafts) > 0 {
			if _, err := buttonCancel(env, drafts, nil, nil); err != nil {
				return err
			}
		}
	}
	pickings, err := env.Search("stock.picking", []any{leaf("origin", "=", at(env, map[string]string{"sale_id": "sale.order", "purchase_id": "purchase.order"}[pickingField], order).str("name")), leaf("state", "not in", []any{"done", "cancel"})}, "id", 0)
	if err != nil || len(pickings) == 0 {
		return err
	}
	return env.Write("stock.picking", pickings, map[string]any{"state": "cancel"})
}

// saleActionDraft is sale.order.action_draft: cancelled or sent orders back to quotation.
func saleActionDraft(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "sale.order", ids); err != nil {
		return nil, err
	}
	var todo []int64
	for _, id := range ids {
		if s := at(env, "sale.order", id).str("state"); s == "cancel" || s == "sent" {
			todo = append(todo, id)
		}
	}
	if len(todo) > 0 {
		if err := env.Write("sale.order", todo, map[string]any{"state": "draft"}); err != nil {
			return nil, err
		}
	}
	return true, nil
}

func pyTuple(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	if len(ids) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
