package odoosim

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
