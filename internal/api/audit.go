package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

type auditIn struct {
	Model      string    `query:"model" doc:"Odoo model, e.g. account.move"`
	RecordID   int64     `query:"record_id" doc:"entries that touched this record id"`
	Actor      string    `query:"actor" doc:"e.g. apikey:ab12cd34 or policy:bankrec"`
	ProposalID int64     `query:"proposal_id"`
	RunID      int64     `query:"run_id"`
	Outcome    string    `query:"outcome" enum:"ok,conflict,error,rejected,"`
	Since      time.Time `query:"since" doc:"RFC 3339, inclusive"`
	Until      time.Time `query:"until" doc:"RFC 3339, exclusive"`
	Limit      int       `query:"limit" default:"100" minimum:"1" maximum:"1000"`
	BeforeID   int64     `query:"before_id"`
}

type auditOut struct {
	Body struct {
		Entries []core.AuditEntry `json:"entries"`
	}
}

func (s *Server) routeAudit() {
	register(s, huma.Operation{
		OperationID: "list-audit", Method: http.MethodGet, Path: "/api/audit", Tags: []string{"Audit"},
		Summary: "The audit log: every write to Odoo and every decision, newest first",
	}, finance, s.listAudit)
}

func (s *Server) listAudit(ctx context.Context, in *auditIn) (*auditOut, error) {
	es, err := s.deps.Store.ListAudit(ctx, store.AuditFilter{
		Model: in.Model, RecordID: in.RecordID, Actor: in.Actor, ProposalID: in.ProposalID, RunID: in.RunID,
		Outcome: in.Outcome, Since: in.Since, Until: in.Until, Limit: in.Limit, BeforeID: in.BeforeID,
	})
	if err != nil {
		return nil, err
	}
	out := &auditOut{}
	out.Body.Entries = nonNil(es)
	return out, nil
}
