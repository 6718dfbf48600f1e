package app

import (
	"context"

	"github.com/smartodoo/smartodoo/internal/automation/anomaly/scan"
	"github.com/smartodoo/smartodoo/internal/automation/bankrec"
	"github.com/smartodoo/smartodoo/internal/automation/closing"
	"github.com/smartodoo/smartodoo/internal/automation/credit"
	"github.com/smartodoo/smartodoo/internal/automation/dedup"
	"github.com/smartodoo/smartodoo/internal/core"
)

// automations builds the automations that read from Odoo; without an Odoo connection only the
// built-in self-test is registered. Each gets the Odoo client, the store for its state, the
// logger and the clock: nothing else.
func (a *App) automations(ctx context.Context) []core.Automation {
	if a.Odoo == nil {
		return nil
	}
	log := a.Logger
	version := 18
	if v, err := a.Odoo.Version(ctx); err == nil && v.Major > 0 {
		version = v.Major
	} else if err != nil {
		log.Warn("could not ask Odoo its version; assuming 18 until it answers", "err", err)
	}
	return []core.Automation{
		bankrec.New(bankrec.Deps{Odoo: a.Odoo, State: a.Store, Logger: log.With("automation", "bankrec"), Clock: a.Clock}),
		dedup.New(dedup.Deps{Odoo: a.Odoo, Dismissals: a.Store, Logger: log.With("automation", "dedup"), Clock: a.Clock}, dedup.Config{}),
		credit.New(credit.Deps{Odoo: a.Odoo, State: a.Store, Logger: log.With("automation", "credit"), Clock: a.Clock, Version: version}),
		closing.New(closing.Deps{Odoo: a.Odoo, State: a.Store, Logger: log.With("automation", "closing"), Clock: a.Clock}),
		scan.New(scan.Deps{Odoo: a.Odoo, Logger: log.With("automation", "anomaly"), Clock: a.Clock}),
	}
}
