package bankrec

import (
	"context"
	"fmt"

	"github.com/smartodoo/smartodoo/internal/core"
)

// rules reads Odoo's reconciliation models that book a line on an account
// (writeoff_suggestion / writeoff_button with one 100% line): people's own and the
// learned ones they approved.
func (r reader) rules(ctx context.Context, d *RawData) ([]Rule, error) {
	var fields map[string]any
	if err := r.odoo.Call(ctx, "account.reconcile.model", "fields_get", nil, map[string]any{"attributes": []string{"type"}}, &fields); err != nil {
		return nil, fmt.Errorf("read reconciliation model fields: %w", err)
	}
	d.ModelFields = map[string]bool{}
	for f := range fields {
		d.ModelFields[f] = true
	}
	// Odoo 18 has rule_type, match_nature and match_partner; 19 dropped them.
	var domain []any
	if d.ModelFields["rule_type"] {
		domain = []any{[]any{"rule_type", "in", []string{"writeoff_suggestion", "writeoff_button"}}}
	}
	want := []string{"id", "name", "match_journal_ids", "match_nature", "match_amount", "match_amount_min", "match_amount_max",
		"match_label", "match_label_param", "match_partner", "match_partner_ids", "line_ids"}
	read := want[:0:0]
	for _, f := range want {
		if d.ModelFields[f] || f == "id" {
			read = append(read, f)
		}
	}
	models, err := r.all(ctx, "account.reconcile.model", domain, read, 0)
	if err != nil {
		return nil, err
	}
	var lineIDs []int64
	for _, m := range models {
		lineIDs = append(lineIDs, m.IDs("line_ids")...)
	}
	lines, err := r.byIDs(ctx, "account.reconcile.model.line", "id", lineIDs, []string{"id", "model_id", "account_id", "amount_type", "amount_string"})
	if err != nil {
		return nil, err
	}
	account := map[int64]int64{} // model -> account of its single 100% line
	count := map[int64]int{}
	for _, l := range lines {
		mid := l.ID("model_id")
		count[mid]++
		if l.String("amount_type") == "percentage" && (l.String("amount_string") == "100" || l.Float("amount_string") == 100) {
			account[mid] = l.ID("account_id")
		}
	}
	var out []Rule
	for _, m := range models {
		id := m.ID("id")
		if count[id] != 1 || account[id] == 0 {
			continue // split rules are applied by people in Odoo
		}
		rule := Rule{ID: fmt.Sprintf("model:%d", id), Name: m.String("name"), JournalIDs: m.IDs("match_journal_ids"),
			Nature: cmpOr(m.String("match_nature"), "both"), LabelMode: m.String("match_label"), LabelParam: m.String("match_label_param"),
			AccountID: account[id]}
		if m.Bool("match_partner") || !d.ModelFields["match_partner"] {
			rule.PartnerIDs = m.IDs("match_partner_ids")
		}
		min, max := core.MinorFromFloat(m.Float("match_amount_min"), d.Decimals), core.MinorFromFloat(m.Float("match_amount_max"), d.Decimals)
		switch m.String("match_amount") {
		case "between":
			rule.AmountMin, rule.AmountMax = min, max
		case "greater":
			rule.AmountMin = min
		case "lower":
			rule.AmountMax = max
		}
		out = append(out, rule)
	}
	prepared, _ := PrepareRules(out)
	return prepared, nil
}
