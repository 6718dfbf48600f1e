package business

import (
	"fmt"
	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// buttonValidate is stock.picking.button_validate. Moves are created reserved (quantity =
// demand, as with stock on hand); a move whose quantity was lowered makes Odoo ask about a
// backorder: the stock.backorder.confirmation action is returned unless the context says
// skip_backorder, in which case the rest goes to a backorder picking (or nowhere, for
// pickings in picking_ids_not_to_backorder or with cancel_backorder). Returns True.
func buttonValidate(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "stock.picking", ids); err != nil {
		return nil, err
	}
	var todo, ask []int64
	for _, id := range ids {
		if s := at(env, "stock.picking", id).str("state"); s == "done" || s == "cancel" {
			continue
		}
		short, err := checkPicking(env, id)
		if err != nil {
			return nil, err
		}
		todo = append(todo, id)
		if short {
			ask = append(ask, id)
		}
	}
	ctx := env.Context()
	if skip, _ := ctx["skip_backorder"].(bool); len(ask) > 0 && !skip {
		return backorderWizardAction(ask, todo), nil
	}
	noBackorder := contextIDs(ctx["picking_ids_not_to_backorder"])
	cancel, _ := ctx["cancel_backorder"].(bool)
	for _, id := range todo {
		if err := validatePicking(env, id, !cancel && !containsID(noBackorder, id)); err != nil {
			return nil, err
		}
	}
	return true, nil
}

// checkPicking is _sanity_check (empty transfer, nothing reserved) and tells whether a
// move has less than its demand.
func checkPicking(env *odoosim.Env, id int64) (short bool, err error) {
	moves := at(env, "stock.picking", id).ids("move_ids")
	if len(moves) == 0 {
		return false, odoosim.UserError("You can’t validate an empty transfer. Please add some products to move before proceeding.")
	}
	reserved := false
	for _, m := range moves {
		r := at(env, "stock.move", m)
		if r.str("state") == "cancel" {
			continue
		}
		if r.f64("quantity") > 0 {
			reserved = true
		}
		if r.f64("quantity") < r.f64("product_uom_qty")-1e-9 {
			short = true
		}
	}
	if !reserved {
		return false, odoosim.UserError("You cannot validate a transfer if no quantities are reserved. To force the transfer, encode quantities.")
	}
	return short, nil
}

// backorderWizardAction is _action_generate_backorder_wizard.
func backorderWizardAction(ask, todo []int64) map[string]any {
	picks := make([]any, 0, len(ask))
	for _, id := range ask {
		picks = append(picks, []any{int64(4), id})
	}
	return map[string]any{"name": "Create Backorder?", "type": "ir.actions.act_window", "view_mode": "form",
		"res_model": backorderModel, "target": "new",
		"context": map[string]any{"default_show_transfers": false, "default_pick_ids": picks, "button_validate_picking_ids": anyIDs(todo)}}
}

// validatePicking is _action_done: done quantities, the rest to a backorder when wanted.
func validatePicking(env *odoosim.Env, id int64, backorder bool) error {
	q := quiet(env)
	var rest []orderLineMove
	moves := at(env, "stock.picking", id).ids("move_ids")
	for _, m := range moves {
		r := at(env, "stock.move", m)
		if r.str("state") == "cancel" {
			continue
		}
		qty, demand := r.f64("quantity"), r.f64("product_uom_qty")
		if qty < demand-1e-9 && backorder {
			link, line := "sale_line_id", r.m2o("sale_line_id")
			if line == 0 {
				link, line = "purchase_line_id", r.m2o("purchase_line_id")
			}
			rest = append(rest, orderLineMove{line: line, product: r.m2o("product_id"), qty: demand - qty, name: r.str("name"), link: link})
		}
		vals := map[string]any{"quantity": qty, "product_uom_qty": qty, "picked": true, "state": "done"}
		if qty == 0 {
			vals = map[string]any{"state": "cancel"}
		}
		if err := q.Write("stock.move", []int64{m}, vals); err != nil {
			return err
		}
	}
	if err := env.Write("stock.picking", []int64{id}, map[string]any{"state": "done", "date_done": env.Now().Format("2006-01-02 15:04:05")}); err != nil {
		return err
	}
	if len(rest) > 0 {
		if err := createBackorder(env, id, rest); err != nil {
			return err
		}
	}
	return refreshOrdersOfMoves(env, moves)
}

// createBackorder is _create_backorder: a new picking of the same type and origin holding
// what was not done, backorder_id pointing to the original.
func createBackorder(env *odoosim.Env, picking int64, rest []orderLineMove) error {
	p := at(env, "stock.picking", picking)
	code := at(env, "stock.picking.type", p.m2o("picking_type_id")).str("code")
	link := rest[0].link
	bo, err := createPicking(env, code, p.str("origin"), p.m2o("partner_id"), rest, link)
	if err != nil {
		return fmt.Errorf("create the backorder of picking %d: %w", picking, err)
	}
	return quiet(env).Write("stock.picking", []int64{bo}, map[string]any{"backorder_id": picking, "sale_id": p.m2o("sale_id")})
}

func refreshOrdersOfMoves(env *odoosim.Env, moves []int64) error {
	var sales, purchases []int64
	for _, m := range moves {
		r := at(env, "stock.move", m)
		if l := r.m2o("sale_line_id"); l != 0 {
			if o := at(env, "sale.order.line", l).m2o("order_id"); !containsID(sales, o) {
				sales = append(sales, o)
			}
		}
		if l := r.m2o("purchase_line_id"); l != 0 {
			if o := at(env, "purchase.order.line", l).m2o("order_id"); !containsID(purchases, o) {
				purchases = append(purchases, o)
			}
		}
	}
	return refreshOrders(env, sales, purchases)
}

const backorderModel = "stock.backorder.confirmation"

var backorderFields = map[string]odoosim.Field{
	"pick_ids":       {Type: "many2many", String: "Pick", Relation: "stock.picking", Store: true},
	"show_transfers": {Type: "boolean", String: "Show Transfers", Store: true},
}

// onBackorderCreate takes pick_ids from the action's context (default_pick_ids commands).
func onBackorderCreate(env *odoosim.Env, id int64) error {
	if len(at(env, backorderModel, id).ids("pick_ids")) > 0 {
		return nil
	}
	var picks []int64
	raw, _ := env.Context()["default_pick_ids"].([]any)
	for _, c := range raw {
		if cmd, ok := c.([]any); ok && len(cmd) == 2 {
			picks = append(picks, contextIDs(cmd[1:])...)
		}
	}
	if len(picks) == 0 {
		picks = contextIDs(raw)
	}
	return quiet(env).Write(backorderModel, []int64{id}, map[string]any{"pick_ids": picks})
}

// backorderProcess is process(): validate, creating the backorders.
func backorderProcess(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	return backorderValidate(env, ids, false)
}

// backorderCancel is process_cancel_backorder(): validate without backorders.
func backorderCancel(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	return backorderValidate(env, ids, true)
}

func backorderValidate(env *odoosim.Env, ids []int64, noBackorder bool) (any, error) {
	if len(ids) != 1 {
		return nil, odoosim.ValidationError("Expected singleton: %s%s", backorderModel, pyTuple(ids))
	}
	picks := at(env, backorderModel, ids[0]).ids("pick_ids")
	todo := contextIDs(env.Context()["button_validate_picking_ids"])
	if len(todo) == 0 {
		todo = picks
	}
	ctx := map[string]any{"skip_backorder": true}
	if noBackorder {
		ctx["picking_ids_not_to_backorder"] = anyIDs(picks)
	}
	return buttonValidate(env.WithContext(ctx), todo, nil, nil)
}
