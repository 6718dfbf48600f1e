package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

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

// lockOrder is sale.order.action_lock / action_unlock (locked orders cannot be cancelled).
// Returns None.
func lockOrder(locked bool) odoosim.MethodFunc {
	return func(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
		return nil, env.Write("sale.order", ids, map[string]any{"locked": locked})
	}
}
