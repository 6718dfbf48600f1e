package queue

import (
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// RouteEvents hands stored events to the automations that watch their models. One job
// covers the events committed together in one ingest transaction: a River job per event
// would cost more than storing the event itself.
type RouteEvents struct {
	EventIDs []int64 `json:"event_ids"`
}

func (RouteEvents) Kind() string { return "route_events" }

// No unique options: the job is inserted once, in the transaction that stores its events, so
// it cannot be duplicated; a uniqueness check would only cost a lookup per ingest batch.
// Routing a batch twice after a retry is harmless: Starter.Start is idempotent per event.

// RunAutomation executes one run of an automation. RunID is the row created when the run was
// queued; Key makes the job unique (an event id, a schedule fire time, or a manual request id).
type RunAutomation struct {
	Automation string `json:"automation"`
	RunID      int64  `json:"run_id"`
	EventID    int64  `json:"event_id,omitempty"`
	CompanyID  int64  `json:"company_id,omitempty"`
	Key        string `json:"key"`
}

func (RunAutomation) Kind() string { return "run_automation" }

func (a RunAutomation) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ApplyProposal applies an auto-approved proposal to Odoo.
type ApplyProposal struct {
	ProposalID int64 `json:"proposal_id"`
}

func (ApplyProposal) Kind() string { return "apply_proposal" }

func (a ApplyProposal) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// SchedulerTick is the leader's once-a-minute look at the schedules table.
type SchedulerTick struct{}

func (SchedulerTick) Kind() string { return "scheduler_tick" }

func (SchedulerTick) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByPeriod: time.Minute}}
}

// ScheduleKey is the unique key of a scheduled run: one run per automation per fire time,
// even when two leaders overlap during an election.
func ScheduleKey(at time.Time) string {
	return fmt.Sprintf("schedule:%s", at.UTC().Format(time.RFC3339))
}

// PollChanges asks Odoo for records changed since the last poll, per watched model.
type PollChanges struct{}

func (PollChanges) Kind() string { return "poll_changes" }

func (PollChanges) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByPeriod: time.Minute}}
}
