package business

import (
	"fmt"
	"slices"
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
		moveDisplayName(env, move), formatAmount(env, debit, dec), formatAmount(env, credit, dec), at(env, "account.journal", mv.m2o("journal_id")).str("name"))
}

// formatAmount renders like Odoo's format_amount for a dollar company ("$ 1,234.50").
func formatAmount(env *odoosim.Env, m int64, dec int) string {
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
	sym := at(env, "res.currency", at(env, "res.company", 1).m2o("currency_id")).str("symbol")
	if sym == "" {
		return out
	}
	return sym + "\u00a0" + out
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

// Hooks ------------------------------------------------------------------------------

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

// classifyNewLines is aml._compute_display_type for lines just created without one: on
// entries (bank, payment, misc) a line on a receivable/payable account is a
// "payment_term" line, as Odoo computes it once at creation.
func classifyNewLines(env *odoosim.Env, move int64, lines []int64) error {
	if isInvoice(at(env, "account.move", move).str("move_type")) {
		return nil
	}
	for _, l := range lines {
		r := at(env, "account.move.line", l)
		if r.str("display_type") != "product" {
			continue
		}
		if t := accountType(env, r.m2o("account_id")); t == "asset_receivable" || t == "liability_payable" {
			if err := quiet(env).Write("account.move.line", []int64{l}, map[string]any{"display_type": "payment_term"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// postedReadonly are the fields Odoo refuses to change on a posted move.
var postedReadonly = []string{"invoice_line_ids", "line_ids", "invoice_date", "date", "partner_id", "partner_bank_id",
	"invoice_payment_term_id", "currency_id", "fiscal_position_id", "invoice_cash_rounding_id"}

func onMoveWrite(env *odoosim.Env, ids []int64, vals map[string]any) error {
	if internal(env) || skipReadonly(env) {
		return refreshMoves(env, ids, true)
	}
	var locked []string
	for _, f := range postedReadonly {
		if _, ok := vals[f]; ok {
			locked = append(locked, f)
		}
	}
	for _, id := range ids {
		if len(locked) > 0 && at(env, "account.move", id).str("state") == "posted" && vals["state"] == nil {
			return odoosim.UserError("You cannot modify the following readonly fields on a posted move: %s", strings.Join(locked, ", "))
		}
	}
	return refreshMoves(env, ids, true)
}

func skipReadonly(env *odoosim.Env) bool {
	v, _ := env.Context()["skip_readonly_check"].(bool)
	return v
}

// refreshMoves re-finishes moves after a user write (balance checked when the move itself
// was written).
func refreshMoves(env *odoosim.Env, ids []int64, balance bool) error {
	if internal(env) {
		return nil
	}
	for _, id := range ids {
		if err := finishMoveChecked(env, id, balance); err != nil {
			return err
		}
		if st := statementOfMove(env, id); st != 0 {
			if err := syncStatementFromMove(env, st); err != nil {
				return err
			}
		}
	}
	return nil
}

// Unlink follows Odoo's ondelete checks: posted entries cannot be deleted.
func onMoveUnlink(env *odoosim.Env, ids []int64) error {
	if forceDelete(env) {
		return nil
	}
	for _, id := range ids {
		if at(env, "account.move", id).str("state") == "posted" {
			return errPostedLine
		}
	}
	return nil
}

var errPostedLine = odoosim.UserError("You can't delete a posted journal item. Don’t play games with your accounting records; reset the journal entry to draft before deleting it.")

func forceDelete(env *odoosim.Env) bool {
	v, _ := env.Context()["force_delete"].(bool)
	return v || internal(env)
}

func onLineCreate(env *odoosim.Env, id int64) error {
	if internal(env) {
		return nil
	}
	move := at(env, "account.move.line", id).m2o("move_id")
	if at(env, "account.move", move).m2o("journal_id") <= 0 {
		return nil // the move itself is being created: its hook finishes everything
	}
	if err := classifyNewLines(env, move, []int64{id}); err != nil {
		return err
	}
	return refreshMoves(env, []int64{move}, false)
}

// reconciliationFields are the fields Odoo protects on reconciled lines (_check_reconciliation).
var reconciliationFields = []string{"account_id", "date", "debit", "credit", "balance", "amount_currency", "currency_id", "partner_id"}

func onLineWrite(env *odoosim.Env, ids []int64, vals map[string]any) error {
	if internal(env) {
		return nil
	}
	touchesRec := slices.ContainsFunc(reconciliationFields, func(f string) bool { _, ok := vals[f]; return ok })
	_, touchesTax := vals["tax_ids"]
	var moves []int64
	for _, id := range ids {
		l := at(env, "account.move.line", id)
		if touchesTax && l.str("parent_state") == "posted" {
			return odoosim.UserError("You cannot modify the taxes related to a posted journal item, you should reset the journal entry to draft to do so.")
		}
		if touchesRec {
			if d, c, err := partialsOf(env, id); err != nil {
				return err
			} else if len(d)+len(c) > 0 {
				mv := at(env, "account.move", l.m2o("move_id"))
				return odoosim.UserError("You cannot do this modification on a reconciled journal entry. You can just change some non legal fields or you must unreconcile first.\nJournal Entry (id): %s (%d)", mv.str("name"), mv.id)
			}
		}
		if b, ok := vals["balance"]; ok && vals["debit"] == nil && vals["credit"] == nil {
			f, _ := b.(float64)
			dec := companyDecimals(env, moveCompany(env, l.m2o("move_id")))
			if err := quiet(env).Write("account.move.line", []int64{id}, balanceVals(minor(f, dec), dec)); err != nil {
				return err
			}
		}
		if m := l.m2o("move_id"); !slices.Contains(moves, m) {
			moves = append(moves, m)
		}
	}
	return refreshMoves(env, moves, false)
}

func onLineUnlink(env *odoosim.Env, ids []int64) error {
	if forceDelete(env) {
		return nil
	}
	for _, id := range ids {
		if at(env, "account.move", at(env, "account.move.line", id).m2o("move_id")).str("state") == "posted" {
			return errPostedLine
		}
	}
	return nil
}

// refreshLinkedOrders keeps sale and purchase lines in step with the invoice lines that
// bill them (Odoo shares one relation table between sale_line_ids and invoice_lines; the
// simulator stores both sides, so this writes the sale side too).
func refreshLinkedOrders(env *odoosim.Env, lines []int64) error {
	q := quiet(env)
	var sales, purchases []int64
	for _, l := range lines {
		r := at(env, "account.move.line", l)
		for _, sl := range r.ids("sale_line_ids") {
			sol := at(env, "sale.order.line", sl)
			if cur := sol.ids("invoice_lines"); !containsID(cur, l) {
				if err := q.Write("sale.order.line", []int64{sl}, map[string]any{"invoice_lines": append(slices.Clone(cur), l)}); err != nil {
					return err
				}
			}
			if o := sol.m2o("order_id"); !containsID(sales, o) {
				sales = append(sales, o)
			}
		}
		if pl := r.m2o("purchase_line_id"); pl != 0 {
			if o := at(env, "purchase.order.line", pl).m2o("order_id"); !containsID(purchases, o) {
				purchases = append(purchases, o)
			}
		}
	}
	for _, o := range sales {
		if err := refreshSaleOrder(env, o); err != nil {
			return err
		}
	}
	for _, o := range purchases {
		if err := refreshPurchaseOrder(env, o); err != nil {
			return err
		}
	}
	return nil
}

// moveWriteRPC is account.move.write as called over RPC. The engine's write hooks only see
// scalar values, so the refusal of line_ids/invoice_line_ids edits on posted moves (which
// forces the button_draft step of the bank-rec sequence, as on real Odoo) is checked here
// before the ordinary write. Returns True.
func moveWriteRPC(env *odoosim.Env, ids []int64, args []any, kwargs map[string]any) (any, error) {
	vals, ok := kwargs["vals"].(map[string]any)
	if len(args) > 0 {
		vals, ok = args[0].(map[string]any)
	}
	if !ok {
		return nil, &odoosim.OdooError{Name: "builtins.TypeError", Message: "AccountMove.write() missing 1 required positional argument: 'vals'"}
	}
	if !skipReadonly(env) {
		var locked []string
		for _, f := range postedReadonly {
			if _, ok := vals[f]; ok {
				locked = append(locked, f)
			}
		}
		state, _ := vals["state"].(string)
		for _, id := range ids {
			cur := at(env, "account.move", id).str("state")
			if len(locked) > 0 && cur == "posted" && (state == "" || state == "posted") {
				return nil, odoosim.UserError("You cannot modify the following readonly fields on a posted move: %s", strings.Join(locked, ", "))
			}
		}
	}
	if err := env.Write("account.move", ids, vals); err != nil {
		return nil, err
	}
	return true, nil
}
