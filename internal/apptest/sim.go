package apptest

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
	"github.com/smartodoo/smartodoo/internal/odoosim/seeded"
)

// SimToday is the "today" of simulated companies in tests.
var SimToday = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// StartWithSim starts a simulator with a generated company of the given size (small for
// speed) and an app connected to it, with every automation registered.
func StartWithSim(t testing.TB, dsn string, size company.Size, opts app.Options) (*Env, *seeded.Sim) {
	t.Helper()
	clock := opts.Clock
	if clock == nil {
		clock = func() time.Time { return SimToday.Add(9 * time.Hour) }
		opts.Clock = clock
	}
	sim, err := seeded.New(context.Background(), seeded.Options{Size: size, Today: SimToday, Clock: clock})
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(sim.Close)
	hs := httptest.NewServer(sim.Server.Handler())
	t.Cleanup(hs.Close)
	cfg := Config(dsn)
	cfg.OdooURL, cfg.OdooDB, cfg.OdooUser, cfg.OdooAPIKey = hs.URL, sim.Server.DB(), "admin", "smartodoo-demo-key"
	return StartConfig(t, cfg, opts), sim
}
