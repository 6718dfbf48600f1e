package credit

import (
	"math/rand/v2"
	"testing"
	"time"
)

// syntheticBook builds n customers and enough invoices for about 2,000,000 journal items
// (an invoice has a receivable line, 1-3 product lines and a tax line: ~4 items, so 500,000
// invoices), each with its payment.
func syntheticBook(customers, invoices int) Input {
	rng := rand.New(rand.NewPCG(9, 9))
	asOf := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	in := Input{Currency: "EUR", Decimals: 2, AsOf: asOf, Uninvoiced: map[int64]int64{}, Drafts: map[int64]int64{}, Parents: map[int64]int64{}}
	for i := range customers {
		in.Customers = append(in.Customers, Customer{ID: int64(i + 1), Name: "c", CreditLimit: int64(rng.IntN(3)) * 1_000_000})
	}
	for i := range invoices {
		date := asOf.AddDate(0, 0, -rng.IntN(700))
		due := date.AddDate(0, 0, 30)
		amount := int64(10_000 + rng.IntN(500_000))
		inv := Invoice{ID: int64(i + 1), PartnerID: int64(1 + rng.IntN(customers)), Date: date, Due: due, Amount: amount}
		if paid := due.AddDate(0, 0, rng.IntN(60)-20); paid.Before(asOf) {
			inv.Payments = []Payment{{Date: paid, Amount: amount}}
		}
		in.Invoices = append(in.Invoices, inv)
	}
	return in
}

// BenchmarkScore100kCustomers is the target "scoring 100,000 customers from 2,000,000
// journal items < 10 s".
func BenchmarkScore100kCustomers(b *testing.B) {
	in := syntheticBook(100_000, 500_000)
	p := DefaultParams()
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		if _, err := ScoreAll(in, p); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}
