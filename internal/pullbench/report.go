package pullbench

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// TargetPerCoreSecond is issue 3's target: the client decodes at least this many records
// per second of one core, so that Odoo, not the client, is always the bottleneck.
const TargetPerCoreSecond = 50_000

// Pull is the measurement of one full pull of one model over one transport.
type Pull struct {
	Transport string `json:"transport"`
	Model     string `json:"model"`
	Records   int64  `json:"records"`  // distinct records received
	Expected  int64  `json:"expected"` // search_count with active_test=false
	Pages     int64  `json:"pages"`    // search_read answers with at least one record

	Wall          time.Duration `json:"wall_ns"`
	ClientCPU     time.Duration `json:"client_cpu_ns"` // this process's user+system CPU during the pull
	ServerCPU     time.Duration `json:"server_cpu_ns"` // the simulator process's CPU during the pull
	ResponseBytes int64         `json:"response_bytes"`
	PeakHeap      uint64        `json:"peak_heap_bytes"`    // Go heap objects, sampled every 10 ms
	PeakRuntime   uint64        `json:"peak_runtime_bytes"` // all memory the client's Go runtime held
	Allocated     uint64        `json:"allocated_bytes"`    // heap allocated during the pull

	// Derived figures.
	RecordsPerSecond  float64 `json:"records_per_s"`             // wall clock
	ClientCPUPer1000  float64 `json:"client_cpu_ms_per_1000"`    // client CPU milliseconds per 1,000 records
	ServerCPUPer1000  float64 `json:"server_cpu_ms_per_1000"`    // simulator CPU milliseconds per 1,000 records
	RecordsPerCoreSec float64 `json:"client_records_per_core_s"` // records per second of client CPU
	ClientServerRatio float64 `json:"client_to_server_cpu"`      // the baseline of the same run: below 1, the server is the bottleneck
	AllocPerRecord    float64 `json:"alloc_bytes_per_record"`
	BytesPerRecord    float64 `json:"response_bytes_per_record"`
	MeetsTarget       bool    `json:"meets_target"` // RecordsPerCoreSec >= TargetPerCoreSecond
}

func (p *Pull) derive() {
	if p.Records == 0 {
		return
	}
	n := float64(p.Records)
	if p.Wall > 0 {
		p.RecordsPerSecond = n / p.Wall.Seconds()
	}
	p.ClientCPUPer1000 = float64(p.ClientCPU.Microseconds()) / 1e3 / (n / 1000)
	p.ServerCPUPer1000 = float64(p.ServerCPU.Microseconds()) / 1e3 / (n / 1000)
	if p.ClientCPU > 0 {
		p.RecordsPerCoreSec = n / p.ClientCPU.Seconds()
	}
	if p.ServerCPU > 0 {
		p.ClientServerRatio = p.ClientCPU.Seconds() / p.ServerCPU.Seconds()
	}
	p.AllocPerRecord = float64(p.Allocated) / n
	p.BytesPerRecord = float64(p.ResponseBytes) / n
	p.MeetsTarget = p.RecordsPerCoreSec >= TargetPerCoreSecond
}

// Report is the whole run: the machine, the simulator's build and every pull.
type Report struct {
	Size        string `json:"size"`
	Version     int    `json:"version"`
	Seed        int64  `json:"seed"`
	PageSize    int    `json:"page_size"`
	Concurrency int    `json:"concurrency"`
	CPUs        int    `json:"cpus"`
	GOMAXPROCS  int    `json:"gomaxprocs"`

	Generator     Generator `json:"generator"`
	Pulls         []Pull    `json:"pulls"`
	ClientPeakRSS int64     `json:"client_peak_rss_bytes"` // the parent's maximum resident set over the run
	ServerPeakRSS int64     `json:"server_peak_rss_bytes"` // the simulator's maximum resident set over the run
}

// WriteTable prints the report for a person.
func (r Report) WriteTable(w io.Writer) error {
	g := r.Generator
	fmt.Fprintf(w, "Odoo %d simulator, size %s, seed %d; %d CPUs (GOMAXPROCS %d); page %d, concurrency %d\n",
		r.Version, r.Size, r.Seed, r.CPUs, r.GOMAXPROCS, r.PageSize, r.Concurrency)
	if g.Summary != "" {
		fmt.Fprintf(w, "company: %s\n", g.Summary)
	}
	fmt.Fprintf(w, "simulator build (generate + insert): %s wall, %s CPU, peak RSS %s, live heap after build %s\n\n",
		g.Elapsed.Round(time.Millisecond), g.CPU.Round(time.Millisecond), mib(uint64(g.PeakRSS)), mib(g.HeapInUse))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "transport\tmodel\trecords\twall\trecords/s\tclient CPU ms/1k\tclient rec/core-s\tserver CPU ms/1k\tclient/server CPU\tbytes/rec\talloc/rec\tpeak heap\ttarget\t")
	for _, p := range r.Pulls {
		verdict := "below"
		if p.MeetsTarget {
			verdict = "met"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%.0f\t%.2f\t%.0f\t%.2f\t%.2f\t%.0f\t%.0f\t%s\t%s\t\n",
			p.Transport, p.Model, p.Records, p.Wall.Round(time.Millisecond), p.RecordsPerSecond,
			p.ClientCPUPer1000, p.RecordsPerCoreSec, p.ServerCPUPer1000, p.ClientServerRatio, p.BytesPerRecord, p.AllocPerRecord,
			mib(p.PeakHeap), verdict)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\ntarget: >= %d records per client core-second; client peak RSS %s, simulator peak RSS %s\n",
		TargetPerCoreSecond, mib(uint64(r.ClientPeakRSS)), mib(uint64(r.ServerPeakRSS)))
	return err
}

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
