package credit

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Name is the automation's registry name.
const Name = "credit"

// State is the part of the store the automation uses: overrides as small JSON state and
// the score history as time series points. *store.Store satisfies it.
type State interface {
	GetState(ctx context.Context, automation, key string, v any) (bool, error)
	PutState(ctx context.Context, automation, key string, v any) error
	AppendPoints(ctx context.Context, ps []store.Point) error
}

// Deps are what the automation needs. Odoo is any client with an execute_kw-style Call
// (internal/odoo's *Client); Version is the server's major version (16-19), for the hold rule.
type Deps struct {
	Odoo    odoorow.Caller
	State   State
	Logger  *slog.Logger
	Clock   func() time.Time
	Version int
}

// Automation scores customers, proposes limits and holds, and installs the hold rule.
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

func (a *Automation) Info() core.AutomationInfo {
	hourly := &core.Schedule{Cron: "0 * * * *", Timezone: "UTC"}
	params, _ := json.Marshal(DefaultParams())
	return core.AutomationInfo{
		Name: Name, Title: "Credit scoring and holds",
		Description: "Scores customers 0-100 from payment history, overdue, volume and relationship age; proposes credit limits; holds and releases customers by rule through a tag that a native Odoo rule enforces on order confirmation.",
		Models:      []string{"account.move", "account.payment", "account.partial.reconcile", "sale.order"},
		Schedule:    hourly,
		DefaultRule: core.Rule{Automation: Name, Enabled: true, AutoApplyAt: 1, Schedule: hourly, Params: params},
	}
}

// Result is one scoring pass: scores plus what Odoo looked like.
type Result struct {
	Snapshot Snapshot
	Scores   []Score
	Params   Params
}

// Score loads and scores one company as of now; the CLI and the API call it.
func (a *Automation) Score(ctx context.Context, companyID int64, rule json.RawMessage) (Result, error) {
	p, err := ParseParams(rule)
	if err != nil {
		return Result{}, core.Errorf(core.CodeInvalid, "%v", err)
	}
	if companyID, err = odoorow.Company(ctx, a.d.Odoo, companyID); err != nil {
		return Result{}, err
	}
	snap, err := Load(ctx, a.d.Odoo, companyID, a.d.Clock(), p)
	if err != nil {
		return Result{}, fmt.Errorf("load credit data for company %d: %w", companyID, err)
	}
	scores, err := ScoreAll(snap.Input, p)
	if err != nil {
		return Result{}, fmt.Errorf("score company %d: %w", companyID, err)
	}
	return Result{Snapshot: snap, Scores: scores, Params: p}, nil
}

func (a *Automation) Run(ctx context.Context, in core.RunInput) (core.RunOutput, error) {
	res, err := a.Score(ctx, in.CompanyID, in.Rule.Params)
	if err != nil {
		return core.RunOutput{}, err
	}
	out := core.RunOutput{Metrics: map[string]float64{"customers": float64(len(res.Scores))}}
	if res.Snapshot.TagID == 0 {
		out.Proposals = append(out.Proposals, TagProposal(res.Params.HoldTag))
	}
	if a.d.Version >= 16 {
		if p, ok, err := a.ruleProposal(ctx, res.Params.HoldTag); err != nil {
			a.d.Logger.Warn("credit hold rule not checked", "err", err)
		} else if ok {
			out.Proposals = append(out.Proposals, p)
		}
	}
	overrides, err := a.activeOverrides(ctx, in.CompanyID, res.Scores, in.Now)
	if err != nil {
		return out, err
	}
	decimals := res.Snapshot.Input.Decimals
	holds := 0
	for _, s := range res.Scores {
		cur := res.Snapshot.Partners[s.PartnerID]
		if p, ok := HoldProposal(s, cur, res.Snapshot.TagID, overrides[s.PartnerID]); ok {
			out.Proposals = append(out.Proposals, p)
		}
		if p, ok := LimitProposal(s, cur, res.Params, decimals); ok {
			out.Proposals = append(out.Proposals, p)
		}
		if s.Hold {
			holds++
			out.Findings = append(out.Findings, holdFinding(s, decimals, in.Now))
		}
	}
	out.Metrics["holds"] = float64(holds)
	if err := a.record(ctx, res.Scores, in.Now); err != nil {
		return out, err
	}
	out.Summary = fmt.Sprintf("%d customers scored, %d to hold, %d proposals", len(res.Scores), holds, len(out.Proposals))
	return out, nil
}

func holdFinding(s Score, decimals int, now time.Time) core.Finding {
	data, _ := json.Marshal(s)
	return core.Finding{Automation: Name, Kind: "credit_hold", Severity: core.SeverityWarning, CreatedAt: now,
		Title:   fmt.Sprintf("%s should be on credit hold", s.Name),
		Detail:  joinReasons(s.HoldReasons),
		Amount:  &core.Money{Minor: s.Exposure, Currency: s.Currency},
		Records: []core.RecordRef{{Model: "res.partner", ID: s.PartnerID, Name: s.Name}}, Data: data}
}

// record appends every score to the history series "credit_score", keyed by partner.
func (a *Automation) record(ctx context.Context, scores []Score, now time.Time) error {
	if a.d.State == nil {
		return nil
	}
	pts := make([]store.Point, len(scores))
	for i, s := range scores {
		data, _ := json.Marshal(map[string]any{"grade": s.Grade, "exposure": s.Exposure, "overdue": s.Overdue})
		pts[i] = store.Point{Series: "credit_score", Key: strconv.FormatInt(s.PartnerID, 10), At: now, Value: s.Score, Data: data}
	}
	if err := a.d.State.AppendPoints(ctx, pts); err != nil {
		return fmt.Errorf("record credit score history: %w", err)
	}
	return nil
}

// ruleProposal proposes the hold rule unless one with our name already exists.
func (a *Automation) ruleProposal(ctx context.Context, tag string) (core.Proposal, bool, error) {
	existing, err := odoorow.First(ctx, a.d.Odoo, "base.automation", []any{[]any{"name", "like", "Smart Odoo: block confirming"}}, []string{"id"})
	if err != nil || len(existing) > 0 {
		return core.Proposal{}, false, err
	}
	models, err := odoorow.First(ctx, a.d.Odoo, "ir.model", []any{[]any{"model", "=", "sale.order"}}, []string{"id"})
	if err != nil || len(models) == 0 {
		return core.Proposal{}, false, fmt.Errorf("find ir.model sale.order: %v", err)
	}
	fields, err := odoorow.First(ctx, a.d.Odoo, "ir.model.fields", []any{[]any{"model", "=", "sale.order"}, []any{"name", "=", "state"}}, []string{"id"})
	if err != nil || len(fields) == 0 {
		return core.Proposal{}, false, fmt.Errorf("find field sale.order.state: %v", err)
	}
	p, err := HoldRuleProposal(a.d.Version, tag, models[0].ID("id"), fields[0].ID("id"))
	return p, err == nil, err
}
