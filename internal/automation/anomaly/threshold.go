package anomaly

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// ThresholdOptions tune the just-below-threshold test: amounts kept under an approval
// limit (4,950 when 5,000 needs a second signature) pile up in the band just below it.
type ThresholdOptions struct {
	Decimals int // of the company currency; default 2
	// Thresholds in major units. Empty: every 1, 2, 2.5 and 5 x 10^k from 1,000 to 1,000,000,
	// the limits approval policies are usually set at.
	Thresholds []int64
	Band       float64 // width of the band below (and above) the threshold, as a share; default 0.05
	// MinCount is the fewest distinct amounts below that make a cluster; default 4. Distinct,
	// because a monthly bill of the same 24,500 is a recurring charge, not a pattern of
	// amounts kept under 25,000.
	MinCount int
	// Ratio: the band below must hold at least Ratio x (count in the band above + 1); default 3.
	Ratio float64
	// Alpha is the family-wise significance of the binomial test "more below than above"
	// (p = 0.5 each side), Bonferroni-corrected over every account and threshold tried:
	// with thirty accounts and two dozen thresholds, a 6-to-1 split turns up by chance.
	// Default 0.05.
	Alpha float64
}

func (o ThresholdOptions) withDefaults() ThresholdOptions {
	if o.Decimals == 0 {
		o.Decimals = 2
	}
	if len(o.Thresholds) == 0 {
		for p := int64(1000); p <= 1_000_000; p *= 10 {
			o.Thresholds = append(o.Thresholds, p, 2*p, 5*p/2, 5*p)
		}
	}
	if o.Band <= 0 {
		o.Band = 0.05
	}
	if o.MinCount <= 0 {
		o.MinCount = 4
	}
	if o.Ratio <= 0 {
		o.Ratio = 3
	}
	if o.Alpha <= 0 {
		o.Alpha = 0.05
	}
	return o
}

// ThresholdCluster is an account where amounts crowd just under a threshold.
type ThresholdCluster struct {
	AccountID int64   `json:"account_id"`
	Account   string  `json:"account,omitempty"`
	Threshold int64   `json:"threshold"` // major units
	Below     int     `json:"below"`
	Distinct  int     `json:"distinct_below"`
	Above     int     `json:"above"`
	Ratio     float64 `json:"ratio"`
	P         float64 `json:"p_value"` // one-sided binomial, before correction
	Rows      []int   `json:"rows"`
}

// BelowThreshold finds, per account, thresholds with many more amounts just below than
// just above. For Benford-like amounts the two bands hold about as many (slightly fewer
// above), so a lopsided pair is a sign of amounts being kept under a limit.
func BelowThreshold(entries []Entry, opt ThresholdOptions) []ThresholdCluster {
	opt = opt.withDefaults()
	scale := math.Pow10(opt.Decimals)
	var out []ThresholdCluster
	tests := 0
	for account, idx := range groupIndices(entries, ByAccount) {
		for _, t := range opt.Thresholds {
			limit := float64(t) * scale
			lo, hi := limit*(1-opt.Band), limit*(1+opt.Band)
			c := ThresholdCluster{AccountID: account.id, Account: entries[idx[0]].Account, Threshold: t}
			distinct := map[int64]bool{}
			for _, i := range idx {
				a := float64(absInt(entries[i].Amount))
				switch {
				case a >= lo && a < limit:
					c.Below++
					c.Rows = append(c.Rows, int(i))
					distinct[absInt(entries[i].Amount)] = true
				case a >= limit && a < hi:
					c.Above++
				}
			}
			if c.Below+c.Above < opt.MinCount {
				continue
			}
			tests++
			c.Ratio = float64(c.Below) / float64(c.Above+1)
			c.Distinct = len(distinct)
			if c.Distinct >= opt.MinCount && c.Ratio >= opt.Ratio {
				n := float64(c.Below + c.Above)
				c.P = 1 - distuv.Binomial{N: n, P: 0.5}.CDF(float64(c.Below-1))
				out = append(out, c)
			}
		}
	}
	kept := out[:0]
	for _, c := range out {
		if c.P < opt.Alpha/float64(max(1, tests)) {
			kept = append(kept, c)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].P < kept[j].P })
	return kept
}
