package company

import (
	"fmt"
	"time"
)

// approvalThreshold is the amount above which the company requires a second approval;
// the round-number fraud pattern sits just under it.
const approvalThreshold = 5000.0

// plannedEntry is a miscellaneous entry paid with the company credit card; the planted
// anomalies are such entries too, so they are emitted month by month with the others and
// included in the card statement that the bank pays.
type plannedEntry struct {
	date          time.Time
	ref, debit    string
	amount        int64
	user          int64
	created       time.Time
	kind          string // anomaly kind, "" for a normal entry
	outlierAmount bool
}

// monthState carries what one month leaves to the next.
type monthState struct {
	cardDue int64 // card expenses of the previous month, paid early in this month
}

// emitMisc writes the recurring journal entries and no-invoice bank lines, the planted
// anomalies and the month-end open items that are not documents of a partner.
func (g *generator) emitMisc() {
	r := stream(g.opts.Seed, "misc", 0)
	start := monthStart(g.opts.Today).AddDate(0, -(historyMonths - 1), 0)
	payroll := logNormalMinor(r, 18000*float64(g.sc.anomalyScale), 0.2)
	lease := logUniformMinor(r, 300, 1200)
	deprec := logUniformMinor(r, 400, 3000)
	anomalies := g.planAnomalies(stream(g.opts.Seed, "anomalies", 0))
	g.truth.Anomaly.OutlierAccountID, g.truth.Anomaly.RareUserID = g.acc["office"], g.user["temp"]
	var st monthState
	for m := range historyMonths {
		month := start.AddDate(0, m, 0)
		g.emitMonth(r, month, payroll, lease, deprec, anomalies, &st)
		if g.w.err != nil {
			return
		}
	}
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

func (g *generator) emitMonth(r randSource, month time.Time, payroll, lease, deprec int64, anomalies []plannedEntry, st *monthState) {
	mm := month.Format("01/2006")
	complete := month.AddDate(0, 1, 0).Before(g.opts.Today) || month.AddDate(0, 1, 0).Equal(g.opts.Today)
	if d := businessDay(month.AddDate(0, 0, 2)); st.cardDue > 0 && g.onOrBeforeToday(d) {
		g.emitNoInvoiceLine(r, noInvoiceLine{date: d, amount: -st.cardDue, account: "credit_card", payee: "VISA BUSINESS",
			label: "VISA BUSINESS CARD STATEMENT " + month.AddDate(0, -1, 0).Format("01/2006")})
	}
	st.cardDue = 0
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
	var payouts int64
	for range between(r, 2, 4) {
		if d := businessDay(randomDayIn(r, month, g.opts.Today)); g.onOrBeforeToday(d) {
			amt := logUniformMinor(r, 300, 6000)
			payouts += amt
			g.emitNoInvoiceLine(r, noInvoiceLine{date: d, amount: amt, account: "card_clearing",
				label: "STRIPE PAYOUT PO-" + refNo(r), payee: "STRIPE TECHNOLOGY EUROPE"})
		}
	}
	end := businessDay(month.AddDate(0, 1, -3))
	if complete {
		// the webshop's card sales of the month, booked at month end: clears the payouts
		g.entry(end, "Webshop card sales "+mm, "card_clearing", "income", payouts, "posted", 0, time.Time{})
		g.entry(end, "Depreciation "+mm, "depreciation", "accum_depreciation", deprec, "posted", 0, time.Time{})
	}
	for _, e := range g.cardExpenses(r, month, anomalies) {
		id := g.entry(e.date, e.ref, e.debit, "credit_card", e.amount, "posted", e.user, e.created)
		g.recordAnomaly(e, id)
		st.cardDue += e.amount
	}
}

// cardExpenses are the month's office and travel expenses paid by card, in date order,
// with the planted anomalies of the month among them.
func (g *generator) cardExpenses(r randSource, month time.Time, anomalies []plannedEntry) []plannedEntry {
	var out []plannedEntry
	for range between(r, 2, 5) {
		if d := businessDay(randomDayIn(r, month, g.opts.Today)); g.onOrBeforeToday(d) {
			out = append(out, plannedEntry{date: d, ref: "Office supplies", debit: "office", amount: logUniformMinor(r, 15, 400)})
		}
	}
	for range between(r, 1, 3) {
		if d := businessDay(randomDayIn(r, month, g.opts.Today)); g.onOrBeforeToday(d) {
			out = append(out, plannedEntry{date: d, ref: "Travel expenses", debit: "travel", amount: logUniformMinor(r, 40, 1500)})
		}
	}
	for _, a := range anomalies {
		if monthStart(a.date).Equal(month) {
			out = append(out, a)
		}
	}
	return out
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

// Anomaly kinds (the truth's field names).
const (
	anomalyRound   = "round_number"
	anomalyOutlier = "amount_outlier"
	anomalyOffHour = "off_hours"
)

// planAnomalies draws the planted anomalous entries: round amounts just under the approval
// threshold, amount outliers on Office Supplies, weekend-night entries by the rare user.
func (g *generator) planAnomalies(r randSource) []plannedEntry {
	var out []plannedEntry
	n := g.sc.anomalyScale
	for range 4 * n {
		d := businessDay(g.opts.Today.AddDate(0, 0, -between(r, 5, 180)))
		amt := int64(pick(r, []int{4800, 4900, 4950, 4980, 4990, 4995, 4999})) * 100
		out = append(out, plannedEntry{date: d, ref: "Consulting advance", debit: "fees", amount: amt,
			user: g.user["ap_clerk"], kind: anomalyRound})
	}
	for range 2 * n {
		d := businessDay(g.opts.Today.AddDate(0, 0, -between(r, 5, 360)))
		out = append(out, plannedEntry{date: d, ref: "Office supplies", debit: "office",
			amount: logUniformMinor(r, 18000, 60000), kind: anomalyOutlier})
	}
	for range 3 * n {
		d := g.opts.Today.AddDate(0, 0, -between(r, 3, 180))
		for d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			d = d.AddDate(0, 0, -1)
		}
		out = append(out, plannedEntry{date: d, ref: "Expense reimbursement", debit: pick(r, []string{"travel", "expense"}),
			amount: logUniformMinor(r, 200, 3000), user: g.user["temp"], kind: anomalyOffHour,
			created: at(d, pick(r, []int{23, 0, 1, 2}), between(r, 0, 59))})
	}
	return out
}

func (g *generator) recordAnomaly(e plannedEntry, id int64) {
	a := &g.truth.Anomaly
	switch e.kind {
	case anomalyRound:
		a.RoundNumber = append(a.RoundNumber, id)
	case anomalyOutlier:
		a.AmountOutliers = append(a.AmountOutliers, id)
	case anomalyOffHour:
		a.OffHours = append(a.OffHours, id)
	}
}
