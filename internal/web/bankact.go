package web

import (
	"fmt"
	"strconv"

	"github.com/smartodoo/smartodoo/internal/automation/bankrec"
	"github.com/smartodoo/smartodoo/internal/core"
)

// bankChoose reconciles a statement line with one of the matcher's other candidates
// instead of its best guess: the alternative becomes a proposal of its own, approved by
// the reviewer at once (so it goes through the same expectation check, apply path and
// audit), and the original is rejected with the choice as its reason, which also teaches
// the matcher not to suggest it again.
func (s *Server) bankChoose(r *request) (string, error) {
	p, err := s.loadVisible(r, r.PathValue("id"))
	if err != nil {
		return "", err
	}
	if p.Automation != bankrec.Name || !mayDecide(r.Sess.Role, p) {
		return "", core.Errorf(core.CodeForbidden, "your role (%s) may not decide on proposal %d here", r.Sess.Role, p.ID)
	}
	if p.Status != core.ProposalPending {
		return "", core.Errorf(core.CodeConflict, "proposal %d is %s already", p.ID, p.Status)
	}
	n, err := strconv.Atoi(r.PostFormValue("alt"))
	if err != nil {
		return "", core.Errorf(core.CodeInvalid, "choose one of the other candidates")
	}
	np, err := bankrec.ChooseAlternative(p, n-1)
	if err != nil {
		return "", err
	}
	who := r.Sess.Principal()
	np.Rationale = fmt.Sprintf("%s chose the matcher's candidate %d instead of proposal %d. %s", who.Actor(), n, p.ID, np.Rationale)
	if _, err := s.d.Store.InsertProposal(r.Context(), &np); err != nil {
		return "", fmt.Errorf("store the chosen reconciliation: %w", err)
	}
	if _, err := s.d.Approval.Reject(r.Context(), p.ID, who, fmt.Sprintf("reviewer chose candidate %d instead (proposal %d)", n, np.ID)); err != nil {
		return "", err
	}
	got, err := s.d.Approval.Approve(r.Context(), np.ID, who, "chosen on the bank review")
	if err != nil {
		return "", err
	}
	return s.withMsg("/bank", fmt.Sprintf("%s: %s. %s", np.Title, got.Status, got.Outcome)), nil
}
