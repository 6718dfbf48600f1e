package company

import "testing"

// TestInvoicedOrdersPointAtTheirInvoices: every invoiced sale order line is linked to a
// product line of an invoice whose origin is the order; other orders are not invoiced.
func TestInvoicedOrdersPointAtTheirInvoices(t *testing.T) {
	s, tr := generateSmall(t, 6, 18)
	states := map[string]int{}
	for i, o := range s.models["sale.order"] {
		states[o["state"].(string)+"/"+o["invoice_status"].(string)]++
		for _, l := range s.models["sale.order.line"] {
			if i64(l["order_id"]) != int64(i+1) {
				continue
			}
			links := l["invoice_lines"].([]int64)
			if o["invoice_status"] != "invoiced" {
				if len(links) != 0 {
					t.Fatalf("order %v (%v) has invoiced lines", o["name"], o["invoice_status"])
				}
				continue
			}
			if len(links) != 1 {
				t.Fatalf("invoiced order %v line has %d invoice lines", o["name"], len(links))
			}
			aml := s.get("account.move.line", links[0])
			mv := s.get("account.move", i64(aml["move_id"]))
			if mv["invoice_origin"] != o["name"] || aml["product_id"] != l["product_id"] || f64(aml["quantity"]) != f64(l["product_uom_qty"]) {
				t.Fatalf("order %v line links %v of %v (origin %v)", o["name"], aml["name"], mv["name"], mv["invoice_origin"])
			}
		}
	}
	t.Logf("sale orders by state/invoice status: %v", states)
	if states["sale/invoiced"] == 0 || len(tr.Close.DeliveredNotInvoiced) == 0 {
		t.Fatal("no invoiced or delivered-not-invoiced orders")
	}
}
