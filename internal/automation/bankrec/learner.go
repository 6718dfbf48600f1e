package bankrec

import (
	"context"

	"github.com/smartodoo/smartodoo/internal/core"
)

var _ core.Learner = (*Automation)(nil)

// Decided feeds people's decisions back into matching: a rejected reconciliation is not
// suggested again (the line stays open for the next candidate or a person).
func (a *Automation) Decided(ctx context.Context, p core.Proposal) error {
	if p.Status == core.ProposalRejected && p.Kind == KindReconcileProposal {
		return a.Reject(ctx, p.DedupKey)
	}
	return nil
}
