package business

import (
	"fmt"
	"slices"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// batch is the journal items one payment settles.
type batch struct {
	partner, account int64
	lines            []int64
}

// batches groups the lines by partner and account, and by move too unless the wizard
// groups payments (Odoo's _get_batches + group_payment).
func batches(env *odoosim.Env, lines []int64, group bool) []batch {
	var out []batch
	for _, l := range lines {
		r := at(env, "account.move.line", l)
		key := batch{partner: commercialPartner(env, r.m2o("partner_id")), account: r.m2o("account_id")}
		i := slices.IndexFunc(out, func(b batch) bool {
			if b.partner != key.partner || b.account != key.account {
				return false
			}
			return group || at(env, "account.move.line", b.lines[0]).m2o("move_id") == r.m2o("move_id")
		})
		if i < 0 {
			out = append(out, key)
			i = len(out) - 1
		}
		out[i].lines = append(out[i].lines, l)
	}
	return out
}

// actionCreatePayments creates, posts and reconciles one payment per batch and returns the
// window action Odoo returns (True with context dont_redirect_to_payments).
func actionCreatePayments(env *odoosim.Env, ids []int64, _ []any, _ map[string]any) (any, error) {
	if err := requireExisting(env, "account.payment.register", ids); err != nil {
		return nil, err
	}
	var payments []int64
	for _, id := range ids {
		p, err := createWizardPayments(env, id)
		if err != nil {
			return nil, err
		}
		payments = append(payments, p...)
	}
	if v, _ := env.Context()["dont_redirect_to_payments"].(bool); v {
		return true, nil
	}
	action := map[string]any{"name": "Payments", "type": "ir.actions.act_window", "res_model": "account.payment",
		"context": map[string]any{"create": false}}
	if len(payments) == 1 {
		action["view_mode"], action["res_id"] = "form", payments[0]
	} else {
		action["view_mode"] = "list,form"
		action["domain"] = []any{[]any{"id", "in", anyIDs(payments)}}
	}
	return action, nil
}

func createWizardPayments(env *odoosim.Env, id int64) ([]int64, error) {
	w := at(env, "account.payment.register", id)
	lines, err := payableLines(env, w.ids("line_ids"))
	if err != nil {
		return nil, err
	}
	bs := batches(env, lines, w.boolean("group_payment"))
	var out []int64
	for _, b := range bs {
		pay, err := payBatch(env, w, b, len(bs) == 1)
		if err != nil {
			return nil, fmt.Errorf("register payment for lines %v: %w", b.lines, err)
		}
		out = append(out, pay)
	}
	return out, nil
}

// payBatch creates and posts one payment, with the wizard's amount when it is the only
// batch (Odoo lets the amount be edited only then), and reconciles it with the batch.
func payBatch(env *odoosim.Env, w rec, b batch, single bool) (int64, error) {
	first := at(env, "account.move.line", b.lines[0])
	company := moveCompany(env, first.m2o("move_id"))
	dec := companyDecimals(env, company)
	var residual int64
	var moves []int64
	for _, l := range b.lines {
		r := at(env, "account.move.line", l)
		residual += minor(r.f64("amount_residual"), dec)
		if m := r.m2o("move_id"); !slices.Contains(moves, m) {
			moves = append(moves, m)
		}
	}
	amount := absMinor(residual)
	if single && w.f64("amount") > 0 {
		amount = minor(w.f64("amount"), dec)
	}
	memo := w.str("communication")
	if !single || memo == "" {
		memo = batchMemo(env, b.lines)
	}
	payType := map[bool]string{true: "inbound", false: "outbound"}[residual > 0]
	partnerType := map[bool]string{true: "customer", false: "supplier"}[accountType(env, b.account) == "asset_receivable"]
	pay, err := env.Create("account.payment", map[string]any{
		"date": w.raw("payment_date"), "amount": major(amount, dec), "payment_type": payType, "partner_type": partnerType,
		memoField(env): memo, "journal_id": w.m2o("journal_id"), "partner_id": b.partner, "company_id": company,
		"destination_account_id": b.account, "invoice_ids": []any{[]any{int64(6), int64(0), anyIDs(moves)}},
	})
	if err != nil {
		return 0, err
	}
	var wo *writeOff
	if diff := absMinor(residual) - amount; single && diff != 0 && w.str("payment_difference_handling") == "reconcile" {
		if w.m2o("writeoff_account_id") == 0 {
			return 0, odoosim.UserError("Please define a difference account to mark the invoice as fully paid.")
		}
		// The write-off settles the difference on the same side as the payment.
		bal := diff
		if payType == "outbound" {
			bal = -diff
		}
		wo = &writeOff{Account: w.m2o("writeoff_account_id"), Label: w.str("writeoff_label"), Balance: bal}
	}
	if _, err := generatePaymentEntry(env, pay, wo); err != nil {
		return 0, err
	}
	_, counterpart, _, err := paymentLines(env, pay)
	if err != nil {
		return 0, err
	}
	var posted []int64
	for _, l := range b.lines {
		if at(env, "account.move.line", l).str("parent_state") == "posted" {
			posted = append(posted, l)
		}
	}
	if len(posted) > 0 {
		if err := reconcileLines(env, append(counterpart, posted...)); err != nil {
			return 0, err
		}
	}
	return pay, refreshPayment(env, pay)
}
