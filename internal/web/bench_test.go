package web_test

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/web"
)

// BenchmarkPages answers every page of a dashboard backed by the simulator with the demo
// company (after bankrec, credit and dedup have run), signed in as admin, who sees every
// section. It reports the p99 latency of each page. "overview-cold" disables the Odoo
// figures cache, so each request reads the receivables, payables and bank balances again.
//
//	go test ./internal/web -run '^$' -bench Pages -benchtime 200x
func BenchmarkPages(b *testing.B) {
	e := newEnv(b, company.SizeDemo)
	for _, name := range []string{"bankrec", "credit", "dedup", "closing"} {
		waitRun(b, e, startRun(b, e, name).ID)
	}
	c := newClient(b, e.Server.URL)
	c.login("admin")
	// The baseline is a static asset from the same server: on a shared, busy machine the
	// pages' figures mean something only next to it.
	b.Run("baseline-static", func(b *testing.B) { measure(b, c, e.Server.URL+"/static/app.css") })
	for _, path := range []string{"/", "/approvals", "/bank", "/dedup", "/credit", "/close", "/runs", "/audit", "/settings"} {
		name := strings.TrimPrefix(path, "/")
		if name == "" {
			name = "overview"
		}
		b.Run(name, func(b *testing.B) { measure(b, c, e.Server.URL+path) })
	}
	cold, err := web.New(web.Deps{Store: e.App.Store, Approval: e.App.Approval, Runner: e.App.Runner, Hub: e.App.Hub,
		Odoo: e.Odoo, SessionSecret: []byte("test-session-secret-0123456789abcdef"), CacheTTL: time.Nanosecond, Clock: e.App.Clock})
	if err != nil {
		b.Fatal(err)
	}
	srv := newServer(cold.Handler())
	defer srv.Close()
	c.hc.Jar.SetCookies(mustURL(b, srv.URL), c.hc.Jar.Cookies(mustURL(b, e.Server.URL)))
	b.Run("overview-cold", func(b *testing.B) { measure(b, c, srv.URL+"/") })
}

func measure(b *testing.B, c *client, url string) {
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		resp, err := c.hc.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d", url, resp.StatusCode)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
}
