package business

import (
	"math"

	"github.com/smartodoo/smartodoo/internal/core"
)

// All money in this package is computed in integer minor units of the company currency and
// converted to Odoo's float only when stored, so that sums of rounded amounts stay exact the
// way Odoo's currency.round() keeps them.

// taxSpec is the part of an account.tax that the simulator computes with.
type taxSpec struct {
	ID        int64
	Name      string
	Amount    float64 // percent for percent/division, per-unit amount for fixed
	Type      string  // "percent", "fixed" or "division"
	Included  bool    // price_include (18: price_include_override == "tax_included")
	AccountID int64   // account of the tax line; 0 = the base line's account
}

// lineSpec is one invoice product line as priced by the user.
type lineSpec struct {
	Quantity  float64
	PriceUnit float64
	Discount  float64 // percent
	Taxes     []taxSpec
}

// taxAmount is one tax applied to one line, in minor units.
type taxAmount struct {
	Tax    taxSpec
	Base   int64
	Amount int64
}

// lineAmounts is what Odoo shows as price_subtotal / price_total and the taxes behind them.
type lineAmounts struct {
	Subtotal int64 // tax excluded
	Total    int64 // tax included
	Taxes    []taxAmount
}

// computeLine prices a line the way Odoo 18's round_per_line tax computation does for
// simple taxes: included taxes are extracted from the price first, excluded taxes are then
// computed on the tax-excluded base; every tax amount is rounded to the currency on its own.
// Group taxes and include_base_amount chains are not simulated.
func computeLine(l lineSpec, decimals int) lineAmounts {
	gross := l.Quantity * l.PriceUnit * (1 - l.Discount/100)
	grossMinor := core.MinorFromFloat(gross, decimals)
	scale := math.Pow10(decimals)

	var inclPct, inclFixed float64
	for _, t := range l.Taxes {
		if !t.Included {
			continue
		}
		switch t.Type {
		case "fixed":
			inclFixed += t.Amount * l.Quantity * scale
		case "percent":
			inclPct += t.Amount
		}
	}
	// Tax-excluded base in minor units, before rounding.
	base := (float64(grossMinor) - inclFixed) / (1 + inclPct/100)
	baseMinor := int64(math.Round(base))

	out := lineAmounts{Subtotal: baseMinor}
	var taxTotal int64
	for _, t := range l.Taxes {
		amt := taxOn(t, base, l.Quantity, scale)
		out.Taxes = append(out.Taxes, taxAmount{Tax: t, Base: baseMinor, Amount: amt})
		taxTotal += amt
	}
	out.Total = baseMinor + taxTotal
	if inclPct > 0 || inclFixed > 0 {
		// Odoo keeps the included price intact: the rounding difference goes to the base.
		var excl int64
		for _, ta := range out.Taxes {
			if !ta.Tax.Included {
				excl += ta.Amount
			}
		}
		out.Subtotal = grossMinor - (taxTotal - excl)
		out.Total = grossMinor + excl
		for i := range out.Taxes {
			out.Taxes[i].Base = out.Subtotal
		}
	}
	return out
}

// taxOn is one tax's amount in minor units, rounded once from the unrounded base (so an
// included 21% on 10.00 is 1.74, as in Odoo, not 21% of the rounded 8.26).
func taxOn(t taxSpec, base, qty, scale float64) int64 {
	switch t.Type {
	case "fixed":
		return int64(math.Round(t.Amount * qty * scale))
	case "division":
		if t.Amount >= 100 {
			return 0
		}
		return int64(math.Round(base/(1-t.Amount/100) - base))
	default: // percent, included or not, is a share of the tax-excluded base
		return int64(math.Round(base * t.Amount / 100))
	}
}

// taxGroupKey groups tax amounts into one tax line per (tax, account), like Odoo's
// tax lines keyed by tax repartition line.
type taxGroupKey struct {
	TaxID     int64
	AccountID int64
}

// taxLine is one aggregated tax line of a move, in minor units.
type taxLine struct {
	Key    taxGroupKey
	Name   string
	Base   int64
	Amount int64
}

// groupTaxes sums the per-line tax amounts into tax lines, in first-seen order so that the
// created lines have a stable order. fallbackAccount[i] is the account of line i, used when a
// tax has no account of its own.
func groupTaxes(lines []lineAmounts, fallbackAccount []int64) []taxLine {
	var out []taxLine
	index := map[taxGroupKey]int{}
	for i, l := range lines {
		for _, ta := range l.Taxes {
			acc := ta.Tax.AccountID
			if acc == 0 && i < len(fallbackAccount) {
				acc = fallbackAccount[i]
			}
			k := taxGroupKey{TaxID: ta.Tax.ID, AccountID: acc}
			j, ok := index[k]
			if !ok {
				j = len(out)
				index[k] = j
				out = append(out, taxLine{Key: k, Name: ta.Tax.Name})
			}
			out[j].Base += ta.Base
			out[j].Amount += ta.Amount
		}
	}
	return out
}
