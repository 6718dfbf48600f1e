// Package loadtest sends signed webhooks to a Smart Odoo server and measures throughput and
// latency. It is used by `smartodoo bench ingest` and by the crash test.
package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/smartodoo/smartodoo/internal/ingest"
)

// Options describe one load run.
type Options struct {
	URL         string
	Secret      []byte
	Events      int
	Concurrency int
	FirstID     int64 // record ids are FirstID..FirstID+Events-1, one event per record
	// OnAck, when set, is called with the record id of every acknowledged (2xx) event.
	OnAck func(recordID int64)
}

// Result summarises a run.
type Result struct {
	OK, Failed    int
	Elapsed       time.Duration
	P50, P99, Max time.Duration
	FirstError    string
}

func (r Result) String() string {
	rate := float64(r.OK) / r.Elapsed.Seconds()
	s := fmt.Sprintf("sent %d in %s: %.0f events/s, latency p50 %s p99 %s max %s, failed %d",
		r.OK+r.Failed, r.Elapsed.Round(time.Millisecond), rate, r.P50, r.P99, r.Max, r.Failed)
	if r.FirstError != "" {
		s += " (first error: " + r.FirstError + ")"
	}
	return s
}

// Body is the signed webhook body for one record.
func Body(recordID int64) []byte {
	return fmt.Appendf(nil, `{"model":"res.partner","id":%d,"action":"write","write_date":"2026-11-24 10:00:00","values":{"name":"Load %d"}}`, recordID, recordID)
}

// Run sends the events and waits for every answer.
func Run(ctx context.Context, o Options) (Result, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.Concurrency, MaxConnsPerHost: o.Concurrency}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	lat := make([]time.Duration, o.Events)
	var next, ok, failed atomic.Int64
	var firstErr atomic.Value
	start := time.Now()
	var wg sync.WaitGroup
	for range max(o.Concurrency, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(o.Events) || ctx.Err() != nil {
					return
				}
				id := o.FirstID + i
				t0 := time.Now()
				err := send(ctx, client, o, id)
				lat[i] = time.Since(t0)
				if err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				ok.Add(1)
				if o.OnAck != nil {
					o.OnAck(id)
				}
			}
		}()
	}
	wg.Wait()
	r := Result{OK: int(ok.Load()), Failed: int(failed.Load()), Elapsed: time.Since(start)}
	if v, _ := firstErr.Load().(string); v != "" {
		r.FirstError = v
	}
	r.P50, r.P99, r.Max = percentiles(lat[:min(int(next.Load()), o.Events)])
	return r, nil
}

func send(ctx context.Context, c *http.Client, o Options, id int64) error {
	body := Body(id)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(ingest.SignatureHeader, ingest.Sign(o.Secret, time.Now(), body))
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("HTTP %d: %s", resp.StatusCode, bytes.TrimSpace(msg))
	}
	return nil
}

func percentiles(d []time.Duration) (p50, p99, maxD time.Duration) {
	if len(d) == 0 {
		return 0, 0, 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	at := func(q float64) time.Duration { return s[min(len(s)-1, int(q*float64(len(s))))] }
	return at(0.50).Round(10 * time.Microsecond), at(0.99).Round(10 * time.Microsecond), s[len(s)-1].Round(10 * time.Microsecond)
}
