package anomaly

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
	"time"
)

func TestMedianMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n < 60; n++ {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(rng.IntN(10)) // many ties
		}
		s := append([]float64(nil), v...)
		sort.Float64s(s)
		want := s[n/2]
		if n%2 == 0 {
			want = (s[n/2-1] + s[n/2]) / 2
		}
		if got := median(v); got != want {
			t.Fatalf("n=%d median=%v want %v", n, got, want)
		}
	}
}

func TestModifiedZ(t *testing.T) {
	values := []float64{10, 11, 12, 13, 14, 100}
	loc := Locate(values, make([]float64, len(values)))
	// median 12.5, absolute deviations 2.5 1.5 .5 .5 1.5 87.5 -> MAD 1.5
	if loc.Median != 12.5 || loc.MAD != 1.5 {
		t.Fatalf("loc = %+v", loc)
	}
	if z := loc.ModifiedZ(100); math.Abs(z-0.6745*87.5/1.5) > 1e-9 {
		t.Errorf("modified z = %v", z)
	}
	// More than half equal: MAD = 0, the mean absolute deviation takes over.
	flat := []float64{5, 5, 5, 5, 9}
	lf := Locate(flat, make([]float64, 5))
	if lf.MAD != 0 || lf.ModifiedZ(9) <= 3.5 {
		t.Errorf("flat group: %+v z=%v", lf, lf.ModifiedZ(9))
	}
	if (Location{}).ModifiedZ(3) != 0 || (Location{}).Z(3) != 0 {
		t.Error("no spread must score 0")
	}
}

func TestOutliersPerGroup(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var entries []Entry
	for i := 0; i < 200; i++ {
		entries = append(entries, Entry{ID: int64(i + 1), AccountID: 1, JournalID: 1, Amount: 10000 + int64(rng.IntN(2000))})
		entries = append(entries, Entry{ID: int64(1000 + i), AccountID: 2, JournalID: 1, Amount: 5_000_000 + int64(rng.IntN(400_000))})
	}
	// 50,000.00 is ordinary on account 2 but an outlier on account 1.
	entries = append(entries, Entry{ID: 9999, AccountID: 1, JournalID: 1, Amount: 5_000_000})
	got := Outliers(entries, OutlierOptions{Dimensions: []Dimension{ByAccount}})
	if len(got) != 1 || got[0].EntryID != 9999 {
		t.Fatalf("outliers = %+v, want only entry 9999", got)
	}
	if got[0].Methods[0] != "robust" {
		t.Errorf("methods = %v", got[0].Methods)
	}
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestDuplicateBills(t *testing.T) {
	bills := []Bill{
		{ID: 1, PartnerID: 7, Amount: 120000, Currency: "EUR", Date: day("2026-10-01"), Ref: "INV-0042"},
		{ID: 2, PartnerID: 7, Amount: 120000, Currency: "EUR", Date: day("2026-10-03"), Ref: "inv 0042"}, // re-keyed
		{ID: 3, PartnerID: 7, Amount: 120000, Currency: "EUR", Date: day("2026-11-01"), Ref: "INV-0043"}, // next month's
		{ID: 4, PartnerID: 8, Amount: 120000, Currency: "EUR", Date: day("2026-10-02"), Ref: "INV-0042"}, // other vendor
		{ID: 5, PartnerID: 7, Amount: 120001, Currency: "EUR", Date: day("2026-10-02"), Ref: "INV-0042"}, // other amount
		{ID: 6, PartnerID: 9, Amount: 5000, Currency: "EUR", Date: day("2026-10-02"), Ref: "A-1234"},
		{ID: 7, PartnerID: 9, Amount: 5000, Currency: "EUR", Date: day("2026-10-04"), Ref: "A-1243"}, // typo, days apart
		{ID: 8, PartnerID: 9, Amount: 5000, Currency: "EUR", Date: day("2026-12-30"), Ref: "A-1234"}, // too far
	}
	got := DuplicateBills(bills, DuplicateOptions{})
	pairs := map[[2]int64]bool{}
	for _, p := range got {
		pairs[[2]int64{p.First.ID, p.Second.ID}] = true
	}
	want := [][2]int64{{1, 2}, {6, 7}}
	if len(got) != len(want) {
		t.Fatalf("pairs = %v, want %v", pairs, want)
	}
	for _, w := range want {
		if !pairs[w] {
			t.Errorf("missing pair %v in %v", w, pairs)
		}
	}
	if got[0].First.ID != 1 || got[0].Confidence <= got[1].Confidence {
		t.Errorf("exact reference match should rank first: %+v", got)
	}
}

func TestRoundClusters(t *testing.T) {
	var entries []Entry
	for i := 0; i < 300; i++ {
		entries = append(entries, Entry{ID: int64(i), AccountID: 1, Amount: 123_456 + int64(i)*101})
	}
	for i := 0; i < 8; i++ {
		entries = append(entries, Entry{ID: int64(500 + i), AccountID: 2, Amount: 500_000}) // 5,000.00
	}
	for i := 0; i < 12; i++ {
		entries = append(entries, Entry{ID: int64(600 + i), AccountID: 2, Amount: 777_777 + int64(i)})
	}
	got := RoundClusters(entries, RoundOptions{Dimensions: []Dimension{ByAccount}})
	if len(got) != 1 || got[0].GroupID != 2 || got[0].Round != 8 || len(got[0].Rows) != 8 {
		t.Fatalf("clusters = %+v", got)
	}
}

func TestOddTimings(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Skip("no tzdata")
	}
	entries := []Entry{
		{ID: 1, Date: day("2026-10-31"), CreatedAt: time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC)},   // Saturday date, Friday work
		{ID: 2, Date: day("2026-10-14"), CreatedAt: time.Date(2026, 10, 17, 10, 0, 0, 0, time.UTC)},  // recorded Saturday
		{ID: 3, Date: day("2026-10-14"), CreatedAt: time.Date(2026, 10, 14, 21, 30, 0, 0, time.UTC)}, // 23:30 in Brussels
		{ID: 4, Date: day("2026-10-18")}, // Sunday, time unknown
	}
	// 100 ordinary entries keep the odd ones rare enough to report.
	for i := 0; i < 100; i++ {
		entries = append(entries, Entry{ID: int64(100 + i), Date: day("2026-10-14"), CreatedAt: time.Date(2026, 10, 14, 9, 0, 0, 0, time.UTC)})
	}
	got := OddTimings(entries, TimingOptions{Location: brussels})
	want := map[int64]string{2: "weekend", 3: "after_hours", 4: "weekend"}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for _, g := range got {
		if want[g.EntryID] != g.Reasons[0] {
			t.Errorf("entry %d reasons %v, want %s", g.EntryID, g.Reasons, want[g.EntryID])
		}
	}
}

func TestRareUsers(t *testing.T) {
	var entries []Entry
	for i := 0; i < 100; i++ {
		entries = append(entries, Entry{ID: int64(i), AccountID: 1, UserID: 2})
	}
	entries = append(entries, Entry{ID: 500, AccountID: 1, UserID: 9})
	for i := 0; i < 10; i++ { // account 3 too small to judge
		entries = append(entries, Entry{ID: int64(600 + i), AccountID: 3, UserID: int64(10 + i)})
	}
	got := RareUsers(entries, RareUserOptions{})
	if len(got) != 1 || got[0].EntryID != 500 {
		t.Fatalf("rare users = %+v", got)
	}
}

func TestOddTimingsIgnoresUsualReasons(t *testing.T) {
	var entries []Entry
	for i := 0; i < 100; i++ { // a shop that records every Saturday
		d := time.Date(2026, 10, 3+7*(i%4), 10, 0, 0, 0, time.UTC)
		if i%2 == 0 {
			d = d.AddDate(0, 0, 2) // Monday
		}
		entries = append(entries, Entry{ID: int64(i), Date: d, CreatedAt: d})
	}
	entries = append(entries, Entry{ID: 999, CreatedAt: time.Date(2026, 10, 5, 2, 0, 0, 0, time.UTC)})
	got := OddTimings(entries, TimingOptions{})
	if len(got) != 1 || got[0].EntryID != 999 || got[0].Reasons[0] != "after_hours" {
		t.Errorf("got %+v, want only the 2 am entry", got)
	}
}

func TestBelowThreshold(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	var entries []Entry
	for i := 0; i < 3000; i++ { // log-uniform amounts from 10 to 100,000
		entries = append(entries, Entry{ID: int64(i), AccountID: 1 + int64(i%5), Amount: int64(math.Pow(10, 3+4*rng.Float64()))})
	}
	for i, a := range []int64{480000, 490000, 495000, 498000, 499000, 499900, 485000, 497000, 499500, 493000} {
		entries = append(entries, Entry{ID: int64(9000 + i), AccountID: 9, Amount: a})
	}
	got := BelowThreshold(entries, ThresholdOptions{})
	if len(got) != 1 || got[0].AccountID != 9 || got[0].Threshold != 5000 || got[0].Below != 10 {
		t.Fatalf("clusters = %+v", got)
	}
}
