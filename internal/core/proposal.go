package core

import (
	"encoding/json"
	"time"
)

// Severity of a finding.
type Severity string

const (
	SeverityInfo     Severity = "info"
	SeverityWarning  Severity = "warning"
	SeverityCritical Severity = "critical"
)

// RecordRef points at one Odoo record, for links and evidence.
type RecordRef struct {
	Model string `json:"model"`
	ID    int64  `json:"id"`
	Name  string `json:"name,omitempty"`
}

// Finding is something a person should know; it changes nothing in Odoo.
type Finding struct {
	ID         int64           `json:"id"`
	RunID      int64           `json:"run_id"`
	Automation string          `json:"automation"`
	CompanyID  int64           `json:"company_id,omitempty"`
	Kind       string          `json:"kind"` // automation-specific, e.g. "draft_entry", "benford_first_digit"
	Severity   Severity        `json:"severity"`
	Title      string          `json:"title"`
	Detail     string          `json:"detail,omitempty"`
	Amount     *Money          `json:"amount,omitempty"`
	Records    []RecordRef     `json:"records,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
	CreatedAt  time.Time       `json:"created_at"`
}

// Call is one Odoo external-API call: model.method(*args, **kwargs).
// Prefer business methods (action_post, reconcile, the merge wizard) to raw writes.
type Call struct {
	Model  string         `json:"model"`
	Method string         `json:"method"`
	Args   []any          `json:"args,omitempty"`
	Kwargs map[string]any `json:"kwargs,omitempty"`
}

// Expectation is what a record must still hold for a proposal to apply. Applying re-reads
// these fields and refuses with status conflict when any differs: no lost update.
type Expectation struct {
	Model  string         `json:"model"`
	ID     int64          `json:"id"`
	Values map[string]any `json:"values"`
}

// ProposalStatus is where a proposal is in its life.
type ProposalStatus string

const (
	ProposalPending  ProposalStatus = "pending"  // waiting for a person
	ProposalApproved ProposalStatus = "approved" // approved, being applied
	ProposalApplied  ProposalStatus = "applied"  // written to Odoo
	ProposalRejected ProposalStatus = "rejected" // a person said no
	ProposalConflict ProposalStatus = "conflict" // Odoo no longer holds the expected values
	ProposalFailed   ProposalStatus = "failed"   // Odoo refused; its message is in Outcome
)

// Final reports whether no further transition is possible.
func (s ProposalStatus) Final() bool {
	return s == ProposalApplied || s == ProposalRejected || s == ProposalConflict || s == ProposalFailed
}

// Proposal is an Odoo operation an automation suggests, with what it expects to find,
// how sure it is and why. The rule's policy applies it or queues it for approval.
type Proposal struct {
	ID         int64           `json:"id"`
	RunID      int64           `json:"run_id"`
	Automation string          `json:"automation"`
	CompanyID  int64           `json:"company_id,omitempty"`
	Kind       string          `json:"kind"` // e.g. "bank_reconcile", "partner_merge", "credit_hold"
	Title      string          `json:"title"`
	Rationale  string          `json:"rationale"`
	Confidence float64         `json:"confidence"` // 0..1, calibrated where the automation can
	Calls      []Call          `json:"calls"`
	Expect     []Expectation   `json:"expect,omitempty"`
	Evidence   json.RawMessage `json:"evidence,omitempty"`
	Records    []RecordRef     `json:"records,omitempty"`
	// DedupKey makes proposing idempotent: one open proposal per key; a rejected key is not proposed again.
	DedupKey string         `json:"dedup_key"`
	Roles    []Role         `json:"roles,omitempty"` // who may approve; empty means admin and cfo
	Status   ProposalStatus `json:"status"`
	Outcome  string         `json:"outcome,omitempty"` // Odoo's message or the conflict found
	Decision *Decision      `json:"decision,omitempty"`

	CreatedAt time.Time  `json:"created_at"`
	DecidedAt *time.Time `json:"decided_at,omitempty"`
	AppliedAt *time.Time `json:"applied_at,omitempty"`
}

// Decision is a person's (or the policy's) approve/reject on a proposal.
type Decision struct {
	Approve bool   `json:"approve"`
	Actor   string `json:"actor"`
	Reason  string `json:"reason,omitempty"`
}

// AuditEntry records one write to Odoo, whatever its outcome.
type AuditEntry struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	Actor      string          `json:"actor"`
	RunID      int64           `json:"run_id,omitempty"`
	ProposalID int64           `json:"proposal_id,omitempty"`
	Model      string          `json:"model"`
	IDs        []int64         `json:"ids"`
	Method     string          `json:"method"`
	Values     json.RawMessage `json:"values,omitempty"` // the call's arguments
	Before     json.RawMessage `json:"before,omitempty"`
	After      json.RawMessage `json:"after,omitempty"`
	Outcome    string          `json:"outcome"` // "ok", "conflict", "error"
	Message    string          `json:"message,omitempty"`
}
