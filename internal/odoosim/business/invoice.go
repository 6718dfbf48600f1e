package business

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// syncInvoice recomputes a draft invoice's dynamic lines like Odoo's _sync_dynamic_lines:
// the product lines' prices and balances, one tax line per (tax, account), and the
// receivable/payable lines split by the payment term. Posted invoices are never touched.
func syncInvoice(env *odoosim.Env, move int64) error {
	mv := at(env, "account.move", move)
	moveType := mv.str("move_type")
	if !isInvoice(moveType) || mv.str("state") != "draft" {
		return nil
	}
	q := quiet(env)
	company := moveCompany(env, move)
	dec := companyDecimals(env, company)
	sign := directionSign(moveType)
	partner := commercialPartner(env, mv.m2o("partner_id"))

	lines, err := moveLines(env, move)
	if err != nil {
		return err
	}
	var products, taxLines, termLines []int64
	for _, l := range lines {
		switch at(env, "account.move.line", l).str("display_type") {
		case "product", "":
			products = append(products, l)
		case "tax":
			taxLines = append(taxLines, l)
		case "payment_term":
			termLines = append(termLines, l)
		}
	}
	var priced []lineAmounts
	var baseAccounts []int64
	var total int64
	for _, l := range products {
		la, acc, err := priceProductLine(env, q, move, l, moveType, partner, dec, sign)
		if err != nil {
			return fmt.Errorf("price line %d of move %d: %w", l, move, err)
		}
		priced = append(priced, la)
		baseAccounts = append(baseAccounts, acc)
		total += sign * la.Subtotal
	}
	taxTotal, err := syncTaxLines(q, move, taxLines, groupTaxes(priced, baseAccounts), partner, dec, sign)
	if err != nil {
		return err
	}
	total += taxTotal
	return syncTermLines(env, q, move, termLines, -total, partner, dec)
}

func moveLines(env *odoosim.Env, move int64) ([]int64, error) {
	// line_ids reads the engine's inverse index: much cheaper than a search on big books.
	ids, _ := env.Get("account.move", move, "line_ids").([]int64)
	return ids, nil
}

// priceProductLine computes one product line and stores its amounts; it returns the
// pricing and the line's account.
func priceProductLine(env, q *odoosim.Env, move, line int64, moveType string, partner int64, dec int, sign int64) (lineAmounts, int64, error) {
	l := at(env, "account.move.line", line)
	acc := l.m2o("account_id")
	if acc == 0 {
		var err error
		if acc, err = productAccount(env, move, l.m2o("product_id"), isSaleDoc(moveType)); err != nil {
			return lineAmounts{}, 0, err
		}
	}
	var taxes []taxSpec
	for _, t := range l.ids("tax_ids") {
		taxes = append(taxes, readTax(env, t))
	}
	la := computeLine(lineSpec{Quantity: l.f64("quantity"), PriceUnit: l.f64("price_unit"), Discount: l.f64("discount"), Taxes: taxes}, dec)
	bal := sign * la.Subtotal
	vals := balanceVals(bal, dec)
	vals["account_id"] = acc
	vals["partner_id"] = partner
	if l.raw("name") == nil || l.str("name") == "" {
		if product := l.m2o("product_id"); product != 0 {
			vals["name"] = productLabel(env, product) // aml._compute_name
		}
	}
	vals["price_subtotal"] = major(la.Subtotal, dec)
	vals["price_total"] = major(la.Total, dec)
	if err := q.Write("account.move.line", []int64{line}, vals); err != nil {
		return lineAmounts{}, 0, fmt.Errorf("store amounts: %w", err)
	}
	return la, acc, nil
}

// balanceVals are the debit/credit/balance/amount_currency of a line with balance b.
func balanceVals(b int64, dec int) map[string]any {
	v := map[string]any{"balance": major(b, dec), "amount_currency": major(b, dec), "debit": 0.0, "credit": 0.0}
	if b > 0 {
		v["debit"] = major(b, dec)
	} else if b < 0 {
		v["credit"] = major(-b, dec)
	}
	return v
}

// productAccount is the income (sale) or expense account of a line: the product's, else the
// journal's default account, as Odoo's _compute_account_id falls back.
func productAccount(env *odoosim.Env, move, product int64, sale bool) (int64, error) {
	field := "property_account_expense_id"
	if sale {
		field = "property_account_income_id"
	}
	if product != 0 {
		if tmpl := at(env, "product.product", product).m2o("product_tmpl_id"); tmpl != 0 {
			if acc := at(env, "product.template", tmpl).m2o(field); acc != 0 {
				return acc, nil
			}
		}
	}
	journal := at(env, "account.move", move).m2o("journal_id")
	if acc := at(env, "account.journal", journal).m2o("default_account_id"); acc != 0 {
		return acc, nil
	}
	return 0, odoosim.UserError("No account is set on the invoice line and the journal %q has no default account: set one on the journal or pass account_id.",
		at(env, "account.journal", journal).name())
}

// readTax reads the simulated part of an account.tax. The tax line's account is the first
// "tax" repartition line's account when those exist; without one Odoo books the tax on the
// base line's account, which is what a zero AccountID means here.
func readTax(env *odoosim.Env, id int64) taxSpec {
	t := at(env, "account.tax", id)
	spec := taxSpec{ID: id, Name: t.str("name"), Amount: t.f64("amount"), Type: t.str("amount_type")}
	spec.Included = t.str("price_include_override") == "tax_included" || t.boolean("price_include")
	for _, rl := range t.ids("invoice_repartition_line_ids") {
		r := at(env, "account.tax.repartition.line", rl)
		if r.str("repartition_type") == "tax" && r.m2o("account_id") != 0 {
			spec.AccountID = r.m2o("account_id")
			break
		}
	}
	return spec
}

// syncTaxLines makes the move's tax lines equal to want, reusing existing lines for the
// same (tax, account), and returns the total tax balance.
func syncTaxLines(q *odoosim.Env, move int64, existing []int64, want []taxLine, partner int64, dec int, sign int64) (int64, error) {
	byKey := map[taxGroupKey]int64{}
	for _, l := range existing {
		r := at(q, "account.move.line", l)
		byKey[taxGroupKey{TaxID: r.m2o("tax_line_id"), AccountID: r.m2o("account_id")}] = l
	}
	var total int64
	keep := map[int64]bool{}
	for _, tl := range want {
		bal := sign * tl.Amount
		total += bal
		vals := balanceVals(bal, dec)
		vals["tax_base_amount"] = major(absMinor(tl.Base), dec)
		vals["partner_id"] = partner
		if id, ok := byKey[tl.Key]; ok {
			keep[id] = true
			if err := q.Write("account.move.line", []int64{id}, vals); err != nil {
				return 0, fmt.Errorf("update tax line %d: %w", id, err)
			}
			continue
		}
		vals["move_id"], vals["display_type"], vals["name"] = move, "tax", tl.Name
		vals["tax_line_id"], vals["account_id"], vals["quantity"] = tl.Key.TaxID, tl.Key.AccountID, 0.0
		id, err := q.Create("account.move.line", vals)
		if err != nil {
			return 0, fmt.Errorf("create tax line %s: %w", tl.Name, err)
		}
		keep[id] = true
	}
	return total, unlinkUnkept(q, existing, keep)
}

func unlinkUnkept(q *odoosim.Env, existing []int64, keep map[int64]bool) error {
	drop := slices.DeleteFunc(slices.Clone(existing), func(id int64) bool { return keep[id] })
	if len(drop) == 0 {
		return nil
	}
	if err := q.Unlink("account.move.line", drop); err != nil {
		return fmt.Errorf("remove stale lines %v: %w", drop, err)
	}
	return nil
}

// syncTermLines makes the receivable/payable lines carry total (the balance that settles
// the move), split by the payment term, and sets invoice_date_due.
func syncTermLines(env, q *odoosim.Env, move int64, existing []int64, total, partner int64, dec int) error {
	mv := at(env, "account.move", move)
	ref := mv.date("invoice_date")
	if ref.IsZero() {
		ref = today(env)
	}
	terms, err := paymentTermLines(env, mv.m2o("invoice_payment_term_id"))
	if err != nil {
		return err
	}
	if len(terms) == 0 {
		if due := mv.date("invoice_date_due"); !due.IsZero() && due.After(ref) {
			ref = due // a due date typed by the user is kept when there is no payment term
		}
	}
	parts, err := splitTerms(total, ref, terms, dec)
	if err != nil {
		return err
	}
	acc, err := partnerAccount(env, partner, isSaleDoc(mv.str("move_type")))
	if err != nil {
		return err
	}
	name := termLabel(env, mv)
	keep := map[int64]bool{}
	var lastDue time.Time
	for i, p := range parts {
		vals := balanceVals(p.Amount, dec)
		vals["account_id"], vals["partner_id"], vals["date_maturity"] = acc, partner, p.Due.Format(dateLayout)
		vals["name"] = name
		if s, ok := name.(string); ok && len(parts) > 1 {
			vals["name"] = strings.TrimLeft(fmt.Sprintf("%s installment #%d", s, i+1), " ")
		}
		if p.Due.After(lastDue) {
			lastDue = p.Due
		}
		if i < len(existing) {
			keep[existing[i]] = true
			if err := q.Write("account.move.line", []int64{existing[i]}, vals); err != nil {
				return fmt.Errorf("update receivable/payable line %d: %w", existing[i], err)
			}
			continue
		}
		vals["move_id"], vals["display_type"], vals["quantity"] = move, "payment_term", 0.0
		id, err := q.Create("account.move.line", vals)
		if err != nil {
			return fmt.Errorf("create receivable/payable line: %w", err)
		}
		keep[id] = true
	}
	if err := unlinkUnkept(q, existing, keep); err != nil {
		return err
	}
	return q.Write("account.move", []int64{move}, map[string]any{"invoice_date_due": lastDue.Format(dateLayout)})
}

// paymentTermLines reads an account.payment.term's lines in order.
func paymentTermLines(env *odoosim.Env, term int64) ([]termLine, error) {
	if term == 0 {
		return nil, nil
	}
	ids, err := env.Search("account.payment.term.line", []any{leaf("payment_id", "=", term)}, "id", 0)
	if err != nil {
		return nil, fmt.Errorf("read payment term %d: %w", term, err)
	}
	out := make([]termLine, 0, len(ids))
	for _, id := range ids {
		r := at(env, "account.payment.term.line", id)
		out = append(out, termLine{Value: r.str("value"), Amount: r.f64("value_amount"), NbDays: int(r.int("nb_days")), DelayType: r.str("delay_type")})
	}
	return out, nil
}

// termLabel is the receivable/payable line label of aml._compute_name: "ref - payment
// reference", the payment reference, or empty ("" on 17-18, false on 19 as the captures show).
func termLabel(env *odoosim.Env, mv rec) any {
	ref, pref := mv.str("ref"), mv.str("payment_reference")
	switch {
	case ref != "" && pref != "":
		return ref + " - " + pref
	case pref != "":
		return pref
	case env.Version() >= 19:
		return nil
	}
	return ""
}

// productLabel is the product's display name, the label Odoo gives lines left without one.
func productLabel(env *odoosim.Env, product int64) string {
	if n, ok := env.Get("product.product", product, "display_name").(string); ok && n != "" {
		return n
	}
	return at(env, "product.product", product).str("name")
}
