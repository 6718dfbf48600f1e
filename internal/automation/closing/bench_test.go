package closing

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/simtest"
)

// BenchmarkCloseScanLarge is the target "full close scan of the large company < 60 s
// against the simulator". Generating the large company (>= 2,000,000 journal items) takes
// minutes and gigabytes, so it runs only with SMARTODOO_BENCH_LARGE=1.
func BenchmarkCloseScanLarge(b *testing.B) {
	if os.Getenv("SMARTODOO_BENCH_LARGE") != "1" {
		b.Skip("set SMARTODOO_BENCH_LARGE=1 to generate the large company")
	}
	benchmarkCloseScan(b, company.SizeLarge)
}

// BenchmarkCloseScanDemo is the same scan on the demo company, as the baseline.
func BenchmarkCloseScanDemo(b *testing.B) { benchmarkCloseScan(b, company.SizeDemo) }

func benchmarkCloseScan(b *testing.B, size company.Size) {
	start := time.Now()
	co := simtest.Get(b, 1, size)
	c, tr := co.Client, co.Truth
	b.Logf("generated %s company in %v: %v journal items", size, time.Since(start), tr.Counts["account.move.line"])
	a := New(Deps{Odoo: c, Clock: func() time.Time { return demoToday }})
	period, _ := ParsePeriod(tr.Close.Periods[0])
	b.ResetTimer()
	var r Report
	for b.Loop() {
		var err error
		if r, err = a.ScanPeriod(context.Background(), tr.Company.ID, period, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	counts := make([]int, len(r.Checks))
	for i, c := range r.Checks {
		counts[i] = len(c.Findings)
	}
	b.Logf("%s: readiness %.1f, findings per check %v; planted: %d draft entries, %d unreconciled bank lines",
		period, r.Readiness, counts, len(tr.Close.DraftEntries), len(tr.Close.UnreconciledBankLines))
}
