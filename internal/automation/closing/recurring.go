package closing

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// recurringKey is what makes two entries "the same entry again": the partner and the
// account, or for entries without partner the account and the label.
type recurringKey struct {
	partner, account int64
	label            string
}

// series is one recurring entry's history: the months it was posted and its amounts.
type series struct {
	key      recurringKey
	partner  string
	months   map[string]bool
	perMonth map[string]int // postings per month: a recurring entry comes once
	days     []int
	amounts  []int64
	last     Move
}

// checkRecurring (8) learns entries posted once a month, for about the same amount, in
// each of the RecurringMonths months before the period (rent, subscriptions, utilities,
// depreciation, payroll) and reports those not posted in it once the usual day of the
// month (plus a grace) has passed. Vendor bills are keyed by vendor and expense account,
// miscellaneous entries by account and label. Bank and cash entries are left out: a
// customer paying every month is not an entry the accountant must book.
func checkRecurring(in *Input, p Params) []core.Finding {
	learn := in.Period.From.AddDate(0, -p.RecurringMonths, 0)
	moves := map[int64]Move{}
	for _, m := range in.Moves {
		regular := m.Type == "in_invoice" || m.Type == "entry" && (m.Journal == "general" || m.Journal == "")
		if m.State == "posted" && regular && !m.Date.Before(learn) && !m.Date.After(in.Period.To) {
			moves[m.ID] = m
		}
	}
	all := map[recurringKey]*series{}
	for _, l := range in.Lines {
		m, ok := moves[l.MoveID]
		if !ok || l.Balance <= 0 || l.DisplayType == "tax" || l.DisplayType == "payment_term" {
			continue // the debit side names what the entry is for
		}
		k := recurringKey{partner: m.PartnerID, account: l.AccountID}
		if m.PartnerID == 0 {
			k.label = strings.ToLower(strings.TrimSpace(l.Name))
		}
		s := all[k]
		if s == nil {
			s = &series{key: k, partner: m.Partner, months: map[string]bool{}, perMonth: map[string]int{}}
			all[k] = s
		}
		month := m.Date.Format("2006-01")
		s.perMonth[month]++
		if s.months[month] {
			continue
		}
		s.months[month] = true
		if m.Date.Before(in.Period.From) {
			s.days, s.amounts = append(s.days, m.Date.Day()), append(s.amounts, l.Balance)
			if m.Date.After(s.last.Date) {
				s.last = m
			}
		}
	}
	var out []core.Finding
	for _, s := range all {
		if f, ok := missing(in, p, s); ok {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out
}

// missing reports a series posted in each of the RecurringMonths months before the period
// but not in it, when the period is over or its usual day is RecurringGrace days past.
func missing(in *Input, p Params, s *series) (core.Finding, bool) {
	if s.months[in.Period.String()] {
		return core.Finding{}, false
	}
	for k := 1; k <= p.RecurringMonths; k++ {
		month := in.Period.From.AddDate(0, -k, 0).Format("2006-01")
		if !s.months[month] || s.perMonth[month] > 1 {
			return core.Finding{}, false // absent, or several a month: trade, not a recurring charge
		}
	}
	typical := medianInt64(s.amounts)
	for _, a := range s.amounts[max(0, len(s.amounts)-p.RecurringMonths):] {
		if math.Abs(float64(a-typical)) > 0.25*float64(typical) {
			return core.Finding{}, false // amounts vary too much to call it the same charge
		}
	}
	usualDay := medianInt(s.days)
	due := in.Period.From.AddDate(0, 0, usualDay-1+p.RecurringGrace)
	if due.After(in.Period.To) {
		due = in.Period.To
	}
	if in.Today.Before(due) {
		return core.Finding{}, false // not late yet
	}
	label := s.key.label
	if label == "" {
		label = in.Accounts[s.key.account]
	}
	title := fmt.Sprintf("No %s from %s in %s (posted every month before, usually around day %d)", label, s.partner, in.Period, usualDay)
	if s.partner == "" {
		title = fmt.Sprintf("No %q entry in %s (posted every month before, usually around day %d)", label, in.Period, usualDay)
	}
	refs := []core.RecordRef{moveRef(s.last), {Model: "account.account", ID: s.key.account, Name: in.Accounts[s.key.account]}}
	if s.key.partner != 0 {
		refs = append(refs, core.RecordRef{Model: "res.partner", ID: s.key.partner, Name: s.partner})
	}
	return in.finding(KindMissingRecurring, core.SeverityWarning, typical, title,
		fmt.Sprintf("Typical amount %s; last one %s on %s.", in.fmtMoney(typical), nameOr(s.last), s.last.Date.Format("2006-01-02")), refs...), true
}

func medianInt(v []int) int {
	if len(v) == 0 {
		return 1
	}
	c := append([]int(nil), v...)
	sort.Ints(c)
	return c[len(c)/2]
}

func medianInt64(v []int64) int64 {
	if len(v) == 0 {
		return 0
	}
	c := append([]int64(nil), v...)
	sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
	return c[len(c)/2]
}
