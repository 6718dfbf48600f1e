package automation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Publisher receives live updates (the WebSocket hub); topics are "run", "finding", "proposal".
type Publisher interface {
	Publish(topic string, v any)
}

// Approver is the approval policy's entry point for proposals that may apply without a person.
type Approver interface {
	AutoApprove(ctx context.Context, proposalID int64, automation string) error
}

// Runner executes automation runs.
type Runner struct {
	Registry  *Registry
	Store     *store.Store
	Approver  Approver
	Publisher Publisher
	Clock     func() time.Time
	Logger    *slog.Logger
	// DefaultCompany names the Odoo company a run with company 0 works on: the connection
	// user's current company. Without it, Odoo would answer with every company the user can
	// see, and an automation would mix their books.
	DefaultCompany func(ctx context.Context) (int64, error)
}

// Company resolves company 0 to the connection's default company.
func (r *Runner) Company(ctx context.Context, id int64) (int64, error) {
	if id != 0 || r.DefaultCompany == nil {
		return id, nil
	}
	c, err := r.DefaultCompany(ctx)
	if err != nil {
		return 0, fmt.Errorf("find the Odoo user's company: %w", err)
	}
	return c, nil
}

// Rule returns the stored rule of an automation, or its default when none was saved yet.
func (r *Runner) Rule(ctx context.Context, name string) (core.Rule, error) {
	a, err := r.Registry.Get(name)
	if err != nil {
		return core.Rule{}, err
	}
	rule, err := r.Store.GetRule(ctx, name)
	if errors.Is(err, core.ErrNotFound) {
		rule = a.Info().DefaultRule
		rule.Automation = name
		return rule, nil
	}
	if err != nil {
		return core.Rule{}, fmt.Errorf("load rule of %s: %w", name, err)
	}
	return rule, nil
}

// Request is one run to execute.
type Request struct {
	RunID     int64
	EventID   int64
	CompanyID int64
}

// Execute runs the automation of run req.RunID and records everything it produced.
// A run already finished (a retried job after a crash that happened after the finish) is
// left alone, so a job that runs twice still produces its results once.
func (r *Runner) Execute(ctx context.Context, req Request) error {
	run, err := r.Store.GetRun(ctx, req.RunID)
	if err != nil {
		return fmt.Errorf("load run %d: %w", req.RunID, err)
	}
	if run.Status == core.RunSucceeded || run.Status == core.RunFailed {
		return nil
	}
	a, err := r.Registry.Get(run.Automation)
	if err != nil {
		return r.fail(ctx, run, err)
	}
	in, err := r.input(ctx, run, req)
	if err != nil {
		return r.fail(ctx, run, err)
	}
	if err := r.Store.StartRun(ctx, run.ID, r.Clock()); err != nil {
		return fmt.Errorf("start run %d: %w", run.ID, err)
	}
	r.publishRun(ctx, run.ID)
	out, err := a.Run(ctx, in)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("run %d of %s interrupted: %w", run.ID, run.Automation, ctx.Err()) // retried by the queue
		}
		return r.fail(ctx, run, err)
	}
	return r.record(ctx, run, in.Rule, out)
}

func (r *Runner) input(ctx context.Context, run core.Run, req Request) (core.RunInput, error) {
	rule, err := r.Rule(ctx, run.Automation)
	if err != nil {
		return core.RunInput{}, err
	}
	company, err := r.Company(ctx, req.CompanyID)
	if err != nil {
		return core.RunInput{}, err
	}
	in := core.RunInput{RunID: run.ID, Rule: rule, CompanyID: company, Now: r.Clock()}
	if req.EventID != 0 {
		ev, err := r.Store.GetEvent(ctx, req.EventID)
		if err != nil {
			return core.RunInput{}, fmt.Errorf("load event %d: %w", req.EventID, err)
		}
		in.Event = &ev
	}
	in.Progress = func(done, total int) {
		if err := r.Store.UpdateRunProgress(ctx, run.ID, done, total); err == nil {
			r.publish("run", map[string]any{"id": run.ID, "automation": run.Automation, "done": done, "total": total})
		}
	}
	return in, nil
}

// record persists what a run produced. Proposals go first: their dedup keys make a repeat
// after a crash create nothing. Findings and the run's finish share one transaction, so a
// retried job never stores its findings twice.
func (r *Runner) record(ctx context.Context, run core.Run, rule core.Rule, out core.RunOutput) error {
	now := r.Clock()
	created, applied := 0, 0
	for i := range out.Proposals {
		p := &out.Proposals[i]
		isNew, autoApplied, err := r.propose(ctx, run, rule, p, now)
		if err != nil {
			return err
		}
		if isNew {
			created++
		}
		if autoApplied {
			applied++
		}
	}
	for i := range out.Findings {
		f := &out.Findings[i]
		f.RunID, f.Automation, f.CreatedAt = run.ID, run.Automation, now
	}
	res := store.RunResult{
		Findings: len(out.Findings), Proposals: created, Applied: applied,
		Metrics: out.Metrics, Summary: out.Summary, Tokens: out.Tokens,
	}
	err := r.Store.InTx(ctx, func(tx *sql.Tx) error {
		if err := r.Store.InsertFindingsTx(ctx, tx, out.Findings); err != nil {
			return fmt.Errorf("save %d findings: %w", len(out.Findings), err)
		}
		return r.Store.FinishRunTx(ctx, tx, run.ID, core.RunSucceeded, res, r.Clock())
	})
	if err != nil {
		return fmt.Errorf("finish run %d: %w", run.ID, err)
	}
	for _, f := range out.Findings {
		r.publish("finding", f)
	}
	r.publishRun(ctx, run.ID)
	return nil
}

func (r *Runner) propose(ctx context.Context, run core.Run, rule core.Rule, p *core.Proposal, now time.Time) (created, auto bool, err error) {
	p.RunID, p.Automation, p.CreatedAt, p.Status = run.ID, run.Automation, now, core.ProposalPending
	if p.DedupKey == "" {
		return false, false, fmt.Errorf("automation %s produced a proposal without a dedup key (a bug in the automation)", run.Automation)
	}
	created, err = r.Store.InsertProposal(ctx, p)
	if err != nil {
		return false, false, fmt.Errorf("save proposal %q of run %d: %w", p.DedupKey, run.ID, err)
	}
	if !created {
		return false, false, nil
	}
	r.publish("proposal", p)
	if !rule.AutoApplies(p.Confidence) || r.Approver == nil {
		return true, false, nil
	}
	if err := r.Approver.AutoApprove(ctx, p.ID, run.Automation); err != nil {
		return true, false, fmt.Errorf("auto-approve proposal %d: %w", p.ID, err)
	}
	return true, true, nil
}

func (r *Runner) fail(ctx context.Context, run core.Run, cause error) error {
	r.Logger.Warn("automation run failed", "run", run.ID, "automation", run.Automation, "err", cause)
	msg := core.MessageOf(cause)
	if msg == "" {
		msg = cause.Error()
	}
	res := store.RunResult{Error: msg}
	if err := r.Store.FinishRun(ctx, run.ID, core.RunFailed, res, r.Clock()); err != nil {
		return fmt.Errorf("record failure of run %d: %w", run.ID, err)
	}
	r.publishRun(ctx, run.ID)
	return nil // the failure is recorded; retrying a deterministic failure would not help
}

func (r *Runner) publishRun(ctx context.Context, id int64) {
	if r.Publisher == nil {
		return
	}
	if run, err := r.Store.GetRun(ctx, id); err == nil {
		r.Publisher.Publish("run", run)
	}
}

func (r *Runner) publish(topic string, v any) {
	if r.Publisher != nil {
		r.Publisher.Publish(topic, v)
	}
}

// Submit records the output of a run made outside the queue (a CLI command that ran the
// automation in-process) as a run of its own: proposals go through the same policy.
func (r *Runner) Submit(ctx context.Context, automation, trigger string, out core.RunOutput) (core.Run, error) {
	rule, err := r.Rule(ctx, automation)
	if err != nil {
		return core.Run{}, err
	}
	run := &core.Run{Automation: automation, Trigger: trigger, Status: core.RunQueued}
	if err := r.Store.CreateRun(ctx, run); err != nil {
		return core.Run{}, fmt.Errorf("create run of %s: %w", automation, err)
	}
	if err := r.Store.StartRun(ctx, run.ID, r.Clock()); err != nil {
		return core.Run{}, fmt.Errorf("start run %d: %w", run.ID, err)
	}
	if err := r.record(ctx, *run, rule, out); err != nil {
		return core.Run{}, err
	}
	return r.Store.GetRun(ctx, run.ID)
}
