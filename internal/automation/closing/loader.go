package closing

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
)

// Loader reads a close scan's input from Odoo through any client with Call.
type Loader struct {
	C         odoorow.Caller
	CompanyID int64
	Decimals  int
	Currency  string

	journalType map[int64]string
}

// Load fills everything but Anomalies (the automation adds them) for one period.
func (l *Loader) Load(ctx context.Context, period Period, today time.Time, p Params) (Input, error) {
	in := Input{Period: period, Today: today, Taxes: map[int64]Tax{}, Accounts: map[int64]string{}}
	var err error
	if in.Currency, in.Decimals, err = odoorow.CompanyCurrency(ctx, l.C, l.CompanyID); err != nil {
		return in, err
	}
	l.Decimals, l.Currency = in.Decimals, in.Currency
	var from time.Time
	steps := []struct {
		what string
		fn   func() error
	}{
		{"accounts", func() error { return l.accounts(ctx, &in, p) }},
		{"history window", func() (err error) { from, err = l.window(ctx, period, p); return err }},
		{"moves", func() error { return l.moves(ctx, &in, from) }},
		{"journal items", func() error { return l.lines(ctx, &in, from) }},
		{"bank statement lines", func() error { return l.bankLines(ctx, &in) }},
		{"payments", func() error { return l.payments(ctx, &in) }},
		{"sales", func() error { return l.orders(ctx, &in, true) }},
		{"purchases", func() error { return l.orders(ctx, &in, false) }},
		{"taxes", func() error { return l.taxes(ctx, &in) }},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return in, fmt.Errorf("load %s for the %s close: %w", s.what, period, err)
		}
	}
	return in, nil
}

func (l *Loader) company() []any { return []any{"company_id", "=", l.CompanyID} }

// watchName recognises suspense, outstanding and clearing accounts by name when no
// configuration points at them (English chart names; configured ids come first).
var (
	watchName   = regexp.MustCompile(`(?i)\b(suspense|outstanding|clearing|transit)\b`)
	accruedName = regexp.MustCompile(`(?i)accru`)
)

func (l *Loader) accounts(ctx context.Context, in *Input, p Params) error {
	accts, err := odoorow.SearchAll(ctx, l.C, "account.account", nil, []string{"name", "code", "account_type"}, 0)
	if err != nil {
		return err
	}
	roles := map[int64]string{}
	for _, a := range accts {
		id, name := a.ID("id"), a.String("name")
		in.Accounts[id] = name
		if m := watchName.FindString(name); m != "" {
			roles[id] = roleOf(m)
		}
		if p.AccrualLiability == 0 && a.String("account_type") == "liability_current" && accruedName.MatchString(name) {
			p.AccrualLiability = id
		}
	}
	journals, err := odoorow.SearchAll(ctx, l.C, "account.journal", []any{l.company()}, []string{"type", "suspense_account_id", "default_account_id"}, 0)
	if err != nil {
		return err
	}
	l.journalType = map[int64]string{}
	for _, j := range journals {
		l.journalType[j.ID("id")] = j.String("type")
		if s := j.ID("suspense_account_id"); s != 0 {
			roles[s] = "suspense"
		}
		switch j.String("type") {
		case "general":
			if in.MiscJournal == 0 {
				in.MiscJournal = j.ID("id")
			}
		case "purchase":
			if p.AccrualExpenseAccount == 0 {
				p.AccrualExpenseAccount = j.ID("default_account_id")
			}
		}
	}
	for id, role := range roles {
		in.Watch = append(in.Watch, WatchAccount{ID: id, Name: in.Accounts[id], Role: role})
	}
	in.AccrualExpenseAccount, in.AccrualLiability = p.AccrualExpenseAccount, p.AccrualLiability
	return nil
}

func roleOf(word string) string {
	switch strings.ToLower(word) {
	case "suspense":
		return "suspense"
	case "outstanding":
		return "outstanding"
	default:
		return "clearing"
	}
}

func (l *Loader) moves(ctx context.Context, in *Input, from time.Time) error {
	rows, err := odoorow.SearchAll(ctx, l.C, "account.move", []any{l.company(), []any{"state", "in", []string{"draft", "posted"}},
		[]any{"date", ">=", from.Format("2006-01-02")}, []any{"date", "<=", in.Period.To.Format("2006-01-02")}},
		[]string{"name", "move_type", "state", "date", "journal_id", "partner_id", "commercial_partner_id", "ref", "amount_total_signed",
			"amount_residual_signed", "invoice_date", "create_date", "create_uid"}, 0)
	if err != nil {
		return err
	}
	for _, r := range rows {
		amount := r.Minor("amount_total_signed", in.Decimals)
		if amount < 0 {
			amount = -amount
		}
		in.Moves = append(in.Moves, Move{ID: r.ID("id"), Name: r.String("name"), Type: r.String("move_type"), State: r.String("state"),
			Journal: l.journalType[r.ID("journal_id")],
			Date:    r.Date("date"), PartnerID: r.ID("partner_id"), Partner: r.Name("partner_id"), Ref: r.String("ref"),
			Amount: amount, Residual: r.Minor("amount_residual_signed", in.Decimals),
			JournalID: r.ID("journal_id"), Commercial: r.ID("commercial_partner_id"), InvoiceDate: r.Date("invoice_date"),
			CreatedAt: r.Date("create_date"), UserID: r.ID("create_uid"), User: r.Name("create_uid")})
	}
	return nil
}

// window picks the first day read: HistoryMonths before the period at most, but fewer
// months when the company books more than BaselineItems journal items in them (a large
// company's last few months are baseline enough for the anomaly statistics, and reading
// a year of millions of items would take minutes), and never fewer than RecurringMonths,
// which recurring entries are learned from.
func (l *Loader) window(ctx context.Context, period Period, p Params) (time.Time, error) {
	from := period.From.AddDate(0, -p.RecurringMonths, 0)
	n, err := l.countLines(ctx, from, period.To)
	if err != nil {
		return from, err
	}
	for k := p.RecurringMonths + 1; k <= p.HistoryMonths; k++ {
		month := period.From.AddDate(0, -k, 0)
		c, err := l.countLines(ctx, month, from.AddDate(0, 0, -1))
		if err != nil {
			return from, err
		}
		if n+c > p.BaselineItems {
			break
		}
		n, from = n+c, month
	}
	return from, nil
}

func (l *Loader) countLines(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	err := l.C.Call(ctx, "account.move.line", "search_count", []any{[]any{l.company(), []any{"parent_state", "=", "posted"},
		[]any{"date", ">=", from.Format("2006-01-02")}, []any{"date", "<=", to.Format("2006-01-02")}}}, nil, &n)
	if err != nil {
		return 0, fmt.Errorf("count journal items from %s to %s: %w", from.Format("2006-01-02"), to.Format("2006-01-02"), err)
	}
	return n, nil
}

var lineFields = []string{"move_id", "account_id", "partner_id", "date", "name", "balance", "amount_residual", "display_type", "tax_ids", "tax_line_id"}

// lines reads posted items of the window, and older ones on watch accounts that still
// weigh on their balance at period end: every one on suspense and clearing accounts, the
// unreconciled ones on outstanding accounts (a reconciled item has no residual left).
// Rows are turned into Lines page by page, so a million items never sit in memory as maps.
func (l *Loader) lines(ctx context.Context, in *Input, from time.Time) error {
	posted := []any{"parent_state", "=", "posted"}
	add := func(page []odoorow.Row) error {
		for _, r := range page {
			in.Lines = append(in.Lines, Line{ID: r.ID("id"), MoveID: r.ID("move_id"), AccountID: r.ID("account_id"), PartnerID: r.ID("partner_id"),
				Date: r.Date("date"), Name: r.String("name"), Balance: r.Minor("balance", in.Decimals), Residual: r.Minor("amount_residual", in.Decimals),
				DisplayType: r.String("display_type"), TaxIDs: r.IDs("tax_ids"), TaxLineID: r.ID("tax_line_id")})
		}
		return nil
	}
	err := odoorow.SearchEach(ctx, l.C, "account.move.line", []any{l.company(), posted,
		[]any{"date", ">=", from.Format("2006-01-02")}, []any{"date", "<=", in.Period.To.Format("2006-01-02")}}, lineFields, 0, add)
	if err != nil || len(in.Watch) == 0 {
		return err
	}
	balances, residuals := []int64{}, []int64{} // never nil: Odoo refuses "in" null
	for _, w := range in.Watch {
		if w.Role == "outstanding" {
			residuals = append(residuals, w.ID)
		} else {
			balances = append(balances, w.ID)
		}
	}
	return odoorow.SearchEach(ctx, l.C, "account.move.line", []any{l.company(), posted, []any{"date", "<", from.Format("2006-01-02")},
		"|", []any{"account_id", "in", balances}, "&", []any{"account_id", "in", residuals}, []any{"amount_residual", "!=", 0}}, lineFields, 0, add)
}

func (l *Loader) bankLines(ctx context.Context, in *Input) error {
	rows, err := odoorow.SearchAll(ctx, l.C, "account.bank.statement.line", []any{l.company(), []any{"is_reconciled", "=", false},
		[]any{"date", "<=", in.Period.To.Format("2006-01-02")}}, []string{"move_id", "date", "amount", "payment_ref", "is_reconciled"}, 0)
	if err != nil {
		return err
	}
	for _, r := range rows {
		in.BankLines = append(in.BankLines, BankLine{ID: r.ID("id"), MoveID: r.ID("move_id"), Date: r.Date("date"),
			Amount: r.Minor("amount", in.Decimals), Ref: r.String("payment_ref"), Reconciled: r.Bool("is_reconciled")})
	}
	return nil
}

func (l *Loader) payments(ctx context.Context, in *Input) error {
	rows, err := odoorow.SearchAll(ctx, l.C, "account.payment", []any{l.company(), []any{"is_matched", "=", false},
		[]any{"date", "<=", in.Period.To.Format("2006-01-02")}}, []string{"name", "date", "amount", "partner_id", "state", "is_matched"}, 0)
	if err != nil {
		return err
	}
	for _, r := range rows {
		in.Payments = append(in.Payments, Payment{ID: r.ID("id"), Name: r.String("name"), Date: r.Date("date"), Amount: r.Minor("amount", in.Decimals),
			PartnerID: r.ID("partner_id"), Partner: r.Name("partner_id"), State: r.String("state"), Matched: r.Bool("is_matched")})
	}
	return nil
}

// orders reads lines of orders with something to invoice; the goods' date is the
// purchase's effective (receipt) date, or the order date.
func (l *Loader) orders(ctx context.Context, in *Input, sales bool) error {
	model, qty, dateField := "purchase.order", "qty_received", "effective_date"
	if sales {
		model, qty, dateField = "sale.order", "qty_delivered", "date_order"
	}
	heads, err := odoorow.SearchAll(ctx, l.C, model, []any{l.company(), []any{"invoice_status", "=", "to invoice"}},
		[]string{"name", "partner_id", "date_order", dateField}, 0)
	if err != nil || len(heads) == 0 {
		return err
	}
	byID := map[int64]odoorow.Row{}
	ids := make([]int64, 0, len(heads))
	for _, h := range heads {
		byID[h.ID("id")] = h
		ids = append(ids, h.ID("id"))
	}
	lines, err := odoorow.SearchAll(ctx, l.C, model+".line", []any{[]any{"order_id", "in", ids}},
		[]string{"order_id", "product_id", "name", qty, "qty_invoiced", "price_unit"}, 0)
	if err != nil {
		return err
	}
	for _, r := range lines {
		h := byID[r.ID("order_id")]
		date := h.Date(dateField)
		if date.IsZero() {
			date = h.Date("date_order")
		}
		ol := OrderLine{OrderID: h.ID("id"), Order: h.String("name"), PartnerID: h.ID("partner_id"), Partner: h.Name("partner_id"),
			Date: date, ProductID: r.ID("product_id"), Name: r.String("name"), QtyDone: r.Float(qty), QtyInvoiced: r.Float("qty_invoiced"),
			PriceUnit: r.Minor("price_unit", in.Decimals)}
		if sales {
			in.Sales = append(in.Sales, ol)
		} else {
			in.Purchases = append(in.Purchases, ol)
		}
	}
	return nil
}

func (l *Loader) taxes(ctx context.Context, in *Input) error {
	rows, err := odoorow.SearchAll(ctx, l.C, "account.tax", nil, []string{"name", "amount_type", "amount", "price_include"}, 0)
	if err != nil {
		return err
	}
	for _, r := range rows {
		in.Taxes[r.ID("id")] = Tax{ID: r.ID("id"), Name: r.String("name"), Type: r.String("amount_type"), Rate: r.Float("amount"), PriceInclude: r.Bool("price_include")}
	}
	return nil
}

// LoadLockState reads the company's lock fields, whichever this Odoo version has.
func LoadLockState(ctx context.Context, c odoorow.Caller, companyID int64) (LockState, error) {
	var fields map[string]any
	if err := c.Call(ctx, "res.company", "fields_get", nil, map[string]any{"attributes": []string{"type"}}, &fields); err != nil {
		return LockState{}, fmt.Errorf("read res.company fields: %w", err)
	}
	s := LockState{CompanyID: companyID, Fields: map[string]bool{}, Values: map[string]time.Time{}}
	want := []string{"fiscalyear_last_month", "fiscalyear_last_day"}
	for _, f := range []string{"period_lock_date", "fiscalyear_lock_date", "tax_lock_date", "sale_lock_date", "purchase_lock_date", "hard_lock_date"} {
		if _, ok := fields[f]; ok {
			s.Fields[f] = true
			want = append(want, f)
		}
	}
	var rows []odoorow.Row
	if err := c.Call(ctx, "res.company", "read", []any{[]int64{companyID}}, map[string]any{"fields": want}, &rows); err != nil || len(rows) == 0 {
		return s, fmt.Errorf("read lock dates of company %d: %v", companyID, err)
	}
	for f := range s.Fields {
		s.Values[f] = rows[0].Date(f)
	}
	var month int
	fmt.Sscanf(rows[0].String("fiscalyear_last_month"), "%d", &month)
	s.FiscalYearEndMonth, s.FiscalYearEndDay = time.Month(month), int(rows[0].Float("fiscalyear_last_day"))
	if month == 0 {
		s.FiscalYearEndMonth, s.FiscalYearEndDay = time.December, 31
	}
	return s, nil
}
