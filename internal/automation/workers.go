package automation

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/queue"
)

// RunWorker executes RunAutomation jobs.
type RunWorker struct {
	river.WorkerDefaults[queue.RunAutomation]
	Runner *Runner
}

func (w *RunWorker) Work(ctx context.Context, job *river.Job[queue.RunAutomation]) error {
	a := job.Args
	return w.Runner.Execute(ctx, Request{RunID: a.RunID, EventID: a.EventID, CompanyID: a.CompanyID})
}

// Timeout lets a run on a large company take its time; the queue's default would cut it.
func (w *RunWorker) Timeout(*river.Job[queue.RunAutomation]) time.Duration { return 30 * time.Minute }

// RouteWorker executes RouteEvents jobs. A retry re-routes the whole batch; Start returns
// the run already created for an (automation, event) pair, so nothing runs twice.
type RouteWorker struct {
	river.WorkerDefaults[queue.RouteEvents]
	Starter *Starter
}

func (w *RouteWorker) Work(ctx context.Context, job *river.Job[queue.RouteEvents]) error {
	for _, id := range job.Args.EventIDs {
		ev, err := w.Starter.Runner.Store.GetEvent(ctx, id)
		if errors.Is(err, core.ErrNotFound) {
			continue // purged since; nothing to route
		}
		if err != nil {
			return fmt.Errorf("load event %d: %w", id, err)
		}
		if _, err := w.Starter.Route(ctx, ev); err != nil {
			return err
		}
	}
	return nil
}

// ScheduleWorker executes the leader's once-a-minute SchedulerTick.
type ScheduleWorker struct {
	river.WorkerDefaults[queue.SchedulerTick]
	Starter  *Starter
	Timezone string // default for schedules without one
	// Recover re-queues applies of proposals approved but not finished (a crash mid-apply).
	Recover func(ctx context.Context, olderThan time.Time) error
}

func (w *ScheduleWorker) Work(ctx context.Context, _ *river.Job[queue.SchedulerTick]) error {
	r := w.Starter.Runner
	now := r.Clock()
	for _, name := range r.Registry.Names() {
		sched, err := EffectiveSchedule(ctx, r, name, w.Timezone)
		if err != nil || sched == nil || !sched.Enabled {
			continue
		}
		if err := w.fire(ctx, name, *sched, now); err != nil {
			r.Logger.Warn("scheduled run not started", "automation", name, "err", err)
		}
	}
	if w.Recover != nil {
		return w.Recover(ctx, now.Add(-10*time.Minute))
	}
	return nil
}

func (w *ScheduleWorker) fire(ctx context.Context, name string, sched core.Schedule, now time.Time) error {
	c, err := queue.Compile(sched)
	if err != nil {
		return err
	}
	st := w.Starter.Runner.Store
	var last time.Time
	if found, err := st.GetState(ctx, "schedule", name, &last); err != nil {
		return err
	} else if !found {
		last = now.Add(-time.Minute) // a new schedule starts now, it does not catch up on the past
	}
	for _, at := range c.Due(last, now, 1) {
		key := queue.ScheduleKey(at)
		if _, err := w.Starter.Start(ctx, name, "schedule", key, 0, 0); err != nil {
			return err
		}
	}
	return st.PutState(ctx, "schedule", name, now)
}

// EffectiveSchedule is an automation's schedule: the stored one, else its default, else nil.
func EffectiveSchedule(ctx context.Context, r *Runner, name, tz string) (*core.Schedule, error) {
	row, err := r.Store.GetSchedule(ctx, name)
	if err == nil {
		s := core.Schedule{Cron: row.Cron, Timezone: row.Timezone, Enabled: row.Enabled}
		if def := defaultSchedule(r, name, tz); def != nil {
			s.EdgeDays = def.EdgeDays
		}
		return &s, nil
	}
	if !errors.Is(err, core.ErrNotFound) {
		return nil, err
	}
	return defaultSchedule(r, name, tz), nil
}

// defaultSchedule is the product's default for an automation (queue.DefaultSchedules, the
// schedule the issue tracker agreed), else the one the automation declares, else none. A
// schedule an automation declares is on unless a person turns it off.
func defaultSchedule(r *Runner, name, tz string) *core.Schedule {
	if s, ok := queue.DefaultSchedules(tz)[name]; ok {
		return &s
	}
	a, err := r.Registry.Get(name)
	if err != nil {
		return nil
	}
	if s := a.Info().Schedule; s != nil {
		c := *s
		c.Enabled = true
		if c.Timezone == "" {
			c.Timezone = tz
		}
		return &c
	}
	return nil
}
