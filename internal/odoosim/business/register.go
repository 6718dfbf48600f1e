package business

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// The account.payment.register wizard: created with context active_model/active_ids (the
// invoices, or their journal items), it proposes one payment per partner and account for
// what is left to pay; action_create_payments creates, posts and reconciles them.

var registerFields = map[string]odoosim.Field{
	"payment_date":                {Type: "date", String: "Payment Date", Required: true, Store: true},
	"amount":                      {Type: "monetary", String: "Amount", Store: true},
	"communication":               {Type: "char", String: "Memo", Store: true},
	"group_payment":               {Type: "boolean", String: "Group Payments", Store: true},
	"currency_id":                 {Type: "many2one", String: "Currency", Relation: "res.currency", Store: true},
	"journal_id":                  {Type: "many2one", String: "Journal", Relation: "account.journal", Store: true},
	"company_id":                  {Type: "many2one", String: "Company", Relation: "res.company", Store: true, Readonly: true},
	"partner_id":                  {Type: "many2one", String: "Customer/Vendor", Relation: "res.partner", Store: true, Readonly: true},
	"line_ids":                    {Type: "many2many", String: "Journal items", Relation: "account.move.line", Store: true, Readonly: true},
	"payment_type":                {Type: "selection", String: "Payment Type", Store: true, Selection: [][2]string{{"outbound", "Send"}, {"inbound", "Receive"}}},
	"partner_type":                {Type: "selection", String: "Partner Type", Store: true, Selection: [][2]string{{"customer", "Customer"}, {"supplier", "Vendor"}}},
	"source_amount":               {Type: "monetary", String: "Amount to Pay (company currency)", Store: true, Readonly: true},
	"payment_difference":          {Type: "monetary", String: "Payment Difference", Readonly: true},
	"payment_difference_handling": {Type: "selection", String: "Payment Difference Handling", Store: true, Selection: [][2]string{{"open", "Keep open"}, {"reconcile", "Mark as fully paid"}}},
	"writeoff_account_id":         {Type: "many2one", String: "Difference Account", Relation: "account.account", Store: true},
	"writeoff_label":              {Type: "char", String: "Journal Item Label", Store: true},
	"payment_method_line_id":      {Type: "many2one", String: "Payment Method", Relation: "account.payment.method.line", Store: true},
	"can_edit_wizard":             {Type: "boolean", String: "Can Edit Wizard", Readonly: true},
}

// onRegisterCreate is the wizard's default_get: it picks the journal items to pay from the
// context and fills amount, partner, memo and journal when the caller left them out.
func onRegisterCreate(env *odoosim.Env, id int64) error {
	w := at(env, "account.payment.register", id)
	lines := w.ids("line_ids")
	if len(lines) == 0 {
		var err error
		if lines, err = linesFromContext(env); err != nil {
			return err
		}
	}
	lines, err := payableLines(env, lines)
	if err != nil {
		return err
	}
	dec := companyDecimals(env, moveCompany(env, at(env, "account.move.line", lines[0]).m2o("move_id")))
	var residual int64
	for _, l := range lines {
		residual += minor(at(env, "account.move.line", l).f64("amount_residual"), dec)
	}
	first := at(env, "account.move.line", lines[0])
	vals := map[string]any{"line_ids": []any{[]any{int64(6), int64(0), anyIDs(lines)}},
		"source_amount": major(absMinor(residual), dec), "company_id": moveCompany(env, first.m2o("move_id")),
		"partner_id": commercialPartner(env, first.m2o("partner_id"))}
	setIfEmpty := func(field string, empty bool, v any) {
		if empty {
			vals[field] = v
		}
	}
	setIfEmpty("amount", w.f64("amount") == 0, major(absMinor(residual), dec))
	setIfEmpty("payment_type", w.str("payment_type") == "", map[bool]string{true: "inbound", false: "outbound"}[residual > 0])
	setIfEmpty("partner_type", w.str("partner_type") == "", map[bool]string{true: "customer", false: "supplier"}[accountType(env, first.m2o("account_id")) == "asset_receivable"])
	setIfEmpty("communication", w.str("communication") == "", batchMemo(env, lines))
	setIfEmpty("payment_date", w.str("payment_date") == "", today(env).Format(dateLayout))
	setIfEmpty("payment_difference_handling", w.str("payment_difference_handling") == "", "open")
	if w.m2o("journal_id") == 0 {
		j, err := liquidityJournal(env, moveCompany(env, first.m2o("move_id")))
		if err != nil {
			return err
		}
		vals["journal_id"] = j
	}
	return quiet(env).Write("account.payment.register", []int64{id}, vals)
}

func linesFromContext(env *odoosim.Env) ([]int64, error) {
	ctx := env.Context()
	ids := contextIDs(ctx["active_ids"])
	switch ctx["active_model"] {
	case "account.move":
		var out []int64
		for _, m := range ids {
			l, err := moveLines(env, m)
			if err != nil {
				return nil, err
			}
			out = append(out, l...)
		}
		return out, nil
	case "account.move.line":
		return ids, nil
	}
	return nil, odoosim.UserError("The register payment wizard should only be called on account.move or account.move.line records.")
}

// contextIDs reads active_ids as decoded from JSON/XML-RPC or given from Go.
func contextIDs(v any) []int64 {
	switch x := v.(type) {
	case []int64:
		return x
	case []any:
		out := make([]int64, 0, len(x))
		for _, e := range x {
			switch n := e.(type) {
			case int64:
				out = append(out, n)
			case int:
				out = append(out, int64(n))
			case float64:
				out = append(out, int64(n))
			}
		}
		return out
	}
	return nil
}

// payableLines keeps the receivable/payable lines with something left to pay, refusing
// like Odoo's default_get.
func payableLines(env *odoosim.Env, lines []int64) ([]int64, error) {
	var out, companies []int64
	var types []string
	for _, l := range lines {
		r := at(env, "account.move.line", l)
		if c := moveCompany(env, r.m2o("move_id")); !slices.Contains(companies, c) {
			companies = append(companies, c)
		}
		t := accountType(env, r.m2o("account_id"))
		if (t != "asset_receivable" && t != "liability_payable") || r.f64("amount_residual") == 0 {
			continue
		}
		out = append(out, l)
		if !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	switch {
	case len(out) == 0:
		return nil, odoosim.UserError("You can't register a payment because there is nothing left to pay on the selected journal items.")
	case len(companies) > 1:
		return nil, odoosim.UserError("You can't create payments for entries belonging to different companies.")
	case len(types) > 1:
		return nil, odoosim.UserError("You can't register payments for both inbound and outbound moves at the same time.")
	}
	return out, nil
}

// batchMemo is _get_communication: for one invoice, the label of its single
// receivable line (its payment reference once posted), else its ref or name; for several
// invoices the company's next BATCH/YYYY/NNNNN reference.
func batchMemo(env *odoosim.Env, lines []int64) string {
	var moves []int64
	for _, l := range lines {
		if m := at(env, "account.move.line", l).m2o("move_id"); !slices.Contains(moves, m) {
			moves = append(moves, m)
		}
	}
	if len(moves) == 1 {
		mv := at(env, "account.move", moves[0])
		if name := at(env, "account.move.line", lines[0]).str("name"); len(lines) == 1 && name != "" {
			return name
		}
		if ref := mv.str("ref"); ref != "" {
			return ref
		}
		return mv.str("name")
	}
	prefix := fmt.Sprintf("BATCH/%04d/", today(env).Year())
	used, err := env.Search("account.payment", []any{leaf(memoField(env), "=like", prefix+"%")}, "id", 0)
	if err != nil {
		return prefix + "00001"
	}
	next := 1
	for _, p := range used {
		var n int
		if _, err := fmt.Sscanf(strings.TrimPrefix(at(env, "account.payment", p).str(memoField(env)), prefix), "%d", &n); err == nil && n >= next {
			next = n + 1
		}
	}
	return fmt.Sprintf("%s%05d", prefix, next)
}
