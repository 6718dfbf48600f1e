package approval

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/queue"
	"github.com/smartodoo/smartodoo/internal/store"
)

// ApplyWorker applies auto-approved proposals and retries transient failures.
type ApplyWorker struct {
	river.WorkerDefaults[queue.ApplyProposal]
	Service *Service
}

func (w *ApplyWorker) Work(ctx context.Context, job *river.Job[queue.ApplyProposal]) error {
	p, err := w.Service.Store.GetProposal(ctx, job.Args.ProposalID)
	if err != nil {
		return fmt.Errorf("load proposal %d: %w", job.Args.ProposalID, err)
	}
	if p.Status != core.ProposalApproved {
		return nil
	}
	p, err = w.Service.Apply(ctx, p)
	if err != nil {
		return err
	}
	if p.Status == core.ProposalApproved {
		return fmt.Errorf("proposal %d not applied yet: %s", p.ID, p.Outcome) // River retries with backoff
	}
	return nil
}

// Recover re-queues applies of proposals approved before olderThan that never finished
// (the process died between the approval and the write). Unique jobs make this safe to
// repeat, and Apply re-checks the expected values, so a write that did happen is not redone.
func (s *Service) Recover(ctx context.Context, olderThan time.Time) error {
	stuck, err := s.Store.ListProposals(ctx, store.ProposalFilter{Status: core.ProposalApproved, Limit: 200})
	if err != nil {
		return fmt.Errorf("list approved proposals: %w", err)
	}
	for _, p := range stuck {
		if p.DecidedAt != nil && p.DecidedAt.Before(olderThan) {
			if err := s.Queue.EnqueueApply(ctx, p.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
