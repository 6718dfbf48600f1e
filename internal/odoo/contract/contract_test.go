package contract

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/seeded"
)

// TestRealOdoo runs the suite against the Odoo named by SMARTODOO_TEST_ODOO_URL, _DB,
// _USER and _KEY (an API key; _PASSWORD works instead, without JSON-2). It writes (and
// deletes) its own records only when SMARTODOO_TEST_ODOO_WRITE=1: use a test database.
func TestRealOdoo(t *testing.T) {
	url, db, user := os.Getenv("SMARTODOO_TEST_ODOO_URL"), os.Getenv("SMARTODOO_TEST_ODOO_DB"), os.Getenv("SMARTODOO_TEST_ODOO_USER")
	key, password := os.Getenv("SMARTODOO_TEST_ODOO_KEY"), os.Getenv("SMARTODOO_TEST_ODOO_PASSWORD")
	if url == "" || db == "" || user == "" || key == "" && password == "" {
		t.Skip("set SMARTODOO_TEST_ODOO_URL, _DB, _USER and _KEY to run the contract suite against a real Odoo")
	}
	Run(t, Target{Name: url, URL: url, DB: db, User: user, APIKey: key, Password: password,
		Writable: os.Getenv("SMARTODOO_TEST_ODOO_WRITE") == "1", Timeout: 10 * time.Minute,
		// Creating then deleting a company broke a real Odoo 18 for every client until it
		// was restarted (docs/real-odoo.md): never do it to a real server.
		KnownGaps: map[string]string{"writes/res.company": "deleting a company breaks a real Odoo server"}})
}

// TestSimulator runs the same suite against the simulator of every version it offers.
func TestSimulator(t *testing.T) {
	for _, version := range []int{17, 18, 19} {
		t.Run(itoa(version), func(t *testing.T) {
			today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
			opts := seeded.Options{Version: version, Size: company.SizeSmall, Today: today,
				Clock: func() time.Time { return today.Add(9 * time.Hour) }}
			sim, err := seeded.New(context.Background(), opts)
			if err != nil {
				// Still hold the client to the engine's behaviour on the base data.
				t.Logf("simulator %d cannot generate a company (%v): running on its base data only", version, err)
				opts.Empty = true
				if sim, err = seeded.New(context.Background(), opts); err != nil {
					t.Fatalf("start simulator %d: %v", version, err)
				}
			}
			t.Cleanup(sim.Close)
			srv := httptest.NewServer(sim.Server.Handler())
			t.Cleanup(srv.Close)
			Run(t, Target{Name: "odoosim " + itoa(version), URL: srv.URL, DB: sim.Server.DB(), User: "admin",
				APIKey: "smartodoo-demo-key", Writable: true, KnownGaps: simulatorGaps(version, sim.Truth == nil)})
		})
	}
}

// TestSimulatorThroughFlakyProxy answers every fifth request with 503 (as a proxy in
// front of a restarting Odoo does): the client's retries must make the suite pass as is.
func TestSimulatorThroughFlakyProxy(t *testing.T) {
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	sim, err := seeded.New(context.Background(), seeded.Options{Version: 18, Size: company.SizeSmall, Today: today,
		Clock: func() time.Time { return today.Add(9 * time.Hour) }})
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(sim.Close)
	var n atomic.Int64
	inner := sim.Server.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%5 == 0 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "<html>503 Service Temporarily Unavailable</html>", http.StatusServiceUnavailable)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	Run(t, Target{Name: "flaky odoosim 18", URL: srv.URL, DB: sim.Server.DB(), User: "admin",
		APIKey: "smartodoo-demo-key", Writable: true, KnownGaps: simulatorGaps(18, false)})
	if n.Load() < 50 {
		t.Errorf("only %d requests went through the proxy", n.Load())
	}
}

func itoa(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// simulatorGaps are the places where the simulator does not (yet) do what Odoo does, found
// by this suite; each was reported to the simulator's owner. Real Odoo runs get none.
func simulatorGaps(version int, empty bool) map[string]string {
	gaps := map[string]string{
		"writes/res.company":     "create does not make the company's partner (partner_id required)",
		"writes/product.product": "create does not make the product.template (_inherits), product_tmpl_id required",
	}
	if version == 17 {
		// Odoo 17 has these fields (the simulator's own company generator writes to_check);
		// the simulator's 17 schema does not define them yet.
		gaps["typed reads/account.move"] = "17 schema lacks account.move.to_check"
		gaps["typed reads/account.payment"] = "17 schema lacks account.payment.ref"
		gaps["typed reads/res.company"] = "17 schema lacks res.company.period_lock_date"
	}
	if empty {
		for _, k := range []string{"writes/account.move", "writes/account.payment", "writes/account.bank.statement.line",
			"writes/sale.order", "writes/purchase.order", "writes/stock.picking", "writes/product.supplierinfo", "business methods"} {
			gaps[k] = "no generated company (no chart of accounts, journals or products)"
		}
	}
	return gaps
}
