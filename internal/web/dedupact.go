package web

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/smartodoo/smartodoo/internal/automation/dedup"
	"github.com/smartodoo/smartodoo/internal/core"
)

// dedupDecide merges a duplicate cluster into the master the reviewer chose, or dismisses
// it ("not duplicates"): the proposal is rejected and every pair of its contacts is
// recorded as distinct, so the automation never groups them again.
func (s *Server) dedupDecide(r *request) (string, error) {
	p, err := s.loadVisible(r, r.PathValue("id"))
	if err != nil {
		return "", err
	}
	if p.Automation != dedup.AutomationName || !mayDecide(r.Sess.Role, p) {
		return "", core.Errorf(core.CodeForbidden, "your role (%s) may not decide on proposal %d here", r.Sess.Role, p.ID)
	}
	c := clusterOf(proposalRow{P: p})
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	who := r.Sess.Principal()
	switch r.PostFormValue("action") {
	case "dismiss":
		if reason == "" {
			return "", core.Errorf(core.CodeInvalid, "say why these contacts are not duplicates")
		}
		if _, err := s.d.Approval.Reject(r.Context(), p.ID, who, reason); err != nil {
			return "", err
		}
		if err := dedup.Dismiss(r.Context(), s.d.Store, c.IDs, who.Actor(), reason); err != nil {
			return "", fmt.Errorf("record dismissal of proposal %d: %w", p.ID, err)
		}
		return s.withMsg("/dedup", fmt.Sprintf("Dismissed: contacts %v will not be proposed together again.", c.IDs)), nil
	case "merge":
		master, err := strconv.ParseInt(r.PostFormValue("master"), 10, 64)
		if err != nil || !slices.Contains(c.IDs, master) {
			return "", core.Errorf(core.CodeInvalid, "choose the master among the cluster's contacts %v", c.IDs)
		}
		if master != c.Master {
			if p, err = s.remaster(r, p, c, master); err != nil {
				return "", err
			}
		}
		got, err := s.d.Approval.Approve(r.Context(), p.ID, who, reason)
		if err != nil {
			return "", err
		}
		return s.withMsg("/dedup", fmt.Sprintf("Merge into #%d: %s. %s", master, got.Status, got.Outcome)), nil
	}
	return "", core.Errorf(core.CodeInvalid, "choose merge or dismiss")
}

// remaster replaces a merge proposal by one into another master: same cluster, same
// expected values, the wizard calls rebuilt by the dedup package. The original is rejected
// with the reviewer's choice as its reason, so the audit log tells the story.
func (s *Server) remaster(r *request, p core.Proposal, c clusterReview, master int64) (core.Proposal, error) {
	sources := slices.DeleteFunc(slices.Clone(c.IDs), func(id int64) bool { return id == master })
	who := r.Sess.Principal()
	np := p
	np.ID, np.Status, np.Decision, np.DecidedAt, np.AppliedAt, np.Outcome = 0, core.ProposalPending, nil, nil, nil, ""
	np.Calls = dedup.MergeCalls(master, sources)
	np.Title = fmt.Sprintf("Merge %d duplicate contacts into #%d (master chosen by %s)", len(sources), master, who.Name)
	np.Rationale = fmt.Sprintf("%s chose #%d as master instead of #%d. %s", who.Actor(), master, c.Master, p.Rationale)
	np.DedupKey = fmt.Sprintf("%s:master:%d", p.DedupKey, master)
	if _, err := s.d.Store.InsertProposal(r.Context(), &np); err != nil {
		return core.Proposal{}, fmt.Errorf("store the merge into #%d: %w", master, err)
	}
	if _, err := s.d.Approval.Reject(r.Context(), p.ID, who, fmt.Sprintf("master changed to #%d by the reviewer (proposal %d)", master, np.ID)); err != nil {
		return core.Proposal{}, err
	}
	return np, nil
}
