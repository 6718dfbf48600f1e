package business

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// actionPost is account.move.action_post: Odoo's _post(soft=False) checks, numbering, and
// the customer/supplier rank bump. It returns false, as the capture shows.
func actionPost(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	// Entries of payments are posted through their payment, as account.move.action_post does.
	var payments, others []int64
	for _, id := range ids {
		if p := at(env, "account.move", id).m2o("origin_payment_id"); p != 0 && at(env, "account.move", id).str("state") == "draft" {
			payments = append(payments, p)
		} else {
			others = append(others, id)
		}
	}
	if len(payments) > 0 {
		if err := repostPayments(env, payments); err != nil {
			return nil, err
		}
	}
	if len(others) > 0 {
		if err := postMoves(env, others); err != nil {
			return nil, err
		}
	}
	return false, nil
}

// repostPayments posts payments whose entry exists but is draft (after action_draft).
func repostPayments(env *odoosim.Env, payments []int64) error {
	for _, p := range payments {
		move := at(env, "account.payment", p).m2o("move_id")
		if err := postMoves(env, []int64{move}); err != nil {
			return err
		}
		if err := env.Write("account.payment", []int64{p}, map[string]any{"state": "in_process"}); err != nil {
			return err
		}
		if err := refreshPayment(env, p); err != nil {
			return err
		}
	}
	return nil
}

func postMoves(env *odoosim.Env, ids []int64) error {
	if err := requireExisting(env, "account.move", ids); err != nil {
		return err
	}
	q := quiet(env)
	var msgs []string
	add := func(m string) {
		if !slices.Contains(msgs, m) {
			msgs = append(msgs, m)
		}
	}
	for _, id := range ids {
		mv := at(env, "account.move", id)
		moveType := mv.str("move_type")
		if isInvoice(moveType) {
			checkInvoiceBeforePost(env, q, id, add)
		}
		if s := mv.str("state"); s == "posted" || s == "cancel" {
			add(fmt.Sprintf("The entry %s (id %d) must be in draft.", nameOrFalse(mv), id))
		}
		lines, err := moveLines(env, id)
		if err != nil {
			return err
		}
		if len(lines) == 0 {
			add("You need to add a line before posting.")
		}
	}
	if len(msgs) > 0 {
		return odoosim.UserError("%s", strings.Join(msgs, "\n"))
	}
	for _, id := range ids {
		if err := checkMoveLock(env, id); err != nil {
			return err
		}
	}
	for _, id := range ids {
		if err := postOne(env, q, id); err != nil {
			return fmt.Errorf("post move %d: %w", id, err)
		}
	}
	return nil
}

// nameOrFalse renders a move name the way Python formats it into messages.
func nameOrFalse(mv rec) string {
	if n := mv.str("name"); n != "" {
		return n
	}
	return "False"
}

func checkInvoiceBeforePost(env, q *odoosim.Env, id int64, add func(string)) {
	mv := at(env, "account.move", id)
	moveType := mv.str("move_type")
	if mv.f64("amount_total") < 0 {
		add("You cannot validate an invoice with a negative total amount. You should create a credit note instead. Use the action menu to transform it into a credit note or refund.")
	}
	if mv.m2o("partner_id") == 0 {
		if isSaleDoc(moveType) {
			add("The field 'Customer' is required, please complete it to validate the Customer Invoice.")
		} else {
			add("The field 'Vendor' is required, please complete it to validate the Vendor Bill.")
		}
	}
	if mv.str("invoice_date") == "" && mv.str("state") == "draft" {
		if isSaleDoc(moveType) {
			// Odoo sets today's date and recomputes the lines (due dates) before posting.
			d := today(env).Format(dateLayout)
			if err := q.Write("account.move", []int64{id}, map[string]any{"invoice_date": d, "date": d}); err == nil {
				_ = finishMove(env, id)
			}
		} else {
			add("The Bill/Refund date is required to validate this document.")
		}
	}
}

// postOne numbers and posts one checked draft move.
func postOne(env, q *odoosim.Env, id int64) error {
	mv := at(env, "account.move", id)
	vals := map[string]any{"state": "posted", "posted_before": true}
	if n := mv.str("name"); n == "" || n == "/" {
		name, prefix, number, err := nextSequence(env, id)
		if err != nil {
			return err
		}
		vals["name"], vals["sequence_prefix"], vals["sequence_number"] = name, prefix, number
	}
	if isInvoice(mv.str("move_type")) {
		if err := alignLinePartners(env, q, id); err != nil {
			return err
		}
	}
	if mv.str("move_type") == "out_invoice" && mv.str("payment_reference") == "" {
		name, _ := vals["name"].(string)
		if name == "" {
			name = mv.str("name")
		}
		if ref := invoiceReference(env, mv, name); ref != "" {
			vals["payment_reference"] = ref
		}
	}
	// The state change goes through the normal write path so base.automation rules on
	// account.move see it, as they would in Odoo.
	if err := env.WithContext(map[string]any{"skip_readonly_check": true}).Write("account.move", []int64{id}, vals); err != nil {
		return err
	}
	if err := finishInternal(env, id); err != nil {
		return err
	}
	if err := relabelTermLines(env, q, id); err != nil {
		return err
	}
	if err := reconcileWithReversed(env, id); err != nil {
		return err
	}
	return bumpRank(env, q, mv)
}

// alignLinePartners forces the invoice's commercial partner on its lines, as _post does.
func alignLinePartners(env, q *odoosim.Env, move int64) error {
	partner := commercialPartner(env, at(env, "account.move", move).m2o("partner_id"))
	lines, err := moveLines(env, move)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if at(env, "account.move.line", l).m2o("partner_id") != partner {
			if err := q.Write("account.move.line", []int64{l}, map[string]any{"partner_id": partner}); err != nil {
				return err
			}
		}
	}
	return nil
}

// bumpRank increments customer_rank / supplier_rank of the invoiced partner (the capture
// notes that action_post changes customer_rank).
func bumpRank(env, q *odoosim.Env, mv rec) error {
	field := ""
	switch {
	case isSaleDoc(mv.str("move_type")):
		field = "customer_rank"
	case isPurchaseDoc(mv.str("move_type")):
		field = "supplier_rank"
	default:
		return nil
	}
	p := mv.m2o("partner_id")
	if p == 0 {
		return nil
	}
	return q.Write("res.partner", []int64{p}, map[string]any{field: at(env, "res.partner", p).int(field) + 1})
}
