package company

import (
	"fmt"
	"time"
)

// approvalThreshold is the amount above which the company requires a second approval;
// the round-number fraud pattern sits just under it.
const approvalThreshold = 5000.0

// emitMisc writes the recurring journal entries and no-invoice bank lines, the planted
// anomalies and the month-end open items that are not documents of a partner.
func (g *generator) emitMisc() {
	r := stream(g.opts.Seed, "misc", 0)
	start := monthStart(g.opts.Today).AddDate(0, -(historyMonths - 1), 0)
	payroll := logNormalMinor(r, 18000*float64(g.sc.anomalyScale), 0.2)
	lease := logUniformMinor(r, 300, 1200)
	deprec := logUniformMinor(r, 400, 3000)
	for m := range historyMonths {
		month := start.AddDate(0, m, 0)
		g.emitMonth(r, month, payroll, lease, deprec)
		if g.w.err != nil {
			return
		}
	}
	g.emitAnomalies(stream(g.opts.Seed, "anomalies", 0))
	g.emitCloseItems(stream(g.opts.Seed, "close", 0))
}

// businessDay moves a weekend date to the next Monday: only planted entries are dated on
// weekends.
func businessDay(t time.Time) time.Time {
	switch t.Weekday() {
	case time.Saturday:
		return t.AddDate(0, 0, 2)
	case time.Sunday:
		return t.AddDate(0, 0, 1)
	}
	return t
}

func (g *generator) onOrBeforeToday(t time.Time) bool { return !t.After(g.opts.Today) }

func (g *generator) emitMonth(r randSource, month time.Time, payroll, lease, deprec int64) {
	mm := month.Format("01/2006")
	if d := businessDay(month.AddDate(0, 0, 24)); g.onOrBeforeToday(d) {
		amt := payroll * int64(between(r, 97, 104)) / 100
		g.entry(d, "Payroll "+mm, "payroll", "payroll_payable", amt, "posted", 0, time.Time{})
		if pd := businessDay(month.AddDate(0, 0, 26)); g.onOrBeforeToday(pd) {
			g.emitNoInvoiceLine(r, noInvoiceLine{date: pd, amount: -amt, account: "payroll_payable",
				label: fmt.Sprintf("SALARIES %s SEPA BATCH %s", mm, refNo(r))})
		}
	}
	if d := businessDay(month.AddDate(0, 0, 1)); g.onOrBeforeToday(d) {
		g.emitNoInvoiceLine(r, noInvoiceLine{date: d, amount: -int64(between(r, 1500, 6500)), account: "bank_fees",
			label: "BANK FEES " + monthLabel(month) + " ACCOUNT MAINTENANCE", payee: "BNP PARIBAS FORTIS"})
	}
	if d := businessDay(month.AddDate(0, 0, 4)); g.onOrBeforeToday(d) {
		g.emitNoInvoiceLine(r, noInvoiceLine{date: d, amount: -lease, account: "rent", payee: "SAFE STORAGE NV",
			label: "SEPA DD STORAGE LEASE " + mm + " REF LEASE-017"})
	}
	for range between(r, 2, 4) {
		if d := businessDay(randomDayIn(r, month, g.opts.Today)); g.onOrBeforeToday(d) {
			g.emitNoInvoiceLine(r, noInvoiceLine{date: d, amount: logUniformMinor(r, 300, 6000), account: "card_clearing",
				label: "STRIPE PAYOUT PO-" + refNo(r), payee: "STRIPE TECHNOLOGY EUROPE"})
		}
	}
	if end := month.AddDate(0, 1, -1); end.Before(monthStart(g.opts.Today)) {
		g.entry(businessDay(end.AddDate(0, 0, -2)), "Depreciation "+mm, "depreciation", "accum_depreciation", deprec, "posted", 0, time.Time{})
	}
	for range between(r, 2, 5) {
		if d := businessDay(randomDayIn(r, month, g.opts.Today)); g.onOrBeforeToday(d) {
			g.entry(d, "Office supplies", "office", "outstanding_payments", logUniformMinor(r, 15, 400), "posted", 0, time.Time{})
		}
	}
	for range between(r, 1, 3) {
		if d := businessDay(randomDayIn(r, month, g.opts.Today)); g.onOrBeforeToday(d) {
			g.entry(d, "Travel expenses", "travel", "outstanding_payments", logUniformMinor(r, 40, 1500), "posted", 0, time.Time{})
		}
	}
}

// entry writes a two-line miscellaneous entry and returns its id.
func (g *generator) entry(date time.Time, ref, debitRole, creditRole string, amount int64, state string, user int64, created time.Time) int64 {
	name := ""
	if state == "posted" {
		name = g.seq.moveName("MISC", date)
	}
	if created.IsZero() {
		created = at(date, 9+int(amount%8), int(amount%60))
	}
	m := &moveSpec{moveType: "entry", journal: "misc", name: name, state: state, date: date, ref: ref,
		created: created, user: user}
	dr := lineSpec{account: g.acc[debitRole], name: ref, debit: amount}
	cr := lineSpec{account: g.acc[creditRole], name: ref, credit: amount}
	m.lines = []lineSpec{dr, cr}
	id, _ := g.emitMove(m)
	return id
}

func (g *generator) emitAnomalies(r randSource) {
	a := &g.truth.Anomaly
	a.OutlierAccountID, a.RareUserID = g.acc["office"], g.user["temp"]
	n := g.sc.anomalyScale
	for range 4 * n {
		d := businessDay(g.opts.Today.AddDate(0, 0, -between(r, 5, 180)))
		amt := int64(pick(r, []int{4800, 4900, 4950, 4980, 4990, 4995, 4999})) * 100
		a.RoundNumber = append(a.RoundNumber, g.entry(d, "Consulting advance", "fees", "outstanding_payments", amt, "posted", g.user["ap_clerk"], time.Time{}))
	}
	for range 2 * n {
		d := businessDay(g.opts.Today.AddDate(0, 0, -between(r, 5, 360)))
		a.AmountOutliers = append(a.AmountOutliers, g.entry(d, "Office supplies", "office", "outstanding_payments", logUniformMinor(r, 18000, 60000), "posted", 0, time.Time{}))
	}
	for range 3 * n {
		d := g.opts.Today.AddDate(0, 0, -between(r, 3, 180))
		for d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			d = d.AddDate(0, 0, -1)
		}
		created := at(d, pick(r, []int{23, 0, 1, 2}), between(r, 0, 59))
		a.OffHours = append(a.OffHours, g.entry(d, "Expense reimbursement", pick(r, []string{"travel", "expense"}),
			"outstanding_payments", logUniformMinor(r, 200, 3000), "posted", g.user["temp"], created))
	}
}
