package company

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// TestDemoVolumes checks the demo company's size and that every bank case is present.
func TestDemoVolumes(t *testing.T) {
	s, tr := demoCompany(t)
	invoices := 0
	for _, m := range s.models["account.move"] {
		if m["move_type"] == "out_invoice" {
			invoices++
		}
	}
	t.Logf("demo in %v: %d partners, %d customer invoices, %d moves, %d lines, %d bank lines (%d unreconciled), cases %v",
		demoTime, len(s.models["res.partner"]), invoices, len(s.models["account.move"]),
		len(s.models["account.move.line"]), len(s.models["account.bank.statement.line"]), len(tr.Bank.Unreconciled), tr.Bank.CaseCounts)
	if n := len(s.models["res.partner"]); n < 450 || n > 800 {
		t.Errorf("demo has %d partners, want about 600", n)
	}
	if invoices < 3000 || invoices > 5000 {
		t.Errorf("demo has %d invoices, want about 4000", invoices)
	}
	for _, c := range []string{caseExact, caseTypo, caseStructured, caseGrouped, casePartial, caseFee, casePayerName, caseNoInvoice} {
		if tr.Bank.CaseCounts[c] == 0 {
			t.Errorf("no unreconciled %s line in demo", c)
		}
	}
	if len(tr.Vendors.Degrading) == 0 || len(tr.Anomaly.DuplicateBills) == 0 || len(tr.Close.ReceivedNotBilled) == 0 ||
		len(tr.Close.DeliveredNotInvoiced) == 0 || len(tr.Close.TaxInconsistencies) == 0 {
		t.Errorf("demo lacks vendor, anomaly or close content: %+v", tr.Close)
	}
}

type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// countSink counts records without keeping them: the large benchmark's sink.
type countSink struct{ n int64 }

func (c *countSink) Insert(model string, vals map[string]any) (int64, error) {
	c.n++
	return c.n, nil
}

func benchmarkSize(b *testing.B, size Size) {
	for b.Loop() {
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		peak := before.HeapAlloc
		done := make(chan struct{})
		go func() { // sample the heap while generating: Generate holds no record after inserting it
			tick := time.NewTicker(20 * time.Millisecond)
			defer tick.Stop()
			var ms runtime.MemStats
			for {
				select {
				case <-done:
					return
				case <-tick.C:
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapAlloc)
				}
			}
		}()
		sink := &countSink{}
		tr, err := Generate(context.Background(), Options{Seed: 1, Size: size, Today: testToday}, sink)
		close(done)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sink.n), "records")
		b.ReportMetric(float64(tr.Counts["res.partner"]), "partners")
		b.ReportMetric(float64(tr.Counts["account.move.line"]), "journal_items")
		b.ReportMetric(float64(peak)/(1<<20), "peak_heap_MiB")
		var truth countingWriter
		if err := tr.WriteJSON(&truth); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(truth)/(1<<20), "truth_MiB")
	}
}

func BenchmarkGenerateSmall(b *testing.B) { benchmarkSize(b, SizeSmall) }
func BenchmarkGenerateDemo(b *testing.B)  { benchmarkSize(b, SizeDemo) }
func BenchmarkGenerateLarge(b *testing.B) { benchmarkSize(b, SizeLarge) }
