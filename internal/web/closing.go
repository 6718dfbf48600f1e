package web

import (
	"html/template"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// closeCheck is one of the month-end checks with what the last runs found for it.
type closeCheck struct {
	Kind     string
	Findings []core.Finding
	Worst    core.Severity
}

type closeView struct {
	Checks    []closeCheck
	Readiness template.HTML
	LockDate  []proposalRow
	Other     []proposalRow
	LastRun   *runRow
}

// closing groups the closing automation's findings by check (finding kind) so each check
// shows as passed (no findings) or with what blocks it; proposals that set a lock date are
// shown apart because they are the last step of the close.
func (s *Server) closing(r *request) (string, any, error) {
	ctx := r.Context()
	runs, err := s.d.Store.ListRuns(ctx, store.RunFilter{Automation: "closing", Status: core.RunSucceeded, Limit: 1})
	if err != nil {
		return "", nil, err
	}
	v := closeView{}
	if len(runs) == 1 {
		rr := s.runRows(r, runs)[0]
		v.LastRun = &rr
		fs, err := s.d.Store.ListFindings(ctx, store.FindingFilter{Automation: "closing", RunID: runs[0].ID, Limit: 1000})
		if err != nil {
			return "", nil, err
		}
		v.Checks = groupChecks(fs)
	}
	pts, err := s.d.Store.ListPoints(ctx, seriesCloseReadiness, "", s.d.Clock().AddDate(-1, 0, 0), 400)
	if err != nil {
		return "", nil, err
	}
	v.Readiness = lineChart("Close readiness over time", toPoints(pts, r.F), r.F.Pct)
	ps, err := s.visibleProposals(r, store.ProposalFilter{Automation: "closing", Status: core.ProposalPending, Limit: 50})
	if err != nil {
		return "", nil, err
	}
	for _, row := range s.proposalRows(r, ps) {
		if isLockDate(row.P) {
			v.LockDate = append(v.LockDate, row)
		} else {
			v.Other = append(v.Other, row)
		}
	}
	return "close", v, nil
}

func isLockDate(p core.Proposal) bool {
	for _, c := range p.Calls {
		if c.Model == "res.company" && c.Method == "write" {
			return true
		}
	}
	return false
}

var severityRank = map[core.Severity]int{core.SeverityInfo: 1, core.SeverityWarning: 2, core.SeverityCritical: 3}

func groupChecks(fs []core.Finding) []closeCheck {
	idx := map[string]int{}
	var out []closeCheck
	for _, f := range fs {
		i, ok := idx[f.Kind]
		if !ok {
			i = len(out)
			idx[f.Kind] = i
			out = append(out, closeCheck{Kind: f.Kind})
		}
		out[i].Findings = append(out[i].Findings, f)
		if severityRank[f.Severity] > severityRank[out[i].Worst] {
			out[i].Worst = f.Severity
		}
	}
	return out
}
