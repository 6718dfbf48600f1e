package automation_test

import (
	"context"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

type watcher struct {
	name     string
	perEvent bool
}

func (w watcher) Info() core.AutomationInfo {
	return core.AutomationInfo{Name: w.name, Models: []string{"account.move"}, PerEvent: w.perEvent, DefaultRule: core.Rule{Enabled: true}}
}

func (watcher) Run(context.Context, core.RunInput) (core.RunOutput, error) {
	return core.RunOutput{}, nil
}

// TestRouteCoalescesEventStorms routes thirty events that arrived together: an automation
// that only needs "something changed" gets one run, a per-event one gets thirty.
func TestRouteCoalescesEventStorms(t *testing.T) {
	e := apptest.Start(t, apptest.Dialects()[0].DSN(t), app.Options{Automations: []core.Automation{
		watcher{name: "whole", perEvent: false}, watcher{name: "each", perEvent: true},
	}})
	at := time.Date(2026, 11, 24, 10, 0, 1, 0, time.UTC)
	for i := range 30 {
		ev := core.Event{ID: int64(i + 1), Model: "account.move", RecordID: int64(100 + i), Action: "write", ReceivedAt: at.Add(time.Duration(i) * 100 * time.Millisecond)}
		if _, err := e.App.Starter.Route(t.Context(), ev); err != nil {
			t.Fatal(err)
		}
	}
	count := func(name string) int {
		rs, err := e.App.Store.ListRuns(t.Context(), store.RunFilter{Automation: name, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		return len(rs)
	}
	if n := count("whole"); n != 1 {
		t.Errorf("%d runs of the whole-base automation for one burst, want 1", n)
	}
	if n := count("each"); n != 30 {
		t.Errorf("%d runs of the per-event automation, want 30", n)
	}
}
