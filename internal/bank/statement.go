package bank

import (
	"fmt"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Format names a statement file format.
type Format string

const (
	FormatAuto  Format = "auto"
	FormatCAMT  Format = "camt"
	FormatMT940 Format = "mt940"
	FormatOFX   Format = "ofx"
	FormatCSV   Format = "csv"
)

// Statement is one account's statement (or notification, for CAMT.054 and MT942) as read
// from a file. Amounts are integer minor units of Currency; Decimals says how many.
type Statement struct {
	Format   Format `json:"format"`
	ID       string `json:"id,omitempty"`      // statement id / number given by the bank
	Account  string `json:"account"`           // IBAN when the file gives one, else the bank's account number
	BankID   string `json:"bank_id,omitempty"` // BIC, routing number or bank code
	Currency string `json:"currency"`
	Decimals int    `json:"decimals"`
	// Opening and Closing are nil when the file does not state them (OFX has no opening
	// balance; CAMT.054 and MT942 have no balances at all).
	Opening      *Balance      `json:"opening,omitempty"`
	Closing      *Balance      `json:"closing,omitempty"`
	Transactions []Transaction `json:"transactions"`
}

// Balance is a booked balance at the end of a day.
type Balance struct {
	Amount int64 `json:"amount"`
	Date   Date  `json:"date"`
}

// Transaction is one booked line of a statement.
type Transaction struct {
	Date             Date   `json:"date"`                // booking date
	ValueDate        Date   `json:"value_date,omitzero"` // interest date, when given
	Amount           int64  `json:"amount"`              // signed: credit > 0, debit < 0
	CounterpartyName string `json:"counterparty_name,omitempty"`
	CounterpartyIBAN string `json:"counterparty_iban,omitempty"` // IBAN or account number of the other side
	Remittance       string `json:"remittance,omitempty"`        // free text and structured references
	EndToEndID       string `json:"end_to_end_id,omitempty"`
	BankRef          string `json:"bank_ref,omitempty"` // the bank's unique reference (FITID, AcctSvcrRef, ...)
	Type             string `json:"type,omitempty"`     // bank transaction code (NTRF, PMNT/RCDT/DMCT, POS, ...)
	// Source is where the line came from in the file ("line 12", "Stmt[1]/Ntry[3]"), for messages.
	Source string `json:"source,omitempty"`
}

// Date is a calendar day without a time zone, marshalled as "2006-01-02".
type Date struct{ time.Time }

// NewDate builds a Date at midnight UTC.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// ParseDate reads "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }

func (d *Date) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Sum is the total of the statement's transactions.
func (s Statement) Sum() int64 {
	var t int64
	for _, tx := range s.Transactions {
		t += tx.Amount
	}
	return t
}

// Name identifies the statement in messages.
func (s Statement) Name() string {
	n := fmt.Sprintf("%s statement for account %s", s.Format, cmpOr(s.Account, "(none)"))
	if s.ID != "" {
		n += " (" + s.ID + ")"
	}
	if s.Closing != nil {
		n += " closing " + s.Closing.Date.String()
	}
	return n
}

// CheckBalance verifies opening + sum(lines) = closing when the file states both balances.
// A statement whose balances do not add up has lost or duplicated lines: importing it would
// put the books out of step with the bank.
func (s Statement) CheckBalance() error {
	if s.Opening == nil || s.Closing == nil {
		return nil
	}
	want := s.Opening.Amount + s.Sum()
	if want == s.Closing.Amount {
		return nil
	}
	return core.Errorf(core.CodeInvalid,
		"%s does not balance: opening %s + %d lines totalling %s = %s, but the closing balance is %s (difference %s); "+
			"the file is incomplete or has duplicated lines: get a complete export from the bank",
		s.Name(), s.fmt(s.Opening.Amount), len(s.Transactions), s.fmt(s.Sum()), s.fmt(want),
		s.fmt(s.Closing.Amount), s.fmt(s.Closing.Amount-want))
}

func (s Statement) fmt(minor int64) string {
	return core.FormatMinor(minor, s.Decimals) + " " + s.Currency
}

// CurrencyDecimals is the number of minor-unit digits of an ISO 4217 currency (ISO 4217 exponents).
func CurrencyDecimals(code string) int {
	switch strings.ToUpper(code) {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	}
	return 2
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
