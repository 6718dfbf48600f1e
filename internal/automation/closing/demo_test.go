package closing

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/simtest"
	"github.com/smartodoo/smartodoo/internal/store"
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

// compare reports how the ids a kind of finding names match the planted ones.
func compare(t *testing.T, kind string, got map[int64]bool, planted []int64) {
	t.Helper()
	want := map[int64]bool{}
	for _, id := range planted {
		want[id] = true
	}
	var missed, extra int
	for id := range want {
		if !got[id] {
			missed++
		}
	}
	for id := range got {
		if !want[id] {
			extra++
		}
	}
	t.Logf("%-24s planted %3d found %3d missed %3d extra %3d", kind, len(want), len(want)-missed, missed, extra)
	if missed > 0 {
		t.Errorf("%s: %d planted items not found", kind, missed)
	}
}

func TestDemoCloseFindsEveryPlantedItem(t *testing.T) {
	d := demoOdoo(t, 1)
	a := New(Deps{Odoo: d.client, Clock: func() time.Time { return demoToday }})
	got := map[string]map[int64]bool{}
	anomalies := map[int64]bool{} // moves named by check 10
	var suspense *core.Finding
	missing := map[[2]int64]string{}
	for _, ps := range d.truth.Close.Periods {
		period, err := ParsePeriod(ps)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		r, err := a.ScanPeriod(context.Background(), d.truth.Company.ID, period, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: readiness %.1f ready %v, %d proposals, scanned in %v", ps, r.Readiness, r.Ready, len(r.Proposals), time.Since(start))
		for _, f := range r.Checks[9].Findings {
			for _, rec := range f.Records {
				if rec.Model == "account.move" {
					anomalies[rec.ID] = true
				}
			}
		}
		for _, f := range r.Findings() {
			if got[f.Kind] == nil {
				got[f.Kind] = map[int64]bool{}
			}
			got[f.Kind][f.Records[0].ID] = true
			if f.Kind == KindOpenBalance && f.Records[0].ID == d.truth.Close.SuspenseAccountID && ps == d.truth.Close.Periods[1] {
				suspense = &f
			}
			if f.Kind == KindMissingRecurring {
				var partner, account int64
				for _, r := range f.Records {
					switch r.Model {
					case "res.partner":
						partner = r.ID
					case "account.account":
						account = r.ID
					}
				}
				missing[[2]int64{partner, account}] = ps
				t.Logf("%s: %s", ps, f.Title)
			}
		}
	}
	c := d.truth.Close
	compare(t, KindDraftEntry, got[KindDraftEntry], c.DraftEntries)
	compare(t, KindDraftInvoice, got[KindDraftInvoice], c.DraftInvoices)
	compare(t, KindDraftBill, got[KindDraftBill], c.DraftBills)
	compare(t, KindUnreconciledBank, got[KindUnreconciledBank], c.UnreconciledBankLines)
	compare(t, KindUnmatchedPayment, got[KindUnmatchedPayment], c.UnmatchedPayments)
	compare(t, KindDeliveredNotInv, got[KindDeliveredNotInv], c.DeliveredNotInvoiced)
	compare(t, KindReceivedNotBilled, got[KindReceivedNotBilled], c.ReceivedNotBilled)
	compare(t, KindTaxInconsistency, got[KindTaxInconsistency], c.TaxInconsistencies)
	if suspense == nil {
		t.Fatalf("no finding on the suspense account %d", c.SuspenseAccountID)
	}
	moves := map[int64]bool{}
	for _, r := range suspense.Records[1:] {
		moves[r.ID] = true
	}
	compare(t, "suspense moves", moves, c.SuspenseMoves)
	if bal := core.FloatFromMinor(suspense.Amount.Minor, 2); math.Abs(bal-c.SuspenseBalance) > 0.005 {
		t.Errorf("suspense balance %.2f, truth %.2f", bal, c.SuspenseBalance)
	}
	for _, m := range c.MissingRecurring {
		if missing[[2]int64{m.PartnerID, m.AccountID}] != m.Period {
			t.Errorf("missing recurring %q of partner %d in %s not found (found %v)", m.Label, m.PartnerID, m.Period, missing)
		}
	}
	t.Logf("missing recurring: planted %d, reported %d", len(c.MissingRecurring), len(missing))

	// Check 10: every planted anomaly dated in the two periods is among the anomaly findings.
	an := d.truth.Anomaly
	planted := append(append(append([]int64{}, an.RoundNumber...), an.AmountOutliers...), an.OffHours...)
	for _, pair := range an.DuplicateBills {
		planted = append(planted, pair[1])
	}
	var rows []map[string]any
	if err := d.client.Call(context.Background(), "account.move", "read", []any{planted}, map[string]any{"fields": []string{"date"}}, &rows); err != nil {
		t.Fatal(err)
	}
	inPeriods := []int64{}
	for _, row := range rows {
		date, _ := row["date"].(string)
		if len(date) >= 7 && (date[:7] == c.Periods[0] || date[:7] == c.Periods[1]) {
			inPeriods = append(inPeriods, int64(row["id"].(float64)))
		}
	}
	hits := map[int64]bool{}
	for _, id := range inPeriods {
		if anomalies[id] {
			hits[id] = true
		}
	}
	compare(t, "anomalies in the periods", hits, inPeriods)
}

type memPoints struct{ points []store.Point }

func (m *memPoints) AppendPoints(_ context.Context, ps []store.Point) error {
	m.points = append(m.points, ps...)
	return nil
}

func TestRunRecordsReadinessAndProposesAccruals(t *testing.T) {
	d := demoOdoo(t, 1)
	st := &memPoints{}
	a := New(Deps{Odoo: d.client, State: st, Clock: func() time.Time { return demoToday }})
	// The demo chart has no accrued-liabilities account: the rule names one.
	params, _ := json.Marshal(map[string]any{"accrual_liability_account_id": d.truth.Company.Accounts["payroll_payable"]})
	out, err := a.Run(context.Background(), core.RunInput{CompanyID: d.truth.Company.ID, Now: demoToday, Rule: core.Rule{Params: params}})
	if err != nil {
		t.Fatal(err)
	}
	received, accruals := 0, 0
	for _, f := range out.Findings {
		if f.Kind == KindReceivedNotBilled {
			received++
		}
	}
	for _, p := range out.Proposals {
		if p.Kind == "close_accrual" {
			accruals++
		}
	}
	if received == 0 || accruals != received {
		t.Errorf("%d received-not-billed findings, %d accrual proposals", received, accruals)
	}
	if len(st.points) != 1 || st.points[0].Series != "close_readiness" || st.points[0].Value != out.Metrics["readiness"] {
		t.Errorf("points = %+v", st.points)
	}
	t.Logf("run: %s", out.Summary)
}

func TestCommandPrintsReport(t *testing.T) {
	d := demoOdoo(t, 1)
	a := New(Deps{Odoo: d.client, Clock: func() time.Time { return demoToday }})
	cmd := Command(CommandDeps{CompanyID: d.truth.Company.ID, Automation: func(context.Context) (*Automation, error) { return a, nil }})
	var buf bytes.Buffer
	cmd.SetOut(&buf)
	cmd.SetArgs([]string{"scan", "--period", "2026-10"})
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Close of 2026-10: readiness") || !strings.Contains(buf.String(), "Tax consistency") {
		t.Errorf("output:\n%s", buf.String())
	}
}
