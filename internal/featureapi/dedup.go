package featureapi

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/api"
	"github.com/smartodoo/smartodoo/internal/automation/dedup"
	"github.com/smartodoo/smartodoo/internal/core"
)

type clustersIn struct {
	CompanyID int64   `query:"company_id" doc:"0 = every partner"`
	Threshold float64 `query:"threshold" minimum:"0" maximum:"1" doc:"link probability; default the rule's (0.95)"`
}

type clustersOut struct {
	Body struct {
		Model    dedup.Model     `json:"model"`
		Stats    dedup.Stats     `json:"stats"`
		Clusters []dedup.Cluster `json:"clusters"`
	}
}

type mergeIn struct {
	Body struct {
		MasterID int64   `json:"master_id" minimum:"1" doc:"the partner to keep"`
		IDs      []int64 `json:"ids" minItems:"2" doc:"every partner of the cluster, master included"`
	}
}

type dismissIn struct {
	Body struct {
		IDs    []int64 `json:"ids" minItems:"2" doc:"partners that are NOT duplicates of each other"`
		Reason string  `json:"reason" minLength:"1"`
	}
}

type proposalOut struct{ Body core.Proposal }

func (h handlers) mountDedup(s *api.Server) {
	api.Register(s, huma.Operation{
		OperationID: "dedup-clusters", Method: http.MethodGet, Path: "/api/dedup/clusters", Tags: []string{"Duplicates"},
		Summary: "Scan partners now: clusters with their master, probability and per-pair explanation",
	}, api.Sales, h.clusters)
	api.Register(s, huma.Operation{
		OperationID: "dedup-merge", Method: http.MethodPost, Path: "/api/dedup/merge", Tags: []string{"Duplicates"},
		Summary:     "Merge partners into the chosen master through Odoo's own merge wizard",
		Description: "Recorded as a proposal approved by the caller; Odoo's refusal (e.g. journal items in different companies) is shown as the outcome.",
	}, api.Sales, h.merge)
	api.Register(s, huma.Operation{
		OperationID: "dedup-dismiss", Method: http.MethodPost, Path: "/api/dedup/dismiss", Tags: []string{"Duplicates"},
		Summary: "These partners are not duplicates: never propose merging any pair of them again",
	}, api.Sales, h.dismiss)
}

func (h handlers) clusters(ctx context.Context, in *clustersIn) (*clustersOut, error) {
	if h.Odoo == nil {
		return nil, core.Errorf(core.CodeUnavailable, "no Odoo connection configured")
	}
	rule, err := h.Runner.Rule(ctx, dedup.AutomationName)
	if err != nil {
		return nil, err
	}
	var params dedup.Params
	if len(rule.Params) > 0 {
		if err := json.Unmarshal(rule.Params, &params); err != nil {
			return nil, core.Errorf(core.CodeInvalid, "dedup rule params are not valid JSON: %v", err)
		}
	}
	cfg := dedup.Config{Threshold: cmp.Or(in.Threshold, params.Threshold), MaxBlock: params.MaxBlock, Method: params.Method}
	company, err := h.Runner.Company(ctx, in.CompanyID)
	if err != nil {
		return nil, err
	}
	res, err := dedup.ScanOdoo(ctx, h.Odoo, h.Store, dedup.LoadOptions{CompanyID: company}, cfg)
	if err != nil {
		return nil, err
	}
	out := &clustersOut{}
	out.Body.Model, out.Body.Stats, out.Body.Clusters = res.Model, res.Stats, res.Clusters
	if out.Body.Clusters == nil {
		out.Body.Clusters = []dedup.Cluster{}
	}
	return out, nil
}

func (h handlers) merge(ctx context.Context, in *mergeIn) (*proposalOut, error) {
	ids := slices.Clone(in.Body.IDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if !slices.Contains(ids, in.Body.MasterID) || len(ids) < 2 {
		return nil, core.Errorf(core.CodeInvalid, "ids must hold the master %d and at least one other partner", in.Body.MasterID)
	}
	var sources []int64
	refs := []core.RecordRef{{Model: "res.partner", ID: in.Body.MasterID}}
	expect := []core.Expectation{{Model: "res.partner", ID: in.Body.MasterID, Values: map[string]any{"active": true}}}
	for _, id := range ids {
		if id != in.Body.MasterID {
			sources = append(sources, id)
			refs = append(refs, core.RecordRef{Model: "res.partner", ID: id})
			expect = append(expect, core.Expectation{Model: "res.partner", ID: id, Values: map[string]any{"active": true}})
		}
	}
	who, _ := api.PrincipalFrom(ctx)
	p := core.Proposal{
		Kind: "partner_merge", Title: fmt.Sprintf("Merge %v into partner %d", sources, in.Body.MasterID),
		Rationale:  "merge chosen by " + who.Actor(),
		Confidence: 1, Calls: dedup.MergeCalls(in.Body.MasterID, sources), Expect: expect, Records: refs,
		Roles:    api.Sales,
		DedupKey: fmt.Sprintf("dedup:manual:%s:%v", dedup.ClusterKey(ids), h.Runner.Clock().UnixNano()),
	}
	done, err := h.decide(ctx, dedup.AutomationName, p)
	if err != nil {
		return nil, err
	}
	return &proposalOut{Body: done}, nil
}

func (h handlers) dismiss(ctx context.Context, in *dismissIn) (*okOut, error) {
	who, _ := api.PrincipalFrom(ctx)
	return ok(), dedup.Dismiss(ctx, h.Store, in.Body.IDs, who.Actor(), in.Body.Reason)
}
