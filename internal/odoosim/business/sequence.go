package business

import (
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

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
