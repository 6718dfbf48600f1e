package api

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/smartodoo/smartodoo/internal/automation"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/queue"
	"github.com/smartodoo/smartodoo/internal/store"
)

type ruleView struct {
	core.AutomationInfo
	Rule     core.Rule      `json:"rule"`
	Schedule *core.Schedule `json:"schedule,omitempty" doc:"effective schedule: the stored one or the default"`
}

type rulesOut struct {
	Body struct {
		Rules []ruleView `json:"rules"`
	}
}

type ruleOut struct{ Body ruleView }

type automationIn struct {
	Automation string `path:"automation" doc:"automation name, e.g. bankrec"`
}

type putRuleIn struct {
	Automation string `path:"automation"`
	Body       struct {
		Enabled     bool            `json:"enabled"`
		AutoApplyAt float64         `json:"auto_apply_at" minimum:"0" maximum:"1" doc:"confidence at or above which proposals apply without approval; 0 = never"`
		Params      json.RawMessage `json:"params,omitempty" doc:"automation-specific thresholds (see the automation's documentation)"`
		Schedule    *scheduleBody   `json:"schedule,omitempty"`
	}
}

type scheduleBody struct {
	Cron     string `json:"cron" doc:"five fields: minute hour day-of-month month day-of-week"`
	Timezone string `json:"timezone" doc:"IANA timezone, e.g. Europe/Brussels"`
	Enabled  bool   `json:"enabled"`
}

func (s *Server) routeRules() {
	register(s, huma.Operation{
		OperationID: "list-rules", Method: http.MethodGet, Path: "/api/rules", Tags: []string{"Rules"},
		Summary: "Every automation with its rule (enabled, auto-apply threshold, parameters) and schedule",
	}, everyone, s.listRules)
	register(s, huma.Operation{
		OperationID: "get-rule", Method: http.MethodGet, Path: "/api/rules/{automation}", Tags: []string{"Rules"},
		Summary: "One automation's rule and schedule",
	}, everyone, s.getRule)
	register(s, huma.Operation{
		OperationID: "put-rule", Method: http.MethodPut, Path: "/api/rules/{automation}", Tags: []string{"Rules"},
		Summary: "Change an automation's rule and, optionally, its schedule",
		Errors:  []int{http.StatusBadRequest, http.StatusNotFound},
	}, adminsOnly, s.putRule)
}

func (s *Server) listRules(ctx context.Context, _ *struct{}) (*rulesOut, error) {
	out := &rulesOut{}
	for _, name := range s.deps.Runner.Registry.Names() {
		v, err := s.ruleView(ctx, name)
		if err != nil {
			return nil, err
		}
		out.Body.Rules = append(out.Body.Rules, v)
	}
	out.Body.Rules = nonNil(out.Body.Rules)
	return out, nil
}

func (s *Server) getRule(ctx context.Context, in *automationIn) (*ruleOut, error) {
	v, err := s.ruleView(ctx, in.Automation)
	if err != nil {
		return nil, err
	}
	return &ruleOut{Body: v}, nil
}

func (s *Server) ruleView(ctx context.Context, name string) (ruleView, error) {
	a, err := s.deps.Runner.Registry.Get(name)
	if err != nil {
		return ruleView{}, err
	}
	rule, err := s.deps.Runner.Rule(ctx, name)
	if err != nil {
		return ruleView{}, err
	}
	sched, err := automation.EffectiveSchedule(ctx, s.deps.Runner, name, s.timezone())
	if err != nil {
		return ruleView{}, err
	}
	rule.Schedule = sched
	return ruleView{AutomationInfo: a.Info(), Rule: rule, Schedule: sched}, nil
}

func (s *Server) putRule(ctx context.Context, in *putRuleIn) (*ruleOut, error) {
	if _, err := s.deps.Runner.Registry.Get(in.Automation); err != nil {
		return nil, err
	}
	if len(in.Body.Params) > 0 && !json.Valid(in.Body.Params) {
		return nil, core.Errorf(core.CodeInvalid, "params must be a JSON object")
	}
	who, _ := PrincipalFrom(ctx)
	if b := in.Body.Schedule; b != nil {
		if _, err := queue.Compile(core.Schedule{Cron: b.Cron, Timezone: b.Timezone}); err != nil {
			return nil, err
		}
		row := store.ScheduleRow{Automation: in.Automation, Cron: b.Cron, Timezone: b.Timezone, Enabled: b.Enabled, UpdatedAt: s.deps.Clock()}
		if err := s.deps.Store.PutSchedule(ctx, row); err != nil {
			return nil, err
		}
	}
	rule := core.Rule{
		Automation: in.Automation, Enabled: in.Body.Enabled, AutoApplyAt: in.Body.AutoApplyAt,
		Params: in.Body.Params, UpdatedAt: s.deps.Clock(), UpdatedBy: who.Actor(),
	}
	if err := s.deps.Store.PutRule(ctx, rule); err != nil {
		return nil, err
	}
	return s.getRule(ctx, &automationIn{Automation: in.Automation})
}

func (s *Server) timezone() string {
	if s.deps.Timezone != "" {
		return s.deps.Timezone
	}
	return "UTC"
}
