package approval

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/smartodoo/smartodoo/internal/core"
)

type auditResult struct {
	outcome, message, actor string
	before, after           []recordValues
}

// finish moves an approved proposal to its final status and writes its one audit entry, in
// one transaction: the outcome and its audit record exist together or not at all.
func (s *Service) finish(ctx context.Context, p core.Proposal, to core.ProposalStatus, r auditResult) (core.Proposal, error) {
	now := s.Clock()
	if p.Decision != nil {
		r.actor = p.Decision.Actor
	}
	var done core.Proposal
	err := s.Store.InTx(ctx, func(tx *sql.Tx) error {
		var err error
		done, err = s.Store.TransitionProposalTx(ctx, tx, p.ID, []core.ProposalStatus{core.ProposalApproved}, to, func(q *core.Proposal) {
			q.Outcome = r.message
			if to == core.ProposalApplied {
				q.AppliedAt = &now
			}
		})
		if err != nil {
			return err
		}
		return s.Store.InsertAuditTx(ctx, tx, s.auditEntry(done, r))
	})
	if err != nil {
		if to != core.ProposalConflict && to != core.ProposalFailed {
			s.Logger.Error("OUTCOME NOT RECORDED after an Odoo write", "proposal", p.ID, "outcome", to, "err", err)
		}
		return done, fmt.Errorf("record outcome %s of proposal %d: %w", to, p.ID, err)
	}
	s.publish(done)
	if to == core.ProposalApplied {
		s.learn(ctx, done)
	}
	return done, nil
}

func (s *Service) auditEntry(p core.Proposal, r auditResult) *core.AuditEntry {
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
	return e
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
