package dedup

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchmarkScan measures a full scan (normalise, block, compare, EM, link, cluster) of
// synthetic partners with about 10% planted duplicates, and reports candidate pairs per
// record so the growth of comparisons with size is visible:
//
//	go test ./internal/automation/dedup -run '^$' -bench Scan -benchtime 1x
func BenchmarkScan(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			if testing.Short() && n > 100_000 {
				b.Skip("1M partners skipped in -short mode")
			}
			ps, truthMap := synthCompany(n, 1)
			entity := compactTruth(ps, truthMap) // the map would weigh more than the engine's own state
			truthMap = nil
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			input := ms.HeapAlloc
			stop := samplePeakHeap()
			cpu0 := cpuSeconds()
			b.ResetTimer()
			var res *Result
			for b.Loop() {
				var err error
				if res, err = Scan(context.Background(), ps, Config{}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			cpu := cpuSeconds() - cpu0
			peak := stop()
			// CPU seconds spent by the scan: on a shared machine wall time mostly measures
			// the neighbours, CPU time measures the scan.
			b.ReportMetric(cpu/float64(b.N), "cpu_s/op")
			b.ReportMetric(float64(input)/(1<<20), "input_heap_MB")
			b.ReportMetric(float64(peak)/(1<<20), "peak_heap_MB")
			truth := make(map[int64]string, len(entity))
			for i, e := range entity {
				truth[ps[i].ID] = fmt.Sprint(e)
			}
			clusters := make([][]int64, len(res.Clusters))
			for i, c := range res.Clusters {
				clusters[i] = c.IDs
			}
			m := PairwiseMetrics(clusters, truth)
			b.ReportMetric(res.Stats.Blocking.PairsPerRecord, "pairs/record")
			b.ReportMetric(float64(res.Stats.Blocking.CandidatePairs), "candidate_pairs")
			b.ReportMetric(m.Precision, "precision")
			b.ReportMetric(m.Recall, "recall")
		})
	}
}

// compactTruth turns the synthetic truth into one int32 per partner.
func compactTruth(ps []Partner, truth map[int64]string) []int32 {
	ids := make(map[string]int32)
	out := make([]int32, len(ps))
	for i, p := range ps {
		e, ok := ids[truth[p.ID]]
		if !ok {
			e = int32(len(ids))
			ids[truth[p.ID]] = e
		}
		out[i] = e
	}
	return out
}

// cpuSeconds is the user+system CPU time of this process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// samplePeakHeap polls the live heap every 10 ms until the returned stop is called, and
// returns the highest value seen (input data included).
func samplePeakHeap() (stop func() uint64) {
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-result }
}

// BenchmarkProbable measures the event-time lookup of one new partner in a 100k index.
func BenchmarkProbable(b *testing.B) {
	ps, _ := synthCompany(100_000, 2)
	res, err := Scan(context.Background(), ps, Config{})
	if err != nil {
		b.Fatal(err)
	}
	idx := NewIndex(res)
	probe := vary(ps[500], rand.New(rand.NewPCG(1, 2)))
	probe.ID = 0
	b.ResetTimer()
	for b.Loop() {
		Probable(probe, idx)
	}
}
