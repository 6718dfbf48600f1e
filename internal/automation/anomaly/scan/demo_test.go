package scan

import (
	"context"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/automation/anomaly"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/simtest"
)

var demoToday = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

type demoCompany struct {
	client *odoo.Client
	truth  *company.Truth
}

// demoOdoo is the demo company of seed in a simulator, reached over HTTP (simtest).
func demoOdoo(t testing.TB, seed int64) demoCompany {
	t.Helper()
	c := simtest.Get(t, seed, company.SizeDemo)
	return demoCompany{client: c.Client, truth: c.Truth}
}

// score compares the moves a kind of finding names with the planted ones.
func score(findings []core.Finding, kind string, planted []int64, pick func(core.Finding) int64) (tp, fp, fn int) {
	want := map[int64]bool{}
	for _, id := range planted {
		want[id] = true
	}
	got := map[int64]bool{}
	for _, f := range findings {
		if f.Kind == kind {
			got[pick(f)] = true
		}
	}
	for id := range got {
		if want[id] {
			tp++
		} else {
			fp++
		}
	}
	return tp, fp, len(want) - tp
}

func firstMove(f core.Finding) int64 { return f.Records[0].ID }

func TestDemoAnomalies(t *testing.T) {
	for _, seed := range []int64{1, 3} {
		d := demoOdoo(t, seed)
		data, err := Load(context.Background(), d.client, d.truth.Company.ID, Period{})
		if err != nil {
			t.Fatal(err)
		}
		rep := anomaly.Scan(anomaly.ScanInput{Entries: data.Entries, Bills: data.Bills, Currency: data.Currency, Decimals: data.Decimals, MaxPerKind: 100000}, demoToday)
		a := d.truth.Anomaly
		var dups []int64
		for _, p := range a.DuplicateBills {
			dups = append(dups, p[1])
		}
		// The truth's round_number kind is amounts just under the 5,000 approval threshold;
		// off_hours entries are dated on a weekend and recorded at night by the rarely-posting
		// temp user, so they are what weekend_entry, after_hours and unusual_poster must find.
		cases := []struct {
			kind     string
			planted  []int64
			pick     func(core.Finding) int64
			measured bool
		}{
			{anomaly.KindBelowLimit, a.RoundNumber, firstMove, true},
			{anomaly.KindDuplicateBill, dups, func(f core.Finding) int64 { return f.Records[1].ID }, true},
			{anomaly.KindOutlier, a.AmountOutliers, firstMove, true},
			{anomaly.KindAfterHours, a.OffHours, firstMove, true},
			{anomaly.KindRareUser, a.OffHours, firstMove, true},
			{anomaly.KindPartnerOutlier, nil, firstMove, false}, // no truth: logged only
			{anomaly.KindWeekend, a.OffHours, firstMove, true},  // misc entries are dated on business days
		}
		for _, c := range cases {
			tp, fp, fn := score(rep.Findings, c.kind, c.planted, c.pick)
			prec, rec := float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn))
			t.Logf("seed %d %-22s planted %3d found %3d false %3d missed %3d precision %.2f recall %.2f", seed, c.kind, len(c.planted), tp, fp, fn, prec, rec)
			if c.measured && (prec < 0.9 || rec < 0.9) {
				t.Errorf("seed %d %s: precision %.2f recall %.2f, want both >= 0.9", seed, c.kind, prec, rec)
			}
		}
		t.Logf("seed %d: %d entries, %d bills, %d round clusters, benford %d tests", seed, len(data.Entries), len(data.Bills), len(rep.Round), len(rep.Benford))
	}
}
