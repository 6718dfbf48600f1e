package closing

import (
	"fmt"
	"math"

	"github.com/smartodoo/smartodoo/internal/core"
)

// checkTaxes (9): posted invoices and bills of the period whose tax lines do not equal
// their base lines times the rates of the taxes on them. Percent taxes computed on the
// price (not included in it) are checked; others are skipped, not guessed.
func checkTaxes(in *Input) []core.Finding {
	moves := map[int64]Move{}
	for _, m := range in.Moves {
		if m.State == "posted" && m.Type != "entry" && in.Period.Contains(m.Date) {
			moves[m.ID] = m
		}
	}
	type sums struct {
		expected, booked float64
		lines            int
		skip             bool
	}
	per := map[int64]*sums{}
	for _, l := range in.Lines {
		if _, ok := moves[l.MoveID]; !ok {
			continue
		}
		s := per[l.MoveID]
		if s == nil {
			s = &sums{}
			per[l.MoveID] = s
		}
		switch {
		case l.TaxLineID != 0 || l.DisplayType == "tax":
			s.booked += float64(l.Balance)
		case len(l.TaxIDs) > 0 && (l.DisplayType == "" || l.DisplayType == "product"):
			for _, id := range l.TaxIDs {
				t, ok := in.Taxes[id]
				if !ok || t.Type != "percent" || t.PriceInclude {
					s.skip = true
					continue
				}
				s.expected += float64(l.Balance) * t.Rate / 100
				s.lines++
			}
		}
	}
	var out []core.Finding
	for id, s := range per {
		// Odoo rounds per line or globally: allow one minor unit per taxed line.
		if s.skip || s.lines == 0 || math.Abs(s.booked-s.expected) <= float64(s.lines)+0.5 {
			continue
		}
		m := moves[id]
		diff := int64(math.Round(math.Abs(s.booked - s.expected)))
		out = append(out, in.finding(KindTaxInconsistency, core.SeverityCritical, diff,
			fmt.Sprintf("%s: tax booked %s, the rates give %s", nameOr(m), in.fmtMoney(int64(math.Abs(s.booked))), in.fmtMoney(int64(math.Abs(math.Round(s.expected))))),
			"The tax lines were edited or the taxes changed after computing: the tax return would be wrong.", moveRef(m)))
	}
	return out
}
