package business

import (
	"fmt"
	"math"
	"time"
)

// termLine is one line of an account.payment.term (Odoo 18 fields value, value_amount,
// nb_days, delay_type).
type termLine struct {
	Value     string  // "percent" or "fixed"
	Amount    float64 // percent, or fixed amount in currency units
	NbDays    int
	DelayType string // days_after, days_after_end_of_month, days_after_end_of_next_month, days_end_of_month_on_the
}

// installment is one receivable/payable line to create: its due date and amount.
type installment struct {
	Due    time.Time
	Amount int64 // minor units, same sign as the total
}

// dueDate applies one term line's delay to the reference date (the invoice date).
func (t termLine) dueDate(ref time.Time) (time.Time, error) {
	switch t.DelayType {
	case "", "days_after":
		return ref.AddDate(0, 0, t.NbDays), nil
	case "days_after_end_of_month":
		return endOfMonth(ref).AddDate(0, 0, t.NbDays), nil
	case "days_after_end_of_next_month":
		return endOfMonth(firstOfNextMonth(ref)).AddDate(0, 0, t.NbDays), nil
	case "days_end_of_month_on_the":
		// nb_days days after the date, then that month's end.
		return endOfMonth(ref.AddDate(0, 0, t.NbDays)), nil
	}
	return time.Time{}, fmt.Errorf("payment term delay type %q is not simulated: use days_after, days_after_end_of_month or days_after_end_of_next_month", t.DelayType)
}

func firstOfNextMonth(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month()+1, 1, 0, 0, 0, 0, time.UTC)
}

func endOfMonth(d time.Time) time.Time { return firstOfNextMonth(d).AddDate(0, 0, -1) }

// splitTerms spreads total (minor units, signed) over the term lines like Odoo's
// _compute_terms: percent lines take their rounded share, fixed lines their amount, and the
// last line absorbs what is left so the installments always sum to the total exactly.
// No term lines means one installment due on the reference date.
func splitTerms(total int64, ref time.Time, lines []termLine, decimals int) ([]installment, error) {
	if len(lines) == 0 {
		return []installment{{Due: ref, Amount: total}}, nil
	}
	out := make([]installment, 0, len(lines))
	left := total
	for i, tl := range lines {
		due, err := tl.dueDate(ref)
		if err != nil {
			return nil, err
		}
		var amt int64
		switch {
		case i == len(lines)-1:
			amt = left
		case tl.Value == "fixed":
			amt = sign(total) * minor(tl.Amount, decimals)
		default:
			amt = int64(math.Round(float64(total) * tl.Amount / 100))
		}
		left -= amt
		out = append(out, installment{Due: due, Amount: amt})
	}
	return out, nil
}

func sign(x int64) int64 {
	if x < 0 {
		return -1
	}
	return 1
}
