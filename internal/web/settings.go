package web

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/smartodoo/smartodoo/internal/automation"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/queue"
	"github.com/smartodoo/smartodoo/internal/store"
)

type ruleRow struct {
	Info     core.AutomationInfo
	Rule     core.Rule
	Schedule core.Schedule
	Params   string
}

type settingsView struct{ Rules []ruleRow }

func (s *Server) settings(r *request) (string, any, error) {
	v := settingsView{}
	for _, name := range s.d.Runner.Registry.Names() {
		row, err := s.ruleRow(r, name)
		if err != nil {
			return "", nil, err
		}
		v.Rules = append(v.Rules, row)
	}
	return "settings", v, nil
}

func (s *Server) ruleRow(r *request, name string) (ruleRow, error) {
	a, err := s.d.Runner.Registry.Get(name)
	if err != nil {
		return ruleRow{}, err
	}
	rule, err := s.d.Runner.Rule(r.Context(), name)
	if err != nil {
		return ruleRow{}, fmt.Errorf("read rule of %s: %w", name, err)
	}
	row := ruleRow{Info: a.Info(), Rule: rule, Params: prettyJSON(rule.Params)}
	sched, err := automation.EffectiveSchedule(r.Context(), s.d.Runner, name, cmpOr(s.d.Timezone, "UTC"))
	if err != nil {
		return ruleRow{}, fmt.Errorf("read schedule of %s: %w", name, err)
	}
	if sched != nil {
		row.Schedule = *sched
	}
	return row, nil
}

func prettyJSON(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// saveRule changes a rule and its schedule with the same checks as PUT /api/rules/{automation}:
// a valid automation, JSON params, a cron that compiles in a known timezone.
func (s *Server) saveRule(r *request) (string, error) {
	name := r.PathValue("automation")
	if _, err := s.d.Runner.Registry.Get(name); err != nil {
		return "", err
	}
	threshold, err := strconv.ParseFloat(cmpOr(strings.TrimSpace(r.PostFormValue("auto_apply_at")), "0"), 64)
	if err != nil || threshold < 0 || threshold > 1 {
		return "", core.Errorf(core.CodeInvalid, "auto-apply threshold %q must be a number from 0 (never) to 1", r.PostFormValue("auto_apply_at"))
	}
	params := json.RawMessage(strings.TrimSpace(r.PostFormValue("params")))
	if len(params) > 0 && !json.Valid(params) {
		return "", core.Errorf(core.CodeInvalid, "the parameters of %s are not valid JSON: fix the braces and quotes", name)
	}
	now := s.d.Clock()
	if cron := strings.TrimSpace(r.PostFormValue("cron")); cron != "" {
		sched := core.Schedule{Cron: cron, Timezone: strings.TrimSpace(r.PostFormValue("timezone"))}
		if _, err := queue.Compile(sched); err != nil {
			return "", err
		}
		row := store.ScheduleRow{Automation: name, Cron: sched.Cron, Timezone: sched.Timezone,
			Enabled: r.PostFormValue("schedule_enabled") == "on", UpdatedAt: now}
		if err := s.d.Store.PutSchedule(r.Context(), row); err != nil {
			return "", err
		}
	}
	rule := core.Rule{Automation: name, Enabled: r.PostFormValue("enabled") == "on", AutoApplyAt: threshold,
		Params: params, UpdatedAt: now, UpdatedBy: r.Sess.Principal().Actor()}
	if err := s.d.Store.PutRule(r.Context(), rule); err != nil {
		return "", err
	}
	return s.withMsg("/settings", "Saved the rule of "+name+".") + "#rule-" + name, nil
}
