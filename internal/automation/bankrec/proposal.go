package bankrec

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Proposal kinds.
const (
	KindReconcileProposal = "bank_reconcile"
	KindRuleProposal      = "bankrec_rule"
)

// ReconcileProposal turns a suggestion into Odoo calls, following the call sequences the
// simulator's business package documents and tests for Odoo 18/19 Community, which has no
// reconciliation widget in the API (read against addons/account/models/
// account_bank_statement_line.py and account_move_line.py):
//
//   - invoice, grouped, partial, overpaid, rule: account.move.line write on the line's
//     suspense item (its account becomes the items' receivable/payable account and partner,
//     or the rule's account; amounts unchanged, so the posted entry stays balanced), then
//     account.move.line reconcile of that item with the open items (not for rules);
//   - fee: the entry needs a new line, which a posted entry refuses, so: account.move
//     button_draft, account.move write (suspense item resized to what the item owes and
//     moved to its account, plus a fee line on the fee account), action_post, reconcile.
//
// The counterpart keeps the suspense item's id, so every call's arguments are known now.
// decimals is the company currency's. It fails when the suggestion cannot be expressed
// safely (items on several accounts, no suspense line, no fee account).
func ReconcileProposal(l Line, s Suggestion, decimals int) (core.Proposal, error) {
	if s.Kind == KindNone {
		return core.Proposal{}, core.Errorf(core.CodeInvalid, "line %d has no suggestion to propose", l.ID)
	}
	if l.SuspenseLineID == 0 || l.MoveID == 0 {
		return core.Proposal{}, core.Errorf(core.CodeInvalid, "line %d has no suspense journal item: it may be reconciled already", l.ID)
	}
	cp, extra, err := counterpart(l, s, decimals)
	if err != nil {
		return core.Proposal{}, err
	}
	var calls []core.Call
	expect := expectations(l, s, decimals)
	if extra == nil {
		delete(cp, "debit")
		delete(cp, "credit")
		calls = append(calls, core.Call{Model: "account.move.line", Method: "write", Args: []any{[]int64{l.SuspenseLineID}, cp}})
	} else {
		cmds := []any{[]any{1, l.SuspenseLineID, cp}, []any{0, 0, extra}}
		calls = append(calls,
			core.Call{Model: "account.move", Method: "button_draft", Args: []any{[]int64{l.MoveID}}},
			core.Call{Model: "account.move", Method: "write", Args: []any{[]int64{l.MoveID}, map[string]any{"line_ids": cmds}}},
			core.Call{Model: "account.move", Method: "action_post", Args: []any{[]int64{l.MoveID}}})
		// A retry after a failure half-way finds the entry in draft: a conflict for a
		// person to look at, not a second button_draft.
		expect = append(expect, core.Expectation{Model: "account.move", ID: l.MoveID, Values: map[string]any{"state": "posted"}})
	}
	if len(s.Items) > 0 {
		ids := []int64{l.SuspenseLineID}
		for _, it := range s.Items {
			ids = append(ids, it.ID)
		}
		calls = append(calls, core.Call{Model: "account.move.line", Method: "reconcile", Args: []any{ids}})
	}
	evidence, _ := json.Marshal(reconcileEvidence{Line: l, Suggestion: s, Decimals: &decimals})
	return core.Proposal{
		Automation: Name, Kind: KindReconcileProposal, Title: proposalTitle(l, s, decimals),
		Rationale: strings.Join(s.Reasons, "; "), Confidence: s.Confidence, Calls: calls,
		Expect: expect, Evidence: evidence, Records: records(l, s),
		DedupKey: DedupKey(s), Roles: []core.Role{core.RoleAdmin, core.RoleCFO},
	}, nil
}

// reconcileEvidence is what a reconcile proposal keeps: the line, the suggestion with its
// alternatives, and the currency's decimals, so a reviewer's choice of an alternative can
// be turned into calls later (ChooseAlternative).
type reconcileEvidence struct {
	Line       Line       `json:"line"`
	Suggestion Suggestion `json:"suggestion"`
	Decimals   *int       `json:"decimals,omitempty"`
}

// ChooseAlternative builds the proposal that reconciles p's statement line with its k-th
// alternative (0-based, best first) instead of the suggestion: for a reviewer who knows
// the matcher's second or third guess is the right one. The new proposal has its own
// calls and expectations; the caller stores it, rejects p and records the approval.
func ChooseAlternative(p core.Proposal, k int) (core.Proposal, error) {
	if p.Kind != KindReconcileProposal {
		return core.Proposal{}, core.Errorf(core.CodeInvalid, "proposal %d is not a bank line reconciliation", p.ID)
	}
	var ev reconcileEvidence
	if err := json.Unmarshal(p.Evidence, &ev); err != nil || ev.Line.ID == 0 {
		return core.Proposal{}, core.Errorf(core.CodeInvalid, "proposal %d has no readable statement line in its evidence", p.ID)
	}
	alts := ev.Suggestion.Alternatives
	if ev.Decimals == nil || len(alts) == 0 {
		return core.Proposal{}, core.Errorf(core.CodeInvalid, "proposal %d keeps no alternatives: run bank matching again, or reject it and reconcile in Odoo", p.ID)
	}
	if k < 0 || k >= len(alts) {
		return core.Proposal{}, core.Errorf(core.CodeInvalid, "proposal %d has %d alternative(s): choose 1 to %d", p.ID, len(alts), len(alts))
	}
	return ReconcileProposal(ev.Line, alts[k], *ev.Decimals)
}

// DedupKey names one answer for one line: the same answer is proposed once, and a
// rejected one is not proposed again, while a different answer for the line still can be.
func DedupKey(s Suggestion) string {
	ids := s.MoveIDs()
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return fmt.Sprintf("bankrec:line:%d:%s:%v:%s", s.LineID, s.Kind, ids, s.RuleID)
}

// counterpart builds the values that turn the suspense line into the counterpart, and the
// fee line when one is needed. Amounts follow Odoo's debit/credit convention for the line's
// journal entry: money in is a debit on the bank, so the counterpart is a credit.
func counterpart(l Line, s Suggestion, decimals int) (map[string]any, map[string]any, error) {
	amt := l.Amount
	if l.Residual != 0 { // part of the line is reconciled already: the suspense item holds the rest
		amt = l.Residual
	}
	name := strings.TrimSpace(l.Label)
	vals := map[string]any{"name": cmpOr(name, "/")}
	switch s.Kind {
	case KindRule:
		if s.AccountID == 0 {
			return nil, nil, core.Errorf(core.CodeInvalid, "rule %s has no account", s.RuleID)
		}
		vals["account_id"] = s.AccountID
		setBalance(vals, -amt, decimals)
		return vals, nil, nil
	}
	acc := s.Items[0].AccountID
	for _, it := range s.Items {
		if it.AccountID != acc {
			return nil, nil, core.Errorf(core.CodeInvalid, "line %d: the suggested items are on different accounts; reconcile by hand", l.ID)
		}
	}
	vals["account_id"], vals["partner_id"] = acc, s.Items[0].PartnerID
	if s.Kind != KindFee {
		setBalance(vals, -amt, decimals)
		return vals, nil, nil
	}
	if s.AccountID == 0 {
		return nil, nil, core.Errorf(core.CodeInvalid, "line %d is short by a bank fee but no fee account is configured (params.fee_account_id)", l.ID)
	}
	owed := s.Items[0].Residual // same sign as the line, larger by the fee
	setBalance(vals, -owed, decimals)
	fee := map[string]any{"name": "Bank fee " + cmpOr(name, ""), "account_id": s.AccountID, "partner_id": s.Items[0].PartnerID}
	setBalance(fee, owed-amt, decimals)
	return vals, fee, nil
}

// setBalance writes a signed balance as Odoo's debit and credit.
func setBalance(vals map[string]any, balance int64, decimals int) {
	if balance >= 0 {
		vals["debit"], vals["credit"] = core.FloatFromMinor(balance, decimals), 0.0
	} else {
		vals["debit"], vals["credit"] = 0.0, core.FloatFromMinor(-balance, decimals)
	}
}

// expectations are what must still hold when the proposal is applied: the line still
// unreconciled for the same amount, each item still owing what it owed.
func expectations(l Line, s Suggestion, decimals int) []core.Expectation {
	ex := []core.Expectation{{Model: "account.bank.statement.line", ID: l.ID,
		Values: map[string]any{"is_reconciled": false, "amount": core.FloatFromMinor(l.Amount, decimals)}}}
	for _, it := range s.Items {
		ex = append(ex, core.Expectation{Model: "account.move.line", ID: it.ID,
			Values: map[string]any{"amount_residual": core.FloatFromMinor(it.Residual, decimals), "reconciled": false}})
	}
	return ex
}

func records(l Line, s Suggestion) []core.RecordRef {
	out := []core.RecordRef{{Model: "account.bank.statement.line", ID: l.ID, Name: l.Label}}
	for _, it := range s.Items {
		out = append(out, core.RecordRef{Model: "account.move", ID: it.MoveID, Name: it.MoveName})
	}
	return out
}

func proposalTitle(l Line, s Suggestion, decimals int) string {
	amount := core.FormatMinor(l.Amount, decimals)
	switch s.Kind {
	case KindRule:
		return fmt.Sprintf("Book bank line %q (%s) by rule %s", l.Label, amount, s.RuleID)
	case KindFee:
		return fmt.Sprintf("Reconcile bank line %q (%s) with %s, writing off a %s bank fee", l.Label, amount, s.Items[0].MoveName, core.FormatMinor(s.Fee, decimals))
	}
	names := make([]string, len(s.Items))
	for i, it := range s.Items {
		names[i] = it.MoveName
	}
	return fmt.Sprintf("Reconcile bank line %q (%s) with %s", l.Label, amount, strings.Join(names, ", "))
}

// RuleProposal asks a person to approve a learned rule; approving it creates the Odoo
// reconciliation model (account.reconcile.model, writeoff_suggestion) that later runs read
// back as a rule. Nothing is stored outside Odoo. fields, when known, are the model's fields
// on the server: Odoo 19 has no rule_type, match_nature or match_partner, so those are left out.
func RuleProposal(r Rule, examples []Example, decimals int, fields map[string]bool) core.Proposal {
	vals := map[string]any{
		"name": "Smart Odoo: " + r.Name, "sequence": 10, "rule_type": "writeoff_suggestion", "match_nature": r.Nature,
		"match_journal_ids": []any{[]any{6, 0, r.JournalIDs}}, "match_label": r.LabelMode, "match_label_param": r.LabelParam,
		"line_ids": []any{[]any{0, 0, map[string]any{"account_id": r.AccountID, "amount_type": "percentage", "amount_string": "100", "label": r.Name}}},
	}
	if len(r.PartnerIDs) > 0 {
		vals["match_partner"], vals["match_partner_ids"] = true, []any{[]any{6, 0, r.PartnerIDs}}
	}
	if r.AmountMin > 0 || r.AmountMax > 0 {
		vals["match_amount"] = "between"
		vals["match_amount_min"] = core.FloatFromMinor(r.AmountMin, decimals)
		vals["match_amount_max"] = core.FloatFromMinor(r.AmountMax, decimals)
	}
	if fields != nil {
		for k := range vals {
			if !fields[k] {
				delete(vals, k)
			}
		}
	}
	evidence, _ := json.Marshal(struct {
		Rule     Rule      `json:"rule"`
		Examples []Example `json:"examples"`
	}{r, examples})
	return core.Proposal{
		Automation: Name, Kind: KindRuleProposal,
		Title: fmt.Sprintf("Learn a bank rule: lines like %q go to account %d", r.Name, r.AccountID),
		Rationale: fmt.Sprintf("%d reconciled lines in journal %v with these words and amounts between %s and %s were all booked on account %d",
			r.Support, r.JournalIDs, core.FormatMinor(r.AmountMin*2, decimals), core.FormatMinor(r.AmountMax*2/3, decimals), r.AccountID),
		Confidence: 0, // a rule always waits for a person
		Calls:      []core.Call{{Model: "account.reconcile.model", Method: "create", Args: []any{vals}}},
		Evidence:   evidence, DedupKey: "bankrec_rule:" + r.ID, Roles: []core.Role{core.RoleAdmin, core.RoleCFO},
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
