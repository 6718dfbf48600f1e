package approval

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/smartodoo/smartodoo/internal/core"
)

type auditResult struct {
	outcome, message, actor string
	before, after           []recordValues
}

// finish moves an approved proposal to its final status and writes its one audit entry.
func (s *Service) finish(ctx context.Context, p core.Proposal, to core.ProposalStatus, r auditResult) (core.Proposal, error) {
	now := s.Clock()
	done, err := s.Store.TransitionProposal(ctx, p.ID, []core.ProposalStatus{core.ProposalApproved}, to, func(q *core.Proposal) {
		q.Outcome = r.message
		if to == core.ProposalApplied {
			q.AppliedAt = &now
		}
	})
	if err != nil {
		return done, fmt.Errorf("record outcome %s of proposal %d: %w", to, p.ID, err)
	}
	if p.Decision != nil {
		r.actor = p.Decision.Actor
	}
	s.audit(ctx, done, r)
	s.publish(done)
	return done, nil
}

// audit writes the proposal's audit entry. A failure to audit is logged loudly: the Odoo
// write (if any) already happened and cannot be undone by failing the request.
func (s *Service) audit(ctx context.Context, p core.Proposal, r auditResult) {
	e := &core.AuditEntry{
		At: s.Clock(), Actor: r.actor, RunID: p.RunID, ProposalID: p.ID,
		Outcome: r.outcome, Message: r.message,
	}
	e.Model, e.IDs, e.Method = target(p)
	e.Values, _ = json.Marshal(p.Calls)
	if r.before != nil {
		e.Before, _ = json.Marshal(r.before)
	}
	if r.after != nil {
		e.After, _ = json.Marshal(r.after)
	}
	if err := s.Store.InsertAudit(ctx, e); err != nil {
		s.Logger.Error("AUDIT ENTRY NOT WRITTEN", "proposal", p.ID, "outcome", r.outcome, "err", err)
	}
}

// target summarises what a proposal writes: the first call's model and ids, and every method.
func target(p core.Proposal) (model string, ids []int64, method string) {
	if len(p.Calls) == 0 {
		return "", nil, ""
	}
	model = p.Calls[0].Model
	for i, c := range p.Calls {
		if i > 0 {
			method += ","
		}
		method += c.Method
	}
	if len(p.Calls[0].Args) > 0 {
		ids = toIDs(p.Calls[0].Args[0])
	}
	if len(ids) == 0 {
		for _, r := range p.Records {
			ids = append(ids, r.ID)
		}
	}
	return model, ids, method
}

func toIDs(v any) []int64 {
	switch x := v.(type) {
	case []int64:
		return x
	case []any:
		var out []int64
		for _, e := range x {
			if f, ok := number(e); ok {
				out = append(out, int64(f))
			}
		}
		return out
	}
	if f, ok := number(v); ok {
		return []int64{int64(f)}
	}
	return nil
}
