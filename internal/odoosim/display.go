package odoosim

import "fmt"

// displayName computes display_name the way each model's _compute_display_name does in
// the simulated version; models without a rule use their _rec_name field.
func (e *Env) displayName(m *model, pos int) string {
	str := func(field string) string {
		f := m.field(field)
		if f == nil {
			return ""
		}
		s, _ := e.rawValue(m, pos, f).(string)
		return s
	}
	switch m.name {
	case "res.partner":
		return e.partnerDisplayName(m, pos, str("name"))
	case "account.account":
		if e.s.version <= 18 && str("code") != "" {
			return str("code") + " " + str("name")
		}
	case "product.product", "product.template":
		if code := str("default_code"); code != "" {
			return "[" + code + "] " + str("name")
		}
	case "account.move":
		if name := str("name"); name != "" && name != "/" {
			return name
		}
		return "Draft Entry"
	case "res.country.state":
		return str("name")
	case "res.bank":
		if bic := str("bic"); bic != "" {
			return str("name") + " - " + bic
		}
	case "res.partner.bank":
		if bank, _ := e.rawValue(m, pos, m.field("bank_id")).(int64); bank != 0 {
			return str("acc_number") + " - " + e.nameOf("res.bank", bank)
		}
	case "ir.model.fields":
		return fmt.Sprintf("%s (%s)", str("field_description"), str("model"))
	case "ir.model.data":
		return str("module") + "." + str("name")
	}
	if s := str(m.recName); s != "" {
		return s
	}
	if f := m.field(m.recName); f != nil && f.Type == "many2one" {
		id, _ := e.rawValue(m, pos, f).(int64)
		if id != 0 {
			return e.nameOf(f.Relation, id)
		}
	}
	if m.field(m.recName) == nil {
		return fmt.Sprintf("%s,%d", m.name, m.table.ids[pos])
	}
	return ""
}

// partnerDisplayName is "Company, Person" for a contact of a company, as in Odoo.
func (e *Env) partnerDisplayName(m *model, pos int, name string) string {
	parentF := m.field("parent_id")
	isCompany, _ := e.rawValue(m, pos, m.field("is_company")).(bool)
	parent, _ := e.rawValue(m, pos, parentF).(int64)
	if parent == 0 || isCompany {
		return name
	}
	if name == "" {
		if t, ok := e.rawValue(m, pos, m.field("type")).(string); ok {
			name = selectionLabel(m.field("type"), t)
		}
	}
	ppos := m.table.pos(parent)
	if ppos < 0 {
		return name
	}
	parentName := e.partnerCommercialName(m, ppos)
	return parentName + ", " + name
}

// partnerCommercialName is the name of the partner's top company.
func (e *Env) partnerCommercialName(m *model, pos int) string {
	for range 100 {
		parent, _ := e.rawValue(m, pos, m.field("parent_id")).(int64)
		isCompany, _ := e.rawValue(m, pos, m.field("is_company")).(bool)
		ppos := m.table.pos(parent)
		if parent == 0 || isCompany || ppos < 0 {
			break
		}
		pos = ppos
	}
	s, _ := e.rawValue(m, pos, m.field("name")).(string)
	return s
}

func selectionLabel(f *fieldDef, key string) string {
	if f == nil {
		return key
	}
	for _, p := range f.Selection {
		if p[0] == key {
			return p[1]
		}
	}
	return key
}
