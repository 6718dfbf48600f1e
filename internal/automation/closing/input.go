package closing

import (
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Period is one accounting month, From and To inclusive.
type Period struct {
	From, To time.Time
}

// ParsePeriod reads "2026-10".
func ParsePeriod(s string) (Period, error) {
	from, err := time.Parse("2006-01", s)
	if err != nil {
		return Period{}, core.Errorf(core.CodeInvalid, "period %q: use YYYY-MM, e.g. 2026-10", s)
	}
	return Period{From: from, To: from.AddDate(0, 1, -1)}, nil
}

func (p Period) String() string { return p.From.Format("2006-01") }

// Contains reports whether d falls in the period.
func (p Period) Contains(d time.Time) bool { return !d.Before(p.From) && !d.After(p.To) }

// Move is an account.move header.
type Move struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Type      string    `json:"move_type"`              // entry, out_invoice, out_refund, in_invoice, in_refund, ...
	State     string    `json:"state"`                  // draft, posted, cancel
	Journal   string    `json:"journal_type,omitempty"` // sale, purchase, bank, cash, general
	Date      time.Time `json:"date"`
	PartnerID int64     `json:"partner_id,omitempty"`
	Partner   string    `json:"partner,omitempty"`
	Ref       string    `json:"ref,omitempty"`
	Amount    int64     `json:"amount"` // amount_total_signed in company currency (entries: total debit)
	Residual  int64     `json:"residual"`

	// For the anomaly detectors (check 10).
	JournalID   int64     `json:"journal_id,omitempty"`
	Commercial  int64     `json:"commercial_partner_id,omitempty"`
	InvoiceDate time.Time `json:"invoice_date,omitempty"`
	CreatedAt   time.Time `json:"create_date,omitempty"`
	UserID      int64     `json:"create_uid,omitempty"`
	User        string    `json:"user,omitempty"`
}

// Line is an account.move.line.
type Line struct {
	ID          int64     `json:"id"`
	MoveID      int64     `json:"move_id"`
	AccountID   int64     `json:"account_id"`
	PartnerID   int64     `json:"partner_id,omitempty"`
	Date        time.Time `json:"date"`
	Name        string    `json:"name,omitempty"`
	Balance     int64     `json:"balance"`
	Residual    int64     `json:"residual"`
	DisplayType string    `json:"display_type,omitempty"` // product, tax, payment_term, ...
	TaxIDs      []int64   `json:"tax_ids,omitempty"`
	TaxLineID   int64     `json:"tax_line_id,omitempty"`
}

// BankLine is an account.bank.statement.line.
type BankLine struct {
	ID         int64     `json:"id"`
	MoveID     int64     `json:"move_id"`
	Date       time.Time `json:"date"`
	Amount     int64     `json:"amount"`
	Ref        string    `json:"payment_ref,omitempty"`
	Reconciled bool      `json:"is_reconciled"`
}

// Payment is an account.payment.
type Payment struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Date      time.Time `json:"date"`
	Amount    int64     `json:"amount"`
	PartnerID int64     `json:"partner_id,omitempty"`
	Partner   string    `json:"partner,omitempty"`
	State     string    `json:"state"`
	Matched   bool      `json:"is_matched"`
}

// OrderLine is a sale or purchase order line with what was delivered (received) and invoiced.
type OrderLine struct {
	OrderID     int64     `json:"order_id"`
	Order       string    `json:"order"`
	PartnerID   int64     `json:"partner_id,omitempty"`
	Partner     string    `json:"partner,omitempty"`
	Date        time.Time `json:"date"` // when the goods moved (order date when unknown)
	ProductID   int64     `json:"product_id,omitempty"`
	Name        string    `json:"name,omitempty"`
	QtyDone     float64   `json:"qty_done"` // delivered or received
	QtyInvoiced float64   `json:"qty_invoiced"`
	PriceUnit   int64     `json:"price_unit"` // minor units, before tax
}

// uninvoiced is the value of what moved but was not invoiced yet.
func (l OrderLine) uninvoiced() int64 {
	return int64(float64(l.PriceUnit) * (l.QtyDone - l.QtyInvoiced))
}

// Tax is an account.tax as the tax check needs it.
type Tax struct {
	ID           int64   `json:"id"`
	Name         string  `json:"name"`
	Type         string  `json:"amount_type"` // percent, fixed, group, division
	Rate         float64 `json:"amount"`      // percent for "percent"
	PriceInclude bool    `json:"price_include"`
}

// WatchAccount is an account that must be empty at period end: bank suspense,
// outstanding receipts and payments, transfer and clearing accounts.
type WatchAccount struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Role string `json:"role"` // suspense, outstanding, clearing, transfer
}

// Input is everything one close scan looks at, for one company and period.
type Input struct {
	Period   Period
	Today    time.Time // missing recurring entries are judged against it in the current month
	Currency string
	Decimals int

	Moves     []Move // every move dated up to the period end within the history window
	Lines     []Line // lines of posted moves in the window, and every line on watch accounts
	BankLines []BankLine
	Payments  []Payment
	Sales     []OrderLine // delivered quantities
	Purchases []OrderLine // received quantities
	Taxes     map[int64]Tax
	Watch     []WatchAccount
	Accounts  map[int64]string // names, for titles

	// Anomalies are findings of package anomaly for the period, run by the caller.
	Anomalies []core.Finding

	// Accrual accounts for received-not-billed proposals; 0 leaves the proposal out.
	AccrualExpenseAccount int64
	AccrualLiability      int64
	MiscJournal           int64
}

func (in *Input) validate() error {
	if in.Period.From.IsZero() {
		return fmt.Errorf("close scan needs a period")
	}
	if in.Today.IsZero() {
		return fmt.Errorf("close scan needs today's date")
	}
	return nil
}

func (in *Input) money(minor int64) *core.Money {
	return &core.Money{Minor: minor, Currency: in.Currency}
}

func (in *Input) fmtMoney(minor int64) string {
	return core.FormatMinor(minor, in.Decimals) + " " + in.Currency
}
