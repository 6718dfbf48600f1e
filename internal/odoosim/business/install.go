package business

import (
	"github.com/smartodoo/smartodoo/internal/odoosim"
)

// Install gives s Odoo 18's business methods: it defines the models and defaults they
// need, registers the RPC methods, the create/write/unlink hooks and the computed fields.
// Call it right after odoosim.New, before serving; a second call does nothing (hooks
// registered twice would run twice).
func Install(s *odoosim.Server) {
	if _, err := s.SuperEnv().Search("account.payment.register", []any{}, "", 1); err == nil {
		return // the wizard model is defined here: already installed
	}
	defineModels(s)
	setDefaults(s)
	registerMethods(s)
	registerHooks(s)
	registerComputes(s)
}

func defineModels(s *odoosim.Server) {
	s.DefineModel("account.payment.register", registerFields)
	s.DefineModel(reversalModel, reversalFields)
	s.DefineModel(advanceModel, advanceFields)
	s.DefineModel(backorderModel, backorderFields)
	for name, fields := range stockModels {
		s.DefineModel(name, fields)
	}
	// Odoo stores a statement line's date on its entry (_inherits); the simulator has no
	// _inherits, so it keeps the date on the line too, or a create would drop it.
	// Tax repartition lines carry the account of tax lines (the simulator reads the first
	// invoice "tax" line of a tax); without them taxes are booked on the base line's account.
	s.DefineModel("account.tax.repartition.line", map[string]odoosim.Field{
		"tax_id":           {Type: "many2one", String: "Tax", Relation: "account.tax", Store: true},
		"repartition_type": {Type: "selection", String: "Based On", Required: true, Store: true, Selection: [][2]string{{"base", "Base"}, {"tax", "of tax"}}},
		"document_type":    {Type: "selection", String: "Related to", Required: true, Store: true, Selection: [][2]string{{"invoice", "Invoice"}, {"refund", "Refund"}}},
		"factor_percent":   {Type: "float", String: "%", Required: true, Store: true},
		"account_id":       {Type: "many2one", String: "Account", Relation: "account.account", Store: true},
		"sequence":         {Type: "integer", String: "Sequence", Store: true},
		"company_id":       {Type: "many2one", String: "Company", Relation: "res.company", Store: true},
	})
	s.DefineModel("account.bank.statement.line", map[string]odoosim.Field{
		"date": {Type: "date", String: "Date", Required: true, Store: true},
	})
}

func setDefaults(s *odoosim.Server) {
	now := func(env *odoosim.Env) any { return env.Now().Format("2006-01-02 15:04:05") }
	day := func(env *odoosim.Env) any { return today(env).Format(dateLayout) }
	for model, fields := range map[string]map[string]any{
		"account.move":                {"journal_id": noJournal, "date": day, "auto_post": "no", "payment_state": "not_paid"},
		"account.bank.statement.line": {"move_id": noMove, "date": day},
		// Computed in Odoo (payment_sequence for bank/cash/credit, refund_sequence for
		// sale/purchase); true is harmless for the other types, which never use them.
		"account.journal":              {"payment_sequence": true, "refund_sequence": true},
		"account.tax.repartition.line": {"repartition_type": "tax", "document_type": "invoice", "factor_percent": 100.0},
		"account.payment": {"journal_id": noJournal, "date": day, "payment_type": "inbound", "partner_type": "customer",
			"state": "draft"},
		"account.payment.register": {"payment_date": day},
		advanceModel:               {"advance_payment_method": "delivered", "consolidated_billing": true, "deduct_down_payments": true},
		"sale.order": {"name": "New", "partner_invoice_id": noPartner, "partner_shipping_id": noPartner,
			"date_order": now, "picking_policy": "direct", "invoice_status": "no"},
		"sale.order.line":     {"customer_lead": 0.0, "name": "", "product_uom_qty": 1.0},
		"purchase.order":      {"name": "New", "picking_type_id": noPartner, "date_order": now, "invoice_status": "no"},
		"purchase.order.line": {"name": "", "product_qty": 1.0},
		"stock.picking":       {"move_type": "direct"},
		"stock.move":          {"procure_method": "make_to_stock"},
	} {
		for field, v := range fields {
			s.SetDefault(model, field, v)
		}
	}
}

func registerMethods(s *odoosim.Server) {
	methods := map[string]map[string]odoosim.MethodFunc{
		"account.move": {"action_post": actionPost, "button_draft": buttonDraft, "button_cancel": buttonCancel,
			"message_post": messagePost("account.move"), "write": moveWriteRPC,
			"js_assign_outstanding_line": jsAssignOutstandingLine, "action_register_payment": actionRegisterPayment,
			"action_reverse": actionReverse},
		"account.move.line":           {"reconcile": reconcileMethod, "remove_move_reconcile": removeReconcileMethod},
		"account.bank.statement.line": {"action_undo_reconciliation": undoReconciliation},
		"account.payment": {"action_post": paymentActionPost, "action_draft": paymentActionDraft,
			"action_cancel": paymentActionCancel},
		"account.payment.register": {"action_create_payments": actionCreatePayments},
		reversalModel:              {"refund_moves": refundMoves, "reverse_moves": reverseMovesMethod},
		advanceModel:               {"create_invoices": createInvoices},
		"sale.order": {"action_confirm": saleActionConfirm, "action_cancel": saleActionCancel,
			"action_draft": saleActionDraft, "message_post": messagePost("sale.order"),
			"action_lock": lockOrder(true), "action_unlock": lockOrder(false)},
		"purchase.order": {"button_confirm": buttonConfirm, "button_cancel": purchaseButtonCancel, "action_create_invoice": purchaseCreateInvoice,
			"button_draft": purchaseButtonDraft,
			"message_post": messagePost("purchase.order")},
		"stock.picking": {"button_validate": buttonValidate},
		backorderModel:  {"process": backorderProcess, "process_cancel_backorder": backorderCancel},
		mergeModel:      {"action_merge": actionMerge},
		"res.partner":   {"message_post": messagePost("res.partner")},
	}
	for model, ms := range methods {
		for name, fn := range ms {
			s.RegisterMethod(model, name, fn)
		}
	}
}

func registerHooks(s *odoosim.Server) {
	s.OnCreate("account.move", onMoveCreate)
	s.OnWrite("account.move", onMoveWrite)
	s.OnUnlink("account.move", onMoveUnlink)
	s.OnCreate("account.move.line", onLineCreate)
	s.OnWrite("account.move.line", onLineWrite)
	s.OnUnlink("account.move.line", onLineUnlink)
	s.OnCreate("account.bank.statement.line", onStatementLineCreate)
	s.OnWrite("account.bank.statement.line", onStatementLineWrite)
	s.OnUnlink("account.bank.statement.line", onStatementLineUnlink)
	s.OnCreate("account.payment", onPaymentCreate)
	s.OnWrite("account.payment", onPaymentWrite)
	s.OnUnlink("account.payment", onPaymentUnlink)
	s.OnCreate("account.payment.register", onRegisterCreate)
	s.OnCreate(reversalModel, onReversalCreate)
	s.OnCreate(advanceModel, onAdvanceCreate)
	s.OnCreate(backorderModel, onBackorderCreate)
	s.OnUnlink("purchase.order", onPurchaseUnlink)
	s.OnWrite("res.company", onCompanyLockWrite)
	s.OnCreate("sale.order", onSaleCreate)
	s.OnWrite("sale.order", onSaleWrite)
	s.OnCreate("sale.order.line", func(env *odoosim.Env, id int64) error { return onSaleLineChange(env, []int64{id}, nil) })
	s.OnWrite("sale.order.line", onSaleLineChange)
	s.OnCreate("purchase.order", onPurchaseCreate)
	s.OnWrite("purchase.order", onPurchaseWrite)
	s.OnCreate("purchase.order.line", func(env *odoosim.Env, id int64) error { return onPurchaseLineChange(env, []int64{id}, nil) })
	s.OnWrite("purchase.order.line", onPurchaseLineChange)
	s.OnCreate("res.partner", onPartnerCreate)
	s.OnWrite("res.partner", onPartnerChange)
	s.OnCreate(mergeModel, onMergeWizardCreate)
	s.OnCreate("ir.actions.server", onServerActionCreate)
}

func registerComputes(s *odoosim.Server) {
	for _, f := range []string{"state", "name", "ref", "move_type", "line_ids", "checked", "narration"} {
		s.Compute("account.bank.statement.line", f, statementInherited(f))
	}
	for _, m := range []string{"account.move", "sale.order", "purchase.order", "res.partner"} {
		s.Compute(m, "message_ids", messageIDs(m))
	}
	s.Compute("account.move", "invoice_line_ids", invoiceLineIDs)
	s.Compute("res.partner", "credit", partnerBalance("asset_receivable", 1))
	s.Compute("res.partner", "debit", partnerBalance("liability_payable", -1))
	s.Compute("account.move.line", "account_type", func(env *odoosim.Env, id int64) any {
		return nilIfEmpty(accountType(env, at(env, "account.move.line", id).m2o("account_id")))
	})
	s.Compute("account.move.line", "move_type", func(env *odoosim.Env, id int64) any {
		return nilIfEmpty(at(env, "account.move", at(env, "account.move.line", id).m2o("move_id")).str("move_type"))
	})
	s.Compute("account.payment", "reconciled_invoice_ids", reconciledInvoices)
	s.Compute("sale.order", "invoice_ids", saleInvoices)
	s.Compute("sale.order", "invoice_count", func(env *odoosim.Env, id int64) any { return int64(len(saleInvoices(env, id).([]int64))) })
	s.Compute("stock.picking", "picking_type_code", func(env *odoosim.Env, id int64) any {
		return nilIfEmpty(at(env, "stock.picking.type", at(env, "stock.picking", id).m2o("picking_type_id")).str("code"))
	})
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// invoiceLineIDs is invoice_line_ids: the move's product, section and note lines (the
// one2many's domain in Odoo), not its tax and receivable/payable lines.
func invoiceLineIDs(env *odoosim.Env, move int64) any {
	lines, err := moveLines(env, move)
	out := []int64{}
	if err != nil {
		return out
	}
	for _, l := range lines {
		switch at(env, "account.move.line", l).str("display_type") {
		case "product", "line_section", "line_note", "":
			out = append(out, l)
		}
	}
	return out
}

// saleInvoices is sale.order.invoice_ids: the moves of the lines' invoice lines.
func saleInvoices(env *odoosim.Env, order int64) any {
	out := []int64{}
	lines, err := env.Search("sale.order.line", []any{leaf("order_id", "=", order)}, "id", 0)
	if err != nil {
		return out
	}
	for _, l := range lines {
		for _, il := range at(env, "sale.order.line", l).ids("invoice_lines") {
			if m := at(env, "account.move.line", il).m2o("move_id"); m != 0 && !containsID(out, m) {
				out = append(out, m)
			}
		}
	}
	return out
}
