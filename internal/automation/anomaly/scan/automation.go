// Package scan is the anomaly automation: it loads a period's journal items and vendor
// bills from Odoo, runs package anomaly's detectors over them and reports findings. It
// proposes no writes: an anomaly is for a person to look at. The detectors themselves live
// in package anomaly so that the month-end close can run them too (see anomaly's doc.go).
package scan

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/smartodoo/smartodoo/internal/automation/anomaly"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
)

// Name is the automation's registry name.
const Name = "anomaly"

// Params are the rule's parameters (core.Rule.Params).
type Params struct {
	// BaselineMonths of history before the period feed the statistics (groups, medians);
	// findings are reported for the period only. Default 12.
	BaselineMonths int `json:"baseline_months"`
	// Timezone of the company's working hours, default "UTC".
	Timezone   string  `json:"timezone"`
	WorkStart  int     `json:"work_start"`
	WorkEnd    int     `json:"work_end"`
	Thresholds []int64 `json:"approval_thresholds,omitempty"` // major units; empty = usual limits
}

// ParseParams reads the rule's parameters with defaults.
func ParseParams(raw json.RawMessage) (Params, error) {
	var p Params
	if len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &p); err != nil {
			return p, fmt.Errorf("read anomaly rule parameters: %w", err)
		}
	}
	if p.BaselineMonths <= 0 {
		p.BaselineMonths = 12
	}
	if p.Timezone == "" {
		p.Timezone = "UTC"
	}
	if _, err := time.LoadLocation(p.Timezone); err != nil {
		return p, fmt.Errorf("anomaly rule timezone %q: %w", p.Timezone, err)
	}
	return p, nil
}

// Deps are what the automation needs. Odoo is any client with an execute_kw-style Call.
type Deps struct {
	Odoo   odoorow.Caller
	Logger *slog.Logger
	Clock  func() time.Time
}

// Automation runs the anomaly scan.
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
	monthly := &core.Schedule{Cron: "0 6 2 * *", Timezone: "UTC"} // the 2nd, for the month just closed
	return core.AutomationInfo{
		Name: Name, Title: "Anomaly detection",
		Description: "Benford digit tests, amount outliers per account, journal and partner, duplicate vendor bills, amounts kept under approval limits, round-number clusters, entries recorded at night or by users who rarely post.",
		Schedule:    monthly,
		DefaultRule: core.Rule{Automation: Name, Enabled: true, Schedule: monthly},
	}
}

// Scan loads the period plus its baseline and runs the detectors; findings outside the
// period are dropped. period zero = the whole ledger. The CLI and the close call it.
func (a *Automation) Scan(ctx context.Context, companyID int64, period Period, p Params) (anomaly.Report, error) {
	companyID, err := odoorow.Company(ctx, a.d.Odoo, companyID)
	if err != nil {
		return anomaly.Report{}, err
	}
	window := period
	if !period.From.IsZero() {
		window.From = period.From.AddDate(0, -p.BaselineMonths, 0)
	}
	data, err := Load(ctx, a.d.Odoo, companyID, window)
	if err != nil {
		return anomaly.Report{}, fmt.Errorf("load anomaly data for company %d: %w", companyID, err)
	}
	loc, _ := time.LoadLocation(p.Timezone)
	rep := anomaly.Scan(anomaly.ScanInput{Entries: data.Entries, Bills: data.Bills, Currency: data.Currency, Decimals: data.Decimals,
		Timing: anomaly.TimingOptions{Location: loc, WorkStart: p.WorkStart, WorkEnd: p.WorkEnd},
		Limit:  anomaly.ThresholdOptions{Thresholds: p.Thresholds}}, a.d.Clock())
	rep.Findings = InPeriod(rep.Findings, data, period)
	for i := range rep.Findings {
		rep.Findings[i].CompanyID = companyID
	}
	return rep, nil
}

// InPeriod keeps findings about moves dated in the period (and ledger-wide ones such as
// Benford tests, which name no single move).
func InPeriod(findings []core.Finding, data Data, period Period) []core.Finding {
	if period.From.IsZero() {
		return findings
	}
	dated := map[int64]time.Time{}
	for _, e := range data.Entries {
		dated[e.MoveID] = e.Date
	}
	for _, b := range data.Bills {
		dated[b.ID] = b.Date
	}
	var out []core.Finding
	for _, f := range findings {
		keep := true
		for _, r := range f.Records {
			if r.Model != "account.move" {
				continue
			}
			d, ok := dated[r.ID]
			keep = ok && !d.Before(period.From) && !d.After(period.To)
			break // the first move named is the one the finding is about
		}
		if f.Kind == anomaly.KindDuplicateBill && len(f.Records) > 1 {
			d := dated[f.Records[1].ID] // the later copy is the suspect
			keep = !d.Before(period.From) && !d.After(period.To)
		}
		if keep {
			out = append(out, f)
		}
	}
	return out
}

func (a *Automation) Run(ctx context.Context, in core.RunInput) (core.RunOutput, error) {
	p, err := ParseParams(in.Rule.Params)
	if err != nil {
		return core.RunOutput{}, core.Errorf(core.CodeInvalid, "%v", err)
	}
	// Scheduled on the 2nd: scan the month that just ended.
	start := time.Date(in.Now.Year(), in.Now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	period := Period{From: start, To: start.AddDate(0, 1, -1)}
	rep, err := a.Scan(ctx, in.CompanyID, period, p)
	if err != nil {
		return core.RunOutput{}, err
	}
	out := core.RunOutput{Findings: rep.Findings, Metrics: map[string]float64{}}
	for _, f := range rep.Findings {
		out.Metrics[f.Kind]++
	}
	out.Summary = fmt.Sprintf("%s: %d anomalies", start.Format("2006-01"), len(rep.Findings))
	return out, nil
}
