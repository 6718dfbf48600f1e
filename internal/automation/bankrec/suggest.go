package bankrec

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// SuggestOptions select one matching pass.
type SuggestOptions struct {
	Params    Params
	CompanyID int64
	Now       time.Time
	Progress  func(done, total int)
}

// Report is one matching pass: every unreconciled line with its suggestion, the proposals
// built from them and the rules worth proposing.
type Report struct {
	Lines         []Line             `json:"lines"`
	Suggestions   []Suggestion       `json:"suggestions"`
	Proposals     []core.Proposal    `json:"proposals"`
	RuleProposals []core.Proposal    `json:"rule_proposals"`
	Skipped       map[string]int     `json:"skipped"` // lines not proposed, per reason
	Metrics       map[string]float64 `json:"metrics"`
	Calibration   string             `json:"calibration"`
	Notes         []string           `json:"notes,omitempty"` // what the loader could not read
}

// Suggest loads from Odoo and matches: the function behind "bankrec run" and
// GET /api/bankrec/suggestions.
func (a *Automation) Suggest(ctx context.Context, opt SuggestOptions) (Report, error) {
	if a.d.Odoo == nil {
		return Report{}, core.Errorf(core.CodeUnavailable, "bankrec: no Odoo connection configured")
	}
	if opt.Now.IsZero() {
		opt.Now = a.d.Clock()
	}
	raw, rules, err := Load(ctx, a.d.Odoo, LoadOptions{JournalID: opt.Params.JournalID, CompanyID: opt.CompanyID,
		HistoryFrom: opt.Now.AddDate(0, 0, -opt.Params.HistoryDays)})
	if err != nil {
		return Report{}, fmt.Errorf("bankrec: load company %d: %w", opt.CompanyID, err)
	}
	fb, err := a.feedback(ctx)
	if err != nil {
		return Report{}, err
	}
	rep := Analyze(raw.Build(), rules, fb, opt.Params, raw.Decimals, opt.Progress)
	rep.Notes = raw.Notes
	return rep, nil
}

// Analyze is the pure part of Suggest: match, build proposals, learn rules.
func Analyze(in Inputs, rules []Rule, fb Feedback, p Params, decimals int, progress func(done, total int)) Report {
	m := NewMatcher(NewIndex(in.Items, in.Partners), p.Config, rules, nil)
	rep := Report{Lines: in.Lines, Skipped: map[string]int{}, Calibration: m.cal.Source}
	rep.Suggestions = m.MatchAll(in.Lines)
	confident := 0
	for i, s := range rep.Suggestions {
		if progress != nil && i%500 == 0 {
			progress(i, len(in.Lines))
		}
		if s.Kind == KindNone {
			rep.Skipped["no match"]++
			continue
		}
		if fb.Rejected[DedupKey(s)] {
			rep.Skipped["rejected before"]++
			continue
		}
		prop, err := ReconcileProposal(in.Lines[i], s, decimals)
		if err != nil {
			rep.Skipped[core.MessageOf(err)]++
			continue
		}
		if s.Confidence >= 0.95 {
			confident++
		}
		rep.Proposals = append(rep.Proposals, prop)
	}
	examples := append(append([]Example(nil), in.Examples...), fb.Confirmed...)
	for _, r := range Learn(examples, rules, LearnOptions{MinSupport: p.MinSupport}) {
		rep.RuleProposals = append(rep.RuleProposals, RuleProposal(r, supporting(r, examples), decimals, in.ModelFields))
	}
	rep.Metrics = map[string]float64{"lines": float64(len(in.Lines)), "open_items": float64(len(in.Items)),
		"suggested": float64(len(rep.Proposals)), "confident": float64(confident),
		"lines_unmatched": float64(rep.Skipped["no match"]), "rules": float64(len(rules)), "rule_proposals": float64(len(rep.RuleProposals))}
	for _, s := range rep.Suggestions {
		rep.Metrics["kind_"+string(s.Kind)]++
	}
	return rep
}

// supporting lists the examples a learned rule covers, as evidence for the reviewer.
func supporting(r Rule, es []Example) []Example {
	var out []Example
	for _, e := range es {
		if e.AccountID == r.AccountID && r.Matches(Line{JournalID: e.JournalID, Label: e.Label, PartnerID: e.PartnerID}, e.Amount) {
			out = append(out, e)
		}
	}
	return out
}

func strictJSON(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
