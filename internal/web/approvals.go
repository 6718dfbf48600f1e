package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

var proposalStatuses = []string{"pending", "approved", "applied", "rejected", "conflict", "failed", "all"}

type approvalsView struct {
	Rows        []proposalRow
	Status      string
	Automation  string
	Statuses    []string
	Automations []string
	BulkCount   int
	BulkMin     float64
	NextBefore  int64 // the next (older) page starts below this id; 0 = no more
}

// approvalsPage bounds one page of the inbox: a page of evidence is what a person reviews
// in one sitting, and it keeps the page fast on a company with thousands of proposals.
const approvalsPage = 40

func (s *Server) approvals(r *request) (string, any, error) {
	q := r.URL.Query()
	status := cmpOr(q.Get("status"), "pending")
	if !contains(proposalStatuses, status) {
		return "", nil, core.Errorf(core.CodeInvalid, "unknown status %q: use one of %s", status, strings.Join(proposalStatuses, ", "))
	}
	f := store.ProposalFilter{Automation: q.Get("automation"), Limit: approvalsPage}
	if b := q.Get("before_id"); b != "" {
		f.BeforeID, _ = strconv.ParseInt(b, 10, 64)
	}
	if status != "all" {
		f.Status = core.ProposalStatus(status)
	}
	ps, err := s.visibleProposals(r, f)
	if err != nil {
		return "", nil, err
	}
	v := approvalsView{Rows: s.proposalRows(r, ps), Status: status, Automation: f.Automation,
		Statuses: proposalStatuses, BulkMin: bulkMinConfidence}
	for _, name := range s.d.Runner.Registry.Names() {
		if seesAutomation(r.Sess.Role, name) {
			v.Automations = append(v.Automations, name)
		}
	}
	if len(ps) > 0 && len(ps) == f.Limit {
		v.NextBefore = ps[len(ps)-1].ID
	}
	for _, row := range v.Rows {
		if row.Bulk {
			v.BulkCount++
		}
	}
	return "approvals", v, nil
}

type proposalView struct {
	Row    proposalRow
	Back   string
	Bank   *bankReview
	Choose *bankChooseView
}

func (s *Server) proposal(r *request) (string, any, error) {
	p, err := s.loadVisible(r, r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}
	v := proposalView{Row: s.proposalRows(r, []core.Proposal{p})[0], Back: "/approvals"}
	v.Row.Evidence = flatEvidence(p.Evidence)
	if p.Automation == "bankrec" {
		v.Bank = bankReviewOf(p, r.F)
		v.Choose = chooseView(v.Row, v.Bank)
	}
	return "proposal", v, nil
}

// loadVisible loads a proposal the user may see; one they may not see is "not found", so
// the page does not confirm that it exists.
func (s *Server) loadVisible(r *request, idText string) (core.Proposal, error) {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return core.Proposal{}, core.Errorf(core.CodeInvalid, "proposal id %q is not a number", idText)
	}
	p, err := s.d.Store.GetProposal(r.Context(), id)
	if err != nil || !seesProposal(r.Sess.Role, p) {
		return core.Proposal{}, core.Errorf(core.CodeNotFound, "proposal %d does not exist or is not yours to see", id)
	}
	return p, nil
}

// decide approves or rejects one proposal through the approval service, exactly as
// POST /api/approvals/{id}/approve|reject does.
func (s *Server) decide(r *request) (string, error) {
	p, err := s.loadVisible(r, r.PathValue("id"))
	if err != nil {
		return "", err
	}
	if !mayDecide(r.Sess.Role, p) {
		return "", core.Errorf(core.CodeForbidden, "your role (%s) may not decide on %s proposals", r.Sess.Role, p.Kind)
	}
	back := safeNext(cmpOr(r.PostFormValue("back"), "/approvals"))
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	who := r.Sess.Principal()
	switch r.PostFormValue("decision") {
	case "approve":
		got, err := s.d.Approval.Approve(r.Context(), p.ID, who, reason)
		if err != nil {
			return "", err
		}
		return s.withMsg(back, fmt.Sprintf("Proposal %d approved: %s. %s", got.ID, got.Status, got.Outcome)), nil
	case "reject":
		if reason == "" {
			return "", core.Errorf(core.CodeInvalid, "say why you reject proposal %d: the reason teaches the automation and tells colleagues", p.ID)
		}
		if _, err := s.d.Approval.Reject(r.Context(), p.ID, who, reason); err != nil {
			return "", err
		}
		return s.withMsg(back, fmt.Sprintf("Proposal %d rejected.", p.ID)), nil
	}
	return "", core.Errorf(core.CodeInvalid, "choose approve or reject")
}

// bulkApprove approves the ticked high-confidence proposals one by one; each is checked
// again (visible, decidable, still above the bulk threshold) whatever the form says.
func (s *Server) bulkApprove(r *request) (string, error) {
	if err := r.ParseForm(); err != nil {
		return "", core.Errorf(core.CodeInvalid, "could not read the form: %v", err)
	}
	ids := r.PostForm["id"]
	if len(ids) == 0 {
		return s.withMsg("/approvals", "Nothing selected: tick the proposals to approve."), nil
	}
	counts := map[core.ProposalStatus]int{}
	var refused []string
	for _, idText := range ids {
		p, err := s.loadVisible(r, idText)
		if err != nil || !mayDecide(r.Sess.Role, p) || p.Confidence < bulkMinConfidence || p.Status != core.ProposalPending {
			refused = append(refused, idText)
			continue
		}
		got, err := s.d.Approval.Approve(r.Context(), p.ID, r.Sess.Principal(), "bulk approval of high-confidence proposals")
		if err != nil {
			s.d.Logger.Warn("bulk approve", "proposal", p.ID, "err", err)
			refused = append(refused, idText)
			continue
		}
		counts[got.Status]++
	}
	msg := fmt.Sprintf("Bulk approval: %d applied, %d conflict, %d failed, %d still applying.",
		counts[core.ProposalApplied], counts[core.ProposalConflict], counts[core.ProposalFailed], counts[core.ProposalApproved])
	if len(refused) > 0 {
		msg += fmt.Sprintf(" Skipped %d (not pending, below %.0f%% or not yours): %s.", len(refused), bulkMinConfidence*100, strings.Join(refused, ", "))
	}
	return s.withMsg("/approvals", msg), nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
