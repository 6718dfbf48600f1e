package web

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

type runRow struct {
	R        core.Run
	Started  string
	Duration string
	Percent  int // progress of a running run, 0..100; -1 when unknown
}

func (s *Server) visibleRuns(r *request, f store.RunFilter) ([]core.Run, error) {
	rs, err := s.d.Store.ListRuns(r.Context(), f)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	out := rs[:0]
	for _, run := range rs {
		if seesAutomation(r.Sess.Role, run.Automation) {
			out = append(out, run)
		}
	}
	return out, nil
}

func (s *Server) runRows(r *request, rs []core.Run) []runRow {
	now := s.d.Clock()
	out := make([]runRow, len(rs))
	for i, run := range rs {
		pct := -1
		if run.ProgressTotal > 0 {
			pct = run.ProgressDone * 100 / run.ProgressTotal
		}
		start := run.StartedAt
		if start == nil {
			start = &run.CreatedAt
		}
		out[i] = runRow{R: run, Started: r.F.When(*start), Duration: duration(run.StartedAt, run.FinishedAt, now), Percent: pct}
	}
	return out
}

type runsView struct {
	Rows        []runRow
	Automation  string
	Status      string
	Automations []string
	Statuses    []string
	CanStart    bool
}

var runStatuses = []string{"", "queued", "running", "succeeded", "failed"}

func (s *Server) runs(r *request) (string, any, error) {
	q := r.URL.Query()
	f := store.RunFilter{Automation: q.Get("automation"), Status: core.RunStatus(q.Get("status")), Limit: 100}
	if !contains(runStatuses, string(f.Status)) {
		return "", nil, core.Errorf(core.CodeInvalid, "unknown run status %q: use %s", f.Status, strings.Join(runStatuses[1:], ", "))
	}
	rs, err := s.visibleRuns(r, f)
	if err != nil {
		return "", nil, err
	}
	v := runsView{Rows: s.runRows(r, rs), Automation: f.Automation, Status: string(f.Status),
		CanStart: r.Sess.Role != core.RoleViewer, Statuses: runStatuses[1:]}
	for _, name := range s.d.Runner.Registry.Names() {
		if seesAutomation(r.Sess.Role, name) {
			v.Automations = append(v.Automations, name)
		}
	}
	return "runs", v, nil
}

// startRun queues a manual run, like POST /api/runs (deciders only).
func (s *Server) startRun(r *request) (string, error) {
	name := r.PostFormValue("automation")
	if r.Sess.Role == core.RoleViewer || !seesAutomation(r.Sess.Role, name) {
		return "", core.Errorf(core.CodeForbidden, "your role (%s) may not start %s", r.Sess.Role, cmpOr(name, "this automation"))
	}
	if s.d.Starter == nil {
		return "", core.Errorf(core.CodeUnavailable, "runs cannot be started from this process")
	}
	b := make([]byte, 8)
	rand.Read(b)
	run, err := s.d.Starter.Start(r.Context(), name, "manual:"+r.Sess.Principal().Actor(), "manual:"+hex.EncodeToString(b), 0, 0)
	if err != nil {
		return "", err
	}
	return s.withMsg("/runs", fmt.Sprintf("Run %d of %s queued.", run.ID, name)), nil
}
