package credit

import (
	"context"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/simtest"
)

var demoToday = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// simSink lets the generator write into a simulator: raw inserts, and lookups of the
// reference data the simulator already seeded.
type demoCompany struct {
	client *odoo.Client
	truth  *company.Truth
}

// demoOdoo is the demo company of seed (default 1) in a simulator, reached over HTTP (simtest).
func demoOdoo(t testing.TB, seed ...int64) demoCompany {
	t.Helper()
	s := int64(1)
	if len(seed) > 0 {
		s = seed[0]
	}
	c := simtest.Get(t, s, company.SizeDemo)
	return demoCompany{client: c.Client, truth: c.Truth}
}

func TestDemoLoad(t *testing.T) {
	d := demoOdoo(t)
	start := time.Now()
	snap, err := Load(context.Background(), d.client, d.truth.Company.ID, demoToday, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %d customers, %d invoices in %v", len(snap.Input.Customers), len(snap.Input.Invoices), time.Since(start))
}

// TestDemoHolds: held customers are exactly those the generator's hold rule names; its
// exposure is ours by default ("total": open receivables + draft invoices + confirmed
// orders not invoiced). The "receivable" mode is logged for comparison.
func TestDemoHolds(t *testing.T) {
	d := demoOdoo(t)
	for _, mode := range []string{"total", "receivable"} {
		p := DefaultParams()
		p.HoldExposure = mode
		snap, err := Load(context.Background(), d.client, d.truth.Company.ID, demoToday, p)
		if err != nil {
			t.Fatal(err)
		}
		scores, err := ScoreAll(snap.Input, p)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]Score{}
		for _, s := range scores {
			byID[s.PartnerID] = s
		}
		var agree, extra, missed int
		for _, c := range d.truth.Credit.Customers {
			s := byID[c.PartnerID]
			switch {
			case s.Hold && c.OnHold:
				agree++
			case s.Hold:
				extra++
				t.Logf("%s: extra hold of %d: %v (drafts %d, orders %d)", mode, c.PartnerID, s.HoldReasons, s.DraftInvoices, s.Uninvoiced)
			case c.OnHold:
				missed++
				t.Logf("%s: missed hold of %d: %v", mode, c.PartnerID, c.HoldReasons)
			}
		}
		t.Logf("hold_exposure=%s: %d holds agree with the truth, %d extra, %d missed", mode, agree, extra, missed)
		if mode == "total" && (extra > 0 || missed > 0) {
			t.Errorf("default exposure must hold exactly the truth's customers: %d extra, %d missed", extra, missed)
		}
	}
}

// TestDemoBacktest scores customers at the truth's cut-off (today - 90 days) and checks
// that those who then paid late rank below those who paid on time. The population that
// can be judged is the customers with an invoice falling due in the 90 days; the AUC over
// every customer (those with nothing due count as "on time") is logged as well.
func TestDemoBacktest(t *testing.T) {
	d := demoOdoo(t)
	snap, err := Load(context.Background(), d.client, d.truth.Company.ID, demoToday, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	cutoff, err := time.Parse("2006-01-02", d.truth.Credit.Cutoff)
	if err != nil {
		t.Fatal(err)
	}
	back := snap.Input
	back.AsOf = cutoff
	past, err := ScoreAll(back, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]Score{}
	for _, s := range past {
		byID[s.PartnerID] = s
	}
	due := map[int64]bool{}
	for _, inv := range snap.Input.Invoices {
		if inv.Amount > 0 && inv.Due.After(cutoff) && !inv.Due.After(demoToday) {
			due[snap.Input.commercial(inv.PartnerID)] = true
		}
	}
	var all, judged []float64
	var allBad, judgedBad []bool
	for _, c := range d.truth.Credit.Customers {
		s, ok := byID[c.PartnerID]
		if !ok || s.Invoices == 0 {
			continue // no history at the cut-off: nothing to score from
		}
		all, allBad = append(all, s.Score), append(allBad, c.LateAfterCutoff)
		if due[c.PartnerID] {
			judged, judgedBad = append(judged, s.Score), append(judgedBad, c.LateAfterCutoff)
		}
	}
	aucAll, err := AUC(all, allBad)
	if err != nil {
		t.Fatal(err)
	}
	auc, err := AUC(judged, judgedBad)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backtest at %s: AUC %.3f over %d customers with an invoice due in the next 90 days; %.3f over all %d scored customers",
		d.truth.Credit.Cutoff, auc, len(judged), aucAll, len(all))
	if auc < 0.85 {
		t.Errorf("AUC %.3f below 0.85", auc)
	}
}
