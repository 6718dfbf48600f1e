package pullbench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo"
)

// everything is the context of every call: archived partners are records too, and a
// full pull must not silently leave them out.
var everything = map[string]any{"active_test": false}

// puller pulls one model over one client and measures it.
type puller struct {
	opt    Options
	client *odoo.Client
	bytes  *atomic.Int64 // response bytes read by the client
	sim    *child
}

// newClient builds a client for one transport that counts the bytes it reads.
func newClient(o Options, ready childReady, transport string) (*odoo.Client, *atomic.Int64, error) {
	var n atomic.Int64
	rt := &http.Transport{MaxIdleConnsPerHost: o.Concurrency, MaxConnsPerHost: o.Concurrency, DisableCompression: true}
	c, err := odoo.New(odoo.Config{
		URL: "http://" + ready.Addr, DB: ready.DB, User: "admin", APIKey: "smartodoo-demo-key",
		Transport:      transport,
		MaxConcurrency: o.Concurrency,
		Timeout:        5 * time.Minute,
		HTTPClient:     &http.Client{Transport: countingTransport{rt, &n}, Timeout: 5 * time.Minute},
	})
	if err != nil {
		return nil, nil, fmt.Errorf("client over %s: %w", transport, err)
	}
	return c, &n, nil
}

// pull fetches every record of model with its typed record's field list and returns the
// measurements. The records are counted and their ids checked, then dropped, as a
// streaming consumer would.
func (p *puller) pull(ctx context.Context, transport, model string) (Pull, error) {
	res := Pull{Transport: transport, Model: model}
	expected, err := p.client.SearchCount(ctx, model, nil, odoo.CallContext(everything))
	if err != nil {
		return res, fmt.Errorf("count %s over %s: %w", model, transport, err)
	}
	res.Expected = int64(expected)

	runtime.GC() // start each pull from the same heap, so its peak is its own
	ids := &idSet{}
	srv0, err := p.sim.usage(ctx)
	if err != nil {
		return res, err
	}
	p.bytes.Store(0)
	alloc0 := allocatedBytes()
	cpu0, _ := selfUsage()
	sampler := startHeapSampler(10 * time.Millisecond)
	start := p.opt.Clock()

	err = fetch(ctx, p.client, model, pageOptions(p.opt), func(id int64) error {
		if id <= 0 {
			return fmt.Errorf("a %s record arrived with id %d", model, id)
		}
		if !ids.add(id) {
			return fmt.Errorf("record %s %d arrived twice", model, id)
		}
		return nil
	}, &res.Pages)

	res.Wall = p.opt.Clock().Sub(start)
	cpu1, _ := selfUsage()
	res.PeakHeap, res.PeakRuntime = sampler.Stop()
	res.Allocated = allocatedBytes() - alloc0
	res.ClientCPU = cpu1 - cpu0
	res.ResponseBytes = p.bytes.Load()
	if err != nil {
		return res, fmt.Errorf("pull %s over %s: %w", model, transport, err)
	}
	srv1, err := p.sim.usage(ctx)
	if err != nil {
		return res, err
	}
	res.ServerCPU = srv1.CPU - srv0.CPU
	res.Records = ids.n
	if res.Records != res.Expected {
		return res, fmt.Errorf("pull %s over %s: got %d records, search_count says %d", model, transport, res.Records, res.Expected)
	}
	res.derive()
	return res, nil
}

// pageOptions turns the benchmark's options into the client's paging options.
func pageOptions(o Options) odoo.PageOptions {
	return odoo.PageOptions{PageSize: o.PageSize, Concurrency: o.Concurrency, Context: everything}
}

// fetch runs the typed pull of model, handing each record id to seen.
func fetch(ctx context.Context, c *odoo.Client, model string, po odoo.PageOptions, seen func(int64) error, pages *int64) error {
	switch model {
	case ModelPartner:
		return odoo.FetchAllRecords(ctx, c, nil, po, func(page []odoo.Partner) error {
			*pages++
			for i := range page {
				if err := seen(page[i].ID); err != nil {
					return err
				}
			}
			return nil
		})
	case ModelMoveLine:
		return odoo.FetchAllRecords(ctx, c, nil, po, func(page []odoo.MoveLine) error {
			*pages++
			for i := range page {
				if err := seen(page[i].ID); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return fmt.Errorf("model %q has no typed record in the benchmark", model)
}

// idSet is a bitmap of the ids seen: a duplicate means the paging is wrong, and the
// count of distinct ids is what is compared with search_count.
type idSet struct {
	bits []uint64
	n    int64
}

// add records a positive id and reports whether it was new.
func (s *idSet) add(id int64) bool {
	w := int(id / 64)
	if w >= len(s.bits) {
		s.bits = append(s.bits, make([]uint64, w-len(s.bits)+1+len(s.bits)/2)...)
	}
	bit := uint64(1) << (id % 64)
	if s.bits[w]&bit != 0 {
		return false
	}
	s.bits[w] |= bit
	s.n++
	return true
}

// countingTransport counts the bytes of every response body the client reads.
type countingTransport struct {
	next http.RoundTripper
	n    *atomic.Int64
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	if err == nil && resp.Body != nil {
		resp.Body = &countingBody{resp.Body, t.n}
	}
	return resp, err
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// CloseIdleConnections lets the client's Close reach the pooled connections.
func (t countingTransport) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
