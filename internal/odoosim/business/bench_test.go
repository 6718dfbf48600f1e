package business

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// BenchmarkInvoiceCycle measures create + post + register payment of one invoice on books
// that already hold n posted invoices: the ratio between sizes shows how the full-table
// searches of the simulator scale.
func BenchmarkInvoiceCycle(b *testing.B) {
	for _, n := range []int{0, 300, 1000} {
		b.Run(fmt.Sprintf("existing=%d", n), func(b *testing.B) {
			t := &testing.T{}
			bk := newBooks(t)
			for i := 0; i < n; i++ {
				inv := bk.invoice(t, "out_invoice", bk.deco, true, 100)
				if _, err := actionPost(bk.env, []int64{inv}, nil, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				inv := bk.invoice(t, "out_invoice", bk.deco, true, 100)
				if _, err := actionPost(bk.env, []int64{inv}, nil, nil); err != nil {
					b.Fatal(err)
				}
				bk.registerPayment(t, nil, inv)
			}
			if t.Failed() {
				b.Fatal("setup failed")
			}
		})
	}
}

// BenchmarkMergeInGeneratedCompany merges a fresh duplicate (with one posted invoice) into a
// customer of the generator's small company: the cost of scanning every partner reference.
func BenchmarkMergeInGeneratedCompany(b *testing.B) {
	s, err := NewServer(odoosim.Options{Version: 18, Clock: func() time.Time { return testNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := company.Generate(context.Background(), company.Options{Seed: 3, Size: company.SizeSmall, Version: 18, Today: testNow}, s); err != nil {
		b.Fatal(err)
	}
	env := s.SuperEnv()
	customers, err := env.Search("res.partner", []any{leaf("customer_rank", ">", 0), leaf("is_company", "=", true)}, "id", 1)
	if err != nil || len(customers) == 0 {
		b.Fatalf("no customer: %v", err)
	}
	keep := customers[0]
	journal, err := env.Search("account.journal", []any{leaf("type", "=", "sale")}, "id", 1)
	if err != nil || len(journal) == 0 {
		b.Fatalf("no sale journal: %v", err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dup, err := env.Create("res.partner", map[string]any{"name": fmt.Sprintf("Dup %d", i), "is_company": true})
		if err != nil {
			b.Fatal(err)
		}
		inv, err := env.Create("account.move", map[string]any{"move_type": "out_invoice", "partner_id": dup, "journal_id": journal[0],
			"invoice_date": "2026-11-24", "invoice_line_ids": []any{[]any{0, 0, map[string]any{"name": "x", "price_unit": 10.0}}}})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := actionPost(env, []int64{inv}, nil, nil); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := mergePartners(env, []int64{keep, dup}, keep); err != nil {
			b.Fatal(err)
		}
	}
}
