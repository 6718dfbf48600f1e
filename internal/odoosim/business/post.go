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

// nextSequence computes the move's name like Odoo's sequence mixin with the default
// formats: CODE/YYYY/NNNNN for sale, bank, cash and credit journals, CODE/YYYY/MM/NNNN for
// the others, "R" before credit notes of journals with a refund sequence, "P" before
// payments of journals with a payment sequence.
func nextSequence(env *odoosim.Env, move int64) (string, string, int64, error) {
	mv := at(env, "account.move", move)
	j := at(env, "account.journal", mv.m2o("journal_id"))
	d := mv.date("date")
	if d.IsZero() {
		d = today(env)
	}
	code := j.str("code")
	if code == "" {
		return "", "", 0, odoosim.UserError("The journal %q has no short code: set one to number its entries.", j.name())
	}
	var prefix string
	width := 4
	switch j.str("type") {
	case "sale", "bank", "cash", "credit":
		prefix, width = fmt.Sprintf("%s/%04d/", code, d.Year()), 5
	default:
		prefix = fmt.Sprintf("%s/%04d/%02d/", code, d.Year(), int(d.Month()))
	}
	if t := mv.str("move_type"); j.boolean("refund_sequence") && (t == "out_refund" || t == "in_refund") {
		prefix = "R" + prefix
	}
	if j.boolean("payment_sequence") && mv.m2o("origin_payment_id") != 0 {
		prefix = "P" + prefix
	}
	last, err := env.Search("account.move", []any{leaf("journal_id", "=", j.id), leaf("sequence_prefix", "=", prefix)}, "sequence_number desc", 1)
	if err != nil {
		return "", "", 0, fmt.Errorf("find last number of %s: %w", prefix, err)
	}
	next := int64(1)
	if len(last) > 0 {
		next = at(env, "account.move", last[0]).int("sequence_number") + 1
	}
	return fmt.Sprintf("%s%0*d", prefix, width, next), prefix, next, nil
}

// buttonDraft is account.move.button_draft: only posted/cancelled moves, their
// reconciliations undone; returns None.
func buttonDraft(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	return nil, resetToDraft(env, ids)
}

func resetToDraft(env *odoosim.Env, ids []int64) error {
	if err := requireExisting(env, "account.move", ids); err != nil {
		return err
	}
	for _, id := range ids {
		if s := at(env, "account.move", id).str("state"); s != "posted" && s != "cancel" {
			return odoosim.UserError("Only posted/cancelled journal entries can be reset to draft.")
		}
	}
	for _, id := range ids {
		lines, err := moveLines(env, id)
		if err != nil {
			return err
		}
		if err := removeReconcile(env, lines); err != nil {
			return err
		}
		if err := env.WithContext(map[string]any{"skip_readonly_check": true}).Write("account.move", []int64{id}, map[string]any{"state": "draft"}); err != nil {
			return err
		}
		if err := finishInternal(env, id); err != nil {
			return err
		}
	}
	return nil
}

// buttonCancel is account.move.button_cancel: posted moves go through draft first.
func buttonCancel(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.move", ids); err != nil {
		return nil, err
	}
	var posted []int64
	for _, id := range ids {
		if at(env, "account.move", id).str("state") == "posted" {
			posted = append(posted, id)
		}
	}
	if len(posted) > 0 {
		if err := resetToDraft(env, posted); err != nil {
			return nil, err
		}
	}
	for _, id := range ids {
		if at(env, "account.move", id).str("state") != "draft" {
			return nil, odoosim.UserError("Only draft journal entries can be cancelled.")
		}
	}
	for _, id := range ids {
		if err := env.Write("account.move", []int64{id}, map[string]any{"auto_post": "no", "state": "cancel"}); err != nil {
			return nil, err
		}
		if err := finishInternal(env, id); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// requireExisting raises Odoo's MissingError when a record of ids is gone.
func requireExisting(env *odoosim.Env, model string, ids []int64) error {
	var missing []int64
	for _, id := range ids {
		if !env.Exists(model, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return odoosim.MissingError(model, missing)
	}
	return nil
}

// finishInternal finishes a move after a state write: the move's write hook already did it
// unless env is one of this package's quiet envs, whose writes skip the hooks.
func finishInternal(env *odoosim.Env, move int64) error {
	if !internal(env) {
		return nil
	}
	return finishMove(env, move)
}

// invoiceReference is _get_invoice_computed_reference for the Odoo reference model: the
// invoice number ("invoice"), CUST/<partner ref or id> ("partner"), or none.
func invoiceReference(env *odoosim.Env, mv rec, name string) string {
	j := at(env, "account.journal", mv.m2o("journal_id"))
	switch j.str("invoice_reference_type") {
	case "none":
		return ""
	case "partner":
		p := at(env, "res.partner", mv.m2o("partner_id"))
		if ref := p.str("ref"); ref != "" {
			return "CUST/" + ref
		}
		return fmt.Sprintf("CUST/%d", p.id)
	}
	return name
}

// relabelTermLines gives the receivable/payable lines the label computed from the payment
// reference set at posting.
func relabelTermLines(env, q *odoosim.Env, move int64) error {
	mv := at(env, "account.move", move)
	if !isInvoice(mv.str("move_type")) {
		return nil
	}
	name := termLabel(env, mv)
	lines, err := moveLines(env, move)
	if err != nil {
		return err
	}
	var terms []int64
	for _, l := range lines {
		if at(env, "account.move.line", l).str("display_type") == "payment_term" {
			terms = append(terms, l)
		}
	}
	for i, l := range terms {
		label := name
		if s, ok := name.(string); ok && len(terms) > 1 {
			label = strings.TrimLeft(fmt.Sprintf("%s installment #%d", s, i+1), " ")
		}
		if err := q.Write("account.move.line", []int64{l}, map[string]any{"name": label}); err != nil {
			return err
		}
	}
	return nil
}
