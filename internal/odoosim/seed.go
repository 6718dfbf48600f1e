package odoosim

import (
	"fmt"
	"strings"
)

// modelDescriptions are ir.model names (_description) shown as many2one labels.
var modelDescriptions = map[string]string{
	"res.partner": "Contact", "res.users": "User", "res.company": "Companies", "res.currency": "Currency",
	"account.move": "Journal Entry", "account.move.line": "Journal Item", "account.account": "Account",
	"account.journal": "Journal", "account.payment": "Payments", "account.tax": "Tax",
	"account.bank.statement.line": "Bank Statement Line", "account.bank.statement": "Bank Statement",
	"account.reconcile.model": "Preset to create journal entries during a invoices and payments matching",
	"sale.order":              "Sales Order", "sale.order.line": "Sales Order Line", "purchase.order": "Purchase Order",
	"purchase.order.line": "Purchase Order Line", "crm.lead": "Lead/Opportunity", "crm.tag": "CRM Tag",
	"product.product": "Product Variant", "product.template": "Product", "product.supplierinfo": "Supplier Pricelist",
	"stock.picking": "Transfer", "stock.move": "Stock Move", "res.partner.bank": "Bank Accounts",
	"res.partner.category": "Partner Tags", "mail.activity": "Activity", "mail.message": "Message",
	"base.automation": "Automation Rule", "ir.actions.server": "Server Action", "res.groups": "Access Groups",
	"account.payment.term": "Payment Terms", "res.country": "Country", "res.country.state": "Country state",
	"account.partial.reconcile": "Partial Reconcile", "account.full.reconcile": "Full Reconcile",
	"base.partner.merge.automatic.wizard": "Merge Partner Wizard",
}

// baseGroups are the groups Smart Odoo's roles map to: xml id, name, implied xml ids.
var baseGroups = [][3]string{
	{"base.group_user", "Internal User", ""},
	{"base.group_partner_manager", "Contact Creation", ""},
	{"base.group_erp_manager", "Access Rights", "base.group_user"},
	{"base.group_system", "Settings", "base.group_erp_manager"},
	{"account.group_account_invoice", "Invoicing", "base.group_user"},
	{"account.group_account_user", "Bookkeeper", "account.group_account_invoice"},
	{"account.group_account_manager", "Accountant Administrator", "account.group_account_user"},
	{"sales_team.group_sale_salesman", "User: Own Documents Only", "base.group_user"},
	{"sales_team.group_sale_salesman_all_leads", "User: All Documents", "sales_team.group_sale_salesman"},
	{"sales_team.group_sale_manager", "Administrator", "sales_team.group_sale_salesman_all_leads"},
	{"purchase.group_purchase_user", "User", "base.group_user"},
	{"purchase.group_purchase_manager", "Administrator", "purchase.group_purchase_user"},
	{"stock.group_stock_user", "User", "base.group_user"},
	{"stock.group_stock_manager", "Administrator", "stock.group_stock_user"},
}

// demoUsers are the dashboard roles' users: login (= password), name, group.
var demoUsers = [][3]string{
	{"cfo", "Claire Fontaine (CFO)", "account.group_account_manager"},
	{"sales", "Sam Sales", "sales_team.group_sale_manager"},
	{"warehouse", "Walter House", "stock.group_stock_manager"},
	{"viewer", "Vera Viewer", ""},
}

// seedBase creates what every Odoo database has before any business data.
func (s *Server) seedBase() error {
	ins := func(model string, vals map[string]any) int64 {
		id, err := s.Insert(model, vals)
		if err != nil {
			panic(fmt.Sprintf("seed %s: %v", model, err)) // a schema bug, caught by every test
		}
		return id
	}
	ins("res.currency", map[string]any{"name": "USD", "symbol": "$", "decimal_places": int64(2), "rounding": 0.01, "active": true, "position": "before", "full_name": "United States dollar"})
	ins("res.currency", map[string]any{"name": "EUR", "symbol": "€", "decimal_places": int64(2), "rounding": 0.01, "active": true, "position": "after", "full_name": "Euro"})
	for _, c := range [][3]string{{"US", "United States", "1"}, {"BE", "Belgium", "32"}, {"FR", "France", "33"},
		{"DE", "Germany", "49"}, {"NL", "Netherlands", "31"}, {"GB", "United Kingdom", "44"}, {"ES", "Spain", "34"}} {
		var code int64
		fmt.Sscan(c[2], &code)
		id := ins("res.country", map[string]any{"code": c[0], "name": c[1], "phone_code": code})
		s.addXMLID(ins, "base."+strings.ToLower(c[0]), "res.country", id)
	}
	ins("res.partner", map[string]any{"name": "My Company", "is_company": true, "email": "info@yourcompany.example.com"})
	ins("res.partner", map[string]any{"name": "OdooBot", "active": false})
	ins("res.partner", map[string]any{"name": "Administrator", "email": "admin@yourcompany.example.com"})
	ins("res.company", map[string]any{"name": "My Company", "partner_id": int64(1), "currency_id": int64(1)})
	s.seedModels(ins)
	s.seedGroups(ins)
	ins("res.users", map[string]any{"login": "__system__", "name": "OdooBot", "partner_id": int64(2), "active": false, "company_id": mainCompanyID})
	ins("res.users", map[string]any{"login": "admin", "name": "Administrator", "partner_id": int64(3), "company_id": mainCompanyID,
		"company_ids": []int64{mainCompanyID}, s.groupsField(): s.allGroupIDs()})
	for xml, model := range map[string]string{"base.main_company": "res.company", "base.main_partner": "res.partner",
		"base.user_root": "res.users", "base.user_admin": "res.users", "base.partner_root": "res.partner",
		"base.partner_admin": "res.partner", "base.USD": "res.currency", "base.EUR": "res.currency"} {
		ids := map[string]int64{"base.main_company": 1, "base.main_partner": 1, "base.user_root": 1, "base.user_admin": adminUID,
			"base.partner_root": 2, "base.partner_admin": 3, "base.USD": 1, "base.EUR": 2}
		s.addXMLID(ins, xml, model, ids[xml])
	}
	s.users.passwords[adminUID] = s.opts.AdminPassword
	s.users.keys[s.opts.AdminAPIKey] = adminUID
	for _, xml := range []string{"mail.mt_comment:Discussions", "mail.mt_note:Note"} {
		name, label, _ := strings.Cut(xml, ":")
		id := ins("mail.message.subtype", map[string]any{"name": label, "internal": name == "mail.mt_note"})
		s.addXMLID(ins, name, "mail.message.subtype", id)
	}
	for _, t := range [][2]string{{"mail.mail_activity_data_todo", "To-Do"}, {"mail.mail_activity_data_call", "Call"}, {"mail.mail_activity_data_email", "Email"}} {
		id := ins("mail.activity.type", map[string]any{"name": t[1], "category": "default"})
		s.addXMLID(ins, t[0], "mail.activity.type", id)
	}
	for _, u := range demoUsers {
		var groups []string
		if u[2] != "" {
			groups = append(groups, u[2])
		}
		if _, err := s.AddUser(u[0], u[1], u[0], u[0]+"-demo-key", groups...); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) addXMLID(ins func(string, map[string]any) int64, xmlid, model string, id int64) {
	module, name, _ := cutDot(xmlid)
	ins("ir.model.data", map[string]any{"module": module, "name": name, "model": model, "res_id": id, "noupdate": true})
}

// seedModels describes every simulated model and field in ir.model / ir.model.fields, so
// automation rules can reference them by id as in real Odoo.
func (s *Server) seedModels(ins func(string, map[string]any) int64) {
	for _, name := range sortedKeys(s.models) {
		m := s.models[name]
		desc := modelDescriptions[name]
		if desc == "" {
			desc = name
		}
		mid := ins("ir.model", map[string]any{"name": desc, "model": name, "state": "base"})
		for _, f := range m.fields {
			vals := map[string]any{"name": f.Name, "model": name, "model_id": mid, "field_description": f.String,
				"ttype": f.Type, "state": "base", "required": f.Required, "readonly": f.Readonly, "store": f.Store}
			if f.Relation != "" {
				vals["relation"] = f.Relation
			}
			if f.RelationField != "" {
				vals["relation_field"] = f.RelationField
			}
			fid := ins("ir.model.fields", vals)
			for i, opt := range f.Selection {
				ins("ir.model.fields.selection", map[string]any{"field_id": fid, "value": opt[0], "name": opt[1], "sequence": int64(i)})
			}
		}
	}
}

func (s *Server) seedGroups(ins func(string, map[string]any) int64) {
	ids := map[string]int64{}
	for _, g := range baseGroups {
		vals := map[string]any{"name": g[1]}
		if g[2] != "" {
			vals["implied_ids"] = []int64{ids[g[2]]}
		}
		ids[g[0]] = ins("res.groups", vals)
		s.addXMLID(ins, g[0], "res.groups", ids[g[0]])
	}
}

func (s *Server) allGroupIDs() []int64 {
	var out []int64
	s.models["res.groups"].table.livePositions(func(pos int) bool {
		out = append(out, s.models["res.groups"].table.ids[pos])
		return true
	})
	return out
}
