package web

import (
	"html/template"
	"slices"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Series names the automations append to (store.AppendPoints) and the dashboard charts.
const (
	seriesCloseReadiness = "close_readiness" // closing: readiness score 0..100, key "<company>:<period>"
	seriesCreditScore    = "credit_score"    // credit: one point per customer per run, key = partner id
)

// overviewView holds the sections a role's overview shows; nil sections are not shown.
type overviewView struct {
	Finance      *financeSection
	Sales        *salesSection
	Warehouse    *warehouseSection
	Pending      []proposalRow
	PendingTotal int
	PendingMore  bool // more than PendingTotal wait
	Runs         []runRow
}

type financeSection struct {
	Figures    FinanceFigures
	OdooError  string
	AgingChart template.HTML
	Readiness  template.HTML
	Anomalies  []core.Finding
}

type salesSection struct {
	Holds      []core.Finding
	Top        []exposureRow
	Near       []exposureRow
	Duplicates []proposalRow
}

type warehouseSection struct {
	Late, Due []Picking
	OdooError string
}

func (s *Server) overview(r *request) (string, any, error) {
	role := r.Sess.Role
	v := overviewView{}
	if slices.Contains(roleFinance, role) {
		fs, err := s.financeSection(r)
		if err != nil {
			return "", nil, err
		}
		v.Finance = fs
	}
	if role == core.RoleAdmin || role == core.RoleSales || role == core.RoleCFO {
		ss, err := s.salesSection(r)
		if err != nil {
			return "", nil, err
		}
		v.Sales = ss
	}
	if role == core.RoleAdmin || role == core.RoleWarehouse {
		v.Warehouse = s.warehouseSection(r)
	}
	// Count at most a page: "40+" says enough, and decoding thousands of proposals to
	// count them would make the most visited page the slowest.
	pending, err := s.visibleProposals(r, store.ProposalFilter{Status: core.ProposalPending, Limit: approvalsPage})
	if err != nil {
		return "", nil, err
	}
	v.PendingTotal, v.PendingMore = len(pending), len(pending) == approvalsPage
	v.Pending = s.proposalRows(r, pending[:min(len(pending), 8)])
	runs, err := s.visibleRuns(r, store.RunFilter{Limit: 50})
	if err != nil {
		return "", nil, err
	}
	v.Runs = s.runRows(r, runs[:min(len(runs), 5)])
	return "overview", v, nil
}

func (s *Server) financeSection(r *request) (*financeSection, error) {
	ctx := r.Context()
	fs := &financeSection{}
	figs, err := s.cache.finance(ctx, r.F.cur)
	if err != nil {
		fs.OdooError = core.MessageOf(err)
		s.d.Logger.Warn("overview: read finance figures", "err", err)
	}
	fs.Figures = figs
	var bars []bar
	for _, b := range figs.Receivable {
		class := ""
		if b.Late {
			class = "late"
		}
		bars = append(bars, bar{Label: b.Label, Value: float64(b.Minor), Text: r.F.Money(b.Minor), Class: class})
	}
	fs.AgingChart = barChart("Receivables by days past due", bars, func(v float64) string { return r.F.Compact(int64(v)) })
	pts, err := s.d.Store.ListPoints(ctx, seriesCloseReadiness, "", s.d.Clock().AddDate(-1, 0, 0), 400)
	if err != nil {
		return nil, err
	}
	fs.Readiness = lineChartIn("Close readiness (0–100)", toPoints(pts), readinessLabel(r.F), 0, 100)
	fs.Anomalies, err = s.anomalies(r, 8)
	return fs, err
}

func toPoints(ps []store.Point) []point {
	out := make([]point, len(ps))
	for i, p := range ps {
		out[i] = point{At: p.At, Value: p.Value}
	}
	return out
}

func (s *Server) salesSection(r *request) (*salesSection, error) {
	ctx := r.Context()
	holds, err := s.d.Store.ListFindings(ctx, store.FindingFilter{Automation: "credit", Kind: "credit_hold", Limit: 10})
	if err != nil {
		return nil, err
	}
	top, err := s.topExposure(r, 8)
	if err != nil {
		return nil, err
	}
	near, err := s.nearLimit(r)
	if err != nil {
		return nil, err
	}
	dups, err := s.visibleProposals(r, store.ProposalFilter{Automation: "dedup", Status: core.ProposalPending, Limit: 5})
	if err != nil {
		return nil, err
	}
	return &salesSection{Holds: holds, Top: top, Near: near, Duplicates: s.proposalRows(r, dups)}, nil
}

func (s *Server) warehouseSection(r *request) *warehouseSection {
	ws := &warehouseSection{}
	ps, err := s.cache.pickings(r.Context())
	if err != nil {
		ws.OdooError = core.MessageOf(err)
		return ws
	}
	week := s.d.Clock().Add(7 * 24 * time.Hour)
	for _, p := range ps {
		switch {
		case p.Late:
			ws.Late = append(ws.Late, p)
		case !p.Scheduled.After(week):
			ws.Due = append(ws.Due, p)
		}
	}
	return ws
}

// anomalies are the closing run's anomaly findings (its check 10) and those of a separate
// anomaly automation, when one is registered.
func (s *Server) anomalies(r *request, n int) ([]core.Finding, error) {
	var out []core.Finding
	for _, name := range []string{"closing", "anomaly"} {
		fs, err := s.d.Store.ListFindings(r.Context(), store.FindingFilter{Automation: name, Limit: 200})
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			if (name == "anomaly" || isAnomaly(f)) && len(out) < n {
				out = append(out, f)
			}
		}
	}
	return out, nil
}
