package company

import (
	"fmt"
	"time"
)

// accountSpec is one account of the chart: role (how the code refers to it), code, name,
// Odoo 18 account_type and whether it is reconcilable.
type accountSpec struct {
	role, code, name, kind string
	reconcile              bool
}

var chart = []accountSpec{
	{"receivable", "121000", "Account Receivable", "asset_receivable", true},
	{"payable", "211000", "Account Payable", "liability_payable", true},
	{"bank", "101401", "Bank", "asset_cash", false},
	{"suspense", "101402", "Bank Suspense Account", "asset_current", false},
	{"outstanding_receipts", "101403", "Outstanding Receipts", "asset_current", true},
	{"outstanding_payments", "101404", "Outstanding Payments", "asset_current", true},
	{"card_clearing", "101500", "Card Payments Clearing", "asset_current", false},
	{"credit_card", "201500", "Company Credit Card", "liability_credit_card", false},
	{"tax_paid", "131000", "Tax Paid", "asset_current", false},
	{"tax_received", "251000", "Tax Received", "liability_current", false},
	{"payroll_payable", "455000", "Salaries Payable", "liability_current", false},
	{"accum_depreciation", "241000", "Accumulated Depreciation", "asset_non_current", false},
	{"capital", "110000", "Capital", "equity", false},
	{"income", "400000", "Product Sales", "income", false},
	{"income_services", "400100", "Services Revenue", "income", false},
	{"cogs", "500000", "Cost of Goods Sold", "expense_direct_cost", false},
	{"expense", "600000", "Expenses", "expense", false},
	{"office", "612000", "Office Supplies", "expense", false},
	{"rent", "613000", "Rent", "expense", false},
	{"utilities", "614000", "Utilities", "expense", false},
	{"subscriptions", "615000", "Software Subscriptions", "expense", false},
	{"payroll", "620000", "Salaries", "expense", false},
	{"travel", "625000", "Travel", "expense", false},
	{"bank_fees", "626000", "Bank Fees", "expense", false},
	{"fees", "627000", "Professional Fees", "expense", false},
	{"depreciation", "630000", "Depreciation", "expense_depreciation", false},
}

// users of the generated company: the accountant posts almost everything; the temp user
// posts rarely (and at odd hours: an anomaly kind).
var users = []struct{ role, login, name string }{
	{"accountant", "accountant@company.example", "Nathalie Accountant"},
	{"ap_clerk", "ap.clerk@company.example", "Bert Payables"},
	{"temp", "temp.user@company.example", "Temporary Helper"},
}

// emitBase writes currency, countries, the company, its users, chart, taxes, bank account,
// journals and products.
func (g *generator) emitBase() {
	w := g.w
	g.acc, g.jrn, g.tax, g.user, g.country = map[string]int64{}, map[string]int64{}, map[string]int64{}, map[string]int64{}, map[string]int64{}
	g.tracked = map[int64]bool{}
	g.currencyID = g.findOrInsert("res.currency", "name", map[string]any{"name": "EUR", "symbol": "€", "full_name": "Euro",
		"decimal_places": int64(2), "rounding": 0.01, "position": "after", "active": true,
		"currency_unit_label": "Euros", "currency_subunit_label": "Cents", "iso_numeric": int64(978)})
	for _, c := range countries {
		g.country[c.code] = g.findOrInsert("res.country", "code", map[string]any{"name": c.name, "code": c.code,
			"currency_id": g.currencyID, "phone_code": int64(atoiPrefix(c.phonePrefix))})
	}
	g.emitCompany()
	g.truth.Company.ID, g.truth.Company.PartnerID, g.truth.Company.CurrencyID = g.companyID, g.companyPartnerID, g.currencyID
	for _, u := range users {
		pid := w.insert("res.partner", map[string]any{"name": u.name, "email": u.login, "active": true,
			"type": "contact", "company_id": g.companyID, "lang": "en_US"})
		g.user[u.role] = w.insert("res.users", map[string]any{"login": u.login, "partner_id": pid, "active": true,
			"company_id": g.companyID, "company_ids": []int64{g.companyID}, "share": false})
		g.truth.Company.Users[u.role] = g.user[u.role]
	}
	for _, a := range chart {
		g.acc[a.role] = w.insert("account.account", map[string]any{"code_store": a.code, "name": a.name,
			"account_type": a.kind, "reconcile": a.reconcile, "company_ids": []int64{g.companyID},
			"deprecated": false, "non_trade": false})
		g.truth.Company.Accounts[a.role] = g.acc[a.role]
		g.tracked[g.acc[a.role]] = a.reconcile || a.kind == "asset_cash" || a.kind == "liability_credit_card"
	}
	g.emitTaxes()
	g.emitJournals()
	g.emitProducts()
}

// companyPartner is the generated company's own contact record.
func (g *generator) companyPartner() map[string]any {
	return map[string]any{"name": "Smart Demo Company SRL", "is_company": true,
		"street": "Rue de la Loi 16", "zip": "1000", "city": "Brussels", "country_id": g.country["BE"],
		"vat": "BE0477472701", "email": "info@company.example", "phone": "+32 2 555 01 00", "active": true,
		"type": "contact", "lang": "en_US"}
}

// emitCompany inserts the company, or takes over the sink's existing first company (a
// simulator's users can only see their own company's records), renaming it when the sink
// can patch.
func (g *generator) emitCompany() {
	if g.w.finder != nil {
		ids, err := g.w.finder.Search("res.company", []any{}, "id", 1)
		if err == nil && len(ids) == 1 {
			g.companyID = ids[0]
			g.companyPartnerID, _ = g.w.finder.Get("res.company", ids[0], "partner_id").(int64)
			g.w.patch("res.partner", g.companyPartnerID, g.companyPartner())
			g.w.patch("res.company", g.companyID, map[string]any{"name": "Smart Demo Company SRL", "currency_id": g.currencyID})
			return
		}
	}
	g.companyPartnerID = g.w.insert("res.partner", g.companyPartner())
	g.companyID = g.w.insert("res.company", map[string]any{"name": "Smart Demo Company SRL", "partner_id": g.companyPartnerID,
		"currency_id": g.currencyID, "email": "info@company.example", "phone": "+32 2 555 01 00",
		"sequence": int64(10)}) // address, VAT and country are related to the partner, not stored
}

// findOrInsert reuses a record the sink already has with the same key field (currencies and
// countries seeded by a simulator), else inserts vals.
func (g *generator) findOrInsert(model, key string, vals map[string]any) int64 {
	if g.w.finder != nil {
		ids, err := g.w.finder.Search(model, []any{[]any{key, "=", vals[key]}}, "id", 1)
		if err != nil {
			g.w.fail(fmt.Errorf("look up %s %s=%v: %w", model, key, vals[key], err))
			return 0
		}
		if len(ids) == 1 {
			return ids[0]
		}
	}
	return g.w.insert(model, vals)
}

func (g *generator) emitTaxes() {
	for _, t := range []struct{ role, name, use string }{{"sale", "21%", "sale"}, {"purchase", "21% P", "purchase"}} {
		g.tax[t.role] = g.w.insert("account.tax", map[string]any{"name": t.name, "amount": float64(g.taxRate),
			"amount_type": "percent", "type_tax_use": t.use, "company_id": g.companyID, "active": true,
			"country_id": g.country["BE"], "invoice_label": t.name, "tax_exigibility": "on_invoice",
			"sequence": int64(1), "price_include_override": nil})
		g.truth.Company.Taxes[t.role] = g.tax[t.role]
	}
}

func (g *generator) emitJournals() {
	w := g.w
	g.bankAccountID = w.insert("res.partner.bank", map[string]any{"acc_number": "BE71 0961 2345 6769",
		"sanitized_acc_number": "BE71096123456769", "partner_id": g.companyPartnerID, "company_id": g.companyID,
		"acc_holder_name": "Smart Demo Company SRL", "active": true, "allow_out_payment": true, "sequence": int64(10)})
	for _, j := range []struct {
		role, name, code, kind, account string
	}{
		{"sale", "Customer Invoices", "INV", "sale", "income"},
		{"purchase", "Vendor Bills", "BILL", "purchase", "expense"},
		{"bank", "Bank", "BNK1", "bank", "bank"},
		{"misc", "Miscellaneous Operations", "MISC", "general", ""},
	} {
		vals := map[string]any{"name": j.name, "code": j.code, "type": j.kind, "company_id": g.companyID,
			"active": true, "sequence": int64(len(g.jrn) + 5), "show_on_dashboard": true,
			"refund_sequence": j.kind == "sale" || j.kind == "purchase", "invoice_reference_type": "invoice",
			"invoice_reference_model": "odoo"}
		if j.account != "" {
			vals["default_account_id"] = g.acc[j.account]
		}
		if j.kind == "bank" {
			vals["suspense_account_id"] = g.acc["suspense"]
			vals["bank_account_id"] = g.bankAccountID
		}
		g.jrn[j.role] = w.insert("account.journal", vals)
		g.truth.Company.Journals[j.role] = g.jrn[j.role]
	}
	g.truth.Bank.JournalID = g.jrn["bank"]
}

func (g *generator) emitProducts() {
	g.productIDs, g.templateIDs = g.productIDs[:0], g.templateIDs[:0]
	for _, p := range g.products {
		kind, income := "consu", g.acc["income"]
		if p.service {
			kind, income = "service", g.acc["income_services"]
		}
		tid := g.w.insert("product.template", map[string]any{"name": p.name, "default_code": p.code, "type": kind,
			"is_storable": !p.service, "list_price": money(p.listPrice), "sale_ok": true, "purchase_ok": !p.service,
			"active": true, "invoice_policy": "delivery", "purchase_method": "receive",
			"taxes_id": []int64{g.tax["sale"]}, "supplier_taxes_id": []int64{g.tax["purchase"]},
			"property_account_income_id": income, "property_account_expense_id": g.acc["cogs"]})
		pid := g.w.insert("product.product", map[string]any{"product_tmpl_id": tid, "default_code": p.code,
			"active": true, "standard_price": money(p.cost)})
		g.templateIDs = append(g.templateIDs, tid)
		g.productIDs = append(g.productIDs, pid)
	}
}

func atoiPrefix(s string) int {
	n := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
		}
	}
	return n
}

// at returns t at hh:mm UTC, for create_date stamps.
func at(t time.Time, hh, mm int) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), hh, mm, 0, 0, time.UTC)
}
