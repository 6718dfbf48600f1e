package business

import (
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// syncKey marks writes made by this package's own recomputations, so that the hooks they
// trigger do not recompute again (Odoo's equivalent is the protecting()/compute machinery).
const syncKey = "odoosim_business_sync"

// quiet is env for internal writes: hooks of this package skip them.
func quiet(env *odoosim.Env) *odoosim.Env {
	if internal(env) {
		return env
	}
	return env.WithContext(map[string]any{syncKey: true})
}

func internal(env *odoosim.Env) bool {
	v, _ := env.Context()[syncKey].(bool)
	return v
}

// companyDecimals is the decimal places of the company currency (all simulated amounts
// are in it).
func companyDecimals(env *odoosim.Env, company int64) int {
	cur := at(env, "res.company", company).m2o("currency_id")
	if cur == 0 {
		return 2
	}
	c := at(env, "res.currency", cur)
	if d := c.int("decimal_places"); d > 0 {
		return int(d)
	}
	return decimalsOf(c.f64("rounding"))
}

// moveCompany is the move's company, the main company when unset.
func moveCompany(env *odoosim.Env, move int64) int64 {
	if c := at(env, "account.move", move).m2o("company_id"); c != 0 {
		return c
	}
	return 1
}

// journalTypesFor are the journal types Odoo's _get_valid_journal_types allows per move type.
func journalTypesFor(moveType string) []string {
	switch {
	case isSaleDoc(moveType):
		return []string{"sale"}
	case isPurchaseDoc(moveType):
		return []string{"purchase"}
	}
	return []string{"general"}
}

// defaultJournal is Odoo's _search_default_journal: the first journal (by sequence) of a
// type valid for the move type in the company.
func defaultJournal(env *odoosim.Env, moveType string, company int64) (int64, error) {
	types := journalTypesFor(moveType)
	ids, err := env.Search("account.journal", []any{leaf("type", "in", stringsAny(types)), leaf("company_id", "=", company)}, "", 1)
	if err != nil {
		return 0, fmt.Errorf("find a %s journal: %w", strings.Join(types, "/"), err)
	}
	if len(ids) == 0 {
		return 0, odoosim.UserError("No journal could be found in company %s for any of those types: %s",
			at(env, "res.company", company).name(), strings.Join(types, ", "))
	}
	return ids[0], nil
}

func stringsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// accountByType finds the first non-deprecated account of a type, Odoo's fallback when a
// partner has no receivable/payable property.
func accountByType(env *odoosim.Env, accountType string) int64 {
	domain := []any{leaf("account_type", "=", accountType)}
	if env.Version() < 19 {
		domain = append(domain, leaf("deprecated", "=", false)) // 19 archives accounts instead
	}
	ids, err := env.Search("account.account", domain, "", 1)
	if err != nil || len(ids) == 0 {
		return 0
	}
	return ids[0]
}

// partnerAccount is the receivable (sale side) or payable account of a partner, read on its
// commercial entity like Odoo's property fields.
func partnerAccount(env *odoosim.Env, partner int64, receivable bool) (int64, error) {
	field, accType := "property_account_payable_id", "liability_payable"
	if receivable {
		field, accType = "property_account_receivable_id", "asset_receivable"
	}
	if partner != 0 {
		p := at(env, "res.partner", commercialPartner(env, partner))
		if acc := p.m2o(field); acc != 0 {
			return acc, nil
		}
	}
	if acc := accountByType(env, accType); acc != 0 {
		return acc, nil
	}
	return 0, odoosim.UserError("There is no %s account to use: create an account of type %s or set %s on the partner.",
		map[bool]string{true: "receivable", false: "payable"}[receivable], accType, field)
}

// reconcilable mirrors the test in Odoo's _compute_amount_residual: residuals are tracked
// on accounts that allow reconciliation, and on liquidity accounts.
func reconcilable(env *odoosim.Env, account int64) bool {
	if account == 0 {
		return false
	}
	a := at(env, "account.account", account)
	if a.boolean("reconcile") {
		return true
	}
	t := a.str("account_type")
	return t == "asset_cash" || t == "liability_credit_card"
}

func accountType(env *odoosim.Env, account int64) string {
	return at(env, "account.account", account).str("account_type")
}

// Move type families, as Odoo's is_sale_document / is_purchase_document / is_invoice.
func isSaleDoc(t string) bool     { return t == "out_invoice" || t == "out_refund" || t == "out_receipt" }
func isPurchaseDoc(t string) bool { return t == "in_invoice" || t == "in_refund" || t == "in_receipt" }
func isInvoice(t string) bool     { return isSaleDoc(t) || isPurchaseDoc(t) }

// directionSign is Odoo's direction_sign: -1 for inbound documents (customer invoices,
// vendor refunds, sale receipts), +1 otherwise.
func directionSign(t string) int64 {
	if t == "out_invoice" || t == "in_refund" || t == "out_receipt" {
		return -1
	}
	return 1
}

// currentCompany is env.company in Odoo: the first of the context's allowed_company_ids,
// else the user's company.
func currentCompany(env *odoosim.Env) int64 {
	if ids := contextIDs(env.Context()["allowed_company_ids"]); len(ids) > 0 {
		return ids[0]
	}
	if c := at(env, "res.users", env.UID()).m2o("company_id"); c != 0 {
		return c
	}
	return 1
}

// saleTaxField and purchaseTaxField are the order lines' tax fields: 19 renamed both to
// tax_ids.
func saleTaxField(env *odoosim.Env) string {
	if env.Version() >= 19 {
		return "tax_ids"
	}
	return "tax_id"
}

func purchaseTaxField(env *odoosim.Env) string {
	if env.Version() >= 19 {
		return "tax_ids"
	}
	return "taxes_id"
}
