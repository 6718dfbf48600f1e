// Package business gives the Odoo simulator (package odoosim) Odoo 18's business methods:
// invoices and journal entries, reconciliation, bank statement lines, payments, sales,
// purchases, stock pickings and the partner merge wizard. Install(s) registers them; the
// behaviour copies Odoo 18.0 Community (addons/account, sale, sale_stock, purchase,
// purchase_stock, stock, base/wizard/base_partner_merge.py). Amounts are computed in
// integer minor units of the company currency and stored rounded to it.
//
// # account.move
//
//   - create (hook): journal defaulted from move_type (sale/purchase/general journal of
//     env.company: the context's allowed_company_ids, else the user's company; Odoo's
//     _search_default_journal), company_id taken from the journal; invoices get date = invoice_date, the
//     partner's payment term, and their dynamic lines like _sync_dynamic_lines: product
//     lines priced (price_subtotal/price_total, round per line, percent/fixed/division taxes,
//     price-included taxes), one tax line per (tax, account), receivable/payable lines split
//     by the payment term with date_maturity, invoice_date_due. amount_untaxed/tax/total/
//     residual and their _signed variants as _compute_amount; payment_state. Entries must
//     balance ("The move (...) is not balanced." UserError as _check_balanced).
//   - write: draft invoices are resynced; on a posted move the fields Odoo protects
//     (line_ids, invoice_line_ids, invoice_date, date, partner_id, invoice_payment_term_id,
//     currency_id, ...) raise "You cannot modify the following readonly fields on a posted
//     move: ..." (context skip_readonly_check allows it). The line_ids/invoice_line_ids part
//     is enforced for RPC calls (write is registered as a business method) because the
//     engine's write hooks do not see x2many values; Go callers of Env.Write are not
//     checked for those two fields.
//   - journal items: on creation a line on a receivable/payable account is a payment_term
//     line (_compute_display_type); amount edits on a posted move's lines must keep it
//     balanced; lines without label take the product's name.
//   - action_post -> false. Errors joined like _post: "The entry NAME (id N) must be in
//     draft.", "The field 'Customer' is required, ...", "You need to add a line before
//     posting.", negative total. Names from the sequence mixin's default formats:
//     INV/2026/00001 (sale, bank, cash journals), BILL/2026/11/0001 (others), R prefix for
//     refunds of journals with refund_sequence, P prefix for payments of journals with
//     payment_sequence. Draft name is "/" on 17-18 and false on 19. Posting sets
//     posted_before, forces the commercial partner on invoice lines, gives customer
//     invoices their payment_reference (the number, or CUST/<ref> for the journal's
//     "partner" reference type) and the receivable lines that label, bumps
//     customer_rank/supplier_rank (the capture notes this side effect), and matches a
//     credit note with the invoice it reverses. action_post on a payment's draft entry
//     posts the payment again.
//   - button_draft -> None (no "result" key): removes the reconciliations, state draft, the
//     name is kept. "Only posted/cancelled journal entries can be reset to draft."
//   - button_cancel -> None: posted moves go through draft, then state cancel.
//   - unlink: a posted move (or a posted move's line) cannot be deleted: "You can't delete a
//     posted journal item. Don’t play games with your accounting records; reset the
//     journal entry to draft before deleting it." (context force_delete skips it).
//   - js_assign_outstanding_line(line_id) -> None: reconciles an outstanding payment or
//     credit line with the invoice's open lines of that account (the "Add" button).
//   - action_register_payment -> the "Pay" wizard action (context active_model
//     account.move.line / active_ids), refused for non-posted, paid or misc documents with
//     Odoo's messages; action_reverse -> the reversal wizard action.
//   - message_post(body=..., subtype_xmlid=...) -> the new mail.message id; also on
//     res.partner, sale.order, purchase.order. message_ids is computed from mail.message.
//
// account.move.reversal (the "Reverse" / "Credit Note" wizard): create with context
// active_model account.move / active_ids (refused: "You can only reverse posted moves.",
// "All selected moves for reversal must belong to the same company."), optional date,
// reason and journal; refund_moves (or reverse_moves) returns the act_window on the new
// moves. Like _reverse_moves, the copy has the reverse type (out_invoice -> out_refund,
// entry -> entry), reversed_entry_id, ref "Reversal of: NAME[, reason]"; an entry's
// reversal has every line negated and is posted and matched with the original at once
// (month-end accrual reversals); an invoice's credit note copies the invoice lines and
// stays draft until posted, when it is matched with the invoice (payment_state reversed).
// reverse_moves(is_modify=True) is refused with an explanation (not simulated).
//
// # account.move.line
//
//   - reconcile -> None. _check_amls_exigibility_for_reconciliation messages ("You are trying
//     to reconcile some entries that are already reconciled.", "You can only reconcile
//     posted entries.", "Entries are not from the same account: ...", "Account ... does not
//     allow reconciliation. ..."). Debits and credits are sorted by (date_maturity or date,
//     amount_currency, balance) and matched in order by account.partial.reconcile records;
//     when every line of the matched group is settled an account.full.reconcile is created.
//     amount_residual, reconciled, full_reconcile_id and matching_number (full id, else
//     "P"+smallest partial id of the group) follow, then the moves' amount_residual and
//     payment_state, statement lines' is_reconciled and payments' is_matched/state.
//     Single currency only (no exchange difference entries, no cash basis taxes).
//   - remove_move_reconcile -> None: deletes the lines' partials and full reconciles.
//   - write: account_id/partner_id/debit/credit/balance/amount_currency/date on a line with
//     partials raise Odoo's "You cannot do this modification on a reconciled journal
//     entry. ..."; tax_ids on a posted line raise "You cannot modify the taxes ...".
//
// payment_state follows _compute_payment_state: not_paid, partial, paid, reversed (settled
// only by credit notes). Community's _get_invoice_in_payment_state returns "paid", so the
// simulator never shows in_payment (Enterprise's accountant module would).
//
// # account.bank.statement.line
//
// create (hook) makes and posts the line's entry: a liquidity line on the journal's
// default_account_id and a counterpart on the journal's suspense_account_id ("You can't
// create a new statement line without a suspense account set on the X journal." otherwise);
// the entry is named like BNK1/2026/00001 and linked both ways (move_id, statement_line_id).
// is_reconciled and amount_residual follow _compute_is_reconciled: the residual is what
// is still on the suspense account; an entry without suspense line counts as reconciled.
// Writing payment_ref/amount/partner_id rewrites the entry (_synchronize_to_moves); editing
// the entry's lines updates the statement line and refuses an entry without exactly one
// liquidity line or with several suspense lines (_synchronize_from_moves).
// action_undo_reconciliation -> None puts back the liquidity and suspense lines. unlink
// deletes the entry too. date, stored on the entry in Odoo (_inherits), is also stored on
// the line in the simulator; state, name, ref, move_type, line_ids, checked and narration
// are computed from the entry.
//
// Community has no bank reconciliation widget in the API; real Odoo 18 supports these call
// sequences over JSON-RPC/XML-RPC/JSON-2 (all tested here):
//
// One invoice, full or partial (the bank amount may be smaller or larger than the invoice):
//
//	st = account.bank.statement.line.create({journal_id, date, amount, payment_ref, partner_id})
//	susp = account.move.line.search([("statement_line_id", "=", st),            # or read st.line_ids
//	                                ("account_id", "=", journal.suspense_account_id)])
//	account.move.line.write(susp, {"account_id": receivable_account, "partner_id": partner})
//	account.move.line.reconcile(susp + [invoice_receivable_line])
//
// Several invoices and/or a fee or write-off line (a posted entry's lines cannot be changed,
// so the entry goes back to draft for the edit and is posted again):
//
//	move = st.move_id
//	account.move.button_draft([move])
//	account.move.write([move], {"line_ids": [
//	    [1, susp, {"account_id": receivable, "partner_id": p, "credit": 350.0}],   # invoice 1
//	    [0, 0, {"account_id": receivable, "partner_id": p, "credit": 400.0}],       # invoice 2
//	    [0, 0, {"account_id": bank_fees, "debit": 5.0, "name": "Bank fee"}]]})      # fee
//	account.move.action_post([move])
//	account.move.line.reconcile([line_for_invoice_1, invoice_1_receivable_line])
//	account.move.line.reconcile([line_for_invoice_2, invoice_2_receivable_line])
//
// (For outgoing money the signs swap: debit the payable lines.) A bank line can also be
// matched with a payment: rewrite the suspense line to the payment's outstanding account
// and reconcile it with the payment's outstanding line, which makes the payment is_matched.
// Undo with account.bank.statement.line.action_undo_reconciliation([st]).
//
// # account.payment
//
// create (hook) defaults the journal (first bank/cash/credit journal), currency, the
// outstanding account (payment method line's account, else the chart's "Outstanding
// Receipts"/"Outstanding Payments" account, else the company's transfer account) and the
// destination account (partner's receivable or payable). A draft payment has no entry, as
// in 18. action_post -> None: state in_process, entry generated and posted (outstanding
// line against the destination account, named PBNK1/2026/00001); name copied from it.
// is_matched/is_reconciled follow _compute_reconciliation_status; Community's
// _compute_state moves in_process to paid once all invoice_ids are paid. action_draft and
// action_cancel -> None (a draft entry is deleted on cancel); unlink deletes the entry too. reconciled_invoice_ids is
// computed.
//
// account.payment.register (the "Register Payment" wizard): create with context
// active_model account.move (or account.move.line) and active_ids fills line_ids, amount,
// payment_type, partner_type, communication (payment reference, else ref, else name),
// journal and payment_date, refusing like default_get ("You can't register a payment
// because there is nothing left to pay on the selected journal items.", different
// companies, inbound and outbound together). action_create_payments creates one payment
// per partner and account (per invoice too unless group_payment), posts it, reconciles it
// with the invoices and returns the ir.actions.act_window dict (form for one payment,
// list for several), or True with context dont_redirect_to_payments. The amount can be
// edited when there is one batch: a smaller amount leaves the invoice partial
// (payment_difference_handling "open"), or settles it with a write-off line on
// writeoff_account_id ("reconcile").
//
// # sale.order, purchase.order, stock.picking
//
//   - sale.order create: name S00001..., invoice/shipping addresses from the customer;
//     amounts and invoice_status (no, to invoice, invoiced, upselling) from the lines;
//     lines get price_subtotal/tax/total, qty_delivered (done outgoing moves),
//     qty_invoiced (non-cancelled invoice lines through sale_line_ids, refunds negative),
//     qty_to_invoice by the product's invoice_policy (order or delivery).
//   - action_confirm -> True: "Some orders are not in a state requiring confirmation." /
//     "A line on these orders missing a product, you cannot confirm it."; the state change
//     is an Env.Write, so base.automation rules run and a code action raising UserError
//     blocks the confirmation (nothing is kept); then a delivery (WH/OUT/00001) is created
//     for goods.
//   - action_cancel: "You cannot cancel a locked order. ..."; a non-draft order answers with
//     the sale.order.cancel wizard action like Odoo; with context disable_cancel_warning it
//     cancels (draft invoices and open pickings too) and returns True.
//   - action_draft -> True: cancelled/sent orders back to draft.
//   - action_lock / action_unlock -> None.
//   - purchase.order create: name P00001..., receipt operation type; button_confirm -> True
//     (state purchase, date_approve, receipt WH/IN/00001); lines get qty_received and
//     qty_invoiced (bill lines through purchase_line_id); invoice_status (no, to invoice,
//     invoiced) by the product's purchase_method (receive by default); receipt_status.
//     button_cancel -> None, refused when a bill is posted ("Unable to cancel purchase
//     order(s): P00001. ..."); button_draft -> {}.
//   - sale.advance.payment.inv (Create Invoice wizard): create with context active_ids (the
//     orders); create_invoices makes one draft invoice per (company, partner, currency) of
//     the lines' qty_to_invoice, linked through sale_line_ids, a credit note when negative,
//     and returns the invoice action; nothing to invoice raises Odoo's "Cannot create an
//     invoice. No items are available to invoice. ..." message. Regular invoices only
//     (down payments are refused with an explanation).
//   - purchase.order.action_create_invoice (Create Bill): the same for bills of orders whose
//     invoice_status is "to invoice" (lines "P00001: Desk", purchase_line_id), else "There is
//     no invoiceable line. ...".
//   - stock.picking button_validate -> True. Moves are created reserved (quantity = demand,
//     as with stock on hand; no quants). "You can’t validate an empty transfer. ..." and
//     "You cannot validate a transfer if no quantities are reserved. ..." as _sanity_check.
//     A move with less than its demand returns the stock.backorder.confirmation action
//     (context default_pick_ids, button_validate_picking_ids) unless skip_backorder;
//     create that wizard with the action's context, then process() makes a backorder
//     picking (backorder_id) for the rest and process_cancel_backorder() drops it. Done
//     quantities feed the orders' qty_delivered / qty_received.
//     stock.location and stock.picking.type are defined minimally (WH/Stock,
//     Partners/Customers, Partners/Vendors, Receipts, Delivery Orders), created on demand.
//
// # res.partner and base.partner.merge.automatic.wizard
//
// commercial_partner_id (a company or a contact without parent is its own, others take
// their parent's) and commercial_company_name are kept on create and on parent_id /
// is_company writes, for the whole subtree.
// credit (Total Receivable) and debit (Total Payable) are computed like _credit_debit_get:
// the open residual of the partner's posted, unreconciled receivable/payable items (a
// search over journal items per partner read).
//
// The merge wizard: create with partner_ids and dst_partner_id, or with context
// active_model res.partner / active_ids (state selection, destination = oldest active
// contact); action_merge returns the wizard's act_window (state finished). Refusals, with
// Odoo 18's messages: more than 3 contacts ("For safety reasons, ..."), a contact and one
// of its parents ("You cannot merge a contact with one of his parent."), more than one
// user, different emails for non-administrators. Then every stored many2one/many2many to
// res.partner found in ir.model.fields is moved to the destination (including
// account.move.line, parent_id and commercial_partner_id of child contacts), model/res_id
// references too (mail.message, mail.activity, ...), empty fields of the destination are
// filled from the sources, customer_rank/supplier_rank summed, a "Merged with the
// following partners: ..." note posted, and the sources are deleted (Odoo 18 unlinks them;
// it does not archive). Odoo 18 has no check on journal items in different companies and
// no context to merge more than 3 contacts: neither does the simulator.
// MergeReferences(env, src) lists, without changing anything, the records per model and
// field that a merge of src would move.
//
// # Wiring
//
// NewServer(opts) is odoosim.New + Install. SeedBooks(env) creates a minimal chart (the
// generic chart's receivable, payable, bank, suspense, outstanding receipts/payments,
// tax, income, expense and bank fee accounts), the INV/BILL/MISC/BNK1 journals, a 15%
// sale tax and the "End of Following Month" payment term, for tests that do not generate
// a whole company. Books written with Insert (the company generator) work with every
// method here: a statement line is found from its entry even when
// account.move.statement_line_id was not written.
//
// # Limits
//
// One currency per company: there are no exchange rates, so a document in another
// currency is booked at par (amount_currency = balance); no exchange differences, cash
// basis taxes, analytic lines, lock dates, hashes, auto-post, reversal wizards or
// down payments. A journal item unlinked directly (not through its move's line_ids) does
// not resync its move's totals. Version 17 payment fields (ref, payment_id, state posted)
// are not simulated.
package business
