package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// The account.move.reversal wizard ("Reverse" / "Credit Note"): created with context
// active_model account.move and active_ids, refund_moves (or reverse_moves) creates the
// reversals like Odoo 18's _reverse_moves. An entry's reversal is posted at once and
// matched with the original (month-end accrual reversals); an invoice's credit note is
// left in draft and matched with the invoice when it is posted.

const reversalModel = "account.move.reversal"

var reversalFields = map[string]odoosim.Field{
	"move_ids":     {Type: "many2many", String: "Move", Relation: "account.move", Store: true},
	"new_move_ids": {Type: "many2many", String: "New Move", Relation: "account.move", Store: true},
	"date":         {Type: "date", String: "Reversal date", Store: true},
	"reason":       {Type: "char", String: "Reason displayed on Credit Note", Store: true},
	"journal_id":   {Type: "many2one", String: "Journal", Relation: "account.journal", Store: true},
	"company_id":   {Type: "many2one", String: "Company", Relation: "res.company", Store: true, Readonly: true},
	"move_type":    {Type: "char", String: "Move Type", Readonly: true},
}

// reverseType is Odoo's TYPE_REVERSE_MAP.
var reverseType = map[string]string{"entry": "entry", "out_invoice": "out_refund", "out_refund": "entry",
	"in_invoice": "in_refund", "in_refund": "entry", "out_receipt": "out_refund", "in_receipt": "in_refund"}

// onReversalCreate is the wizard's default_get and journal compute.
func onReversalCreate(env *odoosim.Env, id int64) error {
	w := at(env, reversalModel, id)
	moves := w.ids("move_ids")
	if len(moves) == 0 && env.Context()["active_model"] == "account.move" {
		moves = contextIDs(env.Context()["active_ids"])
	}
	var companies []int64
	for _, m := range moves {
		if !env.Exists("account.move", m) {
			return odoosim.MissingError("account.move", []int64{m})
		}
		if c := moveCompany(env, m); !containsID(companies, c) {
			companies = append(companies, c)
		}
	}
	if len(companies) > 1 {
		return odoosim.UserError("All selected moves for reversal must belong to the same company.")
	}
	for _, m := range moves {
		if at(env, "account.move", m).str("state") != "posted" {
			return odoosim.UserError("You can only reverse posted moves.")
		}
	}
	vals := map[string]any{"move_ids": moves}
	if len(companies) == 1 {
		vals["company_id"] = companies[0]
	}
	if w.m2o("journal_id") == 0 && len(moves) > 0 {
		vals["journal_id"] = at(env, "account.move", moves[0]).m2o("journal_id")
	}
	if w.str("date") == "" {
		vals["date"] = today(env).Format(dateLayout)
	}
	return quiet(env).Write(reversalModel, []int64{id}, vals)
}

// refundMoves is refund_moves / reverse_moves: it returns the window action on the
// reversals, as Odoo does.
func refundMoves(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if len(ids) != 1 {
		return nil, odoosim.ValidationError("Expected singleton: %s%s", reversalModel, pyTuple(ids))
	}
	w := at(env, reversalModel, ids[0])
	moves := w.ids("move_ids")
	// The wizard's move_type: the single move's type, else "some_invoice" or nothing.
	wizardType := ""
	if len(moves) == 1 {
		wizardType = at(env, "account.move", moves[0]).str("move_type")
	}
	var created []int64
	for _, m := range moves {
		rev, err := reverseMove(env, w, m, wizardType == "entry")
		if err != nil {
			return nil, fmt.Errorf("reverse move %d: %w", m, err)
		}
		created = append(created, rev)
	}
	if err := quiet(env).Write(reversalModel, ids, map[string]any{"new_move_ids": created}); err != nil {
		return nil, err
	}
	action := map[string]any{"name": "Reverse Moves", "type": "ir.actions.act_window", "res_model": "account.move"}
	if len(created) == 1 {
		action["view_mode"], action["res_id"] = "form", created[0]
		action["context"] = map[string]any{"default_move_type": at(env, "account.move", created[0]).str("move_type")}
	} else {
		action["view_mode"] = "list,form"
		action["domain"] = []any{[]any{"id", "in", anyIDs(created)}}
	}
	return action, nil
}

// reverseMove copies the move with the reverse type (invoice lines for invoices, every
// line negated for entries); with cancel it unmatches the original, posts the reversal
// and matches the two.
func reverseMove(env *odoosim.Env, w rec, move int64, cancel bool) (int64, error) {
	mv := at(env, "account.move", move)
	date := w.str("date")
	ref := "Reversal of: " + mv.str("name")
	if r := w.str("reason"); r != "" {
		ref += ", " + r
	}
	if cancel && date > today(env).Format(dateLayout) {
		cancel = false // a reversal dated in the future is auto-posted later instead
	}
	if cancel {
		lines, err := moveLines(env, move)
		if err != nil {
			return 0, err
		}
		if err := removeReconcile(env, lines); err != nil {
			return 0, err
		}
	}
	vals := map[string]any{"move_type": reverseType[mv.str("move_type")], "reversed_entry_id": move, "partner_id": mv.m2o("partner_id"),
		"ref": ref, "date": date, "journal_id": w.m2o("journal_id"), "company_id": mv.m2o("company_id"), "line_ids": copiedLines(env, move)}
	if isInvoice(mv.str("move_type")) {
		vals["invoice_date"], vals["invoice_date_due"] = date, date
	}
	rev, err := env.Create("account.move", vals)
	if err != nil {
		return 0, err
	}
	if cancel {
		if err := postMoves(env, []int64{rev}); err != nil {
			return 0, err
		}
	}
	return rev, nil
}

// copiedLines are the line commands of the copy: product lines for invoices (the dynamic
// lines are recomputed with the reverse type's signs), all lines negated for entries.
func copiedLines(env *odoosim.Env, move int64) []any {
	mv := at(env, "account.move", move)
	lines, _ := moveLines(env, move)
	var out []any
	for _, l := range lines {
		r := at(env, "account.move.line", l)
		vals := map[string]any{"name": r.raw("name"), "account_id": r.m2o("account_id"), "partner_id": r.m2o("partner_id")}
		if isInvoice(mv.str("move_type")) {
			if t := r.str("display_type"); t != "product" && t != "" {
				continue
			}
			vals["product_id"], vals["quantity"], vals["price_unit"], vals["discount"] = r.m2o("product_id"), r.f64("quantity"), r.f64("price_unit"), r.f64("discount")
			vals["tax_ids"] = []any{[]any{int64(6), int64(0), anyIDs(r.ids("tax_ids"))}}
		} else {
			vals["debit"], vals["credit"], vals["display_type"] = r.f64("credit"), r.f64("debit"), r.raw("display_type")
			vals["date_maturity"] = r.raw("date_maturity")
		}
		out = append(out, []any{int64(0), int64(0), vals})
	}
	return out
}

// reconcileWithReversed is _reconcile_reversed_moves, run when a reversal is posted: each
// reconcilable account's open lines of the two moves are matched.
func reconcileWithReversed(env *odoosim.Env, move int64) error {
	origin := at(env, "account.move", move).m2o("reversed_entry_id")
	if origin == 0 || at(env, "account.move", origin).str("state") != "posted" {
		return nil
	}
	byAccount := map[int64][]int64{}
	var order []int64
	for _, m := range []int64{origin, move} {
		lines, err := moveLines(env, m)
		if err != nil {
			return err
		}
		for _, l := range lines {
			r := at(env, "account.move.line", l)
			acc := r.m2o("account_id")
			if r.boolean("reconciled") || !at(env, "account.account", acc).boolean("reconcile") {
				continue
			}
			if _, ok := byAccount[acc]; !ok {
				order = append(order, acc)
			}
			byAccount[acc] = append(byAccount[acc], l)
		}
	}
	for _, acc := range order {
		if len(byAccount[acc]) < 2 {
			continue
		}
		if err := reconcileLines(env, byAccount[acc]); err != nil {
			return err
		}
	}
	return nil
}

// reverseMovesMethod is reverse_moves(is_modify=False); the "modify" variant (reverse and
// re-create a draft copy) is not simulated and says so.
func reverseMovesMethod(env *odoosim.Env, ids []int64, args []any, kwargs map[string]any) (any, error) {
	modify := kwargs["is_modify"]
	if len(args) > 0 {
		modify = args[0]
	}
	if b, _ := modify.(bool); b {
		return nil, odoosim.UserError("The simulator does not implement reverse_moves(is_modify=True): call refund_moves, then create the corrected invoice.")
	}
	return refundMoves(env, ids, nil, nil)
}
