package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// RunResult is what FinishRun records about a finished run.
type RunResult struct {
	Findings, Proposals, Applied int
	Metrics                      map[string]float64
	Summary, Error               string
	Tokens                       core.TokenUsage
}

// RunFilter selects runs, newest first. Zero fields do not filter.
type RunFilter struct {
	Automation string
	Status     core.RunStatus
	Limit      int   // default 100
	BeforeID   int64 // id < BeforeID: the next page
}

const runCols = `id, automation, run_trigger, status, started_at, finished_at, findings, proposals, applied,
	metrics, summary, error, tokens_input, tokens_output, progress_done, progress_total, created_at`

func scanRun(row interface{ Scan(...any) error }) (core.Run, error) {
	var r core.Run
	err := row.Scan(&r.ID, &r.Automation, &r.Trigger, &r.Status, nullTimeCol{&r.StartedAt}, nullTimeCol{&r.FinishedAt},
		&r.Findings, &r.Proposals, &r.Applied, jsonCol{&r.Metrics}, &r.Summary, &r.Error,
		&r.Tokens.Input, &r.Tokens.Output, &r.ProgressDone, &r.ProgressTotal, timeCol{&r.CreatedAt})
	return r, err
}

// CreateRun records a new run (status queued unless set) and sets r.ID and r.CreatedAt.
func (s *Store) CreateRun(ctx context.Context, r *core.Run) error {
	if r == nil || strings.TrimSpace(r.Automation) == "" {
		return invalid("run has no automation name")
	}
	if r.Status == "" {
		r.Status = core.RunQueued
	}
	r.CreatedAt = s.orNow(r.CreatedAt)
	metrics, err := jsonArg(r.Metrics)
	if err != nil {
		return err
	}
	err = s.Writer.QueryRowContext(ctx, s.q(`INSERT INTO runs (automation, run_trigger, status, started_at, finished_at,
		findings, proposals, applied, metrics, summary, error, tokens_input, tokens_output, progress_done,
		progress_total, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		r.Automation, r.Trigger, string(r.Status), s.tsPtr(r.StartedAt), s.tsPtr(r.FinishedAt), r.Findings, r.Proposals,
		r.Applied, metrics, r.Summary, r.Error, r.Tokens.Input, r.Tokens.Output, r.ProgressDone, r.ProgressTotal,
		s.ts(r.CreatedAt)).Scan(&r.ID)
	return classify("create run for "+r.Automation, err)
}

// StartRun marks a queued run running. Starting a run that is already running is allowed
// (a job retried after a crash); starting a finished run is a conflict, which tells a
// retried job that its work is already recorded.
func (s *Store) StartRun(ctx context.Context, id int64, at time.Time) error {
	res, err := s.Writer.ExecContext(ctx, s.q(`UPDATE runs SET status = ?, started_at = ?
		WHERE id = ? AND status IN (?, ?)`), string(core.RunRunning), s.ts(s.orNow(at)), id, string(core.RunQueued), string(core.RunRunning))
	if err != nil {
		return classify(fmt.Sprintf("start run %d", id), err)
	}
	return s.runChanged(ctx, s.Writer, res, id, "start")
}

// UpdateRunProgress records how far a running run is.
func (s *Store) UpdateRunProgress(ctx context.Context, id int64, done, total int) error {
	if done < 0 || total < 0 {
		return invalid("run %d progress %d/%d: counts cannot be negative", id, done, total)
	}
	res, err := s.Writer.ExecContext(ctx, s.q(`UPDATE runs SET progress_done = ?, progress_total = ?
		WHERE id = ? AND status = ?`), done, total, id, string(core.RunRunning))
	if err != nil {
		return classify(fmt.Sprintf("update run %d progress", id), err)
	}
	return s.runChanged(ctx, s.Writer, res, id, "update progress of")
}

// FinishRun records a run's outcome; status must be succeeded or failed. A run finishes once:
// finishing it again is a conflict.
func (s *Store) FinishRun(ctx context.Context, id int64, status core.RunStatus, out RunResult, at time.Time) error {
	return s.finishRun(ctx, s.Writer, id, status, out, at)
}

// FinishRunTx is FinishRun inside the caller's transaction (see InsertFindingsTx).
func (s *Store) FinishRunTx(ctx context.Context, tx *sql.Tx, id int64, status core.RunStatus, out RunResult, at time.Time) error {
	return s.finishRun(ctx, tx, id, status, out, at)
}

func (s *Store) finishRun(ctx context.Context, q querier, id int64, status core.RunStatus, out RunResult, at time.Time) error {
	if status != core.RunSucceeded && status != core.RunFailed {
		return invalid("run %d cannot finish with status %q: use succeeded or failed", id, status)
	}
	metrics, err := jsonArg(out.Metrics)
	if err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, s.q(`UPDATE runs SET status = ?, finished_at = ?, findings = ?,
		proposals = ?, applied = ?, metrics = ?, summary = ?, error = ?, tokens_input = ?, tokens_output = ?
		WHERE id = ? AND status IN (?, ?)`),
		string(status), s.ts(s.orNow(at)), out.Findings, out.Proposals, out.Applied, metrics, out.Summary, out.Error,
		out.Tokens.Input, out.Tokens.Output, id, string(core.RunQueued), string(core.RunRunning))
	if err != nil {
		return classify(fmt.Sprintf("finish run %d", id), err)
	}
	return s.runChanged(ctx, q, res, id, "finish")
}

// runChanged turns "no row updated" into not-found or a conflict naming the current status.
// q must be the querier that ran the update: inside a transaction on SQLite, the writer pool
// is held by that transaction.
func (s *Store) runChanged(ctx context.Context, q querier, res sql.Result, id int64, verb string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return classify(verb+" run", err)
	}
	if n == 1 {
		return nil
	}
	var status string
	err = q.QueryRowContext(ctx, s.q(`SELECT status FROM runs WHERE id = ?`), id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("run %d does not exist", id)
	}
	if err != nil {
		return classify(verb+" run", err)
	}
	return conflict("cannot %s run %d: it is %s", verb, id, status)
}

// GetRun returns one run.
func (s *Store) GetRun(ctx context.Context, id int64) (core.Run, error) {
	r, err := scanRun(s.Reader.QueryRowContext(ctx, s.q(`SELECT `+runCols+` FROM runs WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return core.Run{}, notFound("run %d does not exist", id)
	}
	if err != nil {
		return core.Run{}, classify("get run", err)
	}
	return r, nil
}

// ListRuns lists runs matching f, newest first.
func (s *Store) ListRuns(ctx context.Context, f RunFilter) ([]core.Run, error) {
	var w where
	w.eq("automation", f.Automation)
	w.eq("status", string(f.Status))
	w.before(f.BeforeID)
	query := `SELECT ` + runCols + ` FROM runs` + w.sql() + ` ORDER BY id DESC LIMIT ?`
	rows, err := s.Reader.QueryContext(ctx, s.q(query), append(w.args, clampLimit(f.Limit))...)
	if err != nil {
		return nil, classify("list runs", err)
	}
	return collect(rows, "list runs", scanRun)
}
