package credit

import (
	"fmt"
	"time"
)

// Invoice is a posted customer invoice (or a refund, with a negative Amount), amounts in
// company-currency minor units. Payments are the dated reconciliations against it, so the
// same history can be replayed as of any cut-off date.
type Invoice struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name,omitempty"`
	PartnerID int64     `json:"partner_id"` // may be a child contact: rolled up by Input.Parents
	Date      time.Time `json:"date"`
	Due       time.Time `json:"due"`
	Amount    int64     `json:"amount"`
	Payments  []Payment `json:"payments,omitempty"`
}

// Payment is money applied to an invoice on a date.
type Payment struct {
	Date   time.Time `json:"date"`
	Amount int64     `json:"amount"`
}

// paidBy returns how much of the invoice was paid on or before t, and when it was fully
// paid (zero if it was not fully paid by t).
func (inv *Invoice) paidBy(t time.Time) (paid int64, settled time.Time) {
	for _, p := range inv.Payments {
		if p.Date.After(t) {
			continue
		}
		paid += p.Amount
		if paid >= inv.Amount && settled.IsZero() {
			settled = p.Date
		}
	}
	return paid, settled
}

// Customer is a commercial partner (a company or a person without a parent).
type Customer struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Since       time.Time `json:"since,omitempty"`        // partner creation; first invoice is used when earlier or unknown
	CreditLimit int64     `json:"credit_limit,omitempty"` // minor units; 0 = none set
	OnHold      bool      `json:"on_hold,omitempty"`      // carries the hold tag now
}

// Input is everything scoring needs for one company, in its currency.
type Input struct {
	Currency  string
	Decimals  int
	AsOf      time.Time
	Customers []Customer
	Invoices  []Invoice
	// Uninvoiced is confirmed sales orders not yet invoiced, per partner; Drafts is draft
	// invoices per partner. Both count in exposure.
	Uninvoiced map[int64]int64
	Drafts     map[int64]int64
	// Parents maps a child contact to its commercial partner, so a contact's invoices
	// count for the company they work for.
	Parents map[int64]int64
}

// commercial returns the partner an id rolls up to.
func (in *Input) commercial(id int64) int64 {
	for range 8 { // Odoo forbids cycles; the bound only guards against bad input
		p, ok := in.Parents[id]
		if !ok || p == id || p == 0 {
			return id
		}
		id = p
	}
	return id
}

func (in *Input) validate() error {
	if in.AsOf.IsZero() {
		return fmt.Errorf("credit scoring needs an as-of date")
	}
	for i := range in.Invoices {
		if in.Invoices[i].Due.IsZero() {
			return fmt.Errorf("invoice %d (%s) has no due date", in.Invoices[i].ID, in.Invoices[i].Name)
		}
	}
	return nil
}
