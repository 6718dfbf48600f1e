package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/automation/anomaly/scan"
	"github.com/smartodoo/smartodoo/internal/automation/bankrec"
	"github.com/smartodoo/smartodoo/internal/automation/closing"
	"github.com/smartodoo/smartodoo/internal/automation/credit"
	"github.com/smartodoo/smartodoo/internal/automation/dedup"
	"github.com/smartodoo/smartodoo/internal/bank"
	"github.com/smartodoo/smartodoo/internal/core"
)

// featureCmds are the automation commands. Each opens the app (store + Odoo client) lazily,
// only when a subcommand needs it, so `smartodoo bank parse` or `anomaly benford` work with no
// database and no Odoo at all.
func (e *env) featureCmds() []*cobra.Command {
	return []*cobra.Command{
		bank.Command(bank.CommandDeps{Odoo: func(ctx context.Context) (bank.Odoo, error) {
			a, err := e.openApp(ctx)
			if err != nil {
				return nil, err
			}
			return a.Odoo, nil
		}}),
		bankrec.Command(bankrec.CommandDeps{
			Automation: func(ctx context.Context) (*bankrec.Automation, error) {
				return automationOf[*bankrec.Automation](ctx, e, "bankrec")
			},
			Submit: func(ctx context.Context, ps []core.Proposal) error {
				a, err := e.openApp(ctx)
				if err != nil {
					return err
				}
				run, err := a.Runner.Submit(ctx, "bankrec", "manual:cli", core.RunOutput{Proposals: ps})
				if err == nil {
					fmt.Fprintf(e.stdout, "run %d: %d new proposal(s), %d applied by the rule's policy\n", run.ID, run.Proposals, run.Applied)
				}
				return err
			},
		}),
		dedup.Command(dedup.CommandDeps{
			Odoo: func(ctx context.Context) (dedup.Caller, error) {
				a, err := e.openApp(ctx)
				if err != nil {
					return nil, err
				}
				return a.Odoo, nil
			},
			Dismissals: func(ctx context.Context) (dedup.Dismissals, error) {
				a, err := e.openApp(ctx)
				if err != nil {
					return nil, err
				}
				return a.Store, nil
			},
		}),
		credit.Command(credit.CommandDeps{
			Automation: func(ctx context.Context) (*credit.Automation, error) {
				return automationOf[*credit.Automation](ctx, e, "credit")
			},
			Rule: func(ctx context.Context) (json.RawMessage, error) { return e.ruleParams(ctx, "credit") },
		}),
		closing.Command(closing.CommandDeps{
			Automation: func(ctx context.Context) (*closing.Automation, error) {
				return automationOf[*closing.Automation](ctx, e, "closing")
			},
			Rule: func(ctx context.Context) (json.RawMessage, error) { return e.ruleParams(ctx, "closing") },
		}),
		scan.Command(scan.CommandDeps{
			Automation: func(ctx context.Context) (*scan.Automation, error) {
				return automationOf[*scan.Automation](ctx, e, "anomaly")
			},
		}),
	}
}

// openApp builds the app once per command (no workers), closed when the command ends.
func (e *env) openApp(ctx context.Context) (*app.App, error) {
	if e.app != nil {
		return e.app, nil
	}
	cfg, err := e.loadValid()
	if err != nil {
		return nil, err
	}
	if cfg.OdooURL == "" {
		return nil, errors.New("no Odoo configured: set SMARTODOO_ODOO_URL, _DB, _USER and _API_KEY (or _PASSWORD); try it on the simulator with `smartodoo odoosim serve`")
	}
	a, err := app.New(ctx, cfg, app.Options{Logger: e.logger(cfg)})
	if err != nil {
		return nil, err
	}
	e.app = a
	return a, nil
}

func automationOf[T core.Automation](ctx context.Context, e *env, name string) (T, error) {
	var zero T
	a, err := e.openApp(ctx)
	if err != nil {
		return zero, err
	}
	au, err := a.Registry.Get(name)
	if err != nil {
		return zero, err
	}
	t, ok := au.(T)
	if !ok {
		return zero, fmt.Errorf("automation %s is not registered as expected (a wiring bug)", name)
	}
	return t, nil
}

func (e *env) ruleParams(ctx context.Context, name string) (json.RawMessage, error) {
	a, err := e.openApp(ctx)
	if err != nil {
		return nil, err
	}
	r, err := a.Runner.Rule(ctx, name)
	if err != nil {
		return nil, err
	}
	return r.Params, nil
}
