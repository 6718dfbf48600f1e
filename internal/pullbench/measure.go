package pullbench

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"syscall"
	"time"
)

// selfUsage is this process's user+system CPU time and peak resident set (bytes).
// Because the simulator runs in another process, the parent's figure is the client's.
func selfUsage() (cpu time.Duration, peakRSS int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	peakRSS = int64(ru.Maxrss)
	if runtime.GOOS == "linux" {
		peakRSS *= 1024 // Linux reports kilobytes, Darwin bytes
	}
	return cpu, peakRSS
}

// heapSampler records the peak of the Go heap (live and not yet swept objects) and of all
// memory the runtime holds from the OS while a pull runs. runtime/metrics reads without
// stopping the world, unlike ReadMemStats, so sampling does not slow the client down.
type heapSampler struct {
	stop chan struct{}
	done sync.WaitGroup

	mu        sync.Mutex
	peakHeap  uint64
	peakTotal uint64
}

var sampledMetrics = []string{"/memory/classes/heap/objects:bytes", "/memory/classes/total:bytes"}

func startHeapSampler(every time.Duration) *heapSampler {
	h := &heapSampler{stop: make(chan struct{})}
	samples := make([]metrics.Sample, len(sampledMetrics))
	for i, name := range sampledMetrics {
		samples[i].Name = name
	}
	h.sample(samples)
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				h.sample(samples)
				return
			case <-t.C:
				h.sample(samples)
			}
		}
	}()
	return h
}

func (h *heapSampler) sample(s []metrics.Sample) {
	metrics.Read(s)
	heap, total := uint64Value(s[0]), uint64Value(s[1])
	h.mu.Lock()
	h.peakHeap = max(h.peakHeap, heap)
	h.peakTotal = max(h.peakTotal, total)
	h.mu.Unlock()
}

// Stop ends sampling and returns the peaks: heap objects and the runtime's total memory.
func (h *heapSampler) Stop() (peakHeap, peakTotal uint64) {
	close(h.stop)
	h.done.Wait()
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.peakHeap, h.peakTotal
}

func uint64Value(s metrics.Sample) uint64 {
	if s.Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s.Value.Uint64()
}

// allocatedBytes is the heap allocated since the process started, to report bytes
// allocated per record. ReadMemStats stops the world, but only twice per pull; the
// runtime/metrics counter lags behind by whatever the per-P caches hold.
func allocatedBytes() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}
