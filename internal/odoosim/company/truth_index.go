package company

import "slices"

// Helpers for scorers: the truth indexed the way an evaluation looks things up.

// Pairs returns every pair of partner ids that belong to the same cluster, smaller id first,
// sorted: the positives of a pairwise precision/recall evaluation.
func (d DedupTruth) Pairs() [][2]int64 {
	var out [][2]int64
	for _, c := range d.Clusters {
		for i := range c {
			for j := i + 1; j < len(c); j++ {
				a, b := c[i], c[j]
				if a > b {
					a, b = b, a
				}
				out = append(out, [2]int64{a, b})
			}
		}
	}
	slices.SortFunc(out, func(x, y [2]int64) int {
		if x[0] != y[0] {
			return int(x[0] - y[0])
		}
		return int(x[1] - y[1])
	})
	return out
}

// ByLine indexes the unreconciled statement lines by line id.
func (b BankTruth) ByLine() map[int64]BankLine {
	out := make(map[int64]BankLine, len(b.Unreconciled))
	for _, l := range b.Unreconciled {
		out[l.LineID] = l
	}
	return out
}

// ByPartner indexes the customers' credit truth by commercial partner id.
func (c CreditTruth) ByPartner() map[int64]CustomerCredit {
	out := make(map[int64]CustomerCredit, len(c.Customers))
	for _, cc := range c.Customers {
		out[cc.PartnerID] = cc
	}
	return out
}

// MoveKinds maps each anomalous move id to its kind: round_number, amount_outlier,
// off_hours or duplicate_bill (the second bill of a pair; the first is the genuine one).
func (a AnomalyTruth) MoveKinds() map[int64]string {
	out := map[int64]string{}
	for _, id := range a.RoundNumber {
		out[id] = anomalyRound
	}
	for _, id := range a.AmountOutliers {
		out[id] = anomalyOutlier
	}
	for _, id := range a.OffHours {
		out[id] = anomalyOffHour
	}
	for _, d := range a.DuplicateBills {
		out[d[1]] = "duplicate_bill"
	}
	return out
}
