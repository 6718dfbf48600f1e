package seeded

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

func TestSmallCompanyOverJSONRPC(t *testing.T) {
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	sim, err := New(context.Background(), Options{Size: company.SizeSmall, Today: today, Clock: func() time.Time { return today.Add(9 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	hs := httptest.NewServer(sim.Server.Handler())
	defer hs.Close()
	c, err := odoo.New(odoo.Config{URL: hs.URL, DB: sim.Server.DB(), User: "admin", APIKey: "smartodoo-demo-key"})
	if err != nil {
		t.Fatal(err)
	}
	n, err := c.SearchCount(context.Background(), "res.partner", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n < 30 {
		t.Fatalf("only %d partners in the small company", n)
	}
	if len(sim.Truth.Bank.Unreconciled) == 0 || len(sim.Truth.Dedup.Clusters) == 0 {
		t.Fatalf("truth has no unreconciled bank lines or duplicate clusters")
	}
}
