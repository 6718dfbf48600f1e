package dedup

import (
	"context"
	"fmt"
	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
	"slices"
	"strings"
	"time"
)

// Caller is the one Odoo call the loader makes: model.method(*args, **kwargs) decoded into
// out. internal/odoo's Client.Call has this shape.
type Caller interface {
	Call(ctx context.Context, model, method string, args []any, kwargs map[string]any, out any) error
}

// partnerFields are read when the server has them: Odoo 19 dropped "mobile", and
// country_code is a related field present since 14.
var partnerFields = []string{
	"name", "is_company", "parent_id", "type", "active", "email", "phone", "mobile", "vat", "ref",
	"street", "street2", "city", "zip", "state_id", "country_code", "company_id", "create_date", "bank_ids",
}

// LoadOptions choose which partners to read.
type LoadOptions struct {
	CompanyID int64 // 0: every partner; else partners of that company or shared ones
	PageSize  int   // search_read page size (default 2000)
}

// LoadPartners reads active partners with their bank accounts, how much they are used
// (posted journal entries, confirmed sale orders) and in which companies they are booked.
func LoadPartners(ctx context.Context, c Caller, opts LoadOptions) ([]Partner, error) {
	fields, err := availableFields(ctx, c, "res.partner", partnerFields)
	if err != nil {
		return nil, err
	}
	domain := []any{[]any{"active", "=", true}}
	if opts.CompanyID != 0 {
		domain = append(domain, "|", []any{"company_id", "=", opts.CompanyID}, []any{"company_id", "=", false})
	}
	rows, err := odoorow.SearchAll(ctx, c, "res.partner", domain, fields, opts.PageSize)
	if err != nil {
		return nil, err
	}
	partners := make([]Partner, 0, len(rows))
	byID := make(map[int64]*Partner, len(rows))
	for _, r := range rows {
		partners = append(partners, partnerFromRow(r))
	}
	for i := range partners {
		byID[partners[i].ID] = &partners[i]
	}
	if err := loadBanks(ctx, c, byID, opts.PageSize); err != nil {
		return nil, err
	}
	if err := loadUsage(ctx, c, byID, opts.PageSize); err != nil {
		return nil, err
	}
	if err := loadProtected(ctx, c, byID, opts.PageSize); err != nil {
		return nil, err
	}
	return partners, nil
}

func partnerFromRow(r odoorow.Row) Partner {
	created, _ := time.Parse("2006-01-02 15:04:05", r.Name("create_date"))
	return Partner{
		ID: r.ID("id"), Name: r.Name("name"), IsCompany: r.Bool("is_company"), ParentID: r.ID("parent_id"),
		Type: r.Name("type"), Active: r.Bool("active"), Email: r.Name("email"), Phone: r.Name("phone"),
		Mobile: r.Name("mobile"), VAT: r.Name("vat"), Ref: r.Name("ref"), Street: r.Name("street"),
		Street2: r.Name("street2"), City: r.Name("city"), Zip: r.Name("zip"), State: r.Name("state_id"),
		CountryCode: r.Name("country_code"), CompanyID: r.ID("company_id"), CreateDate: created,
	}
}

// availableFields asks fields_get which of want exist, so one loader serves Odoo 16 to 19.
func availableFields(ctx context.Context, c Caller, model string, want []string) ([]string, error) {
	var defs map[string]any
	if err := c.Call(ctx, model, "fields_get", nil, map[string]any{"attributes": []string{"type"}}, &defs); err != nil {
		return nil, fmt.Errorf("list %s fields: %w", model, err)
	}
	return slices.DeleteFunc(slices.Clone(want), func(f string) bool { _, ok := defs[f]; return !ok }), nil
}

func loadBanks(ctx context.Context, c Caller, byID map[int64]*Partner, pageSize int) error {
	rows, err := odoorow.SearchAll(ctx, c, "res.partner.bank", []any{}, []string{"acc_number", "partner_id"}, pageSize)
	if err != nil {
		return fmt.Errorf("read bank accounts: %w", err)
	}
	for _, r := range rows {
		if p := byID[r.ID("partner_id")]; p != nil {
			p.IBANs = append(p.IBANs, r.Name("acc_number"))
		}
	}
	return nil
}

// loadUsage counts posted journal entries and confirmed orders per partner and notes the
// companies of the entries. It reads entries (not items): their partner is the one the
// merge wizard's journal-item check is about in practice, at a fraction of the rows.
func loadUsage(ctx context.Context, c Caller, byID map[int64]*Partner, pageSize int) error {
	moves, err := odoorow.SearchAll(ctx, c, "account.move",
		[]any{[]any{"state", "=", "posted"}, []any{"partner_id", "!=", false}},
		[]string{"partner_id", "company_id"}, pageSize)
	if err != nil {
		return fmt.Errorf("read posted journal entries: %w", err)
	}
	for _, m := range moves {
		if p := byID[m.ID("partner_id")]; p != nil {
			p.InvoiceCount++
			if co := m.ID("company_id"); co != 0 && !slices.Contains(p.JournalCompanyIDs, co) {
				p.JournalCompanyIDs = append(p.JournalCompanyIDs, co)
			}
		}
	}
	orders, err := odoorow.SearchAll(ctx, c, "sale.order", []any{[]any{"state", "in", []any{"sale", "done"}}}, []string{"partner_id"}, pageSize)
	if err != nil && !modelMissing(err) {
		return fmt.Errorf("read sale orders: %w", err)
	}
	for _, o := range orders { // a database without Sales simply has none
		if p := byID[o.ID("partner_id")]; p != nil {
			p.OrderCount++
		}
	}
	return nil
}

// loadProtected marks the partners of users (archived ones too: Odoo counts them) and of
// companies.
func loadProtected(ctx context.Context, c Caller, byID map[int64]*Partner, pageSize int) error {
	anyActive := []any{"|", []any{"active", "=", true}, []any{"active", "=", false}}
	users, err := odoorow.SearchAll(ctx, c, "res.users", anyActive, []string{"partner_id"}, pageSize)
	if err != nil {
		return fmt.Errorf("read users: %w", err)
	}
	companies, err := odoorow.SearchAll(ctx, c, "res.company", []any{}, []string{"partner_id"}, pageSize)
	if err != nil {
		return fmt.Errorf("read companies: %w", err)
	}
	for _, r := range append(users, companies...) {
		if p := byID[r.ID("partner_id")]; p != nil {
			p.Protected = true
		}
	}
	return nil
}

// modelMissing recognises "Object sale.order doesn't exist" (JSON-RPC, XML-RPC) and "the
// model 'sale.order' does not exist" (JSON-2): the module is not installed.
func modelMissing(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "doesn't exist") || strings.Contains(msg, "does not exist")
}
