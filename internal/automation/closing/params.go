package closing

import (
	"encoding/json"
	"fmt"
)

// Params are the close rule's parameters (core.Rule.Params). Zero values take defaults.
type Params struct {
	// ReadyAt is the readiness score from which the period may be locked; default 90.
	ReadyAt float64 `json:"ready_at"`
	// RecurringMonths: an entry posted in each of this many months before the period is
	// expected in it; default 3. RecurringGrace: days after its usual day before it is late; default 5.
	RecurringMonths int `json:"recurring_months"`
	RecurringGrace  int `json:"recurring_grace_days"`
	// Accrual accounts by id (0: found by name: an expense account "Accrued"/"Accrual" or the
	// purchase journal's default account, and a current liability "Accrued ...").
	AccrualExpenseAccount int64 `json:"accrual_expense_account_id"`
	AccrualLiability      int64 `json:"accrual_liability_account_id"`
	// HistoryMonths of moves read to learn recurring entries and feed the anomaly
	// statistics; default 12.
	HistoryMonths int `json:"history_months"`
	// BaselineItems caps the journal items read for that history: months before the
	// recurring ones are added only while the total stays under it; default 500,000.
	BaselineItems int `json:"baseline_max_items"`
}

// ParseParams reads the rule's parameters and fills defaults.
func ParseParams(raw json.RawMessage) (Params, error) {
	var p Params
	if len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &p); err != nil {
			return p, fmt.Errorf("read close rule parameters: %w", err)
		}
	}
	if p.ReadyAt <= 0 {
		p.ReadyAt = 90
	}
	if p.ReadyAt > 100 {
		return p, fmt.Errorf("ready_at %.0f is above 100", p.ReadyAt)
	}
	if p.RecurringMonths <= 0 {
		p.RecurringMonths = 3
	}
	if p.RecurringGrace <= 0 {
		p.RecurringGrace = 5
	}
	if p.HistoryMonths <= 0 {
		p.HistoryMonths = 12
	}
	if p.BaselineItems <= 0 {
		p.BaselineItems = 500_000
	}
	if p.HistoryMonths < p.RecurringMonths {
		return p, fmt.Errorf("history_months %d must cover recurring_months %d", p.HistoryMonths, p.RecurringMonths)
	}
	return p, nil
}
