package credit

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func inv(id, partner int64, date string, term int, amount int64, pays ...Payment) Invoice {
	dt := d(date)
	return Invoice{ID: id, PartnerID: partner, Date: dt, Due: dt.AddDate(0, 0, term), Amount: amount, Payments: pays}
}

func pay(date string, amount int64) Payment { return Payment{Date: d(date), Amount: amount} }

func scoreOf(t *testing.T, scores []Score, id int64) Score {
	t.Helper()
	for _, s := range scores {
		if s.PartnerID == id {
			return s
		}
	}
	t.Fatalf("no score for %d", id)
	return Score{}
}

func TestScoringRanksPayersAndRollsUpContacts(t *testing.T) {
	in := Input{Currency: "EUR", Decimals: 2, AsOf: d("2026-10-31"),
		Customers:  []Customer{{ID: 1, Name: "Good"}, {ID: 2, Name: "Late", CreditLimit: 100000}, {ID: 3, Name: "New"}},
		Parents:    map[int64]int64{21: 2}, // contact 21 works for customer 2
		Uninvoiced: map[int64]int64{2: 30000},
	}
	for m := 1; m <= 9; m++ {
		date := time.Date(2026, time.Month(m), 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		paidGood := d(date).AddDate(0, 0, 28).Format("2006-01-02")
		paidLate := d(date).AddDate(0, 0, 75).Format("2006-01-02")
		in.Invoices = append(in.Invoices,
			inv(int64(100+m), 1, date, 30, 50000, pay(paidGood, 50000)),
			inv(int64(200+m), 21, date, 30, 50000, pay(paidLate, 50000)))
	}
	in.Invoices = append(in.Invoices, inv(300, 21, "2026-08-01", 30, 80000)) // unpaid, 61 days overdue; September's is 30 days overdue
	scores, err := ScoreAll(in, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	good, late, fresh := scoreOf(t, scores, 1), scoreOf(t, scores, 2), scoreOf(t, scores, 3)
	if !(good.Score > late.Score) || good.OnTimeShare != 1 {
		t.Errorf("good %.1f (on time %.2f) should outscore late %.1f", good.Score, good.OnTimeShare, late.Score)
	}
	if late.Invoices != 10 || late.Overdue != 130000 || late.OldestOverdue != 61 {
		t.Errorf("late rolled up %d invoices, overdue %d, oldest %d", late.Invoices, late.Overdue, late.OldestOverdue)
	}
	// Open: the unpaid invoice plus September's (paid in November, after as-of): 130,000 + 30,000 uninvoiced.
	if late.Exposure != 160000 {
		t.Errorf("exposure = %d, want 160000", late.Exposure)
	}
	if !late.Hold || len(late.HoldReasons) != 2 {
		t.Errorf("late should be held for limit and overdue: %v", late.HoldReasons)
	}
	if good.Hold || fresh.Hold {
		t.Error("good and new customers must not be held")
	}
	if fresh.Components[0].Score != 50 || fresh.Volume12 != 0 {
		t.Errorf("new customer: %+v", fresh.Components[0])
	}
	if !strings.Contains(late.Explanation, "Hold:") || good.SuggestedLimit <= 0 {
		t.Errorf("explanation %q, suggested %d", late.Explanation, good.SuggestedLimit)
	}
}

func TestParamsWeightsNormaliseAndValidate(t *testing.T) {
	p, err := ParseParams(json.RawMessage(`{"weights":{"payment":2,"overdue":1,"volume":1,"age":0},"hold_overdue_days":30}`))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.Weights.Payment-0.5) > 1e-12 || p.HoldOverdueDays != 30 || !*p.HoldOnLimit {
		t.Errorf("params = %+v", p)
	}
	for _, bad := range []string{`{"weights":{"payment":-1,"overdue":1}}`, `{"grace_days":-2}`, `{`} {
		if _, err := ParseParams(json.RawMessage(bad)); err == nil {
			t.Errorf("params %s accepted", bad)
		}
	}
}

func TestRoundUp2(t *testing.T) {
	for in, want := range map[int64]int64{12345: 13000, 99: 99, 100: 100, 101: 110, 1_000_001: 1_100_000, 0: 0} {
		if got := roundUp2(in); got != want {
			t.Errorf("roundUp2(%d) = %d want %d", in, got, want)
		}
	}
}

func TestAUC(t *testing.T) {
	auc, err := AUC([]float64{90, 80, 70, 20, 10}, []bool{false, false, true, true, true})
	if err != nil || auc != 1 {
		t.Errorf("perfect ranking auc = %v, %v", auc, err)
	}
	auc, _ = AUC([]float64{50, 50}, []bool{false, true})
	if auc != 0.5 {
		t.Errorf("tie auc = %v", auc)
	}
	if _, err := AUC([]float64{1}, []bool{true}); err == nil {
		t.Error("one class accepted")
	}
}

func TestScoreNeedsDueDates(t *testing.T) {
	_, err := ScoreAll(Input{AsOf: d("2026-10-31"), Invoices: []Invoice{{ID: 1}}}, DefaultParams())
	if err == nil {
		t.Error("invoice without due date accepted")
	}
}
