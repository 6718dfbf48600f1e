package credit

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Override is a manager's decision to keep a customer off hold until a date, whatever
// the rules say. It is kept in the store and its reason travels with the release proposal,
// so the audit entry of the write names who decided and why.
type Override struct {
	CompanyID int64     `json:"company_id"`
	PartnerID int64     `json:"partner_id"`
	Actor     string    `json:"actor"`
	Reason    string    `json:"reason"`
	Until     time.Time `json:"until"`
	At        time.Time `json:"at"`
}

func overrideKey(companyID, partnerID int64) string {
	return fmt.Sprintf("override:%d:%d", companyID, partnerID)
}

// MaxOverride is the longest an override may last: a hold ignored for longer needs a new decision.
const MaxOverride = 90 * 24 * time.Hour

// OverrideHold records a manager's override and returns the proposal releasing the
// partner (nil when the partner does not carry the hold tag). Only cfo and admin may.
func (a *Automation) OverrideHold(ctx context.Context, companyID, partnerID int64, who core.Principal, reason string, until time.Time) (*core.Proposal, error) {
	now := a.d.Clock()
	switch {
	case who.Role != core.RoleCFO && who.Role != core.RoleAdmin:
		return nil, core.Errorf(core.CodeForbidden, "only a cfo or admin may override a credit hold")
	case len(strings.TrimSpace(reason)) < 10:
		return nil, core.Errorf(core.CodeInvalid, "an override needs a reason of at least 10 characters, for the audit trail")
	case !until.After(now) || until.Sub(now) > MaxOverride:
		return nil, core.Errorf(core.CodeInvalid, "override end %s must be in the future and at most 90 days away", until.Format("2006-01-02"))
	case a.d.State == nil:
		return nil, fmt.Errorf("override hold: no store configured")
	}
	o := Override{CompanyID: companyID, PartnerID: partnerID, Actor: who.Actor(), Reason: strings.TrimSpace(reason), Until: until, At: now}
	if err := a.d.State.PutState(ctx, Name, overrideKey(companyID, partnerID), o); err != nil {
		return nil, fmt.Errorf("save override of partner %d: %w", partnerID, err)
	}
	p, err := ParseParams(nil)
	if err != nil {
		return nil, err
	}
	tag, err := findTag(ctx, a.d.Odoo, p.HoldTag)
	if err != nil || tag == 0 {
		return nil, err
	}
	var rows []map[string]any
	if err := a.d.Odoo.Call(ctx, "res.partner", "read", []any{[]int64{partnerID}}, map[string]any{"fields": []string{"name", "category_id"}}, &rows); err != nil || len(rows) == 0 {
		return nil, fmt.Errorf("read partner %d for override: %v", partnerID, err)
	}
	cur := Partner{ID: partnerID}
	for _, v := range asList(rows[0]["category_id"]) {
		if f, ok := v.(float64); ok {
			cur.CategoryIDs = append(cur.CategoryIDs, int64(f))
		}
	}
	name, _ := rows[0]["name"].(string)
	prop, ok := HoldProposal(Score{PartnerID: partnerID, Name: name, AsOf: now}, cur, tag, true)
	if !ok {
		return nil, nil
	}
	prop.Rationale = fmt.Sprintf("Override by %s until %s: %s", o.Actor, until.Format("2006-01-02"), o.Reason)
	prop.Evidence, _ = json.Marshal(o)
	prop.Roles = []core.Role{core.RoleAdmin, core.RoleCFO}
	return &prop, nil
}

func asList(v any) []any { l, _ := v.([]any); return l }

// activeOverrides returns the partners whose override is still running at now.
func (a *Automation) activeOverrides(ctx context.Context, companyID int64, scores []Score, now time.Time) (map[int64]bool, error) {
	out := map[int64]bool{}
	if a.d.State == nil {
		return out, nil
	}
	for _, s := range scores {
		if !s.Hold {
			continue // only a customer the rules would hold needs checking
		}
		var o Override
		found, err := a.d.State.GetState(ctx, Name, overrideKey(companyID, s.PartnerID), &o)
		if err != nil {
			return nil, fmt.Errorf("read override of partner %d: %w", s.PartnerID, err)
		}
		out[s.PartnerID] = found && o.Until.After(now)
	}
	return out, nil
}
