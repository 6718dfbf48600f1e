package scan

import (
	"context"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/automation/anomaly"
	"github.com/smartodoo/smartodoo/internal/automation/anomaly/odoorow"
)

// Period is a span of accounting dates, From and To inclusive. A zero period means the
// whole ledger.
type Period struct {
	From, To time.Time
}

// ParsePeriod reads "2026-10" (a month) or "" (everything).
func ParsePeriod(s string) (Period, error) {
	if s == "" {
		return Period{}, nil
	}
	from, err := time.Parse("2006-01", s)
	if err != nil {
		return Period{}, fmt.Errorf("period %q: use YYYY-MM, e.g. 2026-10", s)
	}
	return Period{From: from, To: from.AddDate(0, 1, -1)}, nil
}

func (p Period) domain(field string) []any {
	if p.From.IsZero() {
		return nil
	}
	return []any{[]any{field, ">=", p.From.Format("2006-01-02")}, []any{field, "<=", p.To.Format("2006-01-02")}}
}

// Data is what one scan reads from Odoo.
type Data struct {
	Entries  []anomaly.Entry
	Bills    []anomaly.Bill
	Currency string
	Decimals int
}

// BillLookback is how far before the period vendor bills are read, so that a bill in the
// period is compared with copies entered up to this long before it.
const BillLookback = 60 * 24 * time.Hour

// Load reads the posted journal items of a period (their move's author and creation time
// included) and the vendor bills around it.
func Load(ctx context.Context, c odoorow.Caller, companyID int64, p Period) (Data, error) {
	var d Data
	var err error
	if d.Currency, d.Decimals, err = companyCurrency(ctx, c, companyID); err != nil {
		return d, err
	}
	company := []any{"company_id", "=", companyID}
	moveDomain := append([]any{[]any{"state", "=", "posted"}, company}, p.domain("date")...)
	moves, err := odoorow.SearchAll(ctx, c, "account.move", moveDomain, []string{"name", "move_type", "create_date", "create_uid"}, 0)
	if err != nil {
		return d, fmt.Errorf("load journal entries: %w", err)
	}
	byID := make(map[int64]odoorow.Row, len(moves))
	for _, m := range moves {
		byID[m.ID("id")] = m
	}
	lineDomain := append([]any{[]any{"parent_state", "=", "posted"}, company, []any{"display_type", "not in", []string{"line_section", "line_note"}}}, p.domain("date")...)
	lines, err := odoorow.SearchAll(ctx, c, "account.move.line", lineDomain,
		[]string{"move_id", "journal_id", "account_id", "partner_id", "date", "balance"}, 0)
	if err != nil {
		return d, fmt.Errorf("load journal items: %w", err)
	}
	d.Entries = make([]anomaly.Entry, 0, len(lines))
	for _, l := range lines {
		m := byID[l.ID("move_id")]
		d.Entries = append(d.Entries, anomaly.Entry{ID: l.ID("id"), MoveID: l.ID("move_id"), MoveName: l.Name("move_id"),
			MoveType: m.String("move_type"), JournalID: l.ID("journal_id"), Journal: l.Name("journal_id"),
			AccountID: l.ID("account_id"), Account: l.Name("account_id"), PartnerID: l.ID("partner_id"), Partner: l.Name("partner_id"),
			UserID: m.ID("create_uid"), User: m.Name("create_uid"), Date: l.Date("date"), CreatedAt: m.Date("create_date"),
			Amount: l.Minor("balance", d.Decimals)})
	}
	if d.Bills, err = loadBills(ctx, c, company, p, d.Decimals, d.Currency); err != nil {
		return d, err
	}
	return d, nil
}

func loadBills(ctx context.Context, c odoorow.Caller, company []any, p Period, decimals int, currency string) ([]anomaly.Bill, error) {
	wide := p
	if !p.From.IsZero() {
		wide.From = p.From.Add(-BillLookback)
	}
	dom := append([]any{[]any{"move_type", "=", "in_invoice"}, []any{"state", "in", []string{"draft", "posted"}}, company}, wide.domain("date")...)
	rows, err := odoorow.SearchAll(ctx, c, "account.move", dom, []string{"name", "ref", "partner_id", "invoice_date", "date", "amount_total_signed"}, 0)
	if err != nil {
		return nil, fmt.Errorf("load vendor bills: %w", err)
	}
	bills := make([]anomaly.Bill, 0, len(rows))
	for _, r := range rows {
		date := r.Date("invoice_date")
		if date.IsZero() {
			date = r.Date("date")
		}
		amt := r.Minor("amount_total_signed", decimals)
		if amt < 0 {
			amt = -amt
		}
		bills = append(bills, anomaly.Bill{ID: r.ID("id"), Name: r.String("name"), Ref: r.String("ref"), PartnerID: r.ID("partner_id"),
			Partner: r.Name("partner_id"), Date: date, Amount: amt, Currency: currency})
	}
	return bills, nil
}

func companyCurrency(ctx context.Context, c odoorow.Caller, companyID int64) (string, int, error) {
	var rows []odoorow.Row
	if err := c.Call(ctx, "res.company", "read", []any{[]int64{companyID}}, map[string]any{"fields": []string{"currency_id"}}, &rows); err != nil || len(rows) == 0 {
		return "", 0, fmt.Errorf("read company %d currency: %v", companyID, err)
	}
	var curs []odoorow.Row
	if err := c.Call(ctx, "res.currency", "read", []any{[]int64{rows[0].ID("currency_id")}}, map[string]any{"fields": []string{"name", "decimal_places"}}, &curs); err != nil || len(curs) == 0 {
		return "", 0, fmt.Errorf("read company currency: %v", err)
	}
	return curs[0].String("name"), int(curs[0].Float("decimal_places")), nil
}
