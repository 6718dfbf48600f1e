package dedup

import (
	"context"

	"github.com/smartodoo/smartodoo/internal/core"
)

var _ core.Learner = (*Automation)(nil)

// Decided learns from a rejected merge: its partners are not duplicates of each other, so no
// pair of them is linked again, not even inside a different cluster.
func (a *Automation) Decided(ctx context.Context, p core.Proposal) error {
	if p.Status != core.ProposalRejected || p.Kind != "partner_merge" || a.deps.Dismissals == nil {
		return nil
	}
	var ids []int64
	for _, r := range p.Records {
		if r.Model == "res.partner" {
			ids = append(ids, r.ID)
		}
	}
	actor, reason := "unknown", ""
	if p.Decision != nil {
		actor, reason = p.Decision.Actor, p.Decision.Reason
	}
	if len(ids) < 2 {
		return nil
	}
	return Dismiss(ctx, a.deps.Dismissals, ids, actor, "merge rejected: "+reason)
}
