package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Approval is the decision that won on a proposal: at most one per proposal.
type Approval struct {
	ID         int64     `json:"id"`
	ProposalID int64     `json:"proposal_id"`
	Approve    bool      `json:"approve"`
	Actor      string    `json:"actor"`
	Reason     string    `json:"reason,omitempty"`
	DecidedAt  time.Time `json:"decided_at"`
}

// TransitionProposal moves proposal id from one of from to to, applying mut (may be nil) to
// the stored copy first. Only Status, Outcome, Decision, DecidedAt and AppliedAt are saved;
// mut's changes to anything else are ignored. When the proposal is not in one of from, nothing
// changes and the current proposal is returned with an error wrapping core.ErrConflict.
//
// It is a compare-and-set: the UPDATE carries "AND status = <status read>", and the read is
// SELECT … FOR UPDATE on PostgreSQL (on SQLite the single writer already serialises), so of
// many concurrent approve/reject calls exactly one wins. When mut sets a Decision on a
// proposal that had none, the approvals row is written in the same transaction.
func (s *Store) TransitionProposal(ctx context.Context, id int64, from []core.ProposalStatus, to core.ProposalStatus,
	mut func(*core.Proposal)) (core.Proposal, error) {
	var out core.Proposal
	err := s.InTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = s.TransitionProposalTx(ctx, tx, id, from, to, mut)
		return err
	})
	if err != nil {
		if core.CodeOf(err) == core.CodeConflict && out.ID != 0 {
			return out, err
		}
		return core.Proposal{}, err
	}
	return out, nil
}

// TransitionProposalTx is TransitionProposal inside the caller's transaction, so the
// transition, its audit entry (InsertAuditTx) and a queued job can commit together.
// On a conflict the caller should roll back; the returned proposal is the current one.
func (s *Store) TransitionProposalTx(ctx context.Context, tx *sql.Tx, id int64, from []core.ProposalStatus,
	to core.ProposalStatus, mut func(*core.Proposal)) (core.Proposal, error) {
	if len(from) == 0 || to == "" {
		return core.Proposal{}, invalid("transition of proposal %d needs source statuses and a target status", id)
	}
	cur, err := s.getProposal(ctx, tx, id, true)
	if err != nil {
		return core.Proposal{}, err
	}
	if !slices.Contains(from, cur.Status) {
		return cur, conflict("proposal %d is %s, not %s", id, cur.Status, statusList(from))
	}
	next := cur
	if mut != nil {
		mut(&next)
	}
	next.Status = to
	if err := s.saveTransition(ctx, tx, cur, next); err != nil {
		if !errors.Is(err, errLostRace) {
			return cur, err
		}
		// Another caller won between our read and our write (possible on PostgreSQL only
		// if the row lock was not taken): report what it left.
		if now, rerr := s.getProposal(ctx, tx, id, false); rerr == nil {
			cur = now
		}
		return cur, conflict("proposal %d changed while being moved to %s; it is now %s", id, to, cur.Status)
	}
	return next, nil
}

var errLostRace = errors.New("proposal status changed between read and update")

func (s *Store) saveTransition(ctx context.Context, tx *sql.Tx, cur, next core.Proposal) error {
	decision, err := jsonArg(next.Decision)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, s.q(`UPDATE proposals SET status = ?, outcome = ?, decision = ?,
		decided_at = ?, applied_at = ? WHERE id = ? AND status = ?`),
		string(next.Status), next.Outcome, decision, s.tsPtr(next.DecidedAt), s.tsPtr(next.AppliedAt),
		cur.ID, string(cur.Status))
	if err != nil {
		if isUniqueViolation(err) {
			return conflict("proposal %d cannot become %s: another proposal with dedup key %q is open or rejected",
				cur.ID, next.Status, cur.DedupKey)
		}
		return classify(fmt.Sprintf("transition proposal %d", cur.ID), err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errLostRace
	}
	return s.recordDecision(ctx, tx, cur, next)
}

// recordDecision writes the approvals row the first time a decision is set.
func (s *Store) recordDecision(ctx context.Context, tx *sql.Tx, cur, next core.Proposal) error {
	switch {
	case next.Decision == nil && cur.Decision == nil:
		return nil
	case cur.Decision != nil:
		if next.Decision == nil || *next.Decision != *cur.Decision {
			return invalid("proposal %d was already decided by %s: a decision cannot be changed", cur.ID, cur.Decision.Actor)
		}
		return nil
	}
	at := s.now()
	if next.DecidedAt != nil {
		at = *next.DecidedAt
	}
	d := next.Decision
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO approvals (proposal_id, approve, actor, reason, decided_at)
		VALUES (?, ?, ?, ?, ?)`), cur.ID, d.Approve, d.Actor, d.Reason, s.ts(at))
	if isUniqueViolation(err) {
		return conflict("proposal %d already has a decision", cur.ID)
	}
	return classify(fmt.Sprintf("record decision on proposal %d", cur.ID), err)
}

// GetApproval returns the decision recorded on a proposal; core.ErrNotFound when undecided.
func (s *Store) GetApproval(ctx context.Context, proposalID int64) (Approval, error) {
	var a Approval
	err := s.Reader.QueryRowContext(ctx, s.q(`SELECT id, proposal_id, approve, actor, reason, decided_at
		FROM approvals WHERE proposal_id = ?`), proposalID).
		Scan(&a.ID, &a.ProposalID, &a.Approve, &a.Actor, &a.Reason, timeCol{&a.DecidedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return Approval{}, notFound("proposal %d has no recorded decision", proposalID)
	}
	if err != nil {
		return Approval{}, classify("get approval", err)
	}
	return a, nil
}

func statusList(ss []core.ProposalStatus) string {
	out := ""
	for i, st := range ss {
		if i > 0 {
			out += " or "
		}
		out += string(st)
	}
	return out
}
