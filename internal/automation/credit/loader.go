package credit

import (
	"context"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
)

// Snapshot is what the loader read from Odoo: the scoring input and, per commercial
// partner, its current tags and limit (for proposal expectations).
type Snapshot struct {
	Input    Input
	Partners map[int64]Partner
	TagID    int64 // the hold tag's id; 0 when it does not exist yet
}

// Load reads one company's customers, posted customer invoices with their dated
// payments, confirmed-but-uninvoiced orders and draft invoices.
func Load(ctx context.Context, c odoorow.Caller, companyID int64, asOf time.Time, p Params) (Snapshot, error) {
	snap := Snapshot{Partners: map[int64]Partner{}}
	in := &snap.Input
	in.AsOf, in.Parents, in.Uninvoiced, in.Drafts = asOf, map[int64]int64{}, map[int64]int64{}, map[int64]int64{}
	var err error
	if in.Currency, in.Decimals, err = odoorow.CompanyCurrency(ctx, c, companyID); err != nil {
		return snap, err
	}
	if snap.TagID, err = findTag(ctx, c, p.HoldTag); err != nil {
		return snap, err
	}
	company := []any{"company_id", "=", companyID}
	if err := loadInvoices(ctx, c, in, company); err != nil {
		return snap, err
	}
	if err := loadPartners(ctx, c, &snap); err != nil {
		return snap, err
	}
	// Confirmed orders not fully invoiced, delivered or not: what is ordered is owed.
	orders, err := odoorow.SearchAll(ctx, c, "sale.order", []any{[]any{"state", "=", "sale"}, []any{"invoice_status", "!=", "invoiced"}, company},
		[]string{"partner_id", "amount_total", "amount_invoiced"}, 0)
	if err != nil {
		return snap, fmt.Errorf("load uninvoiced orders: %w", err)
	}
	for _, o := range orders {
		if left := o.Minor("amount_total", in.Decimals) - o.Minor("amount_invoiced", in.Decimals); left > 0 {
			in.Uninvoiced[in.commercial(o.ID("partner_id"))] += left
		}
	}
	drafts, err := odoorow.SearchAll(ctx, c, "account.move", []any{[]any{"move_type", "=", "out_invoice"}, []any{"state", "=", "draft"}, company},
		[]string{"partner_id", "amount_total_signed"}, 0)
	if err != nil {
		return snap, fmt.Errorf("load draft invoices: %w", err)
	}
	for _, d := range drafts {
		in.Drafts[in.commercial(d.ID("partner_id"))] += d.Minor("amount_total_signed", in.Decimals)
	}
	return snap, nil
}

func findTag(ctx context.Context, c odoorow.Caller, name string) (int64, error) {
	rows, err := odoorow.First(ctx, c, "res.partner.category", []any{[]any{"name", "=", name}}, []string{"id"})
	if err != nil {
		return 0, fmt.Errorf("look up hold tag %q: %w", name, err)
	}
	if len(rows) == 0 {
		return 0, nil
	}
	return rows[0].ID("id"), nil
}

// loadInvoices reads posted invoices and refunds, then the partial reconciliations on
// their receivable lines, which date every payment.
func loadInvoices(ctx context.Context, c odoorow.Caller, in *Input, company []any) error {
	types := []any{"move_type", "in", []string{"out_invoice", "out_refund"}}
	moves, err := odoorow.SearchAll(ctx, c, "account.move", []any{types, []any{"state", "=", "posted"}, company},
		[]string{"name", "partner_id", "commercial_partner_id", "invoice_date", "date", "invoice_date_due", "amount_total_signed"}, 0)
	if err != nil {
		return fmt.Errorf("load customer invoices: %w", err)
	}
	byMove := make(map[int64]int, len(moves))
	for _, m := range moves {
		date := m.Date("invoice_date")
		if date.IsZero() {
			date = m.Date("date")
		}
		due := m.Date("invoice_date_due")
		if due.IsZero() {
			due = date
		}
		partner := m.ID("commercial_partner_id")
		if partner == 0 {
			partner = m.ID("partner_id")
		}
		byMove[m.ID("id")] = len(in.Invoices)
		in.Invoices = append(in.Invoices, Invoice{ID: m.ID("id"), Name: m.String("name"), PartnerID: partner,
			Date: date, Due: due, Amount: m.Minor("amount_total_signed", in.Decimals)})
	}
	lines, err := odoorow.SearchAll(ctx, c, "account.move.line", []any{[]any{"parent_state", "=", "posted"},
		[]any{"account_id.account_type", "=", "asset_receivable"}, company}, []string{"move_id"}, 0)
	if err != nil {
		return fmt.Errorf("load receivable lines: %w", err)
	}
	lineInvoice := make(map[int64]int, len(lines))
	for _, l := range lines {
		if k, ok := byMove[l.ID("move_id")]; ok {
			lineInvoice[l.ID("id")] = k
		}
	}
	partials, err := odoorow.SearchAll(ctx, c, "account.partial.reconcile", []any{company}, []string{"debit_move_id", "credit_move_id", "amount", "max_date"}, 0)
	if err != nil {
		return fmt.Errorf("load reconciliations: %w", err)
	}
	for _, pr := range partials {
		// The invoice is the debit side; a refund is the credit side and gets paid the other way.
		k, ok := lineInvoice[pr.ID("debit_move_id")]
		if !ok {
			if k, ok = lineInvoice[pr.ID("credit_move_id")]; !ok || in.Invoices[k].Amount >= 0 {
				continue
			}
		}
		amt := pr.Minor("amount", in.Decimals)
		if in.Invoices[k].Amount < 0 {
			amt = -amt
		}
		in.Invoices[k].Payments = append(in.Invoices[k].Payments, Payment{Date: pr.Date("max_date"), Amount: amt})
	}
	return nil
}

// loadPartners reads every partner with invoices (and their parents), builds the
// contact-to-company map and the customer list.
func loadPartners(ctx context.Context, c odoorow.Caller, snap *Snapshot) error {
	in := &snap.Input
	rows, err := odoorow.SearchAll(ctx, c, "res.partner", []any{"|", []any{"customer_rank", ">", 0}, []any{"credit_limit", ">", 0}},
		[]string{"name", "commercial_partner_id", "credit_limit", "category_id", "create_date"}, 0)
	if err != nil {
		return fmt.Errorf("load customers: %w", err)
	}
	seen := map[int64]bool{}
	for _, r := range rows {
		id, parent := r.ID("id"), r.ID("commercial_partner_id")
		if parent != 0 && parent != id {
			in.Parents[id] = parent
			continue
		}
		seen[id] = true
		snap.Partners[id] = Partner{ID: id, CategoryIDs: r.IDs("category_id"), CreditLimit: r.Float("credit_limit")}
		in.Customers = append(in.Customers, Customer{ID: id, Name: r.String("name"), Since: r.Date("create_date"),
			CreditLimit: r.Minor("credit_limit", in.Decimals), OnHold: snap.TagID != 0 && contains(r.IDs("category_id"), snap.TagID)})
	}
	for i := range in.Invoices { // invoiced companies whose rank was never raised still count
		id := in.commercial(in.Invoices[i].PartnerID)
		if !seen[id] {
			seen[id] = true
			in.Customers = append(in.Customers, Customer{ID: id, Name: fmt.Sprintf("partner %d", id)})
			snap.Partners[id] = Partner{ID: id}
		}
	}
	return nil
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
