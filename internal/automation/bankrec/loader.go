package bankrec

import (
	"context"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
)

// Odoo is the part of the Odoo client (internal/odoo's *Client) the automation uses.
type Odoo = odoorow.Caller

// LoadOptions select what to load.
type LoadOptions struct {
	JournalID    int64     // 0 = every bank journal
	CompanyID    int64     // 0 = the connection's default company
	HistoryFrom  time.Time // reconciled lines since then feed rule learning
	PageSize     int       // default 2000
	MaxOpenItems int       // safety cap on open items read (default 500,000)
}

const chunk = 1000

// Load reads one company's unreconciled lines, open items, partners, rules and recent
// history from Odoo into RawData.
func Load(ctx context.Context, odoo Odoo, opt LoadOptions) (RawData, []Rule, error) {
	if opt.PageSize == 0 {
		opt.PageSize = 2000
	}
	if opt.MaxOpenItems == 0 {
		opt.MaxOpenItems = 500_000
	}
	r := reader{odoo: odoo, opt: opt}
	d := RawData{OpenAccounts: map[int64]bool{}, SuspenseAccounts: map[int64]bool{}, LiquidityAccounts: map[int64]bool{}, Decimals: 2}
	steps := []func(context.Context, *RawData) error{r.accounts, r.journals, r.decimals, r.payments, r.lines, r.items, r.moves, r.partners}
	for _, step := range steps {
		if err := step(ctx, &d); err != nil {
			return d, nil, err
		}
	}
	rules, err := r.rules(ctx, &d)
	return d, rules, err
}

type reader struct {
	odoo Odoo
	opt  LoadOptions
}

// caller sends every call in the run's company, when one is named.
func (r reader) caller() odoorow.Caller {
	if r.opt.CompanyID == 0 {
		return r.odoo
	}
	return odoorow.WithContext(r.odoo, map[string]any{"allowed_company_ids": []int64{r.opt.CompanyID}})
}

// all reads every matching record, page by page in id order (odoorow.SearchEach), and
// refuses to go on once more than limit records (0 = no limit) have been read.
func (r reader) all(ctx context.Context, model string, domain []any, fields []string, limit int) ([]Row, error) {
	var out []Row
	err := odoorow.SearchEach(ctx, r.caller(), model, domain, fields, r.opt.PageSize, func(page []Row) error {
		out = append(out, page...)
		if limit > 0 && len(page) == r.opt.PageSize && len(out) >= limit {
			return core.Errorf(core.CodeInvalid, "more than %d %s records to read; narrow the run (journal, company)", limit, model)
		}
		return nil
	})
	return out, err
}

// byIDs reads records whose field is in ids, in chunks.
func (r reader) byIDs(ctx context.Context, model, field string, ids []int64, fields []string) ([]Row, error) {
	var out []Row
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(len(ids), start+chunk)]
		rows, err := r.all(ctx, model, []any{[]any{field, "in", part}}, fields, 0)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

func (r reader) accounts(ctx context.Context, d *RawData) error {
	rows, err := r.all(ctx, "account.account", []any{[]any{"account_type", "in", []string{"asset_receivable", "liability_payable", "asset_cash"}}}, []string{"id", "account_type"}, 0)
	if err != nil {
		return err
	}
	for _, a := range rows {
		if a.String("account_type") == "asset_cash" {
			d.LiquidityAccounts[a.ID("id")] = true
		} else {
			d.OpenAccounts[a.ID("id")] = true
		}
	}
	return nil
}

func (r reader) journals(ctx context.Context, d *RawData) error {
	rows, err := r.all(ctx, "account.journal", []any{[]any{"type", "in", []string{"bank", "cash", "credit"}}}, []string{"id", "suspense_account_id", "default_account_id"}, 0)
	if err != nil {
		return err
	}
	for _, j := range rows {
		if id := j.ID("suspense_account_id"); id != 0 {
			d.SuspenseAccounts[id] = true
		}
		if id := j.ID("default_account_id"); id != 0 {
			d.LiquidityAccounts[id] = true
		}
	}
	return nil
}

// payments adds the outstanding accounts of registered payments not yet matched with the
// bank: a line paying such a payment settles its outstanding item, not the invoice (which
// the payment already settled). A server that cannot answer this loses only that.
func (r reader) payments(ctx context.Context, d *RawData) error {
	rows, err := r.all(ctx, "account.payment", []any{[]any{"is_matched", "=", false}, []any{"state", "in", []string{"in_process", "paid"}}},
		[]string{"id", "outstanding_account_id"}, 0)
	if err != nil {
		d.Notes = append(d.Notes, fmt.Sprintf("registered payments not read (%v): bank lines are matched with invoices only", err))
		return nil
	}
	for _, p := range rows {
		if id := p.ID("outstanding_account_id"); id != 0 {
			d.OpenAccounts[id] = true
		}
	}
	return nil
}

func (r reader) decimals(ctx context.Context, d *RawData) error {
	var domain []any
	if r.opt.CompanyID != 0 {
		domain = []any{[]any{"id", "=", r.opt.CompanyID}}
	}
	cur, err := odoorow.First(ctx, r.caller(), "res.company", domain, []string{"currency_id"})
	if err != nil || len(cur) == 0 {
		return fmt.Errorf("read company currency: %w", err)
	}
	currency, err := odoorow.First(ctx, r.odoo, "res.currency", []any{[]any{"id", "=", cur[0].ID("currency_id")}}, []string{"decimal_places"})
	if err != nil {
		return fmt.Errorf("read currency decimals: %w", err)
	}
	if len(currency) == 1 {
		d.Decimals = int(currency[0].Float("decimal_places"))
	}
	return nil
}

var lineFields = []string{"id", "move_id", "journal_id", "date", "amount", "amount_residual", "payment_ref", "partner_id",
	"partner_name", "account_number", "is_reconciled", "foreign_currency_id"}

func (r reader) lines(ctx context.Context, d *RawData) error {
	open := []any{[]any{"is_reconciled", "=", false}}
	hist := []any{[]any{"is_reconciled", "=", true}, []any{"date", ">=", r.opt.HistoryFrom.Format(time.DateOnly)}}
	if r.opt.JournalID != 0 {
		j := []any{"journal_id", "=", r.opt.JournalID}
		open, hist = append(open, j), append(hist, j)
	}
	rows, err := r.all(ctx, "account.bank.statement.line", open, lineFields, 0)
	if err != nil {
		return err
	}
	if !r.opt.HistoryFrom.IsZero() {
		h, err := r.all(ctx, "account.bank.statement.line", hist, lineFields, 0)
		if err != nil {
			return err
		}
		rows = append(rows, h...)
	}
	var moveIDs []int64
	for _, l := range rows {
		if l.ID("foreign_currency_id") != 0 {
			continue // amounts in another currency are left to people
		}
		d.Lines = append(d.Lines, l)
		moveIDs = append(moveIDs, l.ID("move_id"))
	}
	ml, err := r.byIDs(ctx, "account.move.line", "move_id", moveIDs, moveLineFields)
	d.MoveLines = append(d.MoveLines, ml...)
	return err
}

var moveLineFields = []string{"id", "move_id", "account_id", "partner_id", "date", "date_maturity", "amount_residual", "balance", "reconciled", "parent_state"}

func (r reader) items(ctx context.Context, d *RawData) error {
	var accs []int64
	for id := range d.OpenAccounts {
		accs = append(accs, id)
	}
	dom := []any{[]any{"account_id", "in", accs}, []any{"reconciled", "=", false}, []any{"parent_state", "=", "posted"}, []any{"amount_residual", "!=", 0}}
	rows, err := r.all(ctx, "account.move.line", dom, moveLineFields, r.opt.MaxOpenItems)
	d.MoveLines = append(d.MoveLines, rows...)
	return err
}

func (r reader) moves(ctx context.Context, d *RawData) error {
	seen := map[int64]bool{}
	var ids []int64
	for _, ml := range d.MoveLines {
		if id := ml.ID("move_id"); !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	rows, err := r.byIDs(ctx, "account.move", "id", ids, []string{"id", "name", "move_type", "payment_reference", "ref", "date", "state"})
	d.Moves = rows
	return err
}

// partners reads the partners that have open items or sit on a line: only they can be
// the answer, and a company may have millions of contacts.
func (r reader) partners(ctx context.Context, d *RawData) error {
	seen := map[int64]bool{}
	var ids []int64
	for _, rows := range [][]Row{d.MoveLines, d.Lines} {
		for _, x := range rows {
			if id := x.ID("partner_id"); id != 0 && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	var err error
	if d.Partners, err = r.byIDs(ctx, "res.partner", "id", ids, []string{"id", "name", "commercial_partner_id"}); err != nil {
		return err
	}
	d.Banks, err = r.byIDs(ctx, "res.partner.bank", "partner_id", ids, []string{"partner_id", "acc_number"})
	return err
}
