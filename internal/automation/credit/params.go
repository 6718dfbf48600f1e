package credit

import (
	"encoding/json"
	"fmt"
)

// Weights of the four score components. They need not sum to 1: they are normalised.
type Weights struct {
	Payment float64 `json:"payment"` // payment history
	Overdue float64 `json:"overdue"` // what is overdue now
	Volume  float64 `json:"volume"`  // 12-month invoiced volume against the customer base
	Age     float64 `json:"age"`     // length of the relationship
}

// Params are the credit rule's parameters (core.Rule.Params). Zero values take defaults.
type Params struct {
	Weights Weights `json:"weights"`
	// HoldOverdueDays: a customer with anything overdue for more than this many days is held.
	HoldOverdueDays int `json:"hold_overdue_days"`
	// HoldOnLimit holds a customer whose exposure exceeds the credit limit; default true.
	HoldOnLimit *bool `json:"hold_on_limit,omitempty"`
	// HoldExposure chooses what the limit rule compares with the credit limit: "total"
	// (default: open receivables + uninvoiced confirmed orders + draft invoices) or
	// "receivable" (posted open receivables only, what Odoo's own credit warning uses).
	HoldExposure string `json:"hold_exposure"`
	// GraceDays: a payment this many days after the due date still counts as on time.
	GraceDays int `json:"grace_days"`
	// LookbackMonths of payment history that count; default 24.
	LookbackMonths int `json:"lookback_months"`
	// LimitMonths: months of average invoicing granted as credit limit per grade.
	LimitMonths map[string]float64 `json:"limit_months,omitempty"`
	// LimitChange: propose a new limit only when it differs from the current by more than
	// this share; default 0.25.
	LimitChange float64 `json:"limit_change"`
	// HoldTag is the res.partner.category that puts a partner on hold; default "Credit hold".
	HoldTag string `json:"hold_tag"`
}

// DefaultParams returns the documented defaults.
func DefaultParams() Params {
	p, _ := ParseParams(nil)
	return p
}

// ParseParams reads a rule's parameters and fills the defaults.
func ParseParams(raw json.RawMessage) (Params, error) {
	var p Params
	if len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &p); err != nil {
			return p, fmt.Errorf("read credit rule parameters: %w", err)
		}
	}
	w := &p.Weights
	if *w == (Weights{}) {
		*w = Weights{Payment: 0.40, Overdue: 0.25, Volume: 0.20, Age: 0.15}
	}
	sum := w.Payment + w.Overdue + w.Volume + w.Age
	if w.Payment < 0 || w.Overdue < 0 || w.Volume < 0 || w.Age < 0 || sum <= 0 {
		return p, fmt.Errorf("credit weights must be non-negative with a positive sum, got %+v", *w)
	}
	*w = Weights{w.Payment / sum, w.Overdue / sum, w.Volume / sum, w.Age / sum}
	if p.HoldOverdueDays <= 0 {
		p.HoldOverdueDays = 60
	}
	if p.HoldOnLimit == nil {
		t := true
		p.HoldOnLimit = &t
	}
	switch p.HoldExposure {
	case "":
		p.HoldExposure = "total"
	case "total", "receivable":
	default:
		return p, fmt.Errorf("hold_exposure must be \"total\" or \"receivable\", got %q", p.HoldExposure)
	}
	if p.GraceDays < 0 {
		return p, fmt.Errorf("grace_days must not be negative, got %d", p.GraceDays)
	}
	if p.LookbackMonths <= 0 {
		p.LookbackMonths = 24
	}
	if p.LimitMonths == nil {
		p.LimitMonths = map[string]float64{"A": 3, "B": 2, "C": 1, "D": 0.5, "E": 0}
	}
	if p.LimitChange <= 0 {
		p.LimitChange = 0.25
	}
	if p.HoldTag == "" {
		p.HoldTag = "Credit hold"
	}
	return p, nil
}
