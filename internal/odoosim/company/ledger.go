package company

import (
	"cmp"
	"fmt"
	"time"
)

// moveSpec and lineSpec describe an account.move and its lines with amounts in minor units;
// emitMove derives the stored computed fields the way Odoo 18 stores them.
type moveSpec struct {
	moveType, journal, name, state string
	date, invoiceDate, due         time.Time
	partner, commercial            int64 // partner_id, commercial_partner_id (0 = same as partner)
	ref, paymentRef, origin        string
	partnerName                    string // invoice_partner_display_name of invoices
	untaxed, tax, total, residual  int64  // invoices: positive document amounts
	paymentState                   string
	created                        time.Time
	user                           int64
	lines                          []lineSpec
}

type lineSpec struct {
	account, partner int64
	name, display    string
	debit, credit    int64
	matched          int64 // signed amount matched by partial reconciles (balance - residual)
	product          int64
	qty              int
	price            int64
	taxIDs           []int64
	taxLine, taxBase int64
	maturity         time.Time
	full             int64
	matching         string
}

// invoiceSign is +1 for documents whose receivable/payable line is a debit.
func invoiceSign(moveType string) int64 {
	if moveType == "in_invoice" || moveType == "out_refund" {
		return -1
	}
	return 1
}

// emitMove inserts the move and its lines and returns their ids. It refuses an
// unbalanced move: that would be a generator bug, never something to plant silently.
func (g *generator) emitMove(m *moveSpec) (int64, []int64) {
	var dr, cr int64
	for _, l := range m.lines {
		dr += l.debit
		cr += l.credit
	}
	if dr != cr && g.w.err == nil {
		g.w.err = fmt.Errorf("move %s on %s is unbalanced: debit %d != credit %d (minor units)", m.name, day(m.date), dr, cr)
		return 0, nil
	}
	sign := int64(1)
	total, untaxed, tax := dr, dr, int64(0)
	if m.moveType != "entry" {
		sign = invoiceSign(m.moveType)
		total, untaxed, tax = m.total, m.untaxed, m.tax
	}
	name := any(m.name)
	if m.state == "draft" {
		name = draftName(g.opts.Version)
	}
	created := m.created
	if created.IsZero() {
		created = at(m.date, 9, 30)
	}
	user := m.user
	if user == 0 {
		user = g.user["accountant"]
	}
	vals := map[string]any{
		"name": name, "move_type": m.moveType, "state": m.state, "date": day(m.date),
		"invoice_date": day(m.invoiceDate), "invoice_date_due": day(m.due), "partner_id": m.partner,
		"commercial_partner_id": cmp.Or(m.commercial, m.partner), "journal_id": g.jrn[m.journal], "company_id": g.companyID,
		"currency_id": g.currencyID, "ref": str(m.ref), "payment_reference": str(m.paymentRef),
		"invoice_origin": str(m.origin), "invoice_partner_display_name": str(m.partnerName), "amount_untaxed": money(untaxed), "amount_tax": money(tax),
		"amount_total": money(total), "amount_residual": money(m.residual),
		"amount_untaxed_signed": money(sign * untaxed), "amount_tax_signed": money(sign * tax),
		"amount_total_signed": money(sign * total), "amount_residual_signed": money(sign * m.residual),
		"amount_total_in_currency_signed":   money(sign * total),
		"amount_untaxed_in_currency_signed": money(sign * untaxed),
		"payment_state":                     paymentStateOr(m.paymentState), "posted_before": m.state == "posted",
		"auto_post": "no", "invoice_currency_rate": 1.0, "checked": m.state == "posted",
		"create_date": stamp(created), "write_date": stamp(created), "create_uid": user, "write_uid": user,
		"invoice_user_id": user,
	}
	if m.moveType == "entry" {
		vals["invoice_user_id"] = int64(0)
	}
	moveID := g.w.insert("account.move", vals)
	ids := make([]int64, 0, len(m.lines))
	for i := range m.lines {
		ids = append(ids, g.emitLine(m, moveID, i))
	}
	g.trackBalances(m, moveID)
	return moveID, ids
}

func (g *generator) emitLine(m *moveSpec, moveID int64, i int) int64 {
	l := &m.lines[i]
	bal := l.debit - l.credit
	vals := map[string]any{
		"move_id": moveID, "move_name": m.nameOrDraft(g.opts.Version), "date": day(m.date),
		"journal_id": g.jrn[m.journal], "company_id": g.companyID, "company_currency_id": g.currencyID,
		"currency_id": g.currencyID, "account_id": l.account, "partner_id": l.partner, "name": l.name,
		"debit": money(l.debit), "credit": money(l.credit), "balance": money(bal), "amount_currency": money(bal),
		"amount_residual": 0.0, "amount_residual_currency": 0.0, "reconciled": false,
		"full_reconcile_id": l.full, "matching_number": str(l.matching), "date_maturity": day(l.maturity),
		"display_type": displayOr(l.display), "parent_state": m.state, "sequence": int64(10 + i),
		"product_id": l.product, "quantity": float64(l.qty), "price_unit": money(l.price),
		"tax_ids": l.taxIDs, "tax_line_id": l.taxLine, "tax_base_amount": money(l.taxBase),
		"invoice_date": day(m.invoiceDate), "ref": str(m.ref),
		"price_subtotal": 0.0, "price_total": 0.0,
	}
	if l.display == "product" && l.qty > 0 {
		sub := l.price * int64(l.qty)
		vals["price_subtotal"] = money(sub)
		vals["price_total"] = money(sub + roundDiv(sub*g.taxRate, 100)*boolInt(len(l.taxIDs) > 0))
	}
	// Odoo stores a residual only on reconcilable and cash accounts (_compute_amount_residual).
	if g.tracked[l.account] {
		res := bal - l.matched
		vals["amount_residual"] = money(res)
		vals["amount_residual_currency"] = money(res)
		vals["reconciled"] = res == 0
	}
	if l.taxIDs == nil {
		vals["tax_ids"] = []int64{}
	}
	if l.name == "" && g.opts.Version >= 19 {
		vals["name"] = nil // 18 stores "" for an unnamed line, 19 false (captures)
	}
	return g.w.insert("account.move.line", vals)
}

func (m *moveSpec) nameOrDraft(version int) any {
	if m.state == "draft" {
		return draftName(version)
	}
	return m.name
}

// draftName: a draft move is named "/" on 18 and false on 19 (captures invoice.02_read_draft).
func draftName(version int) any {
	if version >= 19 {
		return nil
	}
	return "/"
}

func paymentStateOr(s string) string {
	if s == "" {
		return "not_paid"
	}
	return s
}

func displayOr(s string) string {
	if s == "" {
		return "product"
	}
	return s
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// paymentState is Odoo's payment_state for an invoice given its total and residual.
func paymentState(total, residual int64) string {
	switch {
	case residual == 0:
		return "paid"
	case residual < total:
		return "partial"
	default:
		return "not_paid"
	}
}
