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
	v.Readiness = lineChartIn("Close readiness over time (0–100)", toPoints(pts), readinessLabel(r.F), 0, 100)
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
	if p.Kind == "close_lock" {
		return true
	}
	for _, c := range p.Calls {
		if c.Model == "res.company" && c.Method == "write" {
			return true
		}
	}
	return false
}

var severityRank = map[core.Severity]int{core.SeverityInfo: 1, core.SeverityWarning: 2, core.SeverityCritical: 3}

// closeChecks are the closing automation's ten checks in its order, each with the finding
// kinds it reports; any other kind of a closing run comes from its anomaly scan (check 10).
var closeChecks = []struct {
	Title string
	Kinds []string
}{
	{"Draft journal entries in the period", []string{"draft_entry"}},
	{"Bank lines not reconciled", []string{"unreconciled_bank_line"}},
	{"Draft invoices and bills", []string{"draft_invoice", "draft_bill"}},
	{"Suspense, outstanding and clearing balances", []string{"open_balance"}},
	{"Payments never matched with the bank", []string{"unmatched_payment"}},
	{"Delivered but not invoiced", []string{"delivered_not_invoiced"}},
	{"Received but not billed", []string{"received_not_billed"}},
	{"Missing recurring entries", []string{"missing_recurring"}},
	{"Tax consistency", []string{"tax_inconsistency"}},
	{"Anomalies", nil},
}

// groupChecks places each finding under its check; every check is listed, passed or not.
func groupChecks(fs []core.Finding) []closeCheck {
	out := make([]closeCheck, len(closeChecks))
	byKind := map[string]int{}
	for i, c := range closeChecks {
		out[i].Kind = c.Title
		for _, k := range c.Kinds {
			byKind[k] = i
		}
	}
	for _, f := range fs {
		i, ok := byKind[f.Kind]
		if !ok {
			i = len(out) - 1
		}
		out[i].Findings = append(out[i].Findings, f)
		if severityRank[f.Severity] > severityRank[out[i].Worst] {
			out[i].Worst = f.Severity
		}
	}
	return out
}

// isAnomaly reports whether a closing finding comes from its anomaly scan.
func isAnomaly(f core.Finding) bool {
	for _, c := range closeChecks[:len(closeChecks)-1] {
		for _, k := range c.Kinds {
			if k == f.Kind {
				return false
			}
		}
	}
	return true
}

// readinessLabel formats the closing automation's readiness score, 0 to 100.
func readinessLabel(f formatter) func(float64) string {
	return func(v float64) string { return f.Num(v, 0) }
}
