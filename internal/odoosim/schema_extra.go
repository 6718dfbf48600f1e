package odoosim

import (
	"fmt"
	"strings"
)

// extraModels are models Smart Odoo needs that the fields_get captures do not cover. Their
// fields follow the Odoo 18 sources (odoo/addons/base, mail, account, product, crm);
// computed fields that nobody reads through the API are left out.
//
// Spec syntax, one field per entry: "name type[:relation[:inverse]] String words [flags]",
// flags at the end in brackets: r = required, ro = readonly, ns = not stored.
var extraModels = map[string][]string{
	"res.partner.bank": {
		"acc_number char Account Number [r]", "sanitized_acc_number char Sanitized Account Number [ro]",
		"acc_holder_name char Account Holder Name", "partner_id many2one:res.partner Account Holder [r]",
		"allow_out_payment boolean Send Money", "bank_id many2one:res.bank Bank",
		"bank_name char Name [ns ro]", "bank_bic char Bank Identifier Code [ns ro]", "sequence integer Sequence",
		"currency_id many2one:res.currency Currency", "company_id many2one:res.company Company [ro]",
		"active boolean Active", "acc_type selection Type [ns ro]", "country_code char Country Code [ns ro]",
		"journal_id one2many:account.journal:bank_account_id Account Journal",
	},
	"res.bank": {"name char Name [r]", "street char Street", "street2 char Street2", "zip char Zip", "city char City",
		"state many2one:res.country.state Fed. State", "country many2one:res.country Country", "country_code char Country Code [ns ro]",
		"email char Email", "phone char Phone", "active boolean Active", "bic char Bank Identifier Code"},
	"res.partner.category": {
		"name char Name [r]", "color integer Color", "parent_id many2one:res.partner.category Parent Category",
		"child_ids one2many:res.partner.category:parent_id Child Tags", "active boolean Active",
		"parent_path char Parent Path", "partner_ids many2many:res.partner Partners",
	},
	"res.groups": {
		"name char Name [r]", "comment text Comment", "category_id many2one:ir.module.category Application",
		"color integer Color Index", "full_name char Group Name [ns ro]", "share boolean Share Group",
		"implied_ids many2many:res.groups Inherits",
	},
	"ir.model": {
		"name char Model Description [r]", "model char Model [r]", "order char Order", "info text Information",
		"field_id one2many:ir.model.fields:model_id Fields", "state selection Type", "transient boolean Transient Model",
		"modules char In Apps [ns ro]", "is_mail_thread boolean Has Mail Thread", "is_mail_activity boolean Has Mail Activity",
	},
	"ir.model.fields": {
		"name char Field Name [r]", "complete_name char Complete Name", "model char Model Name [r]",
		"relation char Related Model", "relation_field char Relation Field", "model_id many2one:ir.model Model [r]",
		"field_description char Field Label [r]", "help text Field Help", "ttype selection Field Type [r]",
		"required boolean Required", "readonly boolean Readonly", "index boolean Indexed", "store boolean Stored",
		"state selection Type [r]", "on_delete selection On Delete", "related char Related Field Definition",
		"copied boolean Copied", "translate boolean Translatable",
	},
	"ir.model.fields.selection": {
		"field_id many2one:ir.model.fields Field [r]", "value char Value [r]", "name char Name [r]", "sequence integer Sequence",
	},
	"ir.model.data": {
		"name char External Identifier [r]", "complete_name char Complete ID [ns ro]", "model char Model Name [r]",
		"module char Module [r]", "res_id many2one_reference Record ID", "noupdate boolean Non Updatable",
		"reference char Reference [ns ro]",
	},
	"ir.module.category": {"name char Name [r]", "sequence integer Sequence", "visible boolean Visible"},
	"product.supplierinfo": {
		"partner_id many2one:res.partner Vendor [r]", "product_name char Vendor Product Name",
		"product_code char Vendor Product Code", "sequence integer Sequence", "min_qty float Quantity [r]",
		"price float Unit Price [r]", "price_discounted float Discounted Price [ns ro]", "discount float Discount (%)",
		"company_id many2one:res.company Company", "currency_id many2one:res.currency Currency [r]",
		"date_start date Start Date", "date_end date End Date", "product_id many2one:product.product Product Variant",
		"product_tmpl_id many2one:product.template Product Template", "delay integer Delivery Lead Time [r]",
	},
	"mail.activity.type": {"name char Name [r]", "summary char Default Summary", "sequence integer Sequence",
		"res_model char Model", "delay_count integer Schedule", "category selection Action", "active boolean Active"},
	"mail.activity": {
		"res_model_id many2one:ir.model Document Model [r]", "res_model char Related Document Model [ro]",
		"res_id many2one_reference Related Document ID [r]", "res_name char Document Name [ro]",
		"activity_type_id many2one:mail.activity.type Activity Type", "summary char Summary", "note html Note",
		"date_deadline date Due Date [r]", "date_done date Done Date [ro]", "automated boolean Automated activity [ro]",
		"user_id many2one:res.users Assigned to", "request_partner_id many2one:res.partner Requesting Partner",
		"state selection State [ns ro]", "active boolean Active", "can_write boolean Can Write [ns ro]",
	},
	"mail.message": {
		"subject char Subject", "date datetime Date", "body html Contents", "preview char Preview [ns ro]",
		"parent_id many2one:mail.message Parent Message", "child_ids one2many:mail.message:parent_id Child Messages",
		"model char Related Document Model", "res_id many2one_reference Related Document ID",
		"record_name char Message Record Name", "message_type selection Type [r]",
		"subtype_id many2one:mail.message.subtype Subtype", "is_internal boolean Employee Only",
		"email_from char From", "author_id many2one:res.partner Author", "partner_ids many2many:res.partner Recipients",
		"reply_to char Reply-To", "message_id char Message-Id [ro]",
	},
	"mail.message.subtype": {"name char Message Type [r]", "description text Description", "internal boolean Internal Only", "default boolean Default"},
	"account.partial.reconcile": {
		"debit_move_id many2one:account.move.line Debit Move [r]", "credit_move_id many2one:account.move.line Credit Move [r]",
		"full_reconcile_id many2one:account.full.reconcile Full Reconcile", "exchange_move_id many2one:account.move Exchange Move",
		"company_currency_id many2one:res.currency Company Currency [ns ro]", "debit_currency_id many2one:res.currency Currency of the debit journal item [ro]",
		"credit_currency_id many2one:res.currency Currency of the credit journal item [ro]", "amount monetary Amount",
		"debit_amount_currency monetary Debit amount in foreign currency", "credit_amount_currency monetary Credit amount in foreign currency",
		"company_id many2one:res.company Company [ro]", "max_date date Max Date of Matched Lines [ro]",
	},
	"account.full.reconcile": {
		"partial_reconcile_ids one2many:account.partial.reconcile:full_reconcile_id Reconciliation Parts",
		"reconciled_line_ids one2many:account.move.line:full_reconcile_id Matched Journal Items",
		"exchange_move_id many2one:account.move Exchange Move",
	},
	"account.bank.statement": {
		"name char Reference", "reference char External Reference", "date date Date [ro]",
		"first_line_index char First Line Index [ro]", "balance_start monetary Starting Balance",
		"balance_end monetary Computed Balance [ro]", "balance_end_real monetary Ending Balance",
		"company_id many2one:res.company Company [ro]", "currency_id many2one:res.currency Currency [ro]",
		"journal_id many2one:account.journal Journal [ro]", "line_ids one2many:account.bank.statement.line:statement_id Statement lines",
		"is_complete boolean Is Complete [ro]", "is_valid boolean Is Valid [ro]", "problem_description text Problem Description [ns ro]",
	},
	"base.partner.merge.automatic.wizard": {
		"group_by_email boolean Email", "group_by_name boolean Name", "group_by_is_company boolean Is Company",
		"group_by_vat boolean VAT", "group_by_parent_id boolean Parent Company", "state selection State [r ro]",
		"number_group integer Group of Contacts [ro]", "current_line_id many2one:base.partner.merge.line Current Line",
		"line_ids one2many:base.partner.merge.line:wizard_id Lines", "partner_ids many2many:res.partner Contacts",
		"dst_partner_id many2one:res.partner Destination Contact", "exclude_contact boolean A user associated to the contact",
		"exclude_journal_item boolean Journal Items associated to the contact", "maximum_group integer Maximum of Group of Contacts",
	},
	"base.partner.merge.line": {"wizard_id many2one:base.partner.merge.automatic.wizard Wizard",
		"min_id integer MinID", "aggr_ids char Ids [r]"},
	"crm.tag": {"name char Tag Name [r]", "color integer Color"},
	"res.country": {
		"name char Country Name [r]", "code char Country Code", "address_format text Layout in Reports",
		"currency_id many2one:res.currency Currency", "phone_code integer Country Calling Code",
		"state_ids one2many:res.country.state:country_id States", "vat_label char Vat Label",
		"state_required boolean State Required", "zip_required boolean Zip Required",
	},
	"res.country.state": {"country_id many2one:res.country Country [r]", "name char State Name [r]", "code char State Code [r]"},
	"account.payment.term": {
		"name char Payment Terms [r]", "active boolean Active", "note html Description on the Invoice",
		"line_ids one2many:account.payment.term.line:payment_id Terms", "company_id many2one:res.company Company",
		"sequence integer Sequence", "display_on_invoice boolean Show installment dates",
		"early_discount boolean Early Discount", "discount_percentage float Discount %", "discount_days integer Discount Days",
		"currency_id many2one:res.currency Currency [ns ro]",
	},
	"account.payment.term.line": {
		"value selection Type [r]", "value_amount float Due", "nb_days integer Days",
		"delay_type selection Delay Type [r]", "payment_id many2one:account.payment.term Payment Terms [r]",
	},
	"res.users.apikeys": {"name char Description [r ro]", "user_id many2one:res.users User [r ro]", "scope char Scope [ro]"},
}

// extraSelections fills selection lists of the hand-defined models.
var extraSelections = map[string][][2]string{
	"res.partner.bank.acc_type":                 {{"bank", "Normal"}},
	"ir.model.state":                            {{"manual", "Custom Object"}, {"base", "Base Object"}},
	"ir.model.fields.state":                     {{"manual", "Custom Field"}, {"base", "Base Field"}},
	"ir.model.fields.on_delete":                 {{"cascade", "Cascade"}, {"set null", "Set NULL"}, {"restrict", "Restrict"}},
	"mail.activity.state":                       {{"overdue", "Overdue"}, {"today", "Today"}, {"planned", "Planned"}, {"done", "Done"}},
	"mail.activity.type.category":               {{"default", "None"}, {"upload_file", "Upload Document"}, {"phonecall", "Phonecall"}},
	"mail.message.message_type":                 {{"email", "Incoming Email"}, {"comment", "Comment"}, {"email_outgoing", "Outgoing Email"}, {"notification", "System notification"}, {"auto_comment", "Automated Targeted Notification"}, {"user_notification", "User Specific Notification"}},
	"base.partner.merge.automatic.wizard.state": {{"option", "Option"}, {"selection", "Selection"}, {"finished", "Finished"}},
	"account.payment.term.line.value":           {{"percent", "Percent"}, {"fixed", "Fixed"}},
	"account.payment.term.line.delay_type":      {{"days_after", "Days after invoice date"}, {"days_after_end_of_month", "Days after end of month"}, {"days_after_end_of_next_month", "Days after end of next month"}, {"days_end_of_month_on_the", "Days end of month on the"}},
	"ir.model.fields.ttype":                     {{"binary", "binary"}, {"boolean", "boolean"}, {"char", "char"}, {"date", "date"}, {"datetime", "datetime"}, {"float", "float"}, {"html", "html"}, {"integer", "integer"}, {"json", "json"}, {"many2many", "many2many"}, {"many2one", "many2one"}, {"many2one_reference", "many2one_reference"}, {"monetary", "monetary"}, {"one2many", "one2many"}, {"properties", "properties"}, {"properties_definition", "properties_definition"}, {"reference", "reference"}, {"selection", "selection"}, {"text", "text"}},
}

// parseFieldSpec reads one extraModels entry.
func parseFieldSpec(spec string) (string, Field, error) {
	flags := ""
	if i := strings.LastIndexByte(spec, '['); i > 0 && strings.HasSuffix(spec, "]") {
		flags, spec = spec[i+1:len(spec)-1], strings.TrimSpace(spec[:i])
	}
	words := strings.Fields(spec)
	if len(words) < 3 {
		return "", Field{}, fmt.Errorf("field spec %q: want name, type and string", spec)
	}
	typ := strings.Split(words[1], ":")
	f := Field{Type: typ[0], String: strings.Join(words[2:], " "), Store: true}
	if len(typ) > 1 {
		f.Relation = typ[1]
	}
	if len(typ) > 2 {
		f.RelationField = typ[2]
	}
	for _, fl := range strings.Fields(flags) {
		switch fl {
		case "r":
			f.Required = true
		case "ro":
			f.Readonly = true
		case "ns":
			f.Store = false
		}
	}
	return words[0], f, nil
}
