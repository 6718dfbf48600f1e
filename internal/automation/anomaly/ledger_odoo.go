package anomaly

import (
	"context"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
)

// Span is a range of accounting dates, From and To inclusive; a zero From means no lower
// bound, a zero To no upper bound.
type Span struct {
	From, To time.Time
}

func (p Span) domain(field string) []any {
	var d []any
	if !p.From.IsZero() {
		d = append(d, []any{field, ">=", p.From.Format("2006-01-02")})
	}
	if !p.To.IsZero() {
		d = append(d, []any{field, "<=", p.To.Format("2006-01-02")})
	}
	return d
}

// Ledger is what one scan reads from Odoo.
type Ledger struct {
	Entries  []Entry
	Bills    []Bill
	Currency string
	Decimals int
}

// BillLookback is how far before the period vendor bills are read, so that a bill in the
// period is compared with copies entered up to this long before it.
const BillLookback = 60 * 24 * time.Hour

// LoadLedger reads the posted journal items of a span (their move's author and creation
// time included) and the vendor bills from BillLookback before it. It is the loader both
// the anomaly automation and the month-end close use; c is any Odoo client with Call.
func LoadLedger(ctx context.Context, c odoorow.Caller, companyID int64, p Span) (Ledger, error) {
	var d Ledger
	var err error
	if d.Currency, d.Decimals, err = odoorow.CompanyCurrency(ctx, c, companyID); err != nil {
		return d, err
	}
	company := []any{"company_id", "=", companyID}
	type move struct {
		typ, user string
		uid       int64
		created   time.Time
	}
	byID := map[int64]move{}
	moveDomain := append([]any{[]any{"state", "=", "posted"}, company}, p.domain("date")...)
	err = odoorow.SearchEach(ctx, c, "account.move", moveDomain, []string{"move_type", "create_date", "create_uid"}, 0, func(page []odoorow.Row) error {
		for _, m := range page {
			byID[m.ID("id")] = move{typ: m.String("move_type"), user: m.Name("create_uid"), uid: m.ID("create_uid"), created: m.Date("create_date")}
		}
		return nil
	})
	if err != nil {
		return d, fmt.Errorf("load journal entries: %w", err)
	}
	// Items are turned into Entries page by page: a year of a large ledger never sits
	// in memory as maps.
	lineDomain := append([]any{[]any{"parent_state", "=", "posted"}, company, []any{"display_type", "not in", []string{"line_section", "line_note"}}}, p.domain("date")...)
	err = odoorow.SearchEach(ctx, c, "account.move.line", lineDomain, []string{"move_id", "journal_id", "account_id", "partner_id", "date", "balance"}, 0, func(page []odoorow.Row) error {
		for _, l := range page {
			m := byID[l.ID("move_id")]
			d.Entries = append(d.Entries, Entry{ID: l.ID("id"), MoveID: l.ID("move_id"), MoveName: l.Name("move_id"),
				MoveType: m.typ, JournalID: l.ID("journal_id"), Journal: l.Name("journal_id"),
				AccountID: l.ID("account_id"), Account: l.Name("account_id"), PartnerID: l.ID("partner_id"), Partner: l.Name("partner_id"),
				UserID: m.uid, User: m.user, Date: l.Date("date"), CreatedAt: m.created, Amount: l.Minor("balance", d.Decimals)})
		}
		return nil
	})
	if err != nil {
		return d, fmt.Errorf("load journal items: %w", err)
	}
	if d.Bills, err = loadBills(ctx, c, company, p, d.Decimals, d.Currency); err != nil {
		return d, err
	}
	return d, nil
}

func loadBills(ctx context.Context, c odoorow.Caller, company []any, p Span, decimals int, currency string) ([]Bill, error) {
	wide := p
	if !p.From.IsZero() {
		wide.From = p.From.Add(-BillLookback)
	}
	dom := append([]any{[]any{"move_type", "=", "in_invoice"}, []any{"state", "in", []string{"draft", "posted"}}, company}, wide.domain("date")...)
	rows, err := odoorow.SearchAll(ctx, c, "account.move", dom, []string{"name", "ref", "partner_id", "commercial_partner_id", "invoice_date", "date", "amount_total_signed"}, 0)
	if err != nil {
		return nil, fmt.Errorf("load vendor bills: %w", err)
	}
	bills := make([]Bill, 0, len(rows))
	for _, r := range rows {
		date := r.Date("invoice_date")
		if date.IsZero() {
			date = r.Date("date")
		}
		amt := r.Minor("amount_total_signed", decimals)
		if amt < 0 {
			amt = -amt
		}
		// A vendor's bills may be addressed to one of its contacts: compare them as the company's.
		partner, name := r.ID("commercial_partner_id"), r.Name("commercial_partner_id")
		if partner == 0 {
			partner, name = r.ID("partner_id"), r.Name("partner_id")
		}
		bills = append(bills, Bill{ID: r.ID("id"), Name: r.String("name"), Ref: r.String("ref"), PartnerID: partner,
			Partner: name, Date: date, Amount: amt, Currency: currency})
	}
	return bills, nil
}
