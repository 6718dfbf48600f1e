package credit

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// suggestLimit grants months of the customer's average monthly invoicing, rounded up to
// two significant figures so the figure looks decided, not computed. A customer active
// for less than a year is averaged over the months it was active.
func suggestLimit(volume12 int64, first, asOf time.Time, months float64) int64 {
	if volume12 <= 0 || months <= 0 {
		return 0
	}
	active := 12.0
	if !first.IsZero() {
		active = math.Min(12, math.Max(1, asOf.Sub(first).Hours()/24/30.44))
	}
	return roundUp2(int64(float64(volume12) / active * months))
}

// roundUp2 rounds a positive amount up to two significant digits: 12,345 -> 13,000.
func roundUp2(v int64) int64 {
	if v <= 0 {
		return 0
	}
	unit := int64(1)
	for v/unit >= 100 {
		unit *= 10
	}
	return (v + unit - 1) / unit * unit
}

// holdRules says whether the customer must be held and why: exposure over the credit
// limit, or anything overdue for longer than the rule allows.
func holdRules(s *Score, p Params, money func(int64) string) (bool, []string) {
	var reasons []string
	exposure, what := s.Exposure, "exposure %s exceeds"
	if p.HoldExposure == "receivable" {
		exposure, what = s.OpenReceivable, "open receivables %s exceed"
	}
	if *p.HoldOnLimit && s.CreditLimit > 0 && exposure > s.CreditLimit {
		reasons = append(reasons, fmt.Sprintf(what+" the credit limit %s", money(exposure), money(s.CreditLimit)))
	}
	if s.Overdue > 0 && s.OldestOverdue > p.HoldOverdueDays {
		reasons = append(reasons, fmt.Sprintf("%s overdue, oldest %d days (rule: %d)", money(s.Overdue), s.OldestOverdue, p.HoldOverdueDays))
	}
	return len(reasons) > 0, reasons
}

// explain writes the score's reasons in one paragraph, weakest component first.
func explain(s *Score) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Score %.0f (grade %s).", s.Score, s.Grade)
	order := make([]Component, len(s.Components))
	copy(order, s.Components)
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && order[j].Score < order[j-1].Score; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for _, c := range order {
		fmt.Fprintf(&b, " %s %.0f/100 (weight %.0f%%): %s.", strings.ReplaceAll(c.Name, "_", " "), c.Score, 100*c.Weight, c.Detail)
	}
	if s.Hold {
		fmt.Fprintf(&b, " Hold: %s.", strings.Join(s.HoldReasons, "; "))
	}
	return b.String()
}
