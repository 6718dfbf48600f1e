package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

type listProposalsIn struct {
	Status        string  `query:"status" default:"pending" enum:"pending,approved,applied,rejected,conflict,failed,all" doc:"proposal status; all = any"`
	Automation    string  `query:"automation"`
	Kind          string  `query:"kind"`
	MinConfidence float64 `query:"min_confidence" minimum:"0" maximum:"1"`
	Limit         int     `query:"limit" default:"50" minimum:"1" maximum:"500"`
	BeforeID      int64   `query:"before_id" doc:"next page: the smallest id of the previous page"`
}

type proposalsOut struct {
	Body struct {
		Proposals []core.Proposal `json:"proposals"`
	}
}

type proposalOut struct {
	Body core.Proposal
}

type idIn struct {
	ID int64 `path:"id" minimum:"1"`
}

type decideIn struct {
	ID   int64 `path:"id" minimum:"1"`
	Body *decisionBody
}

type decisionBody struct {
	Reason string `json:"reason,omitempty" maxLength:"2000" doc:"why; required to reject"`
}

func (in *decideIn) reason() string {
	if in.Body == nil {
		return ""
	}
	return in.Body.Reason
}

func (s *Server) routeApprovals() {
	register(s, huma.Operation{
		OperationID: "list-approvals", Method: http.MethodGet, Path: "/api/approvals", Tags: []string{"Approvals"},
		Summary: "List proposals (pending by default), newest first",
	}, everyone, s.listProposals)
	register(s, huma.Operation{
		OperationID: "get-proposal", Method: http.MethodGet, Path: "/api/approvals/{id}", Tags: []string{"Approvals"},
		Summary: "One proposal with its calls, expectations, evidence and outcome",
	}, everyone, s.getProposal)
	register(s, huma.Operation{
		OperationID: "approve", Method: http.MethodPost, Path: "/api/approvals/{id}/approve", Tags: []string{"Approvals"},
		Summary:     "Approve and apply a proposal",
		Description: "Idempotent: approving again returns the first outcome. Applying re-reads the records and ends in conflict when they changed. The proposal's own roles also apply (default admin and cfo).",
		Errors:      []int{http.StatusNotFound, http.StatusConflict},
	}, deciders, s.approve)
	register(s, huma.Operation{
		OperationID: "reject", Method: http.MethodPost, Path: "/api/approvals/{id}/reject", Tags: []string{"Approvals"},
		Summary: "Reject a proposal with a reason; it is never proposed again",
		Errors:  []int{http.StatusBadRequest, http.StatusNotFound, http.StatusConflict},
	}, deciders, s.reject)
}

func (s *Server) listProposals(ctx context.Context, in *listProposalsIn) (*proposalsOut, error) {
	f := store.ProposalFilter{Automation: in.Automation, Kind: in.Kind, MinConfidence: in.MinConfidence, Limit: in.Limit, BeforeID: in.BeforeID}
	if in.Status != "all" {
		f.Status = core.ProposalStatus(in.Status)
	}
	ps, err := s.deps.Store.ListProposals(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &proposalsOut{}
	out.Body.Proposals = nonNil(ps)
	return out, nil
}

func (s *Server) getProposal(ctx context.Context, in *idIn) (*proposalOut, error) {
	p, err := s.deps.Store.GetProposal(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &proposalOut{Body: p}, nil
}

func (s *Server) approve(ctx context.Context, in *decideIn) (*proposalOut, error) {
	who, _ := PrincipalFrom(ctx)
	p, err := s.deps.Approval.Approve(ctx, in.ID, who, in.reason())
	if err != nil {
		return nil, err
	}
	return &proposalOut{Body: p}, nil
}

func (s *Server) reject(ctx context.Context, in *decideIn) (*proposalOut, error) {
	who, _ := PrincipalFrom(ctx)
	p, err := s.deps.Approval.Reject(ctx, in.ID, who, in.reason())
	if err != nil {
		return nil, err
	}
	return &proposalOut{Body: p}, nil
}

func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}
