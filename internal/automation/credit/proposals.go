package credit

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Proposal kinds.
const (
	KindLimit       = "credit_limit"
	KindHold        = "credit_hold"
	KindRelease     = "credit_release"
	KindSetupTag    = "credit_hold_tag"
	KindSetupAction = "credit_hold_rule"
)

// Partner is what the proposals need to know about a partner in Odoo now, to build
// expectations that make a stale proposal fail with a conflict instead of overwriting.
type Partner struct {
	ID          int64
	CategoryIDs []int64
	CreditLimit float64 // as Odoo holds it (major units)
}

// LimitProposal proposes the suggested credit limit when it differs from the current one
// by more than the rule's share. ok is false when no change is worth proposing.
func LimitProposal(s Score, cur Partner, p Params, decimals int) (core.Proposal, bool) {
	if s.SuggestedLimit <= 0 {
		return core.Proposal{}, false
	}
	if s.CreditLimit > 0 && math.Abs(float64(s.SuggestedLimit-s.CreditLimit)) <= p.LimitChange*float64(s.CreditLimit) {
		return core.Proposal{}, false
	}
	limit := core.FloatFromMinor(s.SuggestedLimit, decimals)
	ev, _ := json.Marshal(s)
	return core.Proposal{
		Kind:  KindLimit,
		Title: fmt.Sprintf("Set %s's credit limit to %s %s", s.Name, core.FormatMinor(s.SuggestedLimit, decimals), s.Currency),
		Rationale: fmt.Sprintf("Grade %s: %.0f months of average invoicing (%s over 12 months). Current limit %s.",
			s.Grade, p.LimitMonths[s.Grade], core.FormatMinor(s.Volume12, decimals), core.FormatMinor(s.CreditLimit, decimals)),
		// A limit is a judgement: never more than 0.8, so only a permissive rule applies it unseen.
		Confidence: 0.8,
		Calls: []core.Call{{Model: "res.partner", Method: "write", Args: []any{[]int64{s.PartnerID},
			map[string]any{"use_partner_credit_limit": true, "credit_limit": limit}}}},
		Expect:   []core.Expectation{{Model: "res.partner", ID: s.PartnerID, Values: map[string]any{"credit_limit": cur.CreditLimit}}},
		Evidence: ev,
		Records:  []core.RecordRef{{Model: "res.partner", ID: s.PartnerID, Name: s.Name}},
		DedupKey: fmt.Sprintf("credit:limit:%d:%d", s.PartnerID, s.SuggestedLimit),
		Roles:    []core.Role{core.RoleAdmin, core.RoleCFO},
	}, true
}

// HoldProposal adds the hold tag to a partner the rules say must be held, or removes it
// from one they no longer hold. Rule-driven, so confidence 1: the rule's policy decides
// whether it applies at once. ok is false when the tag already says the right thing.
func HoldProposal(s Score, cur Partner, tagID int64, overridden bool) (core.Proposal, bool) {
	tagged := slices.Contains(cur.CategoryIDs, tagID)
	hold := s.Hold && !overridden
	if tagID == 0 || hold == tagged {
		return core.Proposal{}, false
	}
	ev, _ := json.Marshal(s)
	p := core.Proposal{
		Confidence: 1,
		Evidence:   ev,
		Records:    []core.RecordRef{{Model: "res.partner", ID: s.PartnerID, Name: s.Name}},
		Expect:     []core.Expectation{{Model: "res.partner", ID: s.PartnerID, Values: map[string]any{"category_id": idsAny(cur.CategoryIDs)}}},
		Roles:      []core.Role{core.RoleAdmin, core.RoleCFO, core.RoleSales},
	}
	if hold {
		p.Kind, p.Title = KindHold, fmt.Sprintf("Put %s on credit hold", s.Name)
		p.Rationale = "Credit rules: " + joinReasons(s.HoldReasons) + ". New sales orders cannot be confirmed while the tag is set."
		p.Calls = []core.Call{{Model: "res.partner", Method: "write", Args: []any{[]int64{s.PartnerID}, map[string]any{"category_id": []any{[]any{4, tagID}}}}}}
		p.DedupKey = fmt.Sprintf("credit:hold:%d:%s", s.PartnerID, s.AsOf.Format("2006-01-02"))
		return p, true
	}
	p.Kind, p.Title = KindRelease, fmt.Sprintf("Release %s from credit hold", s.Name)
	p.Rationale = "No hold rule applies any more: exposure within limit and nothing overdue beyond the rule."
	if overridden {
		p.Rationale = "A manager overrode the hold (see the override's reason in the audit log)."
	}
	p.Calls = []core.Call{{Model: "res.partner", Method: "write", Args: []any{[]int64{s.PartnerID}, map[string]any{"category_id": []any{[]any{3, tagID}}}}}}
	p.DedupKey = fmt.Sprintf("credit:release:%d:%s", s.PartnerID, s.AsOf.Format("2006-01-02"))
	return p, true
}

func joinReasons(r []string) string {
	out := ""
	for i, s := range r {
		if i > 0 {
			out += "; "
		}
		out += s
	}
	return out
}

func idsAny(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
