package closing

import (
	"context"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
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
	srv, err := odoosim.New(odoosim.Options{Version: 18, Clock: func() time.Time { return demoToday }})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	tr, err := company.Generate(context.Background(), company.Options{Seed: 1, Size: size, Version: 18, Today: demoToday}, simSink{srv})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %s company in %v: %v", size, time.Since(start), tr.Counts["account.move.line"])
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	c, err := odoo.New(odoo.Config{URL: hs.URL, DB: srv.DB(), User: "admin", APIKey: "smartodoo-demo-key"})
	if err != nil {
		b.Fatal(err)
	}
	a := New(Deps{Odoo: c, Clock: func() time.Time { return demoToday }})
	period, _ := ParsePeriod(tr.Close.Periods[0])
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.ScanPeriod(context.Background(), tr.Company.ID, period, nil); err != nil {
			b.Fatal(err)
		}
	}
}
