package credit

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Component is one part of a score, 0-100, with its weight and what drove it.
type Component struct {
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
	Score  float64 `json:"score"`
	Detail string  `json:"detail"`
}

// Score is one customer's credit assessment as of a date.
type Score struct {
	PartnerID   int64       `json:"partner_id"`
	Name        string      `json:"name"`
	AsOf        time.Time   `json:"as_of"`
	Score       float64     `json:"score"` // 0-100, higher is safer
	Grade       string      `json:"grade"` // A (best) to E
	Components  []Component `json:"components"`
	Explanation string      `json:"explanation"`

	Currency         string  `json:"currency"`
	Decimals         int     `json:"decimals"`
	OpenReceivable   int64   `json:"open_receivable"`
	Uninvoiced       int64   `json:"uninvoiced_orders"`
	DraftInvoices    int64   `json:"draft_invoices"`
	Exposure         int64   `json:"exposure"` // open + uninvoiced + drafts
	Overdue          int64   `json:"overdue"`
	OldestOverdue    int     `json:"oldest_overdue_days"`
	Volume12         int64   `json:"volume_12m"`
	WeightedDaysLate float64 `json:"weighted_days_late"`
	OnTimeShare      float64 `json:"on_time_share"`
	Invoices         int     `json:"invoices"`

	CreditLimit    int64    `json:"credit_limit"`
	SuggestedLimit int64    `json:"suggested_limit"`
	OnHold         bool     `json:"on_hold"`     // carries the hold tag now
	Hold           bool     `json:"should_hold"` // the rules say it should be held
	HoldReasons    []string `json:"hold_reasons,omitempty"`
}

// tally accumulates one customer's invoices.
type tally struct {
	open, overdue, volume int64
	oldest                int
	lateWeighted, weight  float64
	onTime, judged, count int
	first                 time.Time
}

// ScoreAll scores every customer of the input, in customer order.
func ScoreAll(in Input, p Params) ([]Score, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	tallies := make(map[int64]*tally, len(in.Customers))
	for _, c := range in.Customers {
		tallies[c.ID] = &tally{}
	}
	lookback := in.AsOf.AddDate(0, -p.LookbackMonths, 0)
	yearAgo := in.AsOf.AddDate(-1, 0, 0)
	for i := range in.Invoices {
		inv := &in.Invoices[i]
		t := tallies[in.commercial(inv.PartnerID)]
		if t == nil || inv.Date.After(in.AsOf) {
			continue
		}
		t.add(inv, in.AsOf, lookback, yearAgo, p.GraceDays)
	}
	ranks := volumeRanks(tallies)
	out := make([]Score, len(in.Customers))
	for i, c := range in.Customers {
		out[i] = score(&in, c, tallies[c.ID], ranks[c.ID], p)
	}
	return out, nil
}

func (t *tally) add(inv *Invoice, asOf, lookback, yearAgo time.Time, grace int) {
	paid, settled := inv.paidBy(asOf)
	residual := inv.Amount - paid
	t.open += residual
	if inv.Amount <= 0 {
		return // refunds lower what is open but say nothing about paying habits
	}
	t.count++
	if t.first.IsZero() || inv.Date.Before(t.first) {
		t.first = inv.Date
	}
	if inv.Date.After(yearAgo) {
		t.volume += inv.Amount
	}
	if residual > 0 && asOf.After(inv.Due) {
		t.overdue += residual
		t.oldest = max(t.oldest, days(asOf.Sub(inv.Due)))
	}
	if inv.Due.After(asOf) || inv.Date.Before(lookback) {
		return // not due yet, or too old to speak for today
	}
	late := days(asOf.Sub(inv.Due)) // still open: late so far
	if !settled.IsZero() {
		late = max(0, days(settled.Sub(inv.Due)))
	} else if residual <= 0 {
		late = 0
	}
	w := float64(inv.Amount)
	t.lateWeighted += w * float64(late)
	t.weight += w
	t.judged++
	if late <= grace {
		t.onTime++
	}
}

func days(d time.Duration) int { return int(math.Floor(d.Hours() / 24)) }

// volumeRanks places each customer's 12-month volume against the customer base's median
// on a log scale: the median customer scores 0.5, ten times the median 1, a tenth of it 0.
// A log ratio, not a percentile rank, so that customers of similar size score alike and a
// small, reliable customer is not pushed far below a large one.
func volumeRanks(tallies map[int64]*tally) map[int64]float64 {
	var vols []float64
	for _, t := range tallies {
		if t.volume > 0 {
			vols = append(vols, float64(t.volume))
		}
	}
	ranks := make(map[int64]float64, len(vols))
	if len(vols) == 0 {
		return ranks
	}
	sort.Float64s(vols)
	median := vols[len(vols)/2]
	for id, t := range tallies {
		if t.volume > 0 {
			ranks[id] = math.Min(1, math.Max(0, 0.5+math.Log10(float64(t.volume)/median)/2))
		}
	}
	return ranks
}

func score(in *Input, c Customer, t *tally, rank float64, p Params) Score {
	s := Score{PartnerID: c.ID, Name: c.Name, AsOf: in.AsOf, Currency: in.Currency, Decimals: in.Decimals, CreditLimit: c.CreditLimit, OnHold: c.OnHold,
		OpenReceivable: t.open, Overdue: t.overdue, OldestOverdue: t.oldest, Volume12: t.volume, Invoices: t.count,
		Uninvoiced: in.Uninvoiced[c.ID], DraftInvoices: in.Drafts[c.ID]}
	s.Exposure = max(0, s.OpenReceivable) + s.Uninvoiced + s.DraftInvoices
	money := func(m int64) string { return core.FormatMinor(m, in.Decimals) }
	s.Components = []Component{
		paymentComponent(&s, t, p),
		overdueComponent(&s, p, money),
		{Name: "volume", Weight: p.Weights.Volume, Score: 100 * rank,
			Detail: fmt.Sprintf("12-month volume %s, %.2gx the median customer's", money(t.volume), math.Pow(10, 2*(rank-0.5)))},
		ageComponent(c, t, in.AsOf, p),
	}
	for _, comp := range s.Components {
		s.Score += comp.Weight * comp.Score
	}
	s.Score = math.Round(s.Score*10) / 10
	s.Grade = grade(s.Score)
	s.SuggestedLimit = suggestLimit(t.volume, t.first, in.AsOf, p.LimitMonths[s.Grade])
	s.Hold, s.HoldReasons = holdRules(&s, p, money)
	s.Explanation = explain(&s)
	return s
}

func paymentComponent(s *Score, t *tally, p Params) Component {
	c := Component{Name: "payment_history", Weight: p.Weights.Payment}
	if t.judged == 0 {
		c.Score, c.Detail = 50, "no invoice due yet: payment history unknown"
		return c
	}
	s.OnTimeShare = float64(t.onTime) / float64(t.judged)
	s.WeightedDaysLate = t.lateWeighted / t.weight
	// Half for the share paid on time, half for how late the money arrives: the lateness
	// half loses about two thirds of its value at 15 days late on average, all of it by 60.
	c.Score = 50*s.OnTimeShare + 50*math.Exp(-s.WeightedDaysLate/15)
	c.Detail = fmt.Sprintf("%.0f%% of %d due invoices paid on time; %.1f days late on average, weighted by amount",
		100*s.OnTimeShare, t.judged, s.WeightedDaysLate)
	return c
}

func overdueComponent(s *Score, p Params, money func(int64) string) Component {
	c := Component{Name: "overdue", Weight: p.Weights.Overdue}
	if s.Overdue <= 0 {
		c.Score, c.Detail = 100, "nothing overdue"
		return c
	}
	share := float64(s.Overdue) / float64(max(s.Exposure, s.Overdue))
	age := math.Exp(-float64(s.OldestOverdue) / 30) // a month overdue keeps about a third
	c.Score = 50*(1-share) + 50*age
	c.Detail = fmt.Sprintf("%s overdue (%.0f%% of exposure %s), oldest %d days", money(s.Overdue), 100*share, money(s.Exposure), s.OldestOverdue)
	return c
}

func ageComponent(c Customer, t *tally, asOf time.Time, p Params) Component {
	since := t.first
	if !c.Since.IsZero() && (since.IsZero() || c.Since.Before(since)) {
		since = c.Since
	}
	comp := Component{Name: "relationship_age", Weight: p.Weights.Age}
	if since.IsZero() {
		comp.Detail = "no history"
		return comp
	}
	months := asOf.Sub(since).Hours() / 24 / 30.44
	comp.Score = 100 * math.Min(1, math.Max(0, months)/36)
	comp.Detail = fmt.Sprintf("customer for %.0f months", months)
	return comp
}

func grade(score float64) string {
	switch {
	case score >= 80:
		return "A"
	case score >= 65:
		return "B"
	case score >= 50:
		return "C"
	case score >= 35:
		return "D"
	default:
		return "E"
	}
}
