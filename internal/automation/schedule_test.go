package automation_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/automation"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/queue"
	"github.com/smartodoo/smartodoo/internal/store"
)

type hourlyAuto struct{}

func (hourlyAuto) Info() core.AutomationInfo {
	return core.AutomationInfo{Name: "hourly", DefaultRule: core.Rule{Enabled: true},
		Schedule: &core.Schedule{Cron: "0 * * * *", Timezone: "Europe/Brussels", Enabled: true}}
}

func (hourlyAuto) Run(context.Context, core.RunInput) (core.RunOutput, error) {
	return core.RunOutput{}, nil
}

// TestSchedulerTickStartsDueRunsOnce ticks the scheduler around an hour boundary: one run at
// the boundary, none for a repeated tick, none before the next hour.
func TestSchedulerTickStartsDueRunsOnce(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 11, 24, 9, 58, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	e := apptest.Start(t, apptest.Dialects()[0].DSN(t), app.Options{Clock: clock, Automations: []core.Automation{hourlyAuto{}}})
	w := &automation.ScheduleWorker{Starter: e.App.Starter, Timezone: "UTC"}
	tick := func() {
		if err := w.Work(t.Context(), &river.Job[queue.SchedulerTick]{}); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int {
		rs, err := e.App.Store.ListRuns(t.Context(), store.RunFilter{Automation: "hourly"})
		if err != nil {
			t.Fatal(err)
		}
		return len(rs)
	}
	tick() // first sight of the schedule: starts from now, no catch-up
	set(now.Add(time.Minute))
	tick()
	if n := count(); n != 0 {
		t.Fatalf("%d runs before the hour", n)
	}
	set(time.Date(2026, 11, 24, 10, 0, 30, 0, time.UTC))
	tick()
	tick()
	if n := count(); n != 1 {
		t.Fatalf("%d runs after the hour, want 1", n)
	}
	// Disabled through the API: no more runs.
	if err := e.App.Store.PutSchedule(t.Context(), store.ScheduleRow{Automation: "hourly", Cron: "0 * * * *", Timezone: "UTC", Enabled: false}); err != nil {
		t.Fatal(err)
	}
	set(time.Date(2026, 11, 24, 11, 0, 30, 0, time.UTC))
	tick()
	if n := count(); n != 1 {
		t.Fatalf("%d runs with the schedule disabled, want 1", n)
	}
}
