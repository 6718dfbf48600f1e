// Package approval decides what happens to a proposal and applies approved proposals to Odoo.
//
// Every transition is a compare-and-set in the store, so concurrent approve/reject calls end
// with exactly one outcome. Applying re-reads the records the proposal expects, refuses with
// status conflict when they changed, executes the Odoo calls in order and writes exactly one
// audit entry per outcome (applied, conflict, failed or rejected).
package approval

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Odoo is the part of the Odoo client the approval engine uses.
type Odoo interface {
	Call(ctx context.Context, model, method string, args []any, kwargs map[string]any, out any) error
}

// Enqueuer schedules a background apply (retries of transient Odoo failures, auto-applies).
type Enqueuer interface {
	EnqueueApply(ctx context.Context, proposalID int64) error
}

// Publisher receives live updates.
type Publisher interface {
	Publish(topic string, v any)
}

// Service approves, rejects and applies proposals.
type Service struct {
	Store     *store.Store
	Odoo      Odoo // nil when no Odoo is connected: applying then fails with a clear message
	Queue     Enqueuer
	Publisher Publisher
	Clock     func() time.Time
	Logger    *slog.Logger
	// Transient reports errors worth retrying later (Odoo down, 5xx, 429); nil = none are.
	Transient func(error) bool
	// Wait bounds how long a second approve waits for the first one's outcome.
	Wait time.Duration
	// Learn, when set, is told about every proposal that was rejected or applied, so the
	// automation that made it can learn (core.Learner).
	Learn func(ctx context.Context, p core.Proposal)
}

// CanDecide reports whether role may approve or reject p. Admin always may.
func CanDecide(role core.Role, p core.Proposal) bool {
	if role == core.RoleAdmin {
		return true
	}
	roles := p.Roles
	if len(roles) == 0 {
		roles = []core.Role{core.RoleAdmin, core.RoleCFO}
	}
	return slices.Contains(roles, role)
}

// decidable loads a proposal and checks that who's role may decide on it.
func (s *Service) decidable(ctx context.Context, id int64, who core.Principal) (core.Proposal, error) {
	p, err := s.Store.GetProposal(ctx, id)
	if err != nil {
		return core.Proposal{}, fmt.Errorf("load proposal %d: %w", id, err)
	}
	if !CanDecide(who.Role, p) {
		return p, core.Errorf(core.CodeForbidden, "role %s may not decide on %s proposals (allowed: %v)", who.Role, p.Kind, rolesOf(p))
	}
	return p, nil
}

// Approve approves a pending proposal and applies it. Approving again returns the first
// outcome (waiting for it if the first approve is still applying); approving a rejected
// proposal is a conflict.
func (s *Service) Approve(ctx context.Context, id int64, who core.Principal, reason string) (core.Proposal, error) {
	if p, err := s.decidable(ctx, id, who); err != nil {
		return p, err
	}
	now := s.Clock()
	d := &core.Decision{Approve: true, Actor: who.Actor(), Reason: reason}
	won, err := s.Store.TransitionProposal(ctx, id, []core.ProposalStatus{core.ProposalPending}, core.ProposalApproved, func(p *core.Proposal) {
		p.Decision, p.DecidedAt = d, &now
	})
	if errors.Is(err, core.ErrConflict) {
		return s.afterLostRace(ctx, won, true)
	}
	if err != nil {
		return core.Proposal{}, fmt.Errorf("approve proposal %d: %w", id, err)
	}
	s.publish(won)
	return s.Apply(ctx, won)
}

// Reject rejects a pending proposal; its dedup key is never proposed again.
func (s *Service) Reject(ctx context.Context, id int64, who core.Principal, reason string) (core.Proposal, error) {
	if strings.TrimSpace(reason) == "" {
		return core.Proposal{}, core.Errorf(core.CodeInvalid, "a rejection needs a reason: say why, so the automation can learn and others can follow")
	}
	if p, err := s.decidable(ctx, id, who); err != nil {
		return p, err
	}
	now := s.Clock()
	d := &core.Decision{Approve: false, Actor: who.Actor(), Reason: reason}
	var won core.Proposal
	err := s.Store.InTx(ctx, func(tx *sql.Tx) error {
		var err error
		won, err = s.Store.TransitionProposalTx(ctx, tx, id, []core.ProposalStatus{core.ProposalPending}, core.ProposalRejected, func(p *core.Proposal) {
			p.Decision, p.DecidedAt, p.Outcome = d, &now, "rejected: "+reason
		})
		if err != nil {
			return err
		}
		return s.Store.InsertAuditTx(ctx, tx, s.auditEntry(won, auditResult{outcome: "rejected", message: reason, actor: who.Actor()}))
	})
	if errors.Is(err, core.ErrConflict) {
		return s.afterLostRace(ctx, won, false)
	}
	if err != nil {
		return core.Proposal{}, fmt.Errorf("reject proposal %d: %w", id, err)
	}
	s.publish(won)
	s.learn(ctx, won)
	return won, nil
}

// AutoApprove is the policy's approve: the rule's threshold was met, no person involved.
// The apply itself runs in a background job so a run is not held up by Odoo writes.
func (s *Service) AutoApprove(ctx context.Context, id int64, automation string) error {
	now := s.Clock()
	d := &core.Decision{Approve: true, Actor: "policy:" + automation, Reason: "confidence at or above the rule's auto-apply threshold"}
	_, err := s.Store.TransitionProposal(ctx, id, []core.ProposalStatus{core.ProposalPending}, core.ProposalApproved, func(p *core.Proposal) {
		p.Decision, p.DecidedAt = d, &now
	})
	if errors.Is(err, core.ErrConflict) {
		return nil // someone decided first; their decision stands
	}
	if err != nil {
		return fmt.Errorf("auto-approve proposal %d: %w", id, err)
	}
	return s.Queue.EnqueueApply(ctx, id)
}

// afterLostRace answers a caller whose transition lost: same decision → the first outcome;
// opposite decision → a conflict naming the decision that won.
func (s *Service) afterLostRace(ctx context.Context, current core.Proposal, approve bool) (core.Proposal, error) {
	if approve && current.Status == core.ProposalApproved {
		current = s.waitFinal(ctx, current)
	}
	sameWay := current.Decision != nil && current.Decision.Approve == approve
	if sameWay {
		return current, nil
	}
	by := "unknown"
	if current.Decision != nil {
		by = current.Decision.Actor
	}
	return current, core.Errorf(core.CodeConflict, "proposal %d is already %s (decided by %s)", current.ID, current.Status, by)
}

// waitFinal polls until an approved proposal reaches a final status or the wait ends.
func (s *Service) waitFinal(ctx context.Context, p core.Proposal) core.Proposal {
	deadline := time.Now().Add(cmpDur(s.Wait, 30*time.Second))
	for !p.Status.Final() && time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return p
		case <-time.After(20 * time.Millisecond):
		}
		if cur, err := s.Store.GetProposal(ctx, p.ID); err == nil {
			p = cur
		}
	}
	return p
}

func rolesOf(p core.Proposal) []core.Role {
	if len(p.Roles) == 0 {
		return []core.Role{core.RoleAdmin, core.RoleCFO}
	}
	return p.Roles
}

func cmpDur(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}

func (s *Service) publish(p core.Proposal) {
	if s.Publisher != nil {
		s.Publisher.Publish("proposal", p)
	}
}

func (s *Service) learn(ctx context.Context, p core.Proposal) {
	if s.Learn != nil {
		s.Learn(ctx, p)
	}
}
