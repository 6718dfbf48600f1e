package credit

import (
	"fmt"
	"strconv"

	"github.com/smartodoo/smartodoo/internal/core"
)

// HoldMessage starts the error a salesperson sees when confirming a held customer's order.
const HoldMessage = "Smart Odoo credit hold"

// TagProposal creates the hold tag (res.partner.category) when the database lacks it.
func TagProposal(tag string) core.Proposal {
	return core.Proposal{
		Kind: KindSetupTag, Title: fmt.Sprintf("Create the contact tag %q used for credit holds", tag),
		Rationale:  "Holds are the tag on the customer: sales staff see it, and the hold rule in Odoo checks it.",
		Confidence: 1,
		Calls:      []core.Call{{Model: "res.partner.category", Method: "create", Args: []any{map[string]any{"name": tag}}}},
		DedupKey:   "credit:setup:tag:" + tag,
		Roles:      []core.Role{core.RoleAdmin},
	}
}

// HoldRuleProposal creates the native automation rule that enforces holds inside Odoo:
// when a sales order of a partner carrying the tag reaches state "sale", its server action
// raises UserError, so the confirmation rolls back with our message. Odoo 16 keeps the
// action's fields on base.automation itself (it inherits ir.actions.server); 17+ links
// separate server actions through action_server_ids. saleOrderModelID and stateFieldID are
// the ir.model and ir.model.fields ids of sale.order and sale.order.state, read by the loader.
func HoldRuleProposal(version int, tag string, saleOrderModelID, stateFieldID int64) (core.Proposal, error) {
	if version < 16 {
		return core.Proposal{}, fmt.Errorf("credit hold rule: Odoo %d is not supported (16 or later)", version)
	}
	if saleOrderModelID == 0 || stateFieldID == 0 {
		return core.Proposal{}, fmt.Errorf("credit hold rule: sale.order is not installed (no ir.model or state field); install Sales first")
	}
	name := "Smart Odoo: block confirming orders of customers on credit hold"
	// One line, run by Odoo once per record with `record` bound: it is also the one form
	// the simulator executes, so the same rule is tested end to end.
	code := "raise UserError(" + strconv.Quote(HoldMessage+": order %s is for a customer on credit hold. Ask a finance manager to release or override the hold.") + " % record.name)"
	tagDomain := fmt.Sprintf("[('state', '=', 'sale'), ('partner_id.commercial_partner_id.category_id.name', '=', %s)]", pyString(tag))
	rule := map[string]any{
		"name":              name,
		"model_id":          saleOrderModelID,
		"trigger":           "on_create_or_write",
		"trigger_field_ids": []any{[]any{6, 0, []int64{stateFieldID}}},
		"filter_pre_domain": "[('state', '!=', 'sale')]",
		"filter_domain":     tagDomain,
		"active":            true,
	}
	action := map[string]any{"name": name, "model_id": saleOrderModelID, "state": "code", "code": code}
	if version == 16 {
		for k, v := range action {
			if k != "name" && k != "model_id" {
				rule[k] = v
			}
		}
	} else {
		rule["action_server_ids"] = []any{[]any{0, 0, action}}
	}
	return core.Proposal{
		Kind: KindSetupAction, Title: "Install the credit-hold rule in Odoo (blocks order confirmation for held customers)",
		// Below 1: installing a rule in someone's Odoo waits for an admin even under a
		// rule that auto-applies holds.
		Rationale: fmt.Sprintf("A native automation rule on sale.order raises an error when an order of a customer tagged %q is confirmed. "+
			"It works on every Odoo version from 16, without a custom module.", tag),
		Confidence: 0.9,
		Calls:      []core.Call{{Model: "base.automation", Method: "create", Args: []any{rule}}},
		DedupKey:   fmt.Sprintf("credit:setup:rule:%d", version),
		Roles:      []core.Role{core.RoleAdmin},
	}, nil
}

// pyString renders s as a Python string literal for a domain.
func pyString(s string) string { return strconv.Quote(s) }
