// Package queue runs Smart Odoo's background jobs on River, on SQLite or PostgreSQL.
//
// Jobs are inserted inside the caller's *sql.Tx (the same transaction that stores the event
// or proposal), so a job exists exactly when the thing it works on was committed. On SQLite
// one River client (riversqlite) both inserts and works jobs over the store's single writer
// connection. On PostgreSQL a riverpgxv5 client works jobs (LISTEN/NOTIFY, leader election
// for the periodic schedule) while an insert-only riverdatabasesql client inserts them in
// the store's database/sql transactions: both speak to the same river_job table.
package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"

	"github.com/smartodoo/smartodoo/internal/store"
)

// Options configures a Queue.
type Options struct {
	Workers    *river.Workers       // nil = insert-only (the API process of a split deployment, CLI tools)
	MaxWorkers int                  // concurrent jobs in this process, default 4
	Periodic   []*river.PeriodicJob // run by the elected leader only
	Logger     *slog.Logger
	// JobTimeout bounds one job; long automation runs on a large company need minutes.
	JobTimeout time.Duration
	// RescueAfter is when a job whose worker died (SIGKILL, power loss) is handed to another worker.
	RescueAfter time.Duration
	// PollInterval is how often workers look for new jobs when no notification arrives
	// (always the case on SQLite).
	PollInterval time.Duration
}

// Queue inserts and works jobs.
type Queue struct {
	inserter *river.Client[*sql.Tx]
	sqlite   *river.Client[*sql.Tx] // nil on PostgreSQL
	pg       *river.Client[pgx.Tx]  // nil on SQLite
	pool     *pgxpool.Pool
	working  bool
}

// New builds the River clients for the store's dialect. It does not start working jobs.
func New(ctx context.Context, st *store.Store, opts Options) (*Queue, error) {
	cfg := riverConfig(opts)
	if st.Dialect == store.SQLite {
		c, err := river.NewClient(riversqlite.New(st.Writer), cfg)
		if err != nil {
			return nil, fmt.Errorf("create River client on SQLite: %w", err)
		}
		return &Queue{inserter: c, sqlite: c, working: opts.Workers != nil}, nil
	}
	ins, err := river.NewClient(riverdatabasesql.New(st.Writer), &river.Config{Logger: cfg.Logger})
	if err != nil {
		return nil, fmt.Errorf("create River inserter on PostgreSQL: %w", err)
	}
	q := &Queue{inserter: ins, working: opts.Workers != nil}
	if opts.Workers == nil {
		return q, nil
	}
	q.pool, err = pgxpool.New(ctx, st.DSN)
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL pool for River: %w", err)
	}
	q.pg, err = river.NewClient(riverpgxv5.New(q.pool), cfg)
	if err != nil {
		q.pool.Close()
		return nil, fmt.Errorf("create River client on PostgreSQL: %w", err)
	}
	return q, nil
}

func riverConfig(opts Options) *river.Config {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg := &river.Config{
		Logger:               logger,
		JobTimeout:           cmpDur(opts.JobTimeout, 30*time.Minute),
		RescueStuckJobsAfter: cmpDur(opts.RescueAfter, 35*time.Minute),
		FetchPollInterval:    cmpDur(opts.PollInterval, 200*time.Millisecond),
		FetchCooldown:        20 * time.Millisecond,
		MaxAttempts:          8,
		PeriodicJobs:         opts.Periodic,
	}
	if opts.Workers != nil {
		cfg.Workers = opts.Workers
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: max(opts.MaxWorkers, 1)}}
	}
	return cfg
}

func cmpDur(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}

// InsertTx inserts jobs inside the caller's transaction: they become visible to workers
// exactly when the transaction commits.
func (q *Queue) InsertTx(ctx context.Context, tx *sql.Tx, jobs []river.InsertManyParams) error {
	if len(jobs) == 0 {
		return nil
	}
	if _, err := q.inserter.InsertManyTx(ctx, tx, jobs); err != nil {
		return fmt.Errorf("enqueue %d job(s): %w", len(jobs), err)
	}
	return nil
}

// Insert inserts one job in its own transaction.
func (q *Queue) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error) {
	res, err := q.inserter.Insert(ctx, args, opts)
	if err != nil {
		return nil, fmt.Errorf("enqueue %s job: %w", args.Kind(), err)
	}
	return res, nil
}

// Start begins working jobs (no-op for an insert-only queue).
func (q *Queue) Start(ctx context.Context) error {
	if !q.working {
		return nil
	}
	var err error
	if q.sqlite != nil {
		err = q.sqlite.Start(ctx)
	} else {
		err = q.pg.Start(ctx)
	}
	if err != nil {
		return fmt.Errorf("start job workers: %w", err)
	}
	return nil
}

// Stop stops fetching new jobs and waits for running ones until ctx ends; then it cancels
// what is still running, so River hands those jobs back (they retry, and the rescuer picks
// up any a hard kill left behind).
func (q *Queue) Stop(ctx context.Context) error {
	defer func() {
		if q.pool != nil {
			q.pool.Close()
		}
	}()
	if !q.working {
		return nil
	}
	c := q.client()
	err := c.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		cancelCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = c.StopAndCancel(cancelCtx)
	}
	if err != nil {
		return fmt.Errorf("stop job workers: %w", err)
	}
	return nil
}

type stopper interface {
	Stop(context.Context) error
	StopAndCancel(context.Context) error
}

func (q *Queue) client() stopper {
	if q.sqlite != nil {
		return q.sqlite
	}
	return q.pg
}

// Periodic gives access to the leader's periodic jobs, to reload schedules at run time.
func (q *Queue) Periodic() *river.PeriodicJobBundle {
	if q.sqlite != nil {
		return q.sqlite.PeriodicJobs()
	}
	if q.pg != nil {
		return q.pg.PeriodicJobs()
	}
	return nil
}

// EnqueueRun queues one automation run (unique by its arguments).
func (q *Queue) EnqueueRun(ctx context.Context, job RunAutomation) error {
	_, err := q.Insert(ctx, job, nil)
	return err
}

// EnqueueApply queues the apply of an approved proposal (unique while queued).
func (q *Queue) EnqueueApply(ctx context.Context, proposalID int64) error {
	_, err := q.Insert(ctx, ApplyProposal{ProposalID: proposalID}, nil)
	return err
}
