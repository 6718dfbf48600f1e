package web

import (
	"fmt"
	"math"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Currency is how the company's money is written: Odoo's res.currency.
type Currency struct {
	Code     string // ISO code, e.g. EUR
	Symbol   string // e.g. €
	Before   bool   // symbol before the amount (position "before")
	Decimals int
}

// defaultCurrency is used until Odoo has told us the company's currency.
var defaultCurrency = Currency{Code: "EUR", Symbol: "€", Decimals: 2}

// formatter renders numbers and times for one user: their language and timezone, the
// company's currency.
type formatter struct {
	printer *message.Printer
	loc     *time.Location
	cur     Currency
}

func newFormatter(lang, tz string, cur Currency) formatter {
	tag := language.Make(strings.ReplaceAll(cmpOr(lang, "en_US"), "_", "-"))
	loc, err := time.LoadLocation(cmpOr(tz, "UTC"))
	if err != nil {
		loc = time.UTC
	}
	return formatter{printer: message.NewPrinter(tag), loc: loc, cur: cur}
}

// money renders minor units of the company currency with the user's separators.
func (f formatter) Money(minor int64) string {
	return f.MoneyIn(minor, f.cur)
}

func (f formatter) MoneyIn(minor int64, c Currency) string {
	v := float64(minor) / math.Pow10(c.Decimals)
	s := f.printer.Sprint(number.Decimal(math.Abs(v), number.Scale(c.Decimals)))
	sign := ""
	if minor < 0 {
		sign = "−"
	}
	sym := cmpOr(c.Symbol, c.Code)
	if c.Before {
		return sign + sym + "\u00a0" + s
	}
	return sign + s + "\u00a0" + sym
}

// coreMoney renders a core.Money: in the company currency when it is one, else with its code.
func (f formatter) CoreMoney(m *core.Money) string {
	if m == nil {
		return ""
	}
	if m.Currency == "" || m.Currency == f.cur.Code {
		return f.Money(m.Minor)
	}
	return f.MoneyIn(m.Minor, Currency{Code: m.Currency, Symbol: m.Currency, Decimals: 2})
}

// Compact renders an amount for a chart axis: "€ 150k", "$ 1.2M".
func (f formatter) Compact(minor int64) string {
	v := float64(minor) / math.Pow10(f.cur.Decimals)
	abs, unit, dec := math.Abs(v), "", 0
	switch {
	case abs >= 1e6:
		v, unit, dec = v/1e6, "M", 1
	case abs >= 1e3:
		v, unit = v/1e3, "k"
	}
	if dec > 0 && v == math.Trunc(v) {
		dec = 0
	}
	s := f.Num(v, dec) + unit
	sym := cmpOr(f.cur.Symbol, f.cur.Code)
	if f.cur.Before {
		return sym + s
	}
	return s + " " + sym
}

func (f formatter) Num(v float64, decimals int) string {
	return f.printer.Sprint(number.Decimal(v, number.Scale(decimals)))
}

// when renders an instant in the user's timezone.
func (f formatter) When(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(f.loc).Format("2 Jan 2006 15:04")
}

func (f formatter) WhenPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return f.When(*t)
}

// day renders a calendar date (Odoo dates have no timezone).
func (f formatter) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}

// duration renders how long a run took, or has been running.
func duration(start, end *time.Time, now time.Time) string {
	if start == nil {
		return ""
	}
	stop := now
	if end != nil {
		stop = *end
	}
	d := stop.Sub(*start)
	switch {
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1f s", d.Seconds())
	default:
		return d.Round(time.Second).String()
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
