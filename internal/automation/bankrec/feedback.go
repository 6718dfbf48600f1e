package bankrec

import (
	"context"
	"fmt"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Feedback is what people told the automation outside Odoo.
type Feedback struct {
	Confirmed []Example       `json:"confirmed"` // lines booked on an account without a document
	Rejected  map[string]bool `json:"rejected"`  // suggestion keys (DedupKey) people said no to
}

const (
	stateFeedback = "feedback"
	maxConfirmed  = 5000
)

func (a *Automation) feedback(ctx context.Context) (Feedback, error) {
	fb := Feedback{Rejected: map[string]bool{}}
	if a.d.State == nil {
		return fb, nil
	}
	if _, err := a.d.State.GetState(ctx, Name, stateFeedback, &fb); err != nil {
		return fb, fmt.Errorf("bankrec: read feedback: %w", err)
	}
	if fb.Rejected == nil {
		fb.Rejected = map[string]bool{}
	}
	return fb, nil
}

// Confirm records that a line without a document belongs on an account (from the API or
// an approved bank_reconcile proposal of kind rule). Once enough similar confirmations
// exist, the next run proposes a rule. Lines reconciled in Odoo itself count without this.
func (a *Automation) Confirm(ctx context.Context, e Example) error {
	if e.AccountID == 0 || e.Label == "" || e.Amount == 0 {
		return core.Errorf(core.CodeInvalid, "a confirmation needs the line's label, amount and the account it was booked on")
	}
	return a.updateFeedback(ctx, func(fb *Feedback) {
		fb.Confirmed = append(fb.Confirmed, e)
		if n := len(fb.Confirmed); n > maxConfirmed {
			fb.Confirmed = fb.Confirmed[n-maxConfirmed:]
		}
	})
}

// Reject records that a suggestion is wrong, so that it is not suggested again; the line
// stays open for the next candidate or a person.
func (a *Automation) Reject(ctx context.Context, dedupKey string) error {
	if dedupKey == "" {
		return core.Errorf(core.CodeInvalid, "reject needs the suggestion's dedup key")
	}
	return a.updateFeedback(ctx, func(fb *Feedback) { fb.Rejected[dedupKey] = true })
}

func (a *Automation) updateFeedback(ctx context.Context, change func(*Feedback)) error {
	if a.d.State == nil {
		return core.Errorf(core.CodeUnavailable, "bankrec: no state store configured to remember feedback")
	}
	fb, err := a.feedback(ctx)
	if err != nil {
		return err
	}
	change(&fb)
	if err := a.d.State.PutState(ctx, Name, stateFeedback, fb); err != nil {
		return fmt.Errorf("bankrec: save feedback: %w", err)
	}
	return nil
}
