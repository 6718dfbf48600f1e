package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// NewServer is odoosim.New followed by Install: a simulated Odoo with business methods.
func NewServer(opts odoosim.Options) (*odoosim.Server, error) {
	s, err := odoosim.New(opts)
	if err != nil {
		return nil, err
	}
	Install(s)
	return s, nil
}

// Books are the ids of a minimal accounting setup made by SeedBooks, for tests that need
// invoices and bank lines without generating a whole company.
type Books struct {
	// Accounts by role: receivable, payable, bank, suspense, receipts (Outstanding
	// Receipts), payments (Outstanding Payments), tax, income, expense, fees.
	Accounts map[string]int64
	// Journals by role: sale (INV), purchase (BILL), misc (MISC), bank (BNK1).
	Journals map[string]int64
	// SaleTax is a 15% sale tax booked on the tax account.
	SaleTax int64
	// EndOfFollowingMonth is the payment term of the 18.0 captures' demo customer.
	EndOfFollowingMonth int64
}

// SeedBooks creates, in the main company, a chart like Odoo's generic one (the accounts
// Smart Odoo's automations look at), the four usual journals, a sale tax and a payment
// term. Partners should get Accounts["receivable"/"payable"] as their property accounts.
func SeedBooks(env *odoosim.Env) (*Books, error) {
	b := &Books{Accounts: map[string]int64{}, Journals: map[string]int64{}}
	for _, a := range []struct {
		key, code, name, kind string
		reconcile             bool
	}{
		{"receivable", "121000", "Account Receivable", "asset_receivable", true},
		{"payable", "211000", "Account Payable", "liability_payable", true},
		{"bank", "101401", "Bank", "asset_cash", false},
		{"suspense", "101402", "Bank Suspense Account", "asset_current", false},
		{"receipts", "101403", "Outstanding Receipts", "asset_current", true},
		{"payments", "101404", "Outstanding Payments", "asset_current", true},
		{"tax", "251000", "Tax Received", "liability_current", false},
		{"income", "400000", "Product Sales", "income", false},
		{"expense", "600000", "Expenses", "expense", false},
		{"fees", "626000", "Bank Fees", "expense", false},
	} {
		vals := map[string]any{"code": a.code, "name": a.name, "account_type": a.kind, "reconcile": a.reconcile}
		if env.Version() >= 18 {
			vals["company_ids"] = []any{[]any{int64(6), int64(0), []any{int64(1)}}}
		}
		id, err := env.Create("account.account", vals)
		if err != nil {
			return nil, fmt.Errorf("seed account %s: %w", a.code, err)
		}
		b.Accounts[a.key] = id
	}
	for _, j := range []struct{ key, name, code, typ, acc string }{
		{"sale", "Customer Invoices", "INV", "sale", "income"},
		{"purchase", "Vendor Bills", "BILL", "purchase", "expense"},
		{"misc", "Miscellaneous Operations", "MISC", "general", ""},
		{"bank", "Bank", "BNK1", "bank", "bank"},
	} {
		vals := map[string]any{"name": j.name, "code": j.code, "type": j.typ, "invoice_reference_type": "invoice",
			"invoice_reference_model": "odoo"}
		if j.acc != "" {
			vals["default_account_id"] = b.Accounts[j.acc]
		}
		if j.typ == "bank" {
			vals["suspense_account_id"] = b.Accounts["suspense"]
		}
		id, err := env.Create("account.journal", vals)
		if err != nil {
			return nil, fmt.Errorf("seed journal %s: %w", j.code, err)
		}
		b.Journals[j.key] = id
	}
	var err error
	b.SaleTax, err = env.Create("account.tax", map[string]any{"name": "15%", "amount": 15.0, "amount_type": "percent",
		"type_tax_use": "sale", "sequence": int64(1), "tax_group_id": int64(1), "country_id": int64(1),
		"invoice_repartition_line_ids": []any{
			[]any{int64(0), int64(0), map[string]any{"repartition_type": "base", "document_type": "invoice", "factor_percent": 100.0}},
			[]any{int64(0), int64(0), map[string]any{"repartition_type": "tax", "document_type": "invoice", "factor_percent": 100.0, "account_id": b.Accounts["tax"]}}}})
	if err != nil {
		return nil, fmt.Errorf("seed sale tax: %w", err)
	}
	b.EndOfFollowingMonth, err = env.Create("account.payment.term", map[string]any{"name": "End of Following Month",
		"line_ids": []any{[]any{int64(0), int64(0), map[string]any{"value": "percent", "value_amount": 100.0, "nb_days": int64(0),
			"delay_type": "days_after_end_of_next_month"}}}})
	if err != nil {
		return nil, fmt.Errorf("seed payment term: %w", err)
	}
	return b, nil
}
