package core

import (
	"context"
	"encoding/json"
	"time"
)

// Schedule is a cron expression evaluated in an IANA timezone.
type Schedule struct {
	Cron     string `json:"cron"`     // five fields, robfig/cron syntax
	Timezone string `json:"timezone"` // e.g. "Europe/Brussels"
	// EdgeDays, when > 0, restricts firing to the first and last EdgeDays days of each month
	// (cron cannot say "the last 5 days"); the month-end close scan uses 5.
	EdgeDays int  `json:"edge_days,omitempty"`
	Enabled  bool `json:"enabled"`
}

// Rule is an automation's configuration: on/off, its policy and parameters.
type Rule struct {
	Automation string `json:"automation"`
	Enabled    bool   `json:"enabled"`
	// AutoApplyAt is the confidence at or above which proposals apply without approval.
	// Zero or anything above 1 means "never auto-apply": every proposal waits for a person.
	AutoApplyAt float64         `json:"auto_apply_at"`
	Schedule    *Schedule       `json:"schedule,omitempty"`
	Params      json.RawMessage `json:"params,omitempty"` // automation-specific thresholds
	UpdatedAt   time.Time       `json:"updated_at"`
	UpdatedBy   string          `json:"updated_by,omitempty"`
}

// AutoApplies reports whether a proposal with confidence c applies without approval.
func (r Rule) AutoApplies(c float64) bool {
	return r.AutoApplyAt > 0 && r.AutoApplyAt <= 1 && c >= r.AutoApplyAt
}

// AutomationInfo describes an automation to the registry, the API and the dashboard.
type AutomationInfo struct {
	Name        string   `json:"name"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Models      []string `json:"models,omitempty"` // Odoo models whose events trigger a run
	// PerEvent means each event is a run of its own about the event's record (dedup's check
	// of one new contact). Otherwise an event only says "something changed": events arriving
	// within a few seconds share one full run, so one edit in Odoo that touches fifty records
	// does not start fifty runs.
	PerEvent    bool      `json:"per_event,omitempty"`
	Schedule    *Schedule `json:"schedule,omitempty"`
	DefaultRule Rule      `json:"default_rule"`
}

// RunInput is what one run of an automation gets.
type RunInput struct {
	RunID     int64
	Rule      Rule
	Event     *Event // nil for scheduled or manual runs
	CompanyID int64  // 0 = the connection's default company
	Now       time.Time
	// Progress, when set, receives (done, total) so long runs can show a progress bar.
	Progress func(done, total int)
}

// RunOutput is what a run produces. Automations never write to Odoo themselves.
type RunOutput struct {
	Findings  []Finding          `json:"findings"`
	Proposals []Proposal         `json:"proposals"`
	Metrics   map[string]float64 `json:"metrics,omitempty"`
	Summary   string             `json:"summary,omitempty"`
	Tokens    TokenUsage         `json:"tokens"`
}

// TokenUsage counts LLM tokens spent by a run.
type TokenUsage struct {
	Input  int64 `json:"input"`
	Output int64 `json:"output"`
}

// Automation is implemented by every automation package (bankrec, dedup, credit, closing, …).
// It is built in internal/app with its dependencies (Odoo client, store) and registered.
type Automation interface {
	Info() AutomationInfo
	Run(ctx context.Context, in RunInput) (RunOutput, error)
}

// RunStatus is where a run is.
type RunStatus string

const (
	RunQueued    RunStatus = "queued"
	RunRunning   RunStatus = "running"
	RunSucceeded RunStatus = "succeeded"
	RunFailed    RunStatus = "failed"
)

// Run is one execution of an automation or agent.
type Run struct {
	ID            int64              `json:"id"`
	Automation    string             `json:"automation"`
	Trigger       string             `json:"trigger"` // "schedule", "event:<id>", "manual:<actor>"
	Status        RunStatus          `json:"status"`
	StartedAt     *time.Time         `json:"started_at,omitempty"`
	FinishedAt    *time.Time         `json:"finished_at,omitempty"`
	Findings      int                `json:"findings"`
	Proposals     int                `json:"proposals"`
	Applied       int                `json:"applied"`
	Metrics       map[string]float64 `json:"metrics,omitempty"`
	Summary       string             `json:"summary,omitempty"`
	Error         string             `json:"error,omitempty"`
	Tokens        TokenUsage         `json:"tokens"`
	CreatedAt     time.Time          `json:"created_at"`
	ProgressDone  int                `json:"progress_done"`
	ProgressTotal int                `json:"progress_total"`
}

// Learner is implemented by automations that learn from people's decisions: the approval
// engine tells it about each proposal of its own that was rejected or applied.
type Learner interface {
	Decided(ctx context.Context, p Proposal) error
}
