package company

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// A plan is the pure, id-free description of one partner's documents: what was invoiced
// when, and which bank transfers paid what. Plans are computed twice (once to count the
// documents per journal and day so that sequence numbers are chronological like Odoo's,
// once to emit them), so they must depend only on the seed and the partner's index.

type behaviour string

const (
	onTime       behaviour = "on_time"
	slowPayer    behaviour = "slow"
	chronicLate  behaviour = "chronic_late"
	partialPayer behaviour = "partial_payer"
	defaulter    behaviour = "defaulter"

	vendorOnTime     behaviour = "on_time"
	vendorDegrading  behaviour = "degrading"
	vendorUnreliable behaviour = "unreliable"
)

// Bank statement line case types (see doc.go).
const (
	caseExact      = "exact"
	caseTypo       = "typo_reference"
	caseStructured = "structured_reference"
	caseGrouped    = "grouped"
	casePartial    = "partial"
	caseFee        = "fee"
	casePayerName  = "payer_name"
	caseNoInvoice  = "no_invoice"
)

type invLine struct {
	product  int
	qty      int
	price    int64 // unit price, minor
	subtotal int64
	tax      int64
}

type invPlan struct {
	date, due           time.Time
	lines               []invLine
	untaxed, tax, total int64
	refKind             string // "", "rf" or "be": structured payment reference
	draft               bool
	paid                int64 // by reconciled payments (incl. written-off fees)
	payments            int   // bank transfers (reconciled or not) that pay it
	origin              int   // index of the sale/purchase order it comes from, -1 if none
	ref, originName     string
	orderDate           time.Time // customer invoices made from a sale order: the order's date
	dupOf               int       // vendor bills: 1 + index of the bill this one duplicates, 0 = none
}

type alloc struct {
	inv    int
	amount int64 // minor, settled on the invoice (fee case: the whole total)
}

type payPlan struct {
	date       time.Time
	amount     int64 // bank amount, positive (sign applied by the side)
	fee        int64 // bank fee written off to the fee account
	allocs     []alloc
	kind       string
	reconciled bool
	noPartner  bool // the bank file did not carry a partner Odoo could recognise
	noise      uint64
}

// weekStart returns the Monday of t's week.
func weekStart(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// recentDays is the window in which bank lines may still be unreconciled.
const recentDays = 45

// unreconciledShare of recent bank lines left for the matcher.
const unreconciledShare = 0.38

func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// randomDayIn returns a business day of month m (a month start) not after today. Documents
// are dated on business days so that weekend postings are only the planted anomalies.
func randomDayIn(r *rand.Rand, m, today time.Time) time.Time {
	last := m.AddDate(0, 1, -1)
	if last.After(today) {
		last = today
	}
	span := int(last.Sub(m).Hours()/24) + 1
	d := weekdayBack(m.AddDate(0, 0, r.IntN(span)))
	if d.Before(m) { // the month starts on a weekend: take its first Monday if it has come
		if mon := businessDay(m); !mon.After(today) {
			return mon
		}
	}
	return d
}

// weekdayBack moves a weekend date back to the Friday before.
func weekdayBack(t time.Time) time.Time {
	switch t.Weekday() {
	case time.Saturday:
		return t.AddDate(0, 0, -1)
	case time.Sunday:
		return t.AddDate(0, 0, -2)
	}
	return t
}

// poisson draws a Poisson variate (Knuth; fine for the small means used here).
func poisson(r *rand.Rand, mean float64) int {
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// schedulePayment returns when an invoice gets paid under a behaviour, as one or two
// installments (amount fractions in per mille). ok=false means never.
func schedulePayment(r *rand.Rand, b behaviour, inv *invPlan, onset time.Time) (dates []time.Time, permille []int64) {
	due := inv.due
	switch b {
	case onTime:
		// 2-10 days early: after the weekend shift and weekly grouping it is still within
		// the 5-day grace, so an on-time customer is never labelled late
		d := due.AddDate(0, 0, -between(r, 2, 10))
		if !d.After(inv.date) {
			d = inv.date.AddDate(0, 0, 1)
		}
		return []time.Time{d}, []int64{1000}
	case slowPayer:
		return []time.Time{due.AddDate(0, 0, between(r, 5, 20))}, []int64{1000}
	case chronicLate:
		return []time.Time{due.AddDate(0, 0, between(r, 30, 90))}, []int64{1000}
	case partialPayer:
		first := int64(between(r, 40, 60) * 10)
		return []time.Time{due.AddDate(0, 0, between(r, 0, 15)), due.AddDate(0, 0, between(r, 25, 60))},
			[]int64{first, 1000 - first}
	default: // defaulter: pays slowly until the onset, then stops
		if !due.Before(onset) {
			return nil, nil
		}
		return []time.Time{due.AddDate(0, 0, between(r, 5, 25))}, []int64{1000}
	}
}

// groupPayments merges single-installment payments scheduled in the same month into one
// transfer of 2-4 invoices (the "grouped" case): a customer's monthly payment run, made on
// the earliest scheduled date, so grouping never makes a payment later. An invoice joins a
// run only if it was issued before the run's date.
func groupPayments(r randSource, pays []payPlan, invs []invPlan) []payPlan {
	byMonth := map[time.Time][]int{}
	var months []time.Time
	for i, p := range pays {
		if p.kind != "" || len(p.allocs) != 1 {
			continue
		}
		m := monthStart(p.date)
		if _, ok := byMonth[m]; !ok {
			months = append(months, m)
		}
		byMonth[m] = append(byMonth[m], i)
	}
	merged := map[int]bool{}
	var out []payPlan
	for _, m := range months {
		idx := byMonth[m] // in date order: pays are planned invoice by invoice, dates sorted below
		slices.SortStableFunc(idx, func(a, b int) int { return pays[a].date.Compare(pays[b].date) })
		for len(idx) >= 2 {
			grp := payPlan{kind: caseGrouped, date: pays[idx[0]].date}
			limit := between(r, 2, 4)
			var rest []int
			for _, i := range idx {
				if len(grp.allocs) < limit && invs[pays[i].allocs[0].inv].date.Before(grp.date) {
					grp.allocs = append(grp.allocs, pays[i].allocs...)
					grp.amount += pays[i].amount
					merged[i] = true
				} else {
					rest = append(rest, i)
				}
			}
			if len(grp.allocs) >= 2 {
				out = append(out, grp)
			} else {
				for _, i := range idx[:1] {
					delete(merged, i)
				}
				rest = idx[1:]
			}
			idx = rest
		}
	}
	for i, p := range pays {
		if !merged[i] {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b payPlan) int { return a.date.Compare(b.date) })
	return out
}

// settle decides, per payment, whether it is reconciled (all but a share of the recent
// ones) and accumulates what each invoice has been paid by reconciled payments.
func settle(r *rand.Rand, today time.Time, invs []invPlan, pays []payPlan) {
	recent := today.AddDate(0, 0, -recentDays)
	for i := range pays {
		p := &pays[i]
		p.noise = r.Uint64()
		for _, a := range p.allocs {
			invs[a.inv].payments++
		}
		p.reconciled = p.date.Before(recent) || !chance(r, unreconciledShare)
		if !p.reconciled && (p.kind == casePayerName || chance(r, 0.25)) {
			p.noPartner = true
		}
		if !p.reconciled {
			continue
		}
		for _, a := range p.allocs {
			invs[a.inv].paid += a.amount
		}
	}
}
