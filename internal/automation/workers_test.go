package automation_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
	"github.com/smartodoo/smartodoo/internal/store/storetest"
)

// counter records which runs it executed, across every process that shares it.
type counter struct {
	mu   sync.Mutex
	runs map[int64]int
}

func (c *counter) Info() core.AutomationInfo {
	return core.AutomationInfo{Name: "counter", DefaultRule: core.Rule{Enabled: true}}
}

func (c *counter) Run(_ context.Context, in core.RunInput) (core.RunOutput, error) {
	c.mu.Lock()
	c.runs[in.RunID]++
	c.mu.Unlock()
	time.Sleep(5 * time.Millisecond) // long enough for both workers to be busy at once
	return core.RunOutput{Summary: "counted"}, nil
}

// TestWorkersShareWorkOnce runs two worker processes' worth of apps on one PostgreSQL and
// checks every queued run executes exactly once.
func TestWorkersShareWorkOnce(t *testing.T) {
	dsn := storetest.PostgresSchemaURL(t)
	c := &counter{runs: map[int64]int{}}
	opts := app.Options{Work: true, Automations: []core.Automation{c}}
	first := apptest.Start(t, dsn, opts)
	apptest.Start(t, dsn, opts)
	const n = 60
	for i := range n {
		if _, err := first.App.Starter.Start(t.Context(), "counter", "manual:test", fmt.Sprintf("manual:%d", i), 0, 0); err != nil {
			t.Fatal(err)
		}
	}
	apptest.Eventually(t, 60*time.Second, "every run to succeed", func() bool {
		rs, err := first.App.Store.ListRuns(t.Context(), store.RunFilter{Automation: "counter", Status: core.RunSucceeded, Limit: 500})
		return err == nil && len(rs) == n
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.runs) != n {
		t.Fatalf("%d distinct runs executed, want %d", len(c.runs), n)
	}
	for id, k := range c.runs {
		if k != 1 {
			t.Errorf("run %d executed %d times", id, k)
		}
	}
}
