package bank

import (
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Journal is an Odoo bank journal with the account number of its bank account.
type Journal struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	AccountNumber string `json:"account_number"` // account.journal.bank_acc_number
	Currency      string `json:"currency"`       // the journal's currency, "" for the company currency
}

// MatchJournal finds the journal whose bank account is the statement's account. IBANs are
// compared in electronic form; a bare account number matches the IBAN that embeds it.
func MatchJournal(st Statement, journals []Journal) (Journal, error) {
	var found []Journal
	for _, j := range journals {
		if SameAccount(j.AccountNumber, st.Account) {
			found = append(found, j)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		names := make([]string, 0, len(journals))
		for _, j := range journals {
			names = append(names, fmt.Sprintf("%d %s (%s)", j.ID, j.Name, cmpOr(j.AccountNumber, "no account")))
		}
		return Journal{}, core.Errorf(core.CodeInvalid,
			"no bank journal has account %s (journals: %s); set the bank account on the journal or pass --journal ID",
			st.Account, strings.Join(names, ", "))
	}
	return Journal{}, core.Errorf(core.CodeInvalid, "%d bank journals have account %s; pass --journal ID", len(found), st.Account)
}
