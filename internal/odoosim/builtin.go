package odoosim

import (
	"strings"
	"unicode"
)

// registerBuiltins adds the few non-ORM methods and computed fields of base models that
// Smart Odoo calls (has_group, 19's all_group_ids, ir.model display helpers).
func (s *Server) registerBuiltins() {
	s.methods["res.users"] = map[string]MethodFunc{
		"has_group": func(env *Env, ids []int64, args []any, kwargs map[string]any) (any, error) {
			xmlid, _ := kwargs["group_ext_id"].(string)
			if len(args) > 0 {
				xmlid, _ = args[0].(string)
			}
			if xmlid == "" {
				return nil, typeError("ResUsers.has_group() missing 1 required positional argument: 'group_ext_id'")
			}
			if len(ids) != 1 {
				return nil, valueError("Expected singleton: %s", recordsRepr("res.users", ids))
			}
			return env.hasGroup(ids[0], xmlid)
		},
	}
	s.compute["res.users"] = map[string]computeFunc{}
	if s.version >= 19 {
		s.compute["res.users"]["all_group_ids"] = func(env *Env, id int64) any {
			m := env.s.models["res.users"]
			groups, _ := env.rawValue(m, m.table.pos(id), m.field("group_ids")).([]int64)
			return env.impliedClosure(groups)
		}
	}
	// commercial_partner_id is computed in Odoo (the top company of a contact); computing
	// it here keeps it right whatever order records were created or re-parented in.
	s.compute["res.partner"] = map[string]computeFunc{
		"commercial_partner_id": func(env *Env, id int64) any {
			m := env.s.models["res.partner"]
			pos := m.table.pos(id)
			for range 100 {
				isCompany, _ := env.rawValue(m, pos, m.field("is_company")).(bool)
				parent, _ := env.rawValue(m, pos, m.field("parent_id")).(int64)
				ppos := m.table.pos(parent)
				if isCompany || parent == 0 || ppos < 0 {
					break
				}
				pos = ppos
			}
			return m.table.ids[pos]
		},
	}
	s.compute["res.partner.bank"] = map[string]computeFunc{
		// Stored and computed in Odoo: the account number without separators, upper-cased,
		// which is what bank reconciliation matches on.
		"sanitized_acc_number": func(env *Env, id int64) any {
			m := env.s.models["res.partner.bank"]
			acc, _ := env.rawValue(m, m.table.pos(id), m.field("acc_number")).(string)
			if acc == "" {
				return nil
			}
			return sanitizeAccount(acc)
		},
		"acc_type":  func(*Env, int64) any { return "bank" },
		"bank_name": func(env *Env, id int64) any { return env.relatedValue("res.partner.bank", id, "bank_id", "name") },
		"bank_bic":  func(env *Env, id int64) any { return env.relatedValue("res.partner.bank", id, "bank_id", "bic") },
		"country_code": func(env *Env, id int64) any {
			partner, _ := env.Get("res.partner.bank", id, "partner_id").(int64)
			return env.relatedValue("res.partner", partner, "country_id", "code")
		},
	}
	s.compute["mail.activity"] = map[string]computeFunc{
		// Stored related fields in Odoo, derived here so they can never disagree.
		"res_model": func(env *Env, id int64) any {
			return env.relatedValue("mail.activity", id, "res_model_id", "model")
		},
		"res_name": func(env *Env, id int64) any {
			model, _ := env.relatedValue("mail.activity", id, "res_model_id", "model").(string)
			resID, _ := env.Get("mail.activity", id, "res_id").(int64)
			if target := env.s.models[model]; target != nil && target.table.pos(resID) >= 0 {
				return env.displayName(target, target.table.pos(resID))
			}
			return nil
		},
		"state": func(env *Env, id int64) any {
			if done, _ := env.Get("mail.activity", id, "date_done").(string); done != "" {
				return "done"
			}
			deadline, _ := env.Get("mail.activity", id, "date_deadline").(string)
			today := env.Now().Format(dateLayout)
			switch {
			case deadline == "":
				return nil
			case deadline < today:
				return "overdue"
			case deadline == today:
				return "today"
			}
			return "planned"
		},
	}
	s.compute["ir.actions.server"] = map[string]computeFunc{
		"model_name": func(env *Env, id int64) any {
			m := env.s.models["ir.actions.server"]
			mid, _ := env.rawValue(m, m.table.pos(id), m.field("model_id")).(int64)
			if name := env.modelNameOf(mid); name != "" {
				return name
			}
			return nil
		},
	}
	s.compute["ir.actions.server"]["webhook_sample_payload"] = webhookSamplePayload
	s.compute["base.automation"] = map[string]computeFunc{
		"model_name": func(env *Env, id int64) any {
			m := env.s.models["base.automation"]
			mid, _ := env.rawValue(m, m.table.pos(id), m.field("model_id")).(int64)
			if name := env.modelNameOf(mid); name != "" {
				return name
			}
			return nil
		},
	}
}

func sanitizeAccount(acc string) string {
	var b strings.Builder
	for _, r := range acc {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// relatedValue reads field of the record that model(id).via points to (a related field).
func (e *Env) relatedValue(model string, id int64, via, field string) any {
	m := e.s.models[model]
	if m == nil || m.table.pos(id) < 0 {
		return nil
	}
	pos := m.table.pos(id)
	target, _ := e.rawValue(m, pos, m.field(via)).(int64)
	rel := e.s.models[m.field(via).Relation]
	tpos := rel.table.pos(target)
	if target == 0 || tpos < 0 {
		return nil
	}
	return e.rawValue(rel, tpos, rel.field(field))
}
