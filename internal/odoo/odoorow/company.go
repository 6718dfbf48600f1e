package odoorow

import (
	"context"
	"fmt"
)

// CompanyCurrency reads a company's currency: its code (EUR) and decimal places, which
// every loader needs to turn Odoo's floats into minor units.
func CompanyCurrency(ctx context.Context, c Caller, companyID int64) (string, int, error) {
	var rows []Row
	if err := c.Call(ctx, "res.company", "read", []any{[]int64{companyID}}, map[string]any{"fields": []string{"currency_id"}}, &rows); err != nil || len(rows) == 0 {
		return "", 0, fmt.Errorf("read company %d currency: %v", companyID, err)
	}
	var curs []Row
	if err := c.Call(ctx, "res.currency", "read", []any{[]int64{rows[0].ID("currency_id")}}, map[string]any{"fields": []string{"name", "decimal_places"}}, &curs); err != nil || len(curs) == 0 {
		return "", 0, fmt.Errorf("read currency %d of company %d: %v", rows[0].ID("currency_id"), companyID, err)
	}
	return curs[0].String("name"), int(curs[0].Float("decimal_places")), nil
}

// Company returns id, or when it is 0 the company a scan works on by default: the first
// one the user can see.
func Company(ctx context.Context, c Caller, id int64) (int64, error) {
	if id != 0 {
		return id, nil
	}
	rows, err := First(ctx, c, "res.company", nil, []string{"id"})
	if err != nil || len(rows) == 0 {
		return 0, fmt.Errorf("find the default company: %v", err)
	}
	return rows[0].ID("id"), nil
}
