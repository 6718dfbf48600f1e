package bankrec

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Name is the automation's registry name.
const Name = "bankrec"

// State is the part of the store the automation uses (*store.Store satisfies it): people's
// confirmations and rejections, kept as small JSON state.
type State interface {
	GetState(ctx context.Context, automation, key string, v any) (bool, error)
	PutState(ctx context.Context, automation, key string, v any) error
}

// Deps are what the automation needs.
type Deps struct {
	Odoo   Odoo
	State  State // optional: without it, confirmations are not remembered
	Logger *slog.Logger
	Clock  func() time.Time
}

// Params are the rule's automation-specific settings (core.Rule.Params).
type Params struct {
	Config
	JournalID   int64 `json:"journal_id,omitempty"`   // 0 = every bank journal
	HistoryDays int   `json:"history_days,omitempty"` // reconciled lines this far back feed rule learning (default 180)
	MinSupport  int   `json:"min_support,omitempty"`  // confirmations before a rule is proposed (default 3)
}

// ParseParams reads Params, rejecting unknown keys so that a typo does not go unnoticed.
func ParseParams(raw json.RawMessage) (Params, error) {
	var p Params
	if len(raw) > 0 && string(raw) != "null" {
		if err := strictJSON(raw, &p); err != nil {
			return p, core.Errorf(core.CodeInvalid, "bankrec params: %v", err)
		}
	}
	if p.HistoryDays == 0 {
		p.HistoryDays = 180
	}
	if p.HistoryDays < 0 || p.MaxFee < 0 || p.MaxFeeRatio < 0 || p.MaxFeeRatio > 0.5 {
		return p, core.Errorf(core.CodeInvalid, "bankrec params: history_days, max_fee must be positive and max_fee_ratio between 0 and 0.5")
	}
	return p, nil
}

// Automation matches bank lines to open items and proposes reconciliations and rules.
type Automation struct{ d Deps }

var _ core.Automation = (*Automation)(nil)

// New builds the automation; Logger and Clock default to slog.Default and time.Now.
func New(d Deps) *Automation {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Clock == nil {
		d.Clock = time.Now
	}
	return &Automation{d: d}
}

// Info describes the automation. By default nothing applies without approval; a
// controller who has watched it can set auto_apply_at to 0.95 (see the calibration).
func (a *Automation) Info() core.AutomationInfo {
	every := &core.Schedule{Cron: "*/30 * * * *", Timezone: "UTC"}
	params, _ := json.Marshal(Params{HistoryDays: 180})
	return core.AutomationInfo{
		Name: Name, Title: "Bank reconciliation",
		Description: "Matches unreconciled bank statement lines to open invoices, bills, credit notes and payments " +
			"(references, amounts, payer, dates; grouped, partial and fee-short payments) and books lines without a " +
			"document by learned rules. Confidence is calibrated: 0.95 means about 95 in 100 are right.",
		Models:      []string{"account.bank.statement.line"},
		Schedule:    every,
		DefaultRule: core.Rule{Automation: Name, Enabled: true, AutoApplyAt: 0, Schedule: every, Params: params},
	}
}

// Run loads the company, matches every unreconciled line and returns the proposals.
func (a *Automation) Run(ctx context.Context, in core.RunInput) (core.RunOutput, error) {
	p, err := ParseParams(in.Rule.Params)
	if err != nil {
		return core.RunOutput{}, err
	}
	now := in.Now
	if now.IsZero() {
		now = a.d.Clock()
	}
	rep, err := a.Suggest(ctx, SuggestOptions{Params: p, CompanyID: in.CompanyID, Now: now, Progress: in.Progress})
	if err != nil {
		return core.RunOutput{}, err
	}
	out := core.RunOutput{Proposals: append(rep.Proposals, rep.RuleProposals...), Metrics: rep.Metrics}
	for i := range out.Proposals {
		out.Proposals[i].RunID, out.Proposals[i].CompanyID = in.RunID, in.CompanyID
	}
	if n := int(rep.Metrics["lines_unmatched"]); n > 0 {
		out.Findings = append(out.Findings, core.Finding{Automation: Name, CompanyID: in.CompanyID, Kind: "bank_lines_unmatched",
			Severity: core.SeverityInfo, Title: fmt.Sprintf("%d bank lines have no matching document or rule", n),
			Detail: "Reconcile them in Odoo; each one you book on an account teaches a rule.", CreatedAt: now})
	}
	for _, n := range rep.Notes {
		out.Findings = append(out.Findings, core.Finding{Automation: Name, CompanyID: in.CompanyID, Kind: "bankrec_partial_load",
			Severity: core.SeverityWarning, Title: "Bank reconciliation ran with less data than usual", Detail: n, CreatedAt: now})
	}
	out.Summary = fmt.Sprintf("%d unreconciled lines: %d suggestions (%d at confidence >= 0.95), %d rule proposals",
		int(rep.Metrics["lines"]), len(rep.Proposals), int(rep.Metrics["confident"]), len(rep.RuleProposals))
	return out, nil
}
