package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// onPurchaseCreate numbers the order (P00001) and sets the receipt operation type.
func onPurchaseCreate(env *odoosim.Env, id int64) error {
	if internal(env) {
		return nil
	}
	o := at(env, "purchase.order", id)
	vals := map[string]any{}
	if n := o.str("name"); n == "" || n == "New" || n == "/" {
		name, err := nextOrderName(env, "purchase.order", "P", 5)
		if err != nil {
			return err
		}
		vals["name"] = name
	}
	if o.m2o("picking_type_id") <= 0 {
		pt, err := pickingType(env, "incoming")
		if err != nil {
			return err
		}
		vals["picking_type_id"] = pt
	}
	if err := quiet(env).Write("purchase.order", []int64{id}, vals); err != nil {
		return err
	}
	return refreshPurchaseOrder(env, id)
}

// onPurchaseLineChange recomputes the orders of created or edited lines.
func onPurchaseLineChange(env *odoosim.Env, ids []int64, _ map[string]any) error {
	if internal(env) {
		return nil
	}
	var orders []int64
	for _, id := range ids {
		if o := at(env, "purchase.order.line", id).m2o("order_id"); !containsID(orders, o) {
			orders = append(orders, o)
		}
	}
	for _, o := range orders {
		if err := refreshPurchaseOrder(env, o); err != nil {
			return err
		}
	}
	return nil
}

// onPurchaseWrite recomputes an order after a user write (state, lines...).
func onPurchaseWrite(env *odoosim.Env, ids []int64, _ map[string]any) error {
	if internal(env) {
		return nil
	}
	for _, id := range ids {
		if err := refreshPurchaseOrder(env, id); err != nil {
			return err
		}
	}
	return nil
}

// refreshPurchaseOrder recomputes lines (amounts, received/billed quantities) and the
// order's totals, invoice_status and receipt_status like Odoo 18's purchase computes.
func refreshPurchaseOrder(env *odoosim.Env, order int64) error {
	o := at(env, "purchase.order", order)
	state := o.str("state")
	dec := companyDecimals(env, max(o.m2o("company_id"), 1))
	lines, err := env.Search("purchase.order.line", []any{leaf("order_id", "=", order)}, "id", 0)
	if err != nil {
		return fmt.Errorf("read lines of purchase %d: %w", order, err)
	}
	q := quiet(env)
	var untaxed, tax int64
	toInvoice, anyLine := false, false
	var bills []int64
	for _, l := range lines {
		r := at(env, "purchase.order.line", l)
		if r.str("display_type") != "" {
			continue
		}
		anyLine = true
		if r.str("name") == "" && r.m2o("product_id") != 0 {
			if err := q.Write("purchase.order.line", []int64{l}, map[string]any{"name": productLabel(env, r.m2o("product_id"))}); err != nil {
				return err
			}
		}
		var taxes []taxSpec
		for _, t := range r.ids(purchaseTaxField(env)) {
			taxes = append(taxes, readTax(env, t))
		}
		la := computeLine(lineSpec{Quantity: r.f64("product_qty"), PriceUnit: r.f64("price_unit"), Discount: r.f64("discount"), Taxes: taxes}, dec)
		untaxed += la.Subtotal
		tax += la.Total - la.Subtotal
		received := r.f64("qty_received")
		if len(r.ids("move_ids")) > 0 {
			received = doneQuantity(env, r.ids("move_ids"), "incoming")
		}
		billLines, err := env.Search("account.move.line", []any{leaf("purchase_line_id", "=", l)}, "id", 0)
		if err != nil {
			return err
		}
		for _, bl := range billLines {
			if m := at(env, "account.move.line", bl).m2o("move_id"); !containsID(bills, m) {
				bills = append(bills, m)
			}
		}
		billed := invoicedQuantity(env, billLines, "in_invoice", "in_refund")
		due := 0.0
		if state == "purchase" || state == "done" {
			due = received - billed
			if purchaseMethod(env, r.m2o("product_id")) == "purchase" {
				due = r.f64("product_qty") - billed
			}
		}
		if due > 1e-6 || due < -1e-6 {
			toInvoice = true
		}
		if err := q.Write("purchase.order.line", []int64{l}, map[string]any{
			"price_subtotal": major(la.Subtotal, dec), "price_total": major(la.Total, dec), "price_tax": major(la.Total-la.Subtotal, dec),
			"qty_received": received, "qty_invoiced": billed, "qty_to_invoice": due, "state": state,
		}); err != nil {
			return err
		}
	}
	status := "no"
	switch {
	case state != "purchase" && state != "done":
	case toInvoice:
		status = "to invoice"
	case anyLine && len(bills) > 0:
		status = "invoiced"
	}
	return q.Write("purchase.order", []int64{order}, map[string]any{
		"amount_untaxed": major(untaxed, dec), "amount_tax": major(tax, dec), "amount_total": major(untaxed+tax, dec),
		"invoice_status": status, "invoice_ids": bills, "receipt_status": receiptStatus(env, o.str("name")),
	})
}

// purchaseMethod is the product's bill control: "receive" (received quantities, Odoo 18's
// default) or "purchase" (ordered quantities).
func purchaseMethod(env *odoosim.Env, product int64) string {
	tmpl := at(env, "product.product", product).m2o("product_tmpl_id")
	if m := at(env, "product.template", tmpl).str("purchase_method"); m != "" {
		return m
	}
	return "receive"
}

// receiptStatus is purchase_stock's _compute_receive_status over the order's receipts.
func receiptStatus(env *odoosim.Env, origin string) any {
	if origin == "" {
		return nil
	}
	ids, err := env.Search("stock.picking", []any{leaf("origin", "=", origin), leaf("state", "!=", "cancel")}, "id", 0)
	if err != nil || len(ids) == 0 {
		return nil
	}
	done := 0
	for _, id := range ids {
		if at(env, "stock.picking", id).str("state") == "done" {
			done++
		}
	}
	switch {
	case done == len(ids):
		return "full"
	case done > 0:
		return "partial"
	}
	return "pending"
}

// buttonConfirm is purchase.order.button_confirm: draft/sent orders become purchase orders
// (through Env.Write, so automations run) and get their receipt. Returns True.
func buttonConfirm(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "purchase.order", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if s := at(env, "purchase.order", id).str("state"); s != "draft" && s != "sent" {
			continue
		}
		now := env.Now().Format("2006-01-02 15:04:05")
		if err := env.Write("purchase.order", []int64{id}, map[string]any{"state": "purchase", "date_approve": now}); err != nil {
			return nil, err
		}
		if err := createReceipt(env, id); err != nil {
			return nil, fmt.Errorf("create the receipt of purchase %d: %w", id, err)
		}
		if err := refreshPurchaseOrder(env, id); err != nil {
			return nil, err
		}
	}
	return true, nil
}

func createReceipt(env *odoosim.Env, order int64) error {
	o := at(env, "purchase.order", order)
	lines, err := env.Search("purchase.order.line", []any{leaf("order_id", "=", order)}, "id", 0)
	if err != nil {
		return err
	}
	var moves []orderLineMove
	for _, l := range lines {
		r := at(env, "purchase.order.line", l)
		if r.str("display_type") == "" && stockable(env, r.m2o("product_id")) && r.f64("product_qty") > 0 {
			moves = append(moves, orderLineMove{line: l, product: r.m2o("product_id"), qty: r.f64("product_qty"), name: r.str("name")})
		}
	}
	picking, err := createPicking(env, "incoming", o.str("name"), o.m2o("partner_id"), moves, "purchase_line_id")
	if err != nil || picking == 0 {
		return err
	}
	return quiet(env).Write("purchase.order", []int64{order}, map[string]any{"picking_ids": []int64{picking}})
}

// purchaseButtonCancel is purchase.order.button_cancel: refused when a bill is posted,
// otherwise the order and its open receipts are cancelled. Returns None.
func purchaseButtonCancel(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "purchase.order", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		for _, bill := range at(env, "purchase.order", id).ids("invoice_ids") {
			if s := at(env, "account.move", bill).str("state"); s != "cancel" && s != "draft" {
				return nil, odoosim.UserError("Unable to cancel purchase order(s): %s. You must first cancel their related vendor bills.", at(env, "purchase.order", id).str("name"))
			}
		}
		if err := cancelOrderDocuments(env, id, "purchase_id"); err != nil {
			return nil, err
		}
		if err := env.Write("purchase.order", []int64{id}, map[string]any{"state": "cancel"}); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// purchaseButtonDraft is purchase.order.button_draft: back to RFQ. Returns {} like Odoo.
func purchaseButtonDraft(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := env.Write("purchase.order", ids, map[string]any{"state": "draft"}); err != nil {
		return nil, err
	}
	return map[string]any{}, nil
}

// onPurchaseUnlink refuses to delete an order that is not cancelled, as Odoo's
// purchase.order._unlink_if_cancelled does (checked on 18): even a draft RFQ must be
// cancelled first.
func onPurchaseUnlink(env *odoosim.Env, ids []int64) error {
	for _, id := range ids {
		if at(env, "purchase.order", id).str("state") != "cancel" {
			return odoosim.UserError("In order to delete a purchase order, you must cancel it first.")
		}
	}
	return nil
}
