package bankrec

import (
	"regexp"
	"strings"
)

// Rule reconciles lines that have no document (bank fees, card payouts, payroll, direct
// debits) against a counterpart account. Rules live in Odoo as account.reconcile.model
// records of type writeoff_suggestion: the ones people made, and the ones this automation
// learned and a person approved (see Learn and RuleProposal). Nothing else stores them.
type Rule struct {
	ID         string  `json:"id"` // "model:<id>" for Odoo records, "learned:<hash>" before approval
	Name       string  `json:"name"`
	JournalIDs []int64 `json:"journal_ids,omitempty"` // empty = every journal
	Nature     string  `json:"nature"`                // amount_received, amount_paid or both
	AmountMin  int64   `json:"amount_min,omitempty"`  // absolute minor units; 0 = no bound
	AmountMax  int64   `json:"amount_max,omitempty"`
	LabelMode  string  `json:"label_mode"` // contains, not_contains, match_regex or "" (any label)
	LabelParam string  `json:"label_param"`
	PartnerIDs []int64 `json:"partner_ids,omitempty"`
	AccountID  int64   `json:"account_id"`
	Support    int     `json:"support"` // confirmed examples behind a learned rule; 0 for a person's own rule
	re         *regexp.Regexp
}

// compile prepares the label matcher; a regex Go cannot read disables the rule (false).
func (r *Rule) compile() bool {
	if r.LabelMode != "match_regex" {
		return true
	}
	re, err := regexp.Compile(r.LabelParam)
	if err != nil {
		return false
	}
	r.re = re
	return true
}

// Matches reports whether the rule applies to a line of the given journal and amount.
func (r *Rule) Matches(l Line, amt int64) bool {
	if len(r.JournalIDs) > 0 && !containsID(r.JournalIDs, l.JournalID) {
		return false
	}
	switch r.Nature {
	case "amount_received":
		if amt <= 0 {
			return false
		}
	case "amount_paid":
		if amt >= 0 {
			return false
		}
	}
	a := abs(amt)
	if r.AmountMin > 0 && a < r.AmountMin || r.AmountMax > 0 && a > r.AmountMax {
		return false
	}
	if len(r.PartnerIDs) > 0 && !containsID(r.PartnerIDs, l.PartnerID) {
		return false
	}
	label := strings.ToUpper(l.Label)
	switch r.LabelMode {
	case "contains":
		return strings.Contains(label, strings.ToUpper(r.LabelParam))
	case "not_contains":
		return !strings.Contains(label, strings.ToUpper(r.LabelParam))
	case "match_regex":
		return r.re != nil && r.re.MatchString(l.Label)
	}
	// A rule with no label condition would catch anything of the right amount: only a
	// person's explicit partner condition makes that acceptable.
	return len(r.PartnerIDs) > 0
}

// ruleCandidates proposes the counterpart of every matching rule.
func (m *Matcher) ruleCandidates(l Line, amt int64) []candidate {
	var out []candidate
	for i := range m.rules {
		r := &m.rules[i]
		if r.AccountID == 0 || !r.Matches(l, amt) {
			continue
		}
		strength := 1.0
		if r.Support > 0 && r.Support < 5 {
			strength = 0.6 + 0.08*float64(r.Support)
		}
		c := candidate{kind: KindRule, rule: r, f: Features{Rule: strength, Amount: 1, Items: 0, Date: 1}}
		c.score = rankScore(Features{Rule: strength})
		c.reasons = []string{"rule " + r.Name + " matches the label and amount"}
		out = append(out, c)
	}
	return out
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// PrepareRules compiles rules and drops those Go cannot evaluate, returning how many were dropped.
func PrepareRules(rules []Rule) ([]Rule, int) {
	out := rules[:0:0]
	for _, r := range rules {
		if r.compile() {
			out = append(out, r)
		}
	}
	return out, len(rules) - len(out)
}
