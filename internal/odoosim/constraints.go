package odoosim

// checkConstraints runs the SQL and Python constraints of the models Smart Odoo writes
// to, with Odoo's messages. It runs after the values are stored, inside the transaction,
// so a failure rolls the call back.
func (e *Env) checkConstraints(m *model, ids []int64) error {
	switch m.name {
	case "res.partner":
		return e.checkPartners(m, ids)
	case "ir.actions.server":
		return e.checkServerActions(m, ids)
	case "res.partner.category":
		return e.checkRecursion(m, ids, "You cannot create recursive tags.")
	}
	return nil
}

func (e *Env) checkPartners(m *model, ids []int64) error {
	for _, id := range ids {
		pos := m.table.pos(id)
		if pos < 0 {
			continue
		}
		typ, _ := e.rawValue(m, pos, m.field("type")).(string)
		// res_partner_check_name: CHECK((type='contact' AND name IS NOT NULL) OR type!='contact').
		if typ == "contact" && e.rawValue(m, pos, m.field("name")) == nil {
			return ValidationError("The operation cannot be completed: Contacts require a name")
		}
	}
	return e.checkRecursion(m, ids, "You cannot create recursive Partner hierarchies.")
}

// checkRecursion refuses a parent_id chain that loops back to a record being written.
func (e *Env) checkRecursion(m *model, ids []int64, msg string) error {
	parent := m.field("parent_id")
	if parent == nil {
		return nil
	}
	for _, id := range ids {
		seen := map[int64]bool{id: true}
		cur := id
		for {
			pos := m.table.pos(cur)
			if pos < 0 {
				break
			}
			p, _ := e.rawValue(m, pos, parent).(int64)
			if p == 0 {
				break
			}
			if seen[p] {
				return ValidationError("%s", msg)
			}
			seen[p] = true
			cur = p
		}
	}
	return nil
}

// checkServerActions accepts only the action kinds the simulator can execute, so a rule
// that would silently do nothing is refused when it is defined rather than ignored later.
func (e *Env) checkServerActions(m *model, ids []int64) error {
	for _, id := range ids {
		pos := m.table.pos(id)
		state, _ := e.rawValue(m, pos, m.field("state")).(string)
		switch state {
		case "webhook":
		case "code":
			code, _ := e.rawValue(m, pos, m.field("code")).(string)
			if err := checkCode(code); err != nil {
				return err
			}
		default:
			return ValidationError("The Odoo simulator supports server actions of type 'webhook' and 'code' (raise UserError only); %q is not simulated", state)
		}
	}
	return nil
}
