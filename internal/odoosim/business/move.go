package business

import (
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// noJournal is the journal_id default of account.move: Odoo picks the journal from the move
// type being created (_search_default_journal), which a field default cannot see, so the
// default stores this marker and the create hook replaces it. It never survives a create.
const noJournal = int64(-1)

// finishMove brings a created or edited move to the state Odoo's ORM leaves it in: journal
// and dates defaulted, dynamic invoice lines synced, line fields derived, amounts stored,
// and the balance checked.
func finishMove(env *odoosim.Env, move int64) error { return finishMoveChecked(env, move, true) }

// finishMoveChecked is finishMove with the balance check optional: a line hook may run in
// the middle of a move write whose later commands rebalance it (Odoo checks at the end of
// the whole write); the move's own hook checks once all commands are applied.
func finishMoveChecked(env *odoosim.Env, move int64, balance bool) error {
	q := quiet(env)
	mv := at(env, "account.move", move)
	moveType := mv.str("move_type")
	vals := map[string]any{}
	journal := mv.m2o("journal_id")
	if journal <= 0 {
		var err error
		if journal, err = defaultJournal(env, moveType, currentCompany(env)); err != nil {
			return err
		}
		vals["journal_id"] = journal
	}
	// _compute_company_id: a move belongs to its journal's company.
	if c := at(env, "account.journal", journal).m2o("company_id"); c != 0 && c != mv.m2o("company_id") {
		vals["company_id"] = c
	}
	if isInvoice(moveType) && mv.str("state") == "draft" {
		if d := mv.str("invoice_date"); d != "" && d != mv.str("date") {
			vals["date"] = d // _compute_date: an invoice is booked on its invoice date
		}
		if mv.m2o("invoice_payment_term_id") == 0 {
			if term := partnerPaymentTerm(env, mv.m2o("partner_id"), isSaleDoc(moveType)); term != 0 {
				vals["invoice_payment_term_id"] = term
			}
		}
	}
	if len(vals) > 0 {
		if err := q.Write("account.move", []int64{move}, vals); err != nil {
			return fmt.Errorf("default journal/date of move %d: %w", move, err)
		}
	}
	if err := syncInvoice(env, move); err != nil {
		return err
	}
	lines, err := moveLines(env, move)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if err := refreshLineDerived(env, l); err != nil {
			return err
		}
	}
	if balance {
		if err := checkBalancedLines(env, move, lines); err != nil {
			return err
		}
	}
	if err := refreshMoveLines(env, move, lines); err != nil {
		return err
	}
	return refreshLinkedOrders(env, lines)
}

// partnerPaymentTerm is the customer (or supplier) payment term of the partner's
// commercial entity.
func partnerPaymentTerm(env *odoosim.Env, partner int64, sale bool) int64 {
	if partner == 0 {
		return 0
	}
	field := "property_supplier_payment_term_id"
	if sale {
		field = "property_payment_term_id"
	}
	return at(env, "res.partner", commercialPartner(env, partner)).m2o(field)
}

// checkBalancedLines is Odoo's _check_balanced, with its message.
func checkBalancedLines(env *odoosim.Env, move int64, lines []int64) error {
	if len(lines) == 0 {
		return nil
	}
	dec := companyDecimals(env, moveCompany(env, move))
	var debit, credit int64
	for _, l := range lines {
		r := at(env, "account.move.line", l)
		debit += minor(r.f64("debit"), dec)
		credit += minor(r.f64("credit"), dec)
	}
	if debit == credit {
		return nil
	}
	mv := at(env, "account.move", move)
	return odoosim.UserError("An error has occurred.\n\nThe move (%s) is not balanced.\nThe total of debits equals %s and the total of credits equals %s.\nYou might want to specify a default account on journal \"%s\" to automatically balance each move.",
		moveDisplayName(env, move), formatAmount(env, moveCompany(env, move), debit, dec), formatAmount(env, moveCompany(env, move), credit, dec),
		at(env, "account.journal", mv.m2o("journal_id")).str("name"))
}

// formatAmount renders like Odoo's format_amount in the company currency: grouped
// thousands, the symbol before ("$ 1,234.50") or after ("1,234.50 €") with a no-break space.
func formatAmount(env *odoosim.Env, company, m int64, dec int) string {
	s := fmt.Sprintf("%.*f", dec, major(absMinor(m), dec))
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if m < 0 {
		out = "-" + out
	}
	cur := at(env, "res.currency", at(env, "res.company", company).m2o("currency_id"))
	switch sym := cur.str("symbol"); {
	case sym == "":
		return out
	case cur.str("position") == "after":
		return out + "\u00a0" + sym
	default:
		return sym + "\u00a0" + out
	}
}

// moveDisplayName is the name Odoo shows for a move ("INV/2026/00001", "Draft Invoice (* 12)").
func moveDisplayName(env *odoosim.Env, move int64) string {
	mv := at(env, "account.move", move)
	if n := mv.str("name"); n != "" && n != "/" {
		return n
	}
	kind := map[string]string{"out_invoice": "Invoice", "out_refund": "Credit Note", "in_invoice": "Bill",
		"in_refund": "Refund", "out_receipt": "Sales Receipt", "in_receipt": "Purchase Receipt"}[mv.str("move_type")]
	if kind == "" {
		kind = "Entry"
	}
	return fmt.Sprintf("Draft %s (* %d)", kind, move)
}

// onMoveCreate finishes a move created through create (RPC or Env.Create).
func onMoveCreate(env *odoosim.Env, id int64) error {
	if internal(env) {
		return nil
	}
	lines, err := moveLines(env, id)
	if err != nil {
		return err
	}
	if err := classifyNewLines(env, id, lines); err != nil {
		return err
	}
	return finishMove(env, id)
}
