package anomaly

import (
	"math"
	"math/rand/v2"
	"testing"
)

// syntheticLedger builds n journal items with log-normal amounts over 40 journals,
// 400 accounts and 20,000 partners, each partner's lines on one of four accounts (its
// receivable or payable, revenue or expense, tax, bank): the shape of a large company's year.
func syntheticLedger(n int) []Entry {
	rng := rand.New(rand.NewPCG(42, 7))
	entries := make([]Entry, n)
	for i := range entries {
		amount := int64(math.Exp(rng.NormFloat64()*1.5 + 9))
		if rng.IntN(2) == 0 {
			amount = -amount
		}
		partner := int64(rng.IntN(20000))
		account := int64(1 + rng.IntN(400))
		if partner != 0 {
			account = 1 + (partner*7+int64(rng.IntN(4))*101)%400
		}
		entries[i] = Entry{ID: int64(i + 1), JournalID: int64(1 + rng.IntN(40)),
			AccountID: account, PartnerID: partner, Amount: amount}
	}
	return entries
}

// BenchmarkBenfordAndRobustZ2M is the target "Benford + robust z over 2,000,000 journal
// items < 2 s on 2 cores": the four digit tests plus outliers in three dimensions.
func BenchmarkBenfordAndRobustZ2M(b *testing.B) {
	entries := syntheticLedger(2_000_000)
	amounts := make([]int64, len(entries))
	for i := range entries {
		amounts[i] = entries[i].Amount
	}
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		for _, test := range Tests {
			if _, err := BenfordInts(amounts, test, BenfordOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		_ = Outliers(entries, OutlierOptions{})
	}
	reportCPU(b, start)
}

func BenchmarkBenfordFirst2M(b *testing.B) {
	entries := syntheticLedger(2_000_000)
	amounts := make([]int64, len(entries))
	for i := range entries {
		amounts[i] = entries[i].Amount
	}
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		if _, err := BenfordInts(amounts, TestFirst, BenfordOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}
