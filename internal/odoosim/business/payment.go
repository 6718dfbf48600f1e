package business

import (
	"fmt"

	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// Payments follow Odoo 18 Community: a draft payment has no journal entry; action_post
// moves it to "in_process", which generates and posts an entry on the outstanding
// receipts/payments account against the partner's receivable/payable; it becomes "paid"
// when all its invoices are paid.

// onPaymentCreate fills what Odoo computes on a new payment: journal, currency,
// outstanding and destination accounts.
func onPaymentCreate(env *odoosim.Env, id int64) error {
	if internal(env) {
		return nil
	}
	return completePayment(env, id)
}

func completePayment(env *odoosim.Env, id int64) error {
	p := at(env, "account.payment", id)
	vals := map[string]any{}
	journal := p.m2o("journal_id")
	if journal <= 0 {
		j, err := liquidityJournal(env, currentCompany(env))
		if err != nil {
			return err
		}
		journal, vals["journal_id"] = j, j
	}
	if c := at(env, "account.journal", journal).m2o("company_id"); c != 0 && c != p.m2o("company_id") {
		vals["company_id"] = c
	}
	if p.m2o("currency_id") == 0 {
		cur := at(env, "account.journal", journal).m2o("currency_id")
		if cur == 0 {
			cur = at(env, "res.company", max(at(env, "account.journal", journal).m2o("company_id"), 1)).m2o("currency_id")
		}
		vals["currency_id"] = cur
	}
	if p.m2o("outstanding_account_id") == 0 {
		acc, err := outstandingAccount(env, p.str("payment_type"), p.m2o("payment_method_line_id"))
		if err != nil {
			return err
		}
		vals["outstanding_account_id"] = acc
	}
	if p.m2o("destination_account_id") == 0 {
		acc, err := partnerAccount(env, p.m2o("partner_id"), p.str("partner_type") != "supplier")
		if err != nil {
			return err
		}
		vals["destination_account_id"] = acc
	}
	if len(vals) == 0 {
		return nil
	}
	return quiet(env).Write("account.payment", []int64{id}, vals)
}

func paymentCompany(env *odoosim.Env, id int64) int64 {
	if c := at(env, "account.payment", id).m2o("company_id"); c != 0 {
		return c
	}
	return 1
}

// liquidityJournal is the default payment journal: the first bank, cash or credit journal.
func liquidityJournal(env *odoosim.Env, company int64) (int64, error) {
	domain := []any{leaf("type", "in", []any{"bank", "cash", "credit"})}
	if company != 0 {
		domain = append(domain, leaf("company_id", "=", company))
	}
	ids, err := env.Search("account.journal", domain, "", 1)
	if err != nil {
		return 0, fmt.Errorf("find a bank journal: %w", err)
	}
	if len(ids) == 0 {
		return 0, odoosim.UserError("No journal could be found in company %s for any of those types: bank, cash, credit",
			at(env, "res.company", max(company, 1)).name())
	}
	return ids[0], nil
}

// outstandingAccount is the payment method line's account, else the chart's "Outstanding
// Receipts"/"Outstanding Payments" account (what Odoo finds through the chart template's
// xml ids), else the company's transfer account.
func outstandingAccount(env *odoosim.Env, paymentType string, methodLine int64) (int64, error) {
	if methodLine != 0 {
		if acc := at(env, "account.payment.method.line", methodLine).m2o("payment_account_id"); acc != 0 {
			return acc, nil
		}
	}
	name := "Outstanding Receipts"
	if paymentType == "outbound" {
		name = "Outstanding Payments"
	}
	ids, err := env.Search("account.account", []any{leaf("name", "=", name)}, "", 1)
	if err != nil {
		return 0, fmt.Errorf("find the %s account: %w", name, err)
	}
	if len(ids) > 0 {
		return ids[0], nil
	}
	if acc := at(env, "res.company", 1).m2o("transfer_account_id"); acc != 0 {
		return acc, nil
	}
	return 0, odoosim.UserError("No outstanding account could be found to make the payment")
}
