package odoosim

import (
	"fmt"
	"strings"
)

// modelOrders are the models' _order in Odoo 18 (used when a search gives no order).
var modelOrders = map[string]string{
	"res.partner":                 "display_name, id desc",
	"account.move":                "date desc, name desc, invoice_date desc, id desc",
	"account.move.line":           "date desc, move_name desc, id",
	"account.account":             "code",
	"account.journal":             "sequence, type, code",
	"account.tax":                 "sequence, id",
	"account.bank.statement.line": "date desc, id desc",
	"account.bank.statement":      "date desc, id desc",
	"account.payment":             "date desc, name desc",
	"sale.order":                  "date_order desc, id desc",
	"sale.order.line":             "order_id, sequence, id",
	"purchase.order":              "priority desc, id desc",
	"purchase.order.line":         "order_id, sequence, id",
	"crm.lead":                    "priority desc, id desc",
	"res.users":                   "name, login",
	"res.currency":                "active desc, name",
	"res.company":                 "sequence, name",
	"res.country":                 "name",
	"product.template":            "name",
	"product.product":             "default_code, name, id",
	"product.supplierinfo":        "sequence, min_qty desc, price, id",
	"stock.picking":               "priority desc, scheduled_date, id desc",
	"stock.move":                  "sequence, id",
	"ir.actions.server":           "sequence, name",
	"ir.model":                    "model",
	"ir.model.fields":             "name",
	"mail.activity":               "date_deadline, id",
	"mail.message":                "id desc",
	"res.partner.category":        "name",
	"account.payment.term":        "sequence, id",
	"account.reconcile.model":     "sequence, id",
	"base.automation":             "id",
	"res.groups":                  "name",
}

// modelRecNames are _rec_name values other than "name".
var modelRecNames = map[string]string{
	"ir.model.data": "complete_name", "mail.activity": "summary", "mail.message": "record_name",
	"res.users.apikeys": "name", "ir.model": "name", "res.country.state": "name",
	"res.partner.bank": "acc_number",
}

// storedInSimulator lists fields Odoo computes from other tables (company-dependent or
// related) that the simulator stores directly, so generators can set them with Insert.
var storedInSimulator = []string{"account.account.code", "res.users.name", "res.users.email",
	"product.product.name", "product.product.list_price", "product.product.type",
	"product.product.uom_id", "account.move.line.move_name", "res.partner.commercial_partner_id"}

// buildSchema assembles the models of the simulated version: captures, version
// differences, hand-defined models, defaults and orders.
func (s *Server) buildSchema() error {
	capture := 18
	if s.version >= 19 {
		capture = 19
	}
	if err := loadSchema(capture, s.models); err != nil {
		return err
	}
	if s.version == 17 {
		applyV17(s.models)
	}
	for _, name := range sortedKeys(extraModels) {
		fields := map[string]Field{}
		for _, spec := range extraModels[name] {
			fname, f, err := parseFieldSpec(spec)
			if err != nil {
				return fmt.Errorf("model %s: %w", name, err)
			}
			f.Selection = extraSelections[name+"."+fname]
			fields[fname] = f
		}
		s.defineModel(name, fields)
	}
	s.defineVersionFields()
	for _, m := range s.models {
		ensureBaseFields(m)
		if o, ok := modelOrders[m.name]; ok {
			m.order = o
		}
		if r, ok := modelRecNames[m.name]; ok {
			m.recName = r
		}
	}
	for _, path := range storedInSimulator {
		i := strings.LastIndexByte(path, '.')
		if m := s.models[path[:i]]; m != nil {
			if f := m.field(path[i+1:]); f != nil {
				f.Store = true
			}
		}
	}
	for child, parent := range delegatedModels {
		storeDelegated(s.models[child], s.models[parent])
	}
	s.applyDefaults()
	return nil
}

// delegatedModels are Odoo _inherits pairs: the child's row owns a parent row and shows
// its fields as non-stored related fields. The simulator keeps one row and stores those
// fields on the child directly, so they can be written, searched and inserted.
var delegatedModels = map[string]string{
	"account.bank.statement.line": "account.move", "account.payment": "account.move",
	"product.product": "product.template", "res.users": "res.partner",
}

func storeDelegated(child, parent *model) {
	if child == nil || parent == nil {
		return
	}
	for _, f := range child.fields {
		if pf := parent.field(f.Name); pf != nil && pf.Store && !f.Store && !f.x2many() && pf.Type == f.Type {
			f.Store = true
		}
	}
}

// defineVersionFields adds fields whose name changed across versions and the
// ir.actions.server fields the capture was restricted from.
func (s *Server) defineVersionFields() {
	groupUsers := "users"
	if s.version >= 19 {
		groupUsers = "user_ids"
	}
	s.defineModel("res.groups", map[string]Field{
		groupUsers: {Type: "many2many", String: "Users", Relation: "res.users", Store: true},
	})
	s.defineModel("ir.actions.server", map[string]Field{
		"name":               {Type: "char", String: "Action Name", Required: true, Store: true},
		"type":               {Type: "char", String: "Action Type", Required: true, Store: true},
		"usage":              {Type: "selection", String: "Usage", Required: true, Store: true, Selection: [][2]string{{"ir_actions_server", "Server Action"}, {"ir_cron", "Scheduled Action"}, {"base_automation", "Automation Rule"}}},
		"model_id":           {Type: "many2one", String: "Model", Relation: "ir.model", Required: true, Store: true},
		"model_name":         {Type: "char", String: "Model Name", Readonly: true},
		"code":               {Type: "text", String: "Python Code", Store: true},
		"sequence":           {Type: "integer", String: "Sequence", Store: true},
		"base_automation_id": {Type: "many2one", String: "Automation Rule", Relation: "base.automation", Store: true},
		"active":             {Type: "boolean", String: "Active", Store: true},
	})
}

// applyV17 turns the 18 schema into 17's where they differ in ways Smart Odoo sees:
// product types (detailed_type, no is_storable/combo), a single company per account with a
// stored code, the two lock dates of 16/17, and payments before 18's own states and memo
// (17: the move's ref and state).
func applyV17(models map[string]*model) {
	for _, name := range []string{"product.template", "product.product"} {
		m := models[name]
		if m == nil {
			continue
		}
		sel := [][2]string{{"consu", "Consumable"}, {"service", "Service"}, {"product", "Storable Product"}}
		m.define("detailed_type", Field{Type: "selection", String: "Product Type", Required: true, Store: true, Selection: sel})
		if f := m.field("type"); f != nil {
			f.Selection = sel
		}
		m.remove("is_storable")
	}
	if m := models["account.account"]; m != nil {
		m.define("company_id", Field{Type: "many2one", String: "Company", Relation: "res.company", Required: true, Store: true})
		m.remove("company_ids")
		if f := m.field("code"); f != nil {
			f.Required, f.Store = true, true
		}
	}
	if m := models["res.company"]; m != nil {
		// 17's lock dates: one for non-advisers, one for everyone; no sales, purchase or
		// hard lock.
		for _, f := range []string{"sale_lock_date", "purchase_lock_date", "hard_lock_date", "user_sale_lock_date", "user_purchase_lock_date", "user_hard_lock_date"} {
			m.remove(f)
		}
		m.define("period_lock_date", Field{Type: "date", String: "Lock Date for Non-Advisers", Store: true})
		if f := m.field("fiscalyear_lock_date"); f != nil {
			f.String = "Lock Date"
		}
	}
	if m := models["account.payment"]; m != nil {
		m.remove("memo")
		m.define("ref", Field{Type: "char", String: "Reference", Store: true})
		if f := m.field("state"); f != nil {
			f.Selection = [][2]string{{"draft", "Draft"}, {"posted", "Posted"}, {"cancel", "Cancelled"}}
		}
	}
}

// applyDefaults sets the defaults Odoo's field definitions carry for fields the
// simulator's callers commonly leave out.
func (s *Server) applyDefaults() {
	for _, m := range s.models {
		if f := m.field("active"); f != nil && f.Type == "boolean" {
			f.Default = true
		}
		for _, f := range m.fields {
			if f.Type == "many2one" && f.Relation == "res.company" && f.Name == "company_id" {
				f.Default = func(*Env) any { return int64(mainCompanyID) }
			}
			if f.Type == "many2one" && f.Relation == "res.currency" && f.Required {
				f.Default = func(e *Env) any { return e.companyCurrency() }
			}
		}
	}
	statics := map[string]any{
		"res.partner.type": "contact", "account.move.state": "draft", "account.move.move_type": "entry",
		"account.move.line.display_type": "product", "sale.order.state": "draft", "purchase.order.state": "draft",
		"ir.actions.server.usage": "ir_actions_server", "ir.actions.server.type": "ir.actions.server",
		"ir.model.fields.state": "base", "ir.model.state": "base", "mail.message.message_type": "comment",
		"base.partner.merge.automatic.wizard.state": "option", "product.supplierinfo.delay": int64(1),
		"account.payment.term.line.value": "percent", "account.payment.term.line.delay_type": "days_after",
		"res.partner.lang": "en_US", "crm.lead.type": "opportunity", "res.users.share": false,
		"account.move.line.quantity": 1.0, "res.partner.bank.sequence": int64(10),
	}
	if s.version <= 18 {
		statics["account.move.name"] = "/"
	}
	for path, v := range statics {
		i := strings.LastIndexByte(path, '.')
		s.setDefault(path[:i], path[i+1:], v)
	}
	// Required selections carry a default in Odoo's sources almost always; where the
	// simulator does not know it, the first option stands in for it.
	for _, m := range s.models {
		for _, f := range m.fields {
			if f.Type == "selection" && f.Required && f.Default == nil && len(f.Selection) > 0 {
				f.Default = f.Selection[0][0]
			}
			// Required dates default to today (fields.Date.context_today) in Odoo's models.
			if f.Type == "date" && f.Required && f.Default == nil && f.Store {
				f.Default = func(e *Env) any { return e.Now().Format(dateLayout) }
			}
			if f.Type == "datetime" && f.Required && f.Default == nil && f.Store && !magicFields[f.Name] {
				f.Default = func(e *Env) any { return e.Now().Format(datetimeLayout) }
			}
		}
	}
	s.setDefault("mail.activity", "user_id", func(e *Env) any { return e.uid })
	s.setDefault("mail.message", "date", func(e *Env) any { return e.Now().Format(datetimeLayout) })
}

// SetDefault sets the value a field takes when a create (or Insert) leaves it out: a raw
// value, or a func(*Env) any evaluated at create time. Models/fields that do not exist are
// ignored, so version-specific defaults can be set unconditionally.
func (s *Server) SetDefault(modelName, field string, v any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setDefault(modelName, field, v)
}

func (s *Server) setDefault(modelName, field string, v any) {
	m := s.models[modelName]
	if m == nil {
		return
	}
	if f := m.field(field); f != nil {
		f.Default = v
	}
}
