package scan

import (
	"context"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/automation/anomaly"
	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
)

// Period is a month to scan, From and To inclusive; zero means the whole ledger.
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

// Data is what one scan reads from Odoo.
type Data = anomaly.Ledger

// Load reads a period's ledger (the whole ledger for a zero period).
func Load(ctx context.Context, c odoorow.Caller, companyID int64, p Period) (Data, error) {
	return anomaly.LoadLedger(ctx, c, companyID, anomaly.Span{From: p.From, To: p.To})
}
