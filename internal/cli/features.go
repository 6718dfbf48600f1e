package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/user"

	"github.com/spf13/cobra"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/automation/anomaly/scan"
	"github.com/smartodoo/smartodoo/internal/automation/bankrec"
	"github.com/smartodoo/smartodoo/internal/automation/closing"
	"github.com/smartodoo/smartodoo/internal/automation/credit"
	"github.com/smartodoo/smartodoo/internal/automation/dedup"
	"github.com/smartodoo/smartodoo/internal/bank"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// featureCmds are the automation commands. Each opens the app (store + Odoo client) lazily,
// only when a subcommand needs it, so `smartodoo bank parse` or `anomaly benford` work with no
// database and no Odoo at all.
func (e *env) featureCmds() []*cobra.Command {
	return []*cobra.Command{
		bank.Command(bank.CommandDeps{
			Odoo: func(ctx context.Context) (bank.Odoo, error) {
				a, err := e.openApp(ctx)
				if err != nil {
					return nil, err
				}
				return a.Odoo, nil
			},
			State: func(ctx context.Context) (bank.State, error) {
				st, err := e.openStoreOnly(ctx)
				if err != nil {
					return nil, err
				}
				return st, nil
			},
			Audit: func(ctx context.Context, entry core.AuditEntry) error {
				a, err := e.openApp(ctx)
				if err != nil {
					return err
				}
				return a.Store.InsertAudit(ctx, &entry)
			},
			Actor: "cli:" + currentUser(),
		}),
		bankrec.Command(bankrec.CommandDeps{
			Automation: func(ctx context.Context) (*bankrec.Automation, error) {
				return automationOf[*bankrec.Automation](ctx, e, "bankrec")
			},
			Company: func(ctx context.Context, id int64) (int64, error) {
				a, err := e.openApp(ctx)
				if err != nil {
					return 0, err
				}
				return a.Runner.Company(ctx, id)
			},
			Submit: func(ctx context.Context, ps []core.Proposal) error {
				a, err := e.openApp(ctx)
				if err != nil {
					return err
				}
				run, err := a.Runner.Submit(ctx, "bankrec", "manual:cli", core.RunOutput{Proposals: ps})
				if err == nil {
					fmt.Fprintf(e.stderr, "run %d: %d new proposal(s), %d applied by the rule's policy\n", run.ID, run.Proposals, run.Applied)
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

// openStoreOnly opens the store without needing an Odoo (saved CSV mappings).
func (e *env) openStoreOnly(ctx context.Context) (*store.Store, error) {
	if e.app != nil {
		return e.app.Store, nil
	}
	if e.store != nil {
		return e.store, nil
	}
	cfg, err := e.load()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, store.Options{Logger: e.logger(cfg), Synchronous: cfg.SQLiteSync})
	if err != nil {
		return nil, err
	}
	if err := st.CheckSchema(ctx); err != nil {
		st.Close()
		return nil, err
	}
	e.store = st
	return st, nil
}

// currentUser names the person running the CLI, for the audit trail.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}

func cliPrincipal() core.Principal {
	return core.Principal{Kind: "cli", ID: currentUser(), Name: currentUser(), Role: core.RoleAdmin}
}

// submitAndApprove records a decision taken at the command line as a proposal approved by
// the person running it: it goes through the expectation check and the audit trail.
func (e *env) submitAndApprove(ctx context.Context, automation string, p core.Proposal) (core.Proposal, error) {
	a, err := e.openApp(ctx)
	if err != nil {
		return core.Proposal{}, err
	}
	if _, err := a.Runner.Submit(ctx, automation, "manual:cli", core.RunOutput{Proposals: []core.Proposal{p}}); err != nil {
		return core.Proposal{}, err
	}
	ps, err := a.Store.ListProposals(ctx, store.ProposalFilter{DedupKey: p.DedupKey, Limit: 1})
	if err != nil || len(ps) == 0 {
		return core.Proposal{}, fmt.Errorf("find the submitted proposal %q: %v", p.DedupKey, err)
	}
	if ps[0].Status != core.ProposalPending {
		return ps[0], nil
	}
	return a.Approval.Approve(ctx, ps[0].ID, cliPrincipal(), "decided at the command line")
}
