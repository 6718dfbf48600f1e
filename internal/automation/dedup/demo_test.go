package dedup

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim"
	"github.com/smartodoo/smartodoo/internal/odoosim/business"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

var demoToday = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// simulatedOdoo generates a company of the given size into the Odoo simulator (with its
// business methods, the merge wizard included) and returns a real client talking JSON-RPC
// to it, with the generator's ground truth.
func simulatedOdoo(t testing.TB, size company.Size) (*odoo.Client, *company.Truth) {
	t.Helper()
	sim, err := business.NewServer(odoosim.Options{Version: 18, Clock: func() time.Time { return demoToday }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	truth, err := company.Generate(context.Background(), company.Options{Seed: 1, Size: size, Version: 18, Today: demoToday}, sim)
	if err != nil {
		t.Fatalf("generate %s company into the simulator: %v", size, err)
	}
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(srv.Close)
	client, err := odoo.New(odoo.Config{URL: srv.URL, DB: sim.DB(), User: "admin", APIKey: "smartodoo-demo-key"})
	if err != nil {
		t.Fatal(err)
	}
	return client, truth
}

// TestDemoCompanyAccuracy loads the generator's demo company through the loader and scores
// the clusters against its planted duplicates: precision >= 0.99 at recall >= 0.95.
func TestDemoCompanyAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("generating the demo company takes seconds; run without -short")
	}
	client, truth := simulatedOdoo(t, company.SizeDemo)
	partners, err := LoadPartners(context.Background(), client, LoadOptions{PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	entity := make(map[int64]string, len(partners))
	for _, p := range partners {
		entity[p.ID] = fmt.Sprint(p.ID)
	}
	for i, c := range truth.Dedup.Clusters {
		for _, id := range c {
			entity[id] = fmt.Sprint("cluster", i)
		}
	}
	for _, method := range []string{"em", "baseline"} {
		res, err := Scan(context.Background(), partners, Config{Method: method})
		if err != nil {
			t.Fatal(err)
		}
		var clusters [][]int64
		for _, c := range res.Clusters {
			clusters = append(clusters, c.IDs)
		}
		m := PairwiseMetrics(clusters, entity)
		t.Logf("demo company, %s: %d partners, %d planted clusters, %d hard negatives: %+v, pairs/record %.2f",
			method, len(partners), len(truth.Dedup.Clusters), len(truth.Dedup.HardNegatives), m, res.Stats.Blocking.PairsPerRecord)
		if method == "em" && (m.Precision < 0.99 || m.Recall < 0.95) {
			t.Errorf("em: precision %.4f recall %.4f, want >= 0.99 at >= 0.95", m.Precision, m.Recall)
		}
		for _, hn := range truth.Dedup.HardNegatives { // look-alikes that are distinct entities
			for _, c := range clusters {
				if slices.Contains(c, hn[0]) && slices.Contains(c, hn[1]) {
					t.Errorf("%s: hard negative %v merged in cluster %v", method, hn, c)
				}
			}
		}
	}
}
