package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

type listRunsIn struct {
	Automation string `query:"automation"`
	Status     string `query:"status" enum:"queued,running,succeeded,failed,"`
	Limit      int    `query:"limit" default:"50" minimum:"1" maximum:"500"`
	BeforeID   int64  `query:"before_id"`
}

type runsOut struct {
	Body struct {
		Runs []core.Run `json:"runs"`
	}
}

type runOut struct{ Body core.Run }

type startRunIn struct {
	Body struct {
		Automation string `json:"automation" doc:"automation name, e.g. closing"`
		CompanyID  int64  `json:"company_id,omitempty" doc:"Odoo company; 0 = the connection's default"`
	}
}

type listFindingsIn struct {
	Automation string `query:"automation"`
	RunID      int64  `query:"run_id"`
	Kind       string `query:"kind"`
	Severity   string `query:"severity" enum:"info,warning,critical,"`
	Limit      int    `query:"limit" default:"100" minimum:"1" maximum:"1000"`
	BeforeID   int64  `query:"before_id"`
}

type findingsOut struct {
	Body struct {
		Findings []core.Finding `json:"findings"`
	}
}

type listEventsIn struct {
	Model    string `query:"model"`
	RecordID int64  `query:"record_id"`
	AfterID  int64  `query:"after_id" doc:"resume a feed after this event id"`
	Limit    int    `query:"limit" default:"100" minimum:"1" maximum:"10000"`
}

type eventsOut struct {
	Body struct {
		Events []core.Event `json:"events"`
	}
}

func (s *Server) routeRuns() {
	register(s, huma.Operation{
		OperationID: "list-runs", Method: http.MethodGet, Path: "/api/runs", Tags: []string{"Runs"},
		Summary: "Automation runs, newest first: status, timings, counts, errors",
	}, everyone, s.listRuns)
	register(s, huma.Operation{
		OperationID: "get-run", Method: http.MethodGet, Path: "/api/runs/{id}", Tags: []string{"Runs"},
		Summary: "One run",
	}, everyone, s.getRun)
	register(s, huma.Operation{
		OperationID: "start-run", Method: http.MethodPost, Path: "/api/runs", Tags: []string{"Runs"},
		Summary: "Start an automation now; returns the queued run", DefaultStatus: http.StatusAccepted,
		Errors: []int{http.StatusNotFound},
	}, deciders, s.startRun)
	register(s, huma.Operation{
		OperationID: "list-findings", Method: http.MethodGet, Path: "/api/findings", Tags: []string{"Runs"},
		Summary: "Findings of automations, newest first",
	}, everyone, s.listFindings)
	register(s, huma.Operation{
		OperationID: "list-events", Method: http.MethodGet, Path: "/api/events", Tags: []string{"Events"},
		Summary: "Stored change events, oldest first (a feed: pass after_id)",
	}, adminsOnly, s.listEvents)
}

func (s *Server) listRuns(ctx context.Context, in *listRunsIn) (*runsOut, error) {
	rs, err := s.deps.Store.ListRuns(ctx, store.RunFilter{Automation: in.Automation, Status: core.RunStatus(in.Status), Limit: in.Limit, BeforeID: in.BeforeID})
	if err != nil {
		return nil, err
	}
	out := &runsOut{}
	out.Body.Runs = nonNil(rs)
	return out, nil
}

func (s *Server) getRun(ctx context.Context, in *idIn) (*runOut, error) {
	r, err := s.deps.Store.GetRun(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &runOut{Body: r}, nil
}

func (s *Server) startRun(ctx context.Context, in *startRunIn) (*runOut, error) {
	who, _ := PrincipalFrom(ctx)
	b := make([]byte, 8)
	rand.Read(b)
	key := "manual:" + hex.EncodeToString(b)
	run, err := s.deps.Starter.Start(ctx, in.Body.Automation, "manual:"+who.Actor(), key, 0, in.Body.CompanyID)
	if err != nil {
		return nil, err
	}
	return &runOut{Body: run}, nil
}

func (s *Server) listFindings(ctx context.Context, in *listFindingsIn) (*findingsOut, error) {
	fs, err := s.deps.Store.ListFindings(ctx, store.FindingFilter{
		Automation: in.Automation, RunID: in.RunID, Kind: in.Kind, Severity: core.Severity(in.Severity), Limit: in.Limit, BeforeID: in.BeforeID,
	})
	if err != nil {
		return nil, err
	}
	out := &findingsOut{}
	out.Body.Findings = nonNil(fs)
	return out, nil
}

func (s *Server) listEvents(ctx context.Context, in *listEventsIn) (*eventsOut, error) {
	es, err := s.deps.Store.ListEvents(ctx, store.EventFilter{Model: in.Model, RecordID: in.RecordID, AfterID: in.AfterID, Limit: in.Limit})
	if err != nil {
		return nil, err
	}
	out := &eventsOut{}
	out.Body.Events = nonNil(es)
	return out, nil
}
