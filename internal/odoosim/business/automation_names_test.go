package business

import (
	"fmt"
	"testing"
)

// TestAutomationActionNames: real 18 names an action created inside its rule after its kind
// ("Execute Code"), 19 keeps the caller's name, and an action linked after its creation keeps
// its name on both (docs/real-odoo.md).
func TestAutomationActionNames(t *testing.T) {
	for _, tc := range []struct {
		version        int
		inline, linked string
	}{
		{18, "Execute Code", "smartodoo:res.partner:write"},
		{19, "Block held customers", "smartodoo:res.partner:write"},
	} {
		t.Run(fmt.Sprint(tc.version), func(t *testing.T) {
			b := newBooksVersion(t, tc.version)
			models, err := b.env.Search("ir.model", []any{[]any{"model", "=", "sale.order"}}, "", 1)
			if err != nil || len(models) != 1 {
				t.Fatalf("ir.model of sale.order: %v %v", models, err)
			}
			rule := b.create(t, "base.automation", map[string]any{"name": "Credit hold", "model_id": models[0], "trigger": "on_write",
				"action_server_ids": []any{[]any{0, 0, map[string]any{"name": "Block held customers", "model_id": models[0], "state": "code",
					"code": `raise UserError("held")`}}}})
			actions, _ := b.get("base.automation", rule, "action_server_ids").([]int64)
			if len(actions) != 1 {
				t.Fatalf("action_server_ids = %v", actions)
			}
			b.is(t, "ir.actions.server", actions[0], "name", tc.inline)

			linked := b.create(t, "ir.actions.server", map[string]any{"name": "smartodoo:res.partner:write", "model_id": models[0],
				"state": "code", "code": `raise UserError("held")`})
			b.create(t, "base.automation", map[string]any{"name": "Feed", "model_id": models[0], "trigger": "on_create_or_write",
				"action_server_ids": []any{[]any{6, 0, []int64{linked}}}})
			b.is(t, "ir.actions.server", linked, "name", tc.linked)
		})
	}
}
