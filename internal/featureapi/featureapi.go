// Package featureapi adds the automations' own HTTP endpoints to the API: bank-reconciliation
// suggestions and feedback, duplicate clusters with merge and dismiss, credit scores, holds
// and overrides, and the month-end close report. Decisions a person takes here (merge,
// override) become proposals approved by that person, so they go through the same apply path
// and audit trail as everything else.
package featureapi

import (
	"context"
	"fmt"

	"github.com/smartodoo/smartodoo/internal/api"
	"github.com/smartodoo/smartodoo/internal/approval"
	"github.com/smartodoo/smartodoo/internal/automation"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Deps are what the endpoints use.
type Deps struct {
	Registry *automation.Registry
	Runner   *automation.Runner
	Approval *approval.Service
	Store    *store.Store
	Odoo     Odoo // nil when no Odoo is configured
}

// Odoo is the client's execute_kw-style call.
type Odoo interface {
	Call(ctx context.Context, model, method string, args []any, kwargs map[string]any, out any) error
}

// Mount registers every endpoint whose automation is registered.
func Mount(s *api.Server, d Deps) {
	h := handlers{d}
	h.mountBankrec(s)
	h.mountDedup(s)
	h.mountCredit(s)
	h.mountClose(s)
}

type handlers struct{ Deps }

// lookup returns the registered automation called name as T.
func lookup[T core.Automation](d Deps, name string) (T, error) {
	var zero T
	a, err := d.Registry.Get(name)
	if err != nil {
		return zero, core.Errorf(core.CodeUnavailable, "%s is not running here: connect an Odoo (SMARTODOO_ODOO_URL) to enable it", name)
	}
	t, ok := a.(T)
	if !ok {
		return zero, fmt.Errorf("automation %s has an unexpected type %T", name, a)
	}
	return t, nil
}

// decide records a person's decision taken through a feature endpoint as a proposal of its
// own, approved by that person at once: the apply path and the audit entry are the usual ones.
func (h handlers) decide(ctx context.Context, automationName string, p core.Proposal) (core.Proposal, error) {
	who, _ := api.PrincipalFrom(ctx)
	run, err := h.Runner.Submit(ctx, automationName, "manual:"+who.Actor(), core.RunOutput{Proposals: []core.Proposal{p}})
	if err != nil {
		return core.Proposal{}, err
	}
	ps, err := h.Store.ListProposals(ctx, store.ProposalFilter{DedupKey: p.DedupKey, Limit: 1})
	if err != nil || len(ps) == 0 {
		return core.Proposal{}, fmt.Errorf("find the proposal of run %d: %v", run.ID, err)
	}
	if ps[0].Status != core.ProposalPending {
		return ps[0], nil // the rule's policy already applied it, or it was decided before
	}
	return h.Approval.Approve(ctx, ps[0].ID, who, "decided through "+automationName)
}
