package dedup

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"github.com/smartodoo/smartodoo/internal/odoo/odoorow"
	"log/slog"
	"sync"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Deps is what the automation needs from the rest of the application.
type Deps struct {
	Odoo       Caller     // reads partners; the automation never writes
	Dismissals Dismissals // pairs people said are not duplicates (internal/store.Store)
	Logger     *slog.Logger
	Clock      func() time.Time
}

// Params are the rule parameters a person may tune (core.Rule.Params as JSON).
type Params struct {
	Threshold float64 `json:"threshold,omitempty"` // link probability, default 0.95
	MaxBlock  int     `json:"max_block,omitempty"` // default 40
	Method    string  `json:"method,omitempty"`    // "em" (default) or "baseline"
}

// Automation finds duplicate contacts and proposes merges through Odoo's merge wizard.
type Automation struct {
	deps Deps
	cfg  Config

	mu    sync.Mutex
	index *Index // from the last full scan, for event-time "probable duplicate" checks
}

var _ core.Automation = (*Automation)(nil)

// New builds the automation; cfg's zero values take the engine defaults.
func New(deps Deps, cfg Config) *Automation {
	deps.Logger = cmp.Or(deps.Logger, slog.Default())
	if deps.Clock == nil {
		deps.Clock = time.Now
	}
	return &Automation{deps: deps, cfg: cfg}
}

// Info describes the automation. Auto-apply is off: every merge waits for a person.
func (a *Automation) Info() core.AutomationInfo {
	return core.AutomationInfo{
		Name:        AutomationName,
		PerEvent:    true, // an event checks its one contact against the last scan
		Title:       "Contact de-duplication",
		Description: "Finds duplicate contacts (names, emails, phones, VAT, IBAN, addresses) with weights learnt from your own data and proposes merges through Odoo's merge wizard.",
		Models:      []string{"res.partner"},
		Schedule:    &core.Schedule{Cron: "0 3 * * 0", Timezone: "UTC"},
		DefaultRule: core.Rule{Automation: AutomationName, Enabled: true, AutoApplyAt: 0},
	}
}

// Run scans every partner (scheduled or manual run), or, for a partner event, checks the
// one partner against the index of the last scan and reports probable duplicates.
func (a *Automation) Run(ctx context.Context, in core.RunInput) (core.RunOutput, error) {
	if a.deps.Odoo == nil {
		return core.RunOutput{}, core.Errorf(core.CodeUnavailable, "dedup needs an Odoo connection; configure one and run again")
	}
	cfg, err := a.config(ctx, in.Rule)
	if err != nil {
		return core.RunOutput{}, err
	}
	if in.Event != nil && in.Event.Model == "res.partner" && in.Event.Action != "unlink" {
		if idx := a.cachedIndex(); idx != nil {
			return a.checkOne(ctx, idx, in)
		}
	}
	return a.scanAll(ctx, cfg, in)
}

func (a *Automation) config(ctx context.Context, rule core.Rule) (Config, error) {
	cfg := a.cfg
	if len(rule.Params) > 0 {
		var p Params
		if err := json.Unmarshal(rule.Params, &p); err != nil {
			return cfg, core.Errorf(core.CodeInvalid, "dedup rule params are not valid JSON (%v): expected {\"threshold\":0.95,\"max_block\":40,\"method\":\"em\"}", err)
		}
		cfg.Threshold, cfg.MaxBlock, cfg.Method = cmp.Or(p.Threshold, cfg.Threshold), cmp.Or(p.MaxBlock, cfg.MaxBlock), cmp.Or(p.Method, cfg.Method)
	}
	dismissed, err := LoadDismissed(ctx, a.deps.Dismissals)
	if err != nil {
		return cfg, err
	}
	cfg.Dismissed = dismissed
	return cfg, nil
}

func (a *Automation) scanAll(ctx context.Context, cfg Config, in core.RunInput) (core.RunOutput, error) {
	partners, err := LoadPartners(ctx, a.deps.Odoo, LoadOptions{CompanyID: in.CompanyID})
	if err != nil {
		return core.RunOutput{}, fmt.Errorf("dedup: load partners: %w", err)
	}
	res, err := Scan(ctx, partners, cfg)
	if err != nil {
		return core.RunOutput{}, fmt.Errorf("dedup: %w", err)
	}
	a.mu.Lock()
	a.index = NewIndex(res)
	a.mu.Unlock()
	now := cmp.Or(in.Now, a.deps.Clock())
	out := Propose(res, now)
	for i := range out.Proposals {
		out.Proposals[i].RunID, out.Proposals[i].CompanyID = in.RunID, in.CompanyID
	}
	for i := range out.Findings {
		out.Findings[i].RunID, out.Findings[i].CompanyID = in.RunID, in.CompanyID
	}
	a.deps.Logger.Info("dedup scan", "partners", len(partners), "clusters", len(res.Clusters),
		"candidate_pairs", res.Stats.Blocking.CandidatePairs)
	return out, nil
}

// Propose turns a scan's clusters into proposals and findings, with the scan's metrics.
func Propose(res *Result, now time.Time) core.RunOutput {
	byID := res.PartnersByID()
	var out core.RunOutput
	for _, c := range res.Clusters {
		p, f := ProposeMerge(c, byID, now)
		if p != nil {
			out.Proposals = append(out.Proposals, *p)
		}
		if f != nil {
			out.Findings = append(out.Findings, *f)
		}
	}
	st := res.Stats
	out.Metrics = map[string]float64{
		"partners": float64(st.Records), "candidate_pairs": float64(st.Blocking.CandidatePairs),
		"pairs_per_record": st.Blocking.PairsPerRecord, "linked_pairs": float64(st.LinkedPairs),
		"clusters": float64(st.Clusters), "vetoed_pairs": float64(st.VetoedPairs),
		"dismissed_pairs": float64(st.Dismissed), "lambda": res.Model.Lambda,
	}
	out.Summary = fmt.Sprintf("%d partners, %d duplicate groups (%d merge proposals, %d need manual review)",
		st.Records, st.Clusters, len(out.Proposals), len(out.Findings))
	return out
}

// PartnersByID indexes the scanned partners.
func (r *Result) PartnersByID() map[int64]*Partner {
	m := make(map[int64]*Partner, len(r.partners))
	for i := range r.partners {
		m[r.partners[i].ID] = &r.partners[i]
	}
	return m
}

func (a *Automation) cachedIndex() *Index {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.index
}

// checkOne reads the partner of the event and reports the indexed partners it probably
// duplicates, as a finding ("this new contact probably duplicates #123"). It proposes
// nothing: the next scan proposes the merge with the whole cluster in view.
func (a *Automation) checkOne(ctx context.Context, idx *Index, in core.RunInput) (core.RunOutput, error) {
	fields, err := availableFields(ctx, a.deps.Odoo, "res.partner", partnerFields)
	if err != nil {
		return core.RunOutput{}, err
	}
	var rows []odoorow.Row
	if err := a.deps.Odoo.Call(ctx, "res.partner", "read", []any{[]int64{in.Event.RecordID}}, map[string]any{"fields": fields}, &rows); err != nil {
		return core.RunOutput{}, fmt.Errorf("dedup: read partner %d: %w", in.Event.RecordID, err)
	}
	if len(rows) == 0 {
		return core.RunOutput{Summary: fmt.Sprintf("partner %d no longer exists", in.Event.RecordID)}, nil
	}
	p := partnerFromRow(rows[0])
	matches := Probable(p, idx)
	out := core.RunOutput{Summary: fmt.Sprintf("partner %d: %d probable duplicates", p.ID, len(matches))}
	if len(matches) == 0 {
		return out, nil
	}
	out.Findings = append(out.Findings, ProbableFinding(p, matches, cmp.Or(in.Now, a.deps.Clock())))
	out.Findings[0].RunID, out.Findings[0].CompanyID = in.RunID, in.CompanyID
	return out, nil
}

// ProbableFinding words the event-time warning about a new or edited contact.
func ProbableFinding(p Partner, matches []Match, now time.Time) core.Finding {
	refs := []core.RecordRef{{Model: "res.partner", ID: p.ID, Name: p.Name}}
	for _, m := range matches {
		refs = append(refs, core.RecordRef{Model: "res.partner", ID: m.ID, Name: m.Name})
	}
	data, _ := json.Marshal(matches)
	best := matches[0]
	return core.Finding{
		Automation: AutomationName, Kind: "probable_duplicate", Severity: core.SeverityInfo,
		Title:   fmt.Sprintf("Contact #%d %q probably duplicates #%d %q (p=%.2f)", p.ID, p.Name, best.ID, best.Name, best.Probability),
		Detail:  best.Explanation.String(),
		Records: refs, Data: data, CreatedAt: now,
	}
}
