package anomaly

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestScanBuildsOneFindingPerMoveAndKind(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var entries []Entry
	weekday := time.Date(2026, 10, 14, 10, 0, 0, 0, time.UTC)
	for i := 0; i < 400; i++ {
		move := int64(i/2 + 1)
		entries = append(entries, Entry{ID: int64(i + 1), MoveID: move, JournalID: 1, AccountID: int64(1 + i%2), UserID: 2,
			Date: weekday, CreatedAt: weekday, Amount: 10_000 + int64(rng.IntN(5000))})
	}
	sunday := time.Date(2026, 10, 18, 10, 0, 0, 0, time.UTC)
	entries = append(entries,
		Entry{ID: 901, MoveID: 900, JournalID: 1, AccountID: 1, UserID: 2, Date: sunday, CreatedAt: sunday, Amount: 12_000},
		Entry{ID: 902, MoveID: 900, JournalID: 1, AccountID: 2, UserID: 2, Date: sunday, CreatedAt: sunday, Amount: -12_000},
		Entry{ID: 903, MoveID: 901, JournalID: 1, AccountID: 1, UserID: 2, Date: weekday, CreatedAt: weekday, Amount: 9_000_000})
	bills := []Bill{
		{ID: 1, PartnerID: 4, Amount: 5000, Date: day("2026-10-01"), Ref: "F-77", Name: "BILL/1"},
		{ID: 2, PartnerID: 4, Amount: 5000, Date: day("2026-10-02"), Ref: "F77", Name: "BILL/2"},
	}
	r := Scan(ScanInput{Entries: entries, Bills: bills, Currency: "EUR"}, weekday)
	kinds := map[string][]int64{}
	for _, f := range r.Findings {
		kinds[f.Kind] = append(kinds[f.Kind], f.Records[0].ID)
	}
	if got := kinds[KindWeekend]; len(got) != 1 || got[0] != 900 {
		t.Errorf("weekend findings on moves %v, want [900]", got)
	}
	if got := kinds[KindDuplicateBill]; len(got) != 1 {
		t.Errorf("duplicate findings %v, want one", got)
	}
	if got := kinds[KindOutlier]; len(got) != 1 || got[0] != 901 {
		t.Errorf("outlier findings on moves %v, want [901]", got)
	}
}
