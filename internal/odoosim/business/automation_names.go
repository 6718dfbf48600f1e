package business

import "github.com/smartodoo/smartodoo/internal/odoosim"

// Odoo 18's base_automation recomputes the name of a server action that belongs to an
// automation rule from its kind (addons/base_automation/models/ir_actions_server.py
// _compute_name), so the name a caller sends is lost: a rule created with
// action_server_ids [(0, 0, {"name": "Smart Odoo: ...", "state": "code"})] reads back as
// "Execute Code" on real 18 (docs/real-odoo.md, section 4). 19 keeps the name. An action
// created on its own and linked later keeps its name on 18 too: the compute does not
// depend on base_automation_id, which is how webhook actions keep "smartodoo:<model>:write".
var automationActionNames = map[string]string{
	"code":    "Execute Code",
	"webhook": "Send Webhook Notification",
}

// onServerActionCreate renames, on 18, an action created inside its automation rule.
func onServerActionCreate(env *odoosim.Env, id int64) error {
	if env.Version() != 18 {
		return nil
	}
	a := at(env, "ir.actions.server", id)
	if a.m2o("base_automation_id") == 0 {
		return nil
	}
	name, ok := automationActionNames[a.str("state")]
	if !ok {
		return nil
	}
	return quiet(env).Write("ir.actions.server", []int64{id}, map[string]any{"name": name})
}
