package automation_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// blocker hangs on its first run until its context is cancelled, like a job whose worker
// is shut down mid-run; later runs finish at once with one finding.
type blocker struct {
	calls   atomic.Int32
	started chan struct{}
}

func (b *blocker) Info() core.AutomationInfo {
	return core.AutomationInfo{Name: "blocker", DefaultRule: core.Rule{Enabled: true}}
}

func (b *blocker) Run(ctx context.Context, in core.RunInput) (core.RunOutput, error) {
	if b.calls.Add(1) == 1 {
		close(b.started)
		<-ctx.Done()
		return core.RunOutput{}, ctx.Err()
	}
	return core.RunOutput{Findings: []core.Finding{{Kind: "done", Severity: core.SeverityInfo, Title: "finished"}}}, nil
}

// TestJobCompletesExactlyOnceAfterInterruptedWorker cancels a worker mid-run, starts a new
// process on the same database and checks the run then completes once, with its results
// stored once.
func TestJobCompletesExactlyOnceAfterInterruptedWorker(t *testing.T) {
	for _, d := range apptest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			dsn := d.DSN(t)
			b := &blocker{started: make(chan struct{})}
			cfg := apptest.Config(dsn)
			cfg.ShutdownGrace = 100 * time.Millisecond // the running job is cancelled and handed back
			first := apptest.StartConfig(t, cfg, app.Options{Work: true, Automations: []core.Automation{b}})
			run, err := first.App.Starter.Start(t.Context(), "blocker", "manual:test", "manual:crash", 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			select {
			case <-b.started:
			case <-time.After(20 * time.Second):
				t.Fatal("the run never started")
			}
			first.Stop()

			second := apptest.StartConfig(t, cfg, app.Options{Work: true, Automations: []core.Automation{b}})
			apptest.Eventually(t, 30*time.Second, "the run to succeed after restart", func() bool {
				r, err := second.App.Store.GetRun(t.Context(), run.ID)
				return err == nil && r.Status == core.RunSucceeded
			})
			fs, err := second.App.Store.ListFindings(t.Context(), store.FindingFilter{RunID: run.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != 1 {
				t.Fatalf("%d findings stored, want exactly 1", len(fs))
			}
			if n := b.calls.Load(); n != 2 {
				t.Fatalf("automation ran %d times, want 2 (interrupted, then completed)", n)
			}
			runs, _ := second.App.Store.ListRuns(t.Context(), store.RunFilter{Automation: "blocker"})
			if len(runs) != 1 {
				t.Fatalf("%d runs, want 1", len(runs))
			}
		})
	}
}
