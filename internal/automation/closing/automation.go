package closing

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/smartodoo/smartodoo/internal/automation/anomaly"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
	"github.com/smartodoo/smartodoo/internal/store"
)

// Name is the automation's registry name.
const Name = "closing"

// State is the part of the store the close uses: the readiness history. *store.Store has it.
type State interface {
	AppendPoints(ctx context.Context, ps []store.Point) error
}

// Deps are what the automation needs. Odoo is any client with an execute_kw-style Call.
type Deps struct {
	Odoo   odoorow.Caller
	State  State
	Logger *slog.Logger
	Clock  func() time.Time
}

// Automation runs the month-end close scan.
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
	// Daily in the first working days of the month and the last days of the previous one.
	daily := &core.Schedule{Cron: "0 7 * * *", Timezone: "UTC"}
	params, _ := json.Marshal(Params{ReadyAt: 90, RecurringMonths: 3, RecurringGrace: 5, HistoryMonths: 12, BaselineItems: 500_000})
	return core.AutomationInfo{
		Name: Name, Title: "Month-end close",
		Description: "Ten checks of a period (drafts, bank, suspense, payments, delivered/received not invoiced, missing recurring entries, taxes, anomalies), a readiness score kept over time, accrual proposals and, when ready, the lock-date proposal.",
		Schedule:    daily,
		DefaultRule: core.Rule{Automation: Name, Enabled: true, Schedule: daily, Params: params},
	}
}

// ScanPeriod loads and scans one period; the CLI, the API and Run call it.
func (a *Automation) ScanPeriod(ctx context.Context, companyID int64, period Period, rule json.RawMessage) (Report, error) {
	p, err := ParseParams(rule)
	if err != nil {
		return Report{}, core.Errorf(core.CodeInvalid, "%v", err)
	}
	if companyID, err = odoorow.Company(ctx, a.d.Odoo, companyID); err != nil {
		return Report{}, err
	}
	now := a.d.Clock()
	l := &Loader{C: a.d.Odoo, CompanyID: companyID}
	in, err := l.Load(ctx, period, now, p)
	if err != nil {
		return Report{}, err
	}
	in.Anomalies = anomalies(&in, now)
	r, err := Scan(in, p, now)
	if err != nil {
		return Report{}, err
	}
	for i := range r.Checks {
		for k := range r.Checks[i].Findings {
			r.Checks[i].Findings[k].CompanyID = companyID
		}
	}
	lock, err := LoadLockState(ctx, a.d.Odoo, companyID)
	if err != nil {
		a.d.Logger.Warn("close: lock dates not read, no lock proposal", "err", err)
	} else if prop, ok := LockProposal(r, period, lock); ok {
		r.Proposals = append(r.Proposals, prop)
	}
	return r, nil
}

// anomalies runs package anomaly over the history window already loaded for the other
// checks (one read of the journal items serves both) and keeps what concerns the
// period: the tenth check.
func anomalies(in *Input, now time.Time) []core.Finding {
	entries, bills := ledger(in)
	rep := anomaly.Scan(anomaly.ScanInput{Entries: entries, Bills: bills, Currency: in.Currency, Decimals: in.Decimals}, now)
	dated := map[int64]time.Time{}
	for _, m := range in.Moves {
		dated[m.ID] = m.Date
	}
	var out []core.Finding
	for _, f := range rep.Findings {
		move := int64(0)
		for _, r := range f.Records {
			if r.Model == "account.move" {
				move = r.ID
				if f.Kind != anomaly.KindDuplicateBill {
					break
				} // for duplicates the later copy (second record) is the suspect
			}
		}
		if move == 0 || in.Period.Contains(dated[move]) {
			f.Automation = Name
			out = append(out, f)
		}
	}
	return out
}

// ledger turns the close input into the anomaly detectors' entries (posted lines of the
// window, with their move's journal, author and creation time) and vendor bills.
func ledger(in *Input) ([]anomaly.Entry, []anomaly.Bill) {
	moves := make(map[int64]*Move, len(in.Moves))
	var bills []anomaly.Bill
	for i := range in.Moves {
		m := &in.Moves[i]
		moves[m.ID] = m
		if m.Type == "in_invoice" {
			partner, date := m.Commercial, m.InvoiceDate
			if partner == 0 {
				partner = m.PartnerID
			}
			if date.IsZero() {
				date = m.Date
			}
			bills = append(bills, anomaly.Bill{ID: m.ID, Name: m.Name, Ref: m.Ref, PartnerID: partner, Partner: m.Partner, Date: date, Amount: m.Amount, Currency: in.Currency})
		}
	}
	entries := make([]anomaly.Entry, 0, len(in.Lines))
	for _, l := range in.Lines {
		m := moves[l.MoveID]
		if m == nil || m.State != "posted" || l.DisplayType == "line_section" || l.DisplayType == "line_note" {
			continue // lines on watch accounts from before the window have no move here
		}
		entries = append(entries, anomaly.Entry{ID: l.ID, MoveID: m.ID, MoveName: m.Name, MoveType: m.Type, JournalID: m.JournalID,
			AccountID: l.AccountID, Account: in.Accounts[l.AccountID], PartnerID: l.PartnerID, UserID: m.UserID, User: m.User,
			Date: l.Date, CreatedAt: m.CreatedAt, Amount: l.Balance})
	}
	return entries, bills
}

func (a *Automation) Run(ctx context.Context, in core.RunInput) (core.RunOutput, error) {
	// Until the 10th, the month being closed is the previous one; after, the current one.
	month := time.Date(in.Now.Year(), in.Now.Month(), 1, 0, 0, 0, 0, time.UTC)
	if in.Now.Day() <= 10 {
		month = month.AddDate(0, -1, 0)
	}
	period := Period{From: month, To: month.AddDate(0, 1, -1)}
	r, err := a.ScanPeriod(ctx, in.CompanyID, period, in.Rule.Params)
	if err != nil {
		return core.RunOutput{}, err
	}
	if err := a.record(ctx, in.CompanyID, r); err != nil {
		return core.RunOutput{}, err
	}
	out := core.RunOutput{Findings: r.Findings(), Proposals: r.Proposals, Summary: r.Summary(),
		Metrics: map[string]float64{"readiness": r.Readiness}}
	for _, c := range r.Checks {
		out.Metrics[fmt.Sprintf("check_%d", c.Number)] = float64(len(c.Findings))
	}
	return out, nil
}

// record appends the readiness to the series "close_readiness", keyed company:period,
// so the dashboard can draw how the close converges.
func (a *Automation) record(ctx context.Context, companyID int64, r Report) error {
	if a.d.State == nil {
		return nil
	}
	counts := map[string]int{}
	for _, c := range r.Checks {
		counts[fmt.Sprint(c.Number)] = len(c.Findings)
	}
	data, _ := json.Marshal(map[string]any{"ready": r.Ready, "open_items": counts})
	err := a.d.State.AppendPoints(ctx, []store.Point{{Series: "close_readiness", Key: fmt.Sprintf("%d:%s", companyID, r.Period), At: r.At, Value: r.Readiness, Data: data}})
	if err != nil {
		return fmt.Errorf("record close readiness: %w", err)
	}
	return nil
}
