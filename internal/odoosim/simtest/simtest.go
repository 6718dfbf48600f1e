// Package simtest gives tests a generated company in a simulated Odoo, reached through the
// real client over HTTP, so loaders are measured exactly as they run against Odoo.
package simtest

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/seeded"
)

// Today is the "today" of every test company.
var Today = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// Company is a generated company and a client connected to it.
type Company struct {
	Client *odoo.Client
	Truth  *company.Truth
	Sim    *seeded.Sim
}

var cache sync.Map // "seed/size" → *Company

// Get returns the company of seed and size, generated once per test binary and shared by
// its tests (the simulator and its HTTP server live until the binary exits).
func Get(t testing.TB, seed int64, size company.Size) *Company {
	t.Helper()
	key := fmt.Sprintf("%d/%s", seed, size)
	if v, ok := cache.Load(key); ok {
		return v.(*Company)
	}
	sim, err := seeded.New(context.Background(), seeded.Options{Version: 18, Seed: seed, Size: size, Today: Today,
		Clock: func() time.Time { return Today }})
	if err != nil {
		t.Fatalf("generate the %s company of seed %d: %v", size, seed, err)
	}
	hs := httptest.NewServer(sim.Server.Handler())
	c, err := odoo.New(odoo.Config{URL: hs.URL, DB: sim.Server.DB(), User: "admin", APIKey: "smartodoo-demo-key"})
	if err != nil {
		t.Fatalf("connect to the simulator: %v", err)
	}
	co := &Company{Client: c, Truth: sim.Truth, Sim: sim}
	actual, _ := cache.LoadOrStore(key, co)
	return actual.(*Company)
}
