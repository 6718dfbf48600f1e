package web

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo"
)

// The overview reads a few figures straight from Odoo, with small explicit field lists,
// and keeps them for CacheTTL: a dashboard refreshed by ten people must not become ten
// full scans of the receivables.

// BankBalance is one bank journal's posted balance.
type BankBalance struct {
	Journal string
	Minor   int64
}

// Bucket is one aging bucket of open receivables or payables.
type Bucket struct {
	Label string
	Minor int64
	Count int
	Late  bool
}

// Picking is one receipt or delivery not yet done.
type Picking struct {
	ID        int64
	Name      string
	Partner   string
	Kind      string // Receipt, Delivery, Internal
	Scheduled time.Time
	State     string
	Late      bool
}

func fetchCurrency(ctx context.Context, c *odoo.Client) (Currency, error) {
	var companies []struct {
		Currency odoo.Many2one `json:"currency_id"`
	}
	if err := c.SearchRead(ctx, "res.company", nil, []string{"currency_id"}, &companies, odoo.Limit(1), odoo.Order("id")); err != nil {
		return Currency{}, fmt.Errorf("read the company currency: %w", err)
	}
	if len(companies) == 0 || companies[0].Currency.ID == 0 {
		return defaultCurrency, nil
	}
	var curs []struct {
		Name     odoo.String `json:"name"`
		Symbol   odoo.String `json:"symbol"`
		Position odoo.String `json:"position"`
		Decimals int         `json:"decimal_places"`
	}
	if err := c.Read(ctx, "res.currency", []int64{companies[0].Currency.ID}, []string{"name", "symbol", "position", "decimal_places"}, &curs); err != nil {
		return Currency{}, fmt.Errorf("read currency %d: %w", companies[0].Currency.ID, err)
	}
	if len(curs) == 0 {
		return defaultCurrency, nil
	}
	k := curs[0]
	return Currency{Code: string(k.Name), Symbol: string(k.Symbol), Before: k.Position == "before", Decimals: k.Decimals}, nil
}

// fetchBankBalances sums posted journal items on each bank journal's account.
func fetchBankBalances(ctx context.Context, c *odoo.Client, decimals int) ([]BankBalance, error) {
	var journals []struct {
		Name    odoo.String   `json:"name"`
		Account odoo.Many2one `json:"default_account_id"`
	}
	if err := c.SearchRead(ctx, "account.journal", odoo.Cond("type", "=", "bank"), []string{"name", "default_account_id"}, &journals, odoo.Order("sequence, id")); err != nil {
		return nil, fmt.Errorf("read bank journals: %w", err)
	}
	var accounts []int64
	for _, j := range journals {
		if j.Account.ID != 0 {
			accounts = append(accounts, j.Account.ID)
		}
	}
	if len(accounts) == 0 {
		return nil, nil
	}
	var groups []struct {
		Account odoo.Many2one `json:"account_id"`
		Balance float64       `json:"balance"`
	}
	dom := odoo.And(odoo.Cond("account_id", "in", accounts), odoo.Cond("parent_state", "=", "posted"))
	if err := c.ReadGroup(ctx, "account.move.line", dom, []string{"balance:sum"}, []string{"account_id"}, &groups); err != nil {
		return nil, fmt.Errorf("sum bank account balances: %w", err)
	}
	byAccount := map[int64]int64{}
	for _, g := range groups {
		byAccount[g.Account.ID] += core.MinorFromFloat(g.Balance, decimals)
	}
	out := make([]BankBalance, 0, len(journals))
	for _, j := range journals {
		if j.Account.ID != 0 {
			out = append(out, BankBalance{Journal: string(j.Name), Minor: byAccount[j.Account.ID]})
		}
	}
	return out, nil
}

type openDoc struct {
	Name     odoo.String   `json:"name"`
	Partner  odoo.Many2one `json:"partner_id"`
	Due      odoo.Date     `json:"invoice_date_due"`
	Residual float64       `json:"amount_residual_signed"`
}

func fetchOpen(ctx context.Context, c *odoo.Client, types []string) ([]openDoc, error) {
	dom := odoo.And(odoo.Cond("move_type", "in", types), odoo.Cond("state", "=", "posted"),
		odoo.Cond("payment_state", "in", []string{"not_paid", "partial"}))
	var docs []openDoc
	if err := c.SearchRead(ctx, "account.move", dom, []string{"name", "partner_id", "invoice_date_due", "amount_residual_signed"}, &docs, odoo.Order("invoice_date_due, id")); err != nil {
		return nil, fmt.Errorf("read open %v: %w", types, err)
	}
	return docs, nil
}

// agingBuckets sorts open receivables by days past due, as the aged receivable report does.
func agingBuckets(docs []openDoc, today time.Time, decimals int) []Bucket {
	bs := []Bucket{{Label: "Not due"}, {Label: "1–30", Late: true}, {Label: "31–60", Late: true}, {Label: "61–90", Late: true}, {Label: "> 90", Late: true}}
	for _, d := range docs {
		days := int(today.Sub(d.Due.Time).Hours() / 24)
		i := 0
		switch {
		case d.Due.IsZero() || days <= 0:
			i = 0
		case days <= 30:
			i = 1
		case days <= 60:
			i = 2
		case days <= 90:
			i = 3
		default:
			i = 4
		}
		bs[i].Minor += core.MinorFromFloat(d.Residual, decimals)
		bs[i].Count++
	}
	return bs
}

// payablesDue groups open bills into overdue, due this week and due next week (weeks
// start on Monday); what is due later is not the CFO's concern this week.
func payablesDue(docs []openDoc, today time.Time, decimals int) []Bucket {
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	nextMonday, after := monday.AddDate(0, 0, 7), monday.AddDate(0, 0, 14)
	bs := []Bucket{{Label: "Overdue", Late: true}, {Label: "This week"}, {Label: "Next week"}}
	for _, d := range docs {
		i := -1
		switch {
		case d.Due.IsZero():
		case d.Due.Before(today):
			i = 0
		case d.Due.Before(nextMonday):
			i = 1
		case d.Due.Before(after):
			i = 2
		}
		if i >= 0 {
			// bills carry negative signed residuals: show what is owed as a positive amount
			bs[i].Minor -= core.MinorFromFloat(d.Residual, decimals)
			bs[i].Count++
		}
	}
	return bs
}

// fetchPickings lists receipts and deliveries not done, late first.
func fetchPickings(ctx context.Context, c *odoo.Client, now time.Time) ([]Picking, error) {
	var rows []struct {
		ID        int64         `json:"id"`
		Name      odoo.String   `json:"name"`
		Partner   odoo.Many2one `json:"partner_id"`
		Type      odoo.Many2one `json:"picking_type_id"`
		Scheduled odoo.Datetime `json:"scheduled_date"`
		State     odoo.String   `json:"state"`
	}
	dom := odoo.Cond("state", "not in", []string{"done", "cancel", "draft"})
	if err := c.SearchRead(ctx, "stock.picking", dom, []string{"name", "partner_id", "picking_type_id", "scheduled_date", "state"}, &rows, odoo.Order("scheduled_date, id"), odoo.Limit(500)); err != nil {
		return nil, fmt.Errorf("read open transfers: %w", err)
	}
	codes, err := pickingTypeCodes(ctx, c)
	if err != nil {
		return nil, err
	}
	out := make([]Picking, 0, len(rows))
	for _, r := range rows {
		kind := codes[r.Type.ID]
		if kind == "" {
			kind = kindFromName(string(r.Name))
		}
		out = append(out, Picking{ID: r.ID, Name: string(r.Name), Partner: r.Partner.Name, Kind: kind,
			Scheduled: r.Scheduled.Time, State: string(r.State), Late: !r.Scheduled.IsZero() && r.Scheduled.Before(now)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Late && !out[j].Late })
	return out, nil
}

func pickingTypeCodes(ctx context.Context, c *odoo.Client) (map[int64]string, error) {
	var types []struct {
		ID   int64       `json:"id"`
		Code odoo.String `json:"code"`
	}
	if err := c.SearchRead(ctx, "stock.picking.type", nil, []string{"code"}, &types); err != nil {
		return nil, fmt.Errorf("read operation types: %w", err)
	}
	label := map[string]string{"incoming": "Receipt", "outgoing": "Delivery", "internal": "Internal"}
	out := map[int64]string{}
	for _, t := range types {
		out[t.ID] = cmpOr(label[string(t.Code)], string(t.Code))
	}
	return out, nil
}

// kindFromName reads the operation from Odoo's default sequence prefixes (WH/IN/, WH/OUT/)
// when the transfer's operation type cannot be read.
func kindFromName(name string) string {
	switch {
	case strings.Contains(name, "/IN/"):
		return "Receipt"
	case strings.Contains(name, "/OUT/"):
		return "Delivery"
	case strings.Contains(name, "/INT/"):
		return "Internal"
	}
	return ""
}
