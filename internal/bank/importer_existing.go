package bank

import (
	"context"
	"fmt"
	"sort"

	"github.com/smartodoo/smartodoo/internal/core"
)

// existing collects the ids of lines already in Odoo, in the same key scheme as the plan.
func (im Importer) existing(ctx context.Context, stmts []Statement, journalIDs []int64, byField bool) (map[string]bool, error) {
	out := map[string]bool{}
	if byField {
		var ids []any
		for _, st := range stmts {
			for _, id := range UniqueImportIDs(st) {
				ids = append(ids, id)
			}
		}
		var rows []struct {
			UID any `json:"unique_import_id"`
		}
		kw := map[string]any{"domain": []any{[]any{"unique_import_id", "in", ids}}, "fields": []string{"unique_import_id"}}
		if err := im.Odoo.Call(ctx, "account.bank.statement.line", "search_read", nil, kw, &rows); err != nil {
			return nil, fmt.Errorf("read already imported lines: %w", err)
		}
		for _, r := range rows {
			out[odooString(r.UID)] = true
		}
		return out, nil
	}
	for si, st := range stmts {
		if err := im.existingNatural(ctx, st, journalIDs[si], out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// existingNatural rebuilds natural keys from the journal's lines in the statement's date range.
func (im Importer) existingNatural(ctx context.Context, st Statement, journalID int64, out map[string]bool) error {
	if len(st.Transactions) == 0 {
		return nil
	}
	from, to := st.Transactions[0].Date, st.Transactions[0].Date
	for _, tx := range st.Transactions {
		if tx.Date.Before(from.Time) {
			from = tx.Date
		}
		if tx.Date.After(to.Time) {
			to = tx.Date
		}
	}
	var rows []struct {
		ID     int64   `json:"id"`
		Date   any     `json:"date"`
		Amount float64 `json:"amount"`
		Ref    any     `json:"payment_ref"`
	}
	kw := map[string]any{
		"domain": []any{[]any{"journal_id", "=", journalID}, []any{"date", ">=", from.String()}, []any{"date", "<=", to.String()}},
		"fields": []string{"date", "amount", "payment_ref"}, "order": "id",
	}
	if err := im.Odoo.Call(ctx, "account.bank.statement.line", "search_read", nil, kw, &rows); err != nil {
		return fmt.Errorf("read journal %d lines %s..%s: %w", journalID, from, to, err)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
	keys := make([]string, len(rows))
	for i, r := range rows {
		keys[i] = NaturalKey(odooString(r.Date), core.MinorFromFloat(r.Amount, st.Decimals), odooString(r.Ref))
	}
	for _, id := range RankedIDs(accountDigits(st.Account), keys) {
		out[id] = true
	}
	return nil
}

// odooString reads a char/date value, where Odoo sends false for empty.
func odooString(v any) string {
	s, _ := v.(string)
	return s
}

// m2oName reads the display name of a many2one [id, "name"] value.
func m2oName(v any) string {
	if a, ok := v.([]any); ok && len(a) == 2 {
		s, _ := a[1].(string)
		return s
	}
	return ""
}

// m2oID reads the id of a many2one [id, "name"] value.
func m2oID(v any) int64 {
	if a, ok := v.([]any); ok && len(a) == 2 {
		if f, ok := a[0].(float64); ok {
			return int64(f)
		}
	}
	return 0
}
