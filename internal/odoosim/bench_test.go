package odoosim

import (
	"fmt"
	"runtime"
	"testing"
)

func partnerVals(i int) map[string]any {
	v := map[string]any{
		"name":          fmt.Sprintf("Partner %07d", i),
		"email":         fmt.Sprintf("contact%07d@example.com", i),
		"phone":         fmt.Sprintf("+32 2 %03d %04d", i%1000, i%10000),
		"street":        fmt.Sprintf("Rue de la Loi %d", i%300),
		"city":          "Brussels",
		"zip":           "1000",
		"country_id":    int64(2),
		"is_company":    i%5 == 0,
		"customer_rank": int64(i % 3),
		"ref":           fmt.Sprintf("C%07d", i),
	}
	if i%5 != 0 && i > 5 {
		v["parent_id"] = int64(i - i%5)
	}
	if i%4 == 0 {
		v["vat"] = fmt.Sprintf("BE0%09d", i)
	}
	return v
}

func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkInsertPartners measures the raw Insert path and the memory a partner costs:
//
//	go test ./internal/odoosim -run '^$' -bench InsertPartners -benchtime 1000000x
func BenchmarkInsertPartners(b *testing.B) {
	s, err := New(Options{Version: 18})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	vals := make([]map[string]any, 1000)
	for i := range vals {
		vals[i] = partnerVals(i + 10)
	}
	before := heapInUse()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Insert("res.partner", vals[i%len(vals)]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(heapInUse()-before)/float64(b.N), "heap-bytes/record")
	runtime.KeepAlive(s)
}

// BenchmarkInsertMoveLines is the same for journal items (2M in the large company):
//
//	go test ./internal/odoosim -run '^$' -bench InsertMoveLines -benchtime 2000000x
func BenchmarkInsertMoveLines(b *testing.B) {
	s, err := New(Options{Version: 18})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	before := heapInUse()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		amount := float64(i%9000) + 0.5
		if _, err := s.Insert("account.move.line", map[string]any{"move_id": int64(i/3 + 1), "account_id": int64(i%40 + 1),
			"partner_id": int64(i%50000 + 1), "name": "Invoice line", "debit": amount, "balance": amount,
			"date": "2026-11-24", "parent_state": "posted", "amount_residual": amount}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(heapInUse()-before)/float64(b.N), "heap-bytes/record")
	runtime.KeepAlive(s)
}

// BenchmarkSearchReadPage reads one page of 1,000 partners out of 200,000 over the ORM
// entry point (domain, order, read of 6 fields), what a dashboard or a sync does.
func BenchmarkSearchReadPage(b *testing.B) {
	s, err := New(Options{Version: 18})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < 200_000; i++ {
		if _, err := s.Insert("res.partner", partnerVals(i+10)); err != nil {
			b.Fatal(err)
		}
	}
	c := call{uid: adminUID, model: "res.partner", method: "search_read",
		args: []any{[]any{[]any{"customer_rank", ">", int64(0)}}},
		kwargs: map[string]any{"fields": []any{"name", "email", "parent_id", "country_id", "is_company", "credit_limit"},
			"limit": int64(1000), "offset": int64(5000), "order": "id"}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := s.execute(c)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(res.([]*record)); n != 1000 {
			b.Fatalf("page of %d", n)
		}
	}
}

// BenchmarkSearchLinesOfMove finds the lines of one move among 500,000 journal items, the
// lookup business methods do on every post or reconcile (inverse index, no scan).
func BenchmarkSearchLinesOfMove(b *testing.B) {
	s, err := New(Options{Version: 18})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < 500_000; i++ {
		if _, err := s.Insert("account.move.line", map[string]any{"move_id": int64(i/4 + 1), "account_id": int64(i%40 + 1), "debit": 1.0}); err != nil {
			b.Fatal(err)
		}
	}
	env := s.SuperEnv()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ids, err := env.Search("account.move.line", []any{[]any{"move_id", "=", int64(i%100_000 + 1)}}, "", 0)
		if err != nil || len(ids) != 4 {
			b.Fatalf("%v %v", ids, err)
		}
	}
}
