package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// ProposalFilter selects proposals, newest first. Zero fields do not filter.
type ProposalFilter struct {
	Status        core.ProposalStatus
	Statuses      []core.ProposalStatus // any of these (e.g. pending and approved: "open")
	Automation    string
	Kind          string
	CompanyID     int64
	MinConfidence float64
	DedupKey      string
	Limit         int   // default 100
	BeforeID      int64 // id < BeforeID: the next page
}

// blockingStatuses are the statuses under which a dedup key may not be proposed again:
// the proposal is still open, or a person said no. It must match the partial unique index
// proposals_dedup_blocking in both migrations.
var blockingStatuses = []core.ProposalStatus{core.ProposalPending, core.ProposalApproved, core.ProposalRejected}

const proposalCols = `id, run_id, automation, company_id, kind, title, rationale, confidence, calls, expect,
	evidence, records, dedup_key, roles, status, outcome, decision, created_at, decided_at, applied_at`

func scanProposal(row interface{ Scan(...any) error }) (core.Proposal, error) {
	var p core.Proposal
	var decision *core.Decision
	err := row.Scan(&p.ID, &p.RunID, &p.Automation, &p.CompanyID, &p.Kind, &p.Title, &p.Rationale, &p.Confidence,
		jsonCol{&p.Calls}, jsonCol{&p.Expect}, rawCol{&p.Evidence}, jsonCol{&p.Records}, &p.DedupKey,
		jsonCol{&p.Roles}, &p.Status, &p.Outcome, jsonCol{&decision}, timeCol{&p.CreatedAt},
		nullTimeCol{&p.DecidedAt}, nullTimeCol{&p.AppliedAt})
	p.Decision = decision
	return p, err
}

func validateProposal(p *core.Proposal) error {
	switch {
	case p == nil:
		return invalid("no proposal given")
	case strings.TrimSpace(p.Automation) == "":
		return invalid("proposal has no automation")
	case strings.TrimSpace(p.Kind) == "":
		return invalid("proposal from %s has no kind", p.Automation)
	case strings.TrimSpace(p.Title) == "":
		return invalid("proposal %s/%s has no title", p.Automation, p.Kind)
	case len(p.Calls) == 0:
		return invalid("proposal %s/%s has no Odoo calls: a proposal must say what it would do", p.Automation, p.Kind)
	case math.IsNaN(p.Confidence) || p.Confidence < 0 || p.Confidence > 1:
		return invalid("proposal %s/%s has confidence %v: it must be within [0, 1]", p.Automation, p.Kind, p.Confidence)
	}
	for i, c := range p.Calls {
		if c.Model == "" || c.Method == "" {
			return invalid("proposal %s/%s call %d needs both a model and a method", p.Automation, p.Kind, i)
		}
	}
	return nil
}

// InsertProposal stores p (status pending unless set) and returns created=true. When a
// proposal with the same DedupKey is pending, approved or rejected, it stores nothing, sets
// p.ID and p.Status to the existing one and returns created=false. A key whose last proposal
// ended applied, in conflict or failed may be proposed again. The check is enforced by a
// unique index, so concurrent runs proposing the same key create exactly one row.
func (s *Store) InsertProposal(ctx context.Context, p *core.Proposal) (created bool, err error) {
	if err := validateProposal(p); err != nil {
		return false, err
	}
	if p.Status == "" {
		p.Status = core.ProposalPending
	}
	p.CreatedAt = s.orNow(p.CreatedAt)
	args, err := s.proposalArgs(p)
	if err != nil {
		return false, err
	}
	// The existing row can leave the blocking set between our INSERT and our SELECT (it got
	// applied, or failed); then the INSERT is worth trying again.
	for attempt := 0; attempt < 5; attempt++ {
		err = s.InTx(ctx, func(tx *sql.Tx) error {
			created, err = s.tryInsertProposal(ctx, tx, p, args)
			return err
		})
		if !errors.Is(err, errRetryInsert) {
			return created, err
		}
	}
	return false, conflict("proposal with dedup key %q keeps changing state; retry later", p.DedupKey)
}

var errRetryInsert = errors.New("dedup key holder moved on; retry")

func (s *Store) tryInsertProposal(ctx context.Context, tx *sql.Tx, p *core.Proposal, args []any) (bool, error) {
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO proposals (run_id, automation, company_id, kind, title,
		rationale, confidence, calls, expect, evidence, records, dedup_key, roles, status, outcome, decision,
		created_at, decided_at, applied_at) VALUES (`+placeholders(len(args))+`)
		ON CONFLICT DO NOTHING RETURNING id`), args...).Scan(&p.ID)
	if err == nil {
		return true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, classify("insert proposal "+p.DedupKey, err)
	}
	var status string
	err = tx.QueryRowContext(ctx, s.q(`SELECT id, status FROM proposals WHERE dedup_key = ? AND status IN (?, ?, ?)`),
		p.DedupKey, string(blockingStatuses[0]), string(blockingStatuses[1]), string(blockingStatuses[2])).Scan(&p.ID, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return false, errRetryInsert
	}
	if err != nil {
		return false, classify("find proposal with dedup key "+p.DedupKey, err)
	}
	p.Status = core.ProposalStatus(status)
	return false, nil
}

func (s *Store) proposalArgs(p *core.Proposal) ([]any, error) {
	var jsons [5]any
	for i, v := range []any{p.Calls, p.Expect, p.Records, p.Roles, p.Decision} {
		j, err := jsonArg(v)
		if err != nil {
			return nil, fmt.Errorf("proposal %s/%s: %w", p.Automation, p.Kind, err)
		}
		jsons[i] = j
	}
	evidence, err := rawJSON(p.Evidence)
	if err != nil {
		return nil, err
	}
	return []any{p.RunID, p.Automation, p.CompanyID, p.Kind, p.Title, p.Rationale, p.Confidence, jsons[0],
		jsons[1], evidence, jsons[2], p.DedupKey, jsons[3], string(p.Status), p.Outcome, jsons[4],
		s.ts(p.CreatedAt), s.tsPtr(p.DecidedAt), s.tsPtr(p.AppliedAt)}, nil
}

// GetProposal returns one proposal.
func (s *Store) GetProposal(ctx context.Context, id int64) (core.Proposal, error) {
	return s.getProposal(ctx, s.Reader, id, false)
}

func (s *Store) getProposal(ctx context.Context, q querier, id int64, forUpdate bool) (core.Proposal, error) {
	query := `SELECT ` + proposalCols + ` FROM proposals WHERE id = ?`
	if forUpdate && s.Dialect == Postgres {
		query += ` FOR UPDATE`
	}
	p, err := scanProposal(q.QueryRowContext(ctx, s.q(query), id))
	if errors.Is(err, sql.ErrNoRows) {
		return core.Proposal{}, notFound("proposal %d does not exist", id)
	}
	if err != nil {
		return core.Proposal{}, classify(fmt.Sprintf("get proposal %d", id), err)
	}
	return p, nil
}

// ListProposals lists proposals matching f, newest first.
func (s *Store) ListProposals(ctx context.Context, f ProposalFilter) ([]core.Proposal, error) {
	var w where
	w.eq("status", string(f.Status))
	if len(f.Statuses) > 0 {
		args := make([]any, len(f.Statuses))
		for i, st := range f.Statuses {
			args[i] = string(st)
		}
		w.add("status IN ("+placeholders(len(args))+")", args...)
	}
	w.eq("automation", f.Automation)
	w.eq("kind", f.Kind)
	w.eqInt("company_id", f.CompanyID)
	w.eq("dedup_key", f.DedupKey)
	if f.MinConfidence > 0 {
		w.add("confidence >= ?", f.MinConfidence)
	}
	w.before(f.BeforeID)
	query := `SELECT ` + proposalCols + ` FROM proposals` + w.sql() + ` ORDER BY id DESC LIMIT ?`
	rows, err := s.Reader.QueryContext(ctx, s.q(query), append(w.args, clampLimit(f.Limit))...)
	if err != nil {
		return nil, classify("list proposals", err)
	}
	return collect(rows, "list proposals", scanProposal)
}

// CountProposals counts proposals per status, for the dashboard and metrics gauges.
// Statuses with no proposal are absent from the map.
func (s *Store) CountProposals(ctx context.Context) (map[core.ProposalStatus]int64, error) {
	rows, err := s.Reader.QueryContext(ctx, `SELECT status, COUNT(*) FROM proposals GROUP BY status`)
	if err != nil {
		return nil, classify("count proposals", err)
	}
	type count struct {
		status core.ProposalStatus
		n      int64
	}
	counts, err := collect(rows, "count proposals", func(r interface{ Scan(...any) error }) (count, error) {
		var c count
		return c, r.Scan(&c.status, &c.n)
	})
	if err != nil {
		return nil, err
	}
	out := make(map[core.ProposalStatus]int64, len(counts))
	for _, c := range counts {
		out[c.status] = c.n
	}
	return out, nil
}
