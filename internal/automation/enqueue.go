package automation

import (
	"context"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/queue"
)

// JobInserter is the part of the queue used to start runs.
type JobInserter interface {
	EnqueueRun(ctx context.Context, job queue.RunAutomation) error
}

// Starter creates run rows and queues their jobs.
type Starter struct {
	Runner *Runner
	Jobs   JobInserter
}

// Start queues one run of automation. key identifies the trigger ("event:12", a schedule fire
// time, "manual:<request id>"); starting the same automation with the same key again returns
// the first run instead of creating a second, so retried routing never runs anything twice.
func (s *Starter) Start(ctx context.Context, automation, trigger, key string, eventID, companyID int64) (core.Run, error) {
	if _, err := s.Runner.Registry.Get(automation); err != nil {
		return core.Run{}, err
	}
	st := s.Runner.Store
	stateKey := "run:" + automation + ":" + key
	var runID int64
	found, err := st.GetState(ctx, "runs", stateKey, &runID)
	if err != nil {
		return core.Run{}, fmt.Errorf("look up run for %s: %w", stateKey, err)
	}
	if !found {
		run := &core.Run{Automation: automation, Trigger: trigger, Status: core.RunQueued}
		if err := st.CreateRun(ctx, run); err != nil {
			return core.Run{}, fmt.Errorf("create run of %s: %w", automation, err)
		}
		runID = run.ID
		if err := st.PutState(ctx, "runs", stateKey, runID); err != nil {
			return core.Run{}, fmt.Errorf("remember run %d for %s: %w", runID, stateKey, err)
		}
	}
	job := queue.RunAutomation{Automation: automation, RunID: runID, EventID: eventID, CompanyID: companyID, Key: key}
	if err := s.Jobs.EnqueueRun(ctx, job); err != nil {
		return core.Run{}, err
	}
	return st.GetRun(ctx, runID)
}

// EventWindow is how close together events must arrive to share one run of an automation
// that is not PerEvent.
const EventWindow = 10 * time.Second

// Route starts every enabled automation that watches the event's model.
func (s *Starter) Route(ctx context.Context, ev core.Event) (int, error) {
	started := 0
	for _, name := range s.Runner.Registry.ForModel(ev.Model) {
		a, err := s.Runner.Registry.Get(name)
		if err != nil {
			return started, err
		}
		rule, err := s.Runner.Rule(ctx, name)
		if err != nil {
			return started, err
		}
		if !rule.Enabled {
			continue
		}
		trigger := fmt.Sprintf("event:%d", ev.ID)
		key, eventID := trigger, ev.ID
		if !a.Info().PerEvent {
			key, eventID = "events:"+ev.ReceivedAt.UTC().Truncate(EventWindow).Format(time.RFC3339), 0
		}
		if _, err := s.Start(ctx, name, trigger, key, eventID, 0); err != nil {
			return started, fmt.Errorf("route event %d to %s: %w", ev.ID, name, err)
		}
		started++
	}
	return started, nil
}
