package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// CreditOverrider is the credit automation's hold override (credit.Automation satisfies
// it); declared here so the dashboard does not depend on the automation's package.
type CreditOverrider interface {
	OverrideHold(ctx context.Context, companyID, partnerID int64, who core.Principal, reason string, until time.Time) (*core.Proposal, error)
}

// creditScore is the part of the credit automation's Score (finding Data) shown here.
type creditScore struct {
	PartnerID   int64    `json:"partner_id"`
	Name        string   `json:"name"`
	Score       float64  `json:"score"`
	Grade       string   `json:"grade"`
	Explanation string   `json:"explanation"`
	Exposure    int64    `json:"exposure"`
	Overdue     int64    `json:"overdue"`
	CreditLimit int64    `json:"credit_limit"`
	Suggested   int64    `json:"suggested_limit"`
	OnHold      bool     `json:"on_hold"`
	HoldReasons []string `json:"hold_reasons"`
	Components  []struct {
		Name   string  `json:"name"`
		Weight float64 `json:"weight"`
		Score  float64 `json:"score"`
		Detail string  `json:"detail"`
	} `json:"components"`
}

type exposureRow struct {
	PartnerID int64
	Name      string
	Grade     string
	Score     float64
	Exposure  int64
	Overdue   int64
	Limit     int64 // Odoo's credit_limit in minor units; 0 = none
}

type creditView struct {
	Holds       []creditScore
	Top         []exposureRow
	Near        []exposureRow
	Proposals   []proposalRow
	Partner     *exposureRow
	History     template.HTML
	CanOverride bool
	Until       string
}

func (s *Server) credit(r *request) (string, any, error) {
	ctx := r.Context()
	fs, err := s.d.Store.ListFindings(ctx, store.FindingFilter{Automation: "credit", Kind: "credit_hold", Limit: 50})
	if err != nil {
		return "", nil, err
	}
	v := creditView{CanOverride: s.d.Credit != nil && (r.Sess.Role == core.RoleAdmin || r.Sess.Role == core.RoleCFO),
		Until: s.d.Clock().AddDate(0, 0, 30).Format("2006-01-02")}
	seen := map[int64]bool{}
	for _, f := range fs {
		var sc creditScore
		if json.Unmarshal(f.Data, &sc) != nil || seen[sc.PartnerID] {
			continue // the newest finding per customer is the current one
		}
		seen[sc.PartnerID] = true
		v.Holds = append(v.Holds, sc)
	}
	if v.Top, err = s.topExposure(r, 15); err != nil {
		return "", nil, err
	}
	if v.Near, err = s.nearLimit(r); err != nil {
		return "", nil, err
	}
	ps, err := s.visibleProposals(r, store.ProposalFilter{Automation: "credit", Status: core.ProposalPending, Limit: 50})
	if err != nil {
		return "", nil, err
	}
	v.Proposals = s.proposalRows(r, ps)
	if pid := r.URL.Query().Get("partner"); pid != "" {
		if err := s.creditHistory(r, pid, &v); err != nil {
			return "", nil, err
		}
	}
	return "credit", v, nil
}

func (s *Server) creditHistory(r *request, pid string, v *creditView) error {
	if _, err := strconv.ParseInt(pid, 10, 64); err != nil {
		return core.Errorf(core.CodeInvalid, "partner %q is not an id", pid)
	}
	pts, err := s.d.Store.ListPoints(r.Context(), seriesCreditScore, pid, time.Time{}, 365)
	if err != nil {
		return err
	}
	name := "#" + pid
	for _, t := range v.Top {
		if strconv.FormatInt(t.PartnerID, 10) == pid {
			name = t.Name
			row := t
			v.Partner = &row
		}
	}
	v.History = lineChartIn("Credit score of "+name+" (0–100)", toPoints(pts), func(x float64) string { return r.F.Num(x, 0) }, 0, 100)
	if v.Partner == nil {
		v.Partner = &exposureRow{Name: name}
	}
	return nil
}

// nearLimitShare is the share of its credit limit from which a customer is "near" it.
const nearLimitShare = 0.8

// topExposure returns the n customers with the largest exposure.
func (s *Server) topExposure(r *request, n int) ([]exposureRow, error) {
	rows, err := s.exposures(r)
	return rows[:min(n, len(rows))], err
}

// nearLimit returns customers whose exposure is at least 80 % of their Odoo credit limit
// and not yet above it (those above are the credit automation's holds).
func (s *Server) nearLimit(r *request) ([]exposureRow, error) {
	rows, err := s.exposures(r)
	var out []exposureRow
	for _, x := range rows {
		if x.Limit > 0 && float64(x.Exposure) >= nearLimitShare*float64(x.Limit) && x.Exposure <= x.Limit {
			out = append(out, x)
		}
	}
	return out, err
}

// exposures reads the latest score point of each customer (the credit automation's
// history), with names and credit limits from Odoo, largest exposure first. It changes only
// when the credit automation runs, so it is kept for CacheTTL.
func (s *Server) exposures(r *request) ([]exposureRow, error) {
	v, err := s.cache.memo(r.Context(), "exposures", func(ctx context.Context) (any, error) { return s.rankExposure(ctx, r.F.cur) })
	if err != nil {
		return nil, err
	}
	return v.([]exposureRow), nil
}

func (s *Server) rankExposure(ctx context.Context, cur Currency) ([]exposureRow, error) {
	pts, err := s.d.Store.ListPoints(ctx, seriesCreditScore, "", s.d.Clock().AddDate(0, 0, -45), 10000)
	if err != nil {
		return nil, err
	}
	latest := map[string]store.Point{}
	for _, p := range pts {
		latest[p.Key] = p // points come oldest first
	}
	rows := make([]exposureRow, 0, len(latest))
	for key, p := range latest {
		var d struct {
			Grade    string `json:"grade"`
			Exposure int64  `json:"exposure"`
			Overdue  int64  `json:"overdue"`
		}
		json.Unmarshal(p.Data, &d)
		id, _ := strconv.ParseInt(key, 10, 64)
		rows = append(rows, exposureRow{PartnerID: id, Name: "#" + key, Grade: d.Grade, Score: p.Value, Exposure: d.Exposure, Overdue: d.Overdue})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Exposure > rows[j].Exposure })
	s.partnerInfo(ctx, rows, cur)
	return rows, nil
}

// partnerInfo fills names and credit limits from Odoo when connected (points carry ids only).
func (s *Server) partnerInfo(ctx context.Context, rows []exposureRow, cur Currency) {
	if s.d.Odoo == nil || len(rows) == 0 {
		return
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.PartnerID
	}
	var got []struct {
		ID    int64   `json:"id"`
		Name  string  `json:"name"`
		Limit float64 `json:"credit_limit"`
	}
	if err := s.d.Odoo.Read(ctx, "res.partner", ids, []string{"name", "credit_limit"}, &got); err != nil {
		s.d.Logger.Warn("credit: read partner names and limits", "err", err)
		return
	}
	byID := make(map[int64]int, len(got))
	for i, g := range got {
		byID[g.ID] = i
	}
	for i := range rows {
		if j, ok := byID[rows[i].PartnerID]; ok {
			rows[i].Name = got[j].Name
			rows[i].Limit = core.MinorFromFloat(got[j].Limit, cur.Decimals)
		}
	}
}

// overrideHold records a manager's override through the credit automation and queues the
// release proposal it returns for approval like any other.
func (s *Server) overrideHold(r *request) (string, error) {
	if s.d.Credit == nil {
		return "", core.Errorf(core.CodeUnavailable, "credit overrides are not available: the credit automation is not connected")
	}
	pid, err := strconv.ParseInt(r.PostFormValue("partner"), 10, 64)
	if err != nil || pid <= 0 {
		return "", core.Errorf(core.CodeInvalid, "choose a customer to override")
	}
	until, err := time.ParseInLocation("2006-01-02", r.PostFormValue("until"), r.F.loc)
	if err != nil {
		return "", core.Errorf(core.CodeInvalid, "the override end %q is not a date (YYYY-MM-DD)", r.PostFormValue("until"))
	}
	company, err := s.d.Runner.Company(r.Context(), 0)
	if err != nil {
		return "", err
	}
	p, err := s.d.Credit.OverrideHold(r.Context(), company, pid, r.Sess.Principal(), strings.TrimSpace(r.PostFormValue("reason")), until)
	if err != nil {
		return "", err
	}
	if p == nil {
		return s.withMsg("/credit", fmt.Sprintf("Override saved for customer %d; they carry no hold tag, so nothing to release.", pid)), nil
	}
	if _, err := s.d.Store.InsertProposal(r.Context(), p); err != nil {
		return "", fmt.Errorf("queue release proposal for partner %d: %w", pid, err)
	}
	return s.withMsg("/credit", fmt.Sprintf("Override saved; the release of customer %d awaits approval (proposal %d).", pid, p.ID)), nil
}
