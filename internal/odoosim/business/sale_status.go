package business

import (
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

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
