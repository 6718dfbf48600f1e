// Package seeded starts a complete Odoo simulator: the engine (internal/odoosim), the
// business methods (internal/odoosim/business) and a generated company with its ground truth
// (internal/odoosim/company). The demo, `smartodoo odoosim serve` and end-to-end tests use it.
package seeded

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim"
	"github.com/smartodoo/smartodoo/internal/odoosim/business"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// Options choose the simulated Odoo and its company.
type Options struct {
	Version int          // 17, 18 or 19 (default 18)
	Seed    int64        // generator seed (default 42)
	Size    company.Size // small, demo or large (default demo); "" with Empty = no company
	Empty   bool         // no generated company: only the base data (users, currency, company)
	Today   time.Time    // the company's "now" (default: the clock's today)
	Clock   func() time.Time
	Logger  *slog.Logger
	// HTTPClient sends the simulator's native webhooks.
	HTTPClient *http.Client
}

// Sim is a running simulator and the truth of its company (nil when Empty).
type Sim struct {
	Server *odoosim.Server
	Truth  *company.Truth
}

// New builds the simulator and generates its company.
func New(ctx context.Context, o Options) (*Sim, error) {
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Version == 0 {
		o.Version = 18
	}
	if o.Seed == 0 {
		o.Seed = 42
	}
	if o.Size == "" {
		o.Size = company.SizeDemo
	}
	if o.Today.IsZero() {
		o.Today = o.Clock().UTC().Truncate(24 * time.Hour)
	}
	srv, err := odoosim.New(odoosim.Options{Version: o.Version, Clock: o.Clock, Logger: o.Logger, HTTPClient: o.HTTPClient})
	if err != nil {
		return nil, fmt.Errorf("start Odoo %d simulator: %w", o.Version, err)
	}
	business.Install(srv)
	sim := &Sim{Server: srv}
	if o.Empty {
		return sim, nil
	}
	sim.Truth, err = company.Generate(ctx, company.Options{Seed: o.Seed, Size: o.Size, Version: o.Version, Today: o.Today}, sink{srv, srv.SuperEnv()})
	if err != nil {
		srv.Close()
		return nil, err
	}
	return sim, nil
}

// Close stops the simulator's background work (webhook delivery).
func (s *Sim) Close() { s.Server.Close() }

// sink lets the generator insert and patch raw records and find the simulator's seeded
// reference data (currency, countries, main company) instead of creating duplicates.
type sink struct {
	srv *odoosim.Server
	env *odoosim.Env
}

func (k sink) Insert(model string, vals map[string]any) (int64, error) {
	return k.srv.Insert(model, vals)
}

func (k sink) Patch(model string, id int64, vals map[string]any) error {
	return k.srv.Patch(model, id, vals)
}

func (k sink) Search(model string, domain []any, order string, limit int) ([]int64, error) {
	return k.env.Search(model, domain, order, limit)
}

func (k sink) Get(model string, id int64, field string) any { return k.env.Get(model, id, field) }
