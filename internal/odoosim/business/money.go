package business

import (
	"math"

	"github.com/smartodoo/smartodoo/internal/core"
)

// minor converts a currency float to minor units (half away from zero, like float_round).
func minor(f float64, decimals int) int64 { return core.MinorFromFloat(f, decimals) }

// major converts minor units back to the float Odoo stores.
func major(m int64, decimals int) float64 { return core.FloatFromMinor(m, decimals) }

// decimalsOf turns res.currency.rounding (0.01) into a number of decimal places (2).
func decimalsOf(rounding float64) int {
	if rounding <= 0 {
		return 2
	}
	d := int(math.Round(-math.Log10(rounding)))
	return max(d, 0)
}

// absMinor is |m|.
func absMinor(m int64) int64 {
	if m < 0 {
		return -m
	}
	return m
}
