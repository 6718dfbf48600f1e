package featureapi

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/api"
	"github.com/smartodoo/smartodoo/internal/automation/closing"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

type closeIn struct {
	Period    string `path:"period" pattern:"^[0-9]{4}-[0-9]{2}$" doc:"YYYY-MM"`
	CompanyID int64  `query:"company_id"`
}

type closeOut struct {
	Body struct {
		Report    closing.Report  `json:"report"`
		Readiness []store.Point   `json:"readiness_history" doc:"readiness of every scan of this period, oldest first"`
		Proposals []core.Proposal `json:"lock_proposals" doc:"the lock-date proposals of this period (approve them through /api/approvals)"`
	}
}

func (h handlers) mountClose(s *api.Server) {
	api.Register(s, huma.Operation{
		OperationID: "close-report", Method: http.MethodGet, Path: "/api/close/{period}", Tags: []string{"Month-end close"},
		Summary:     "Scan the period now: the ten checks with their findings, readiness, and its history",
		Description: "The lock-date proposal, when the period is ready, is approved like any other (cfo or admin) through /api/approvals/{id}/approve.",
	}, api.Finance, h.closeReport)
}

func (h handlers) closeReport(ctx context.Context, in *closeIn) (*closeOut, error) {
	a, err := lookup[*closing.Automation](h.Deps, closing.Name)
	if err != nil {
		return nil, err
	}
	period, err := closing.ParsePeriod(in.Period)
	if err != nil {
		return nil, err
	}
	rule, err := h.Runner.Rule(ctx, closing.Name)
	if err != nil {
		return nil, err
	}
	company, err := h.Runner.Company(ctx, in.CompanyID)
	if err != nil {
		return nil, err
	}
	rep, err := a.ScanPeriod(ctx, company, period, rule.Params)
	if err != nil {
		return nil, err
	}
	out := &closeOut{}
	out.Body.Report = rep
	// The closing automation keys its readiness series by company:period.
	out.Body.Readiness, err = h.Store.ListPoints(ctx, "close_readiness", fmt.Sprintf("%d:%s", company, rep.Period), time.Time{}, 1000)
	if err != nil {
		return nil, err
	}
	out.Body.Proposals, err = h.Store.ListProposals(ctx, store.ProposalFilter{Automation: closing.Name, Kind: "close_lock", Limit: 20})
	if err != nil {
		return nil, err
	}
	out.Body.Readiness = append([]store.Point{}, out.Body.Readiness...)
	out.Body.Proposals = append([]core.Proposal{}, out.Body.Proposals...)
	return out, nil
}
