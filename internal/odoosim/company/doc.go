// Package company generates a realistic, deterministic company into an Odoo simulator and
// writes the ground truth that automations are scored against.
//
//	tr, err := company.Generate(ctx, company.Options{Seed: 1, Size: company.SizeDemo,
//		Version: 18, Today: today}, sink)
//	err = tr.WriteJSON(f)          // scorers: company.ReadTruth(f)
//
// Scorers can use tr.Dedup.Pairs(), tr.Bank.ByLine(), tr.Credit.ByPartner() and
// tr.Anomaly.MoveKinds(); tr.Summary() is a one-line description for logs.
//
// Same Seed, Size, Version and Today give the same records, in the same order, and the
// same truth file, byte for byte. Every concern draws from its own PCG stream (math/rand/v2)
// keyed by the seed, a concern name and an index (customer i, vendor j, ...), so adding
// content to one concern does not shift the others, and a partner's history can be
// regenerated alone.
//
// # Sizes
//
//	small  26 customers, 8 vendors: ~70 partners, ~310 customer invoices, ~530 bank lines; ~0.1 s
//	demo   270 customers, 40 vendors: ~660 partners, ~3,500-4,000 customer invoices,
//	       ~3,700 bank lines (~130-150 unreconciled); ~1 s
//	large  150,000 customers, 3,000 vendors, filler contacts up to exactly 1,000,000 partners,
//	       ~2.25 million journal items, 5.2 million records; streamed (see below); 37-65 s on
//	       the shared 2-core machine depending on load, 65-85 MiB peak heap, a 50 MiB truth file
//
// The demo bank journal has more lines than the ~2,000 first aimed at, because every paid
// invoice and bill is paid by its own bank transfer (some grouped).
//
// # How records are written
//
// The Sink receives raw stored values (many2one int64, x2many []int64, char/selection string
// or nil for false, dates "2006-01-02", datetimes "2006-01-02 15:04:05" UTC, float64 amounts).
// Insert runs no business logic, so the generator writes Odoo 18's stored computed fields
// itself and consistently: move amounts and residuals, payment_state, line balances and
// residuals (balance minus what account.partial.reconcile records match, only on
// reconcilable and cash accounts, as _compute_amount_residual does), matching_number (the
// full reconcile id, or "P" + the smallest partial id of a partially paid document),
// is_reconciled and amount_residual of statement lines. Sequence names are chronological
// per journal and year (INV/2026/00001 is the first invoice dated 2026): documents are
// emitted partner by partner, so Generate runs twice, first against a counting sink to
// learn how many documents each journal has on each day, then for real. Draft moves are
// named "/" (18) or false (19) and consume no number.
//
// Optional sink interfaces: Patcher (set a value on an inserted record) is used for the
// back-references Odoo stores on both sides: account.move.statement_line_id,
// account.move.origin_payment_id, res.partner.commercial_partner_id of a commercial entity,
// and "P<id>" matching numbers; without it those stay empty. Finder (Search and Get, as
// *odoosim.Env has them) lets the generator reuse the sink's EUR currency, countries and
// first company instead of creating a second company nobody's user can see.
//
// The large size never holds records: each record map is handed to the sink and dropped;
// what is kept is the truth (one small struct per customer, vendor and planted item) and
// the id lists for orders and leads. BenchmarkGenerateLarge measures time and peak heap
// with a counting sink.
//
// # Fields written (Odoo 18 names; TestWrittenFieldsAreStoredOdooFields checks each one
// against the 18.0 and 19.0 fields_get captures, or the 18 source for uncaptured models)
//
//	res.currency      name symbol full_name decimal_places rounding position active currency_unit_label currency_subunit_label iso_numeric
//	res.country       name code currency_id phone_code
//	res.company       name partner_id currency_id email phone sequence
//	res.users         login partner_id active company_id company_ids share
//	res.partner       name is_company parent_id type function street zip city country_id vat email email_normalized phone website
//	                  active lang company_id customer_rank supplier_rank commercial_company_name commercial_partner_id credit_limit
//	res.partner.bank  acc_number sanitized_acc_number partner_id acc_holder_name active allow_out_payment sequence company_id
//	account.account   code_store name account_type reconcile company_ids deprecated non_trade
//	account.tax       name amount amount_type type_tax_use company_id active country_id invoice_label tax_exigibility sequence price_include_override
//	account.journal   name code type company_id active sequence show_on_dashboard refund_sequence invoice_reference_type
//	                  invoice_reference_model default_account_id suspense_account_id bank_account_id
//	product.template  name default_code type is_storable list_price sale_ok purchase_ok active invoice_policy purchase_method taxes_id
//	                  supplier_taxes_id property_account_income_id property_account_expense_id
//	product.product   product_tmpl_id default_code active standard_price
//	product.supplierinfo partner_id product_tmpl_id product_id price min_qty delay currency_id company_id sequence product_code
//	account.move      name move_type state date invoice_date invoice_date_due partner_id commercial_partner_id journal_id company_id
//	                  currency_id ref payment_reference invoice_origin invoice_partner_display_name amount_untaxed amount_tax
//	                  amount_total amount_residual
//	                  amount_{untaxed,tax,total,residual}_signed amount_{total,untaxed}_in_currency_signed payment_state posted_before
//	                  auto_post invoice_currency_rate checked invoice_user_id create_date write_date create_uid write_uid
//	                  [+ statement_line_id, origin_payment_id by Patcher]
//	account.move.line move_id move_name date journal_id company_id company_currency_id currency_id account_id partner_id name
//	                  debit credit balance amount_currency amount_residual amount_residual_currency reconciled full_reconcile_id
//	                  matching_number date_maturity display_type parent_state sequence product_id quantity price_unit price_subtotal
//	                  price_total tax_ids tax_line_id tax_base_amount invoice_date ref
//	account.partial.reconcile debit_move_id credit_move_id amount debit_amount_currency credit_amount_currency full_reconcile_id
//	                  company_id debit_currency_id credit_currency_id max_date exchange_move_id
//	account.full.reconcile exchange_move_id (its lines point at it through full_reconcile_id)
//	account.bank.statement.line move_id journal_id company_id currency_id payment_ref partner_id partner_name account_number amount
//	                  amount_currency foreign_currency_id amount_residual is_reconciled sequence transaction_type statement_id
//	                  (the line's date is its move's date: statement lines inherit account.move)
//	account.payment   name move_id amount amount_company_currency_signed payment_type partner_type partner_id journal_id date memo
//	                  state is_reconciled is_matched company_id currency_id outstanding_account_id destination_account_id
//	sale.order        name partner_id partner_invoice_id partner_shipping_id state date_order validity_date invoice_status amount_*
//	                  currency_id company_id user_id picking_policy delivery_status require_signature locked
//	sale.order.line   order_id order_partner_id product_id name product_uom_qty price_unit price_subtotal price_tax price_total
//	                  qty_delivered qty_invoiced qty_to_invoice invoice_status state sequence tax_id currency_id company_id
//	                  qty_delivered_method customer_lead discount invoice_lines
//	purchase.order    name partner_id state date_order date_approve date_planned effective_date amount_* currency_id company_id
//	                  invoice_status receipt_status user_id priority invoice_count
//	purchase.order.line order_id partner_id product_id name product_qty product_uom_qty price_unit price_subtotal price_tax
//	                  price_total qty_received qty_invoiced date_planned taxes_id currency_id company_id state sequence qty_received_method
//	stock.picking     name origin partner_id scheduled_date date_deadline date_done state move_type priority company_id sale_id create_date printed
//	stock.move        name reference origin product_id product_uom_qty product_qty quantity picking_id state date date_deadline picked
//	                  price_unit purchase_line_id sale_line_id partner_id company_id procure_method priority
//	crm.lead          name type partner_id partner_name contact_name email_from phone expected_revenue probability active priority
//	                  date_deadline date_closed user_id company_id city country_id create_date date_open
//
// Version differences applied (from the 17/19 fields_get): on 19 sale.order.line tax_id ->
// tax_ids, purchase.order.line taxes_id -> tax_ids without state/currency_id, purchase.order
// state "done" -> "purchase", no res.partner/crm.lead mobile, no stock.move name, no
// account.account deprecated, draft move name false. On 17 product.template type "product"
// + detailed_type instead of is_storable, account.account code and company_id instead of
// code_store and company_ids, account.move to_check (= not checked), account.payment state
// "posted" and ref instead of memo (17 has no "in_process"). uom, stock.location and picking types are not written (the
// simulator does not define them).
//
// # What is planted, and the truth file (JSON, schema 1)
//
//	{"schema":1, "seed", "size", "version", "today",
//	 "company":  {"id", "partner_id", "currency_id", "accounts":{role:id}, "journals":{sale,purchase,bank,misc},
//	              "taxes":{sale,purchase}, "users":{accountant,ap_clerk,temp}},
//	 "counts":   {model: records inserted},
//	 "dedup":    {"clusters":[[original_id, dup_id...]], "variations":[[[], [kind...], ...]], "hard_negatives":[[id, id]]},
//	 "credit":   {"cutoff", "late_rule", "hold_rule", "customers":[{"partner_id", "behaviour", "credit_limit", "invoices",
//	              "due_in_window", "late_after_cutoff", "on_hold", "hold_reasons" (exposure_over_limit, overdue_over_60_days),
//	              "open_receivable", "draft_invoiced", "uninvoiced_orders", "exposure", "max_days_overdue"}]},
//	 "bank":     {"journal_id", "reconciled", "case_counts", "unreconciled":[{"line_id", "move_id", "case", "amount",
//	              "partner_id", "invoice_move_ids", "counterpart_account_id", "fee"}]},
//	 "vendors":  {"vendors":[{"partner_id", "behaviour", "kind"}], "degrading":[id], "single_source":{"<product.product id>": vendor_id}},
//	 "anomalies":{"approval_threshold", "round_number":[move], "duplicate_bills":[[original, duplicate]],
//	              "amount_outliers":[move], "outlier_account_id", "off_hours":[move], "rare_user_id"},
//	 "close":    {"periods":["YYYY-MM" previous, current], "draft_entries", "draft_invoices", "draft_bills",
//	              "unreconciled_bank_lines", "suspense_account_id", "suspense_balance", "suspense_moves",
//	              "clearing_balances":{role: posted balance at today for suspense, outstanding_receipts,
//	              outstanding_payments, card_clearing, credit_card, payroll_payable},
//	              "unmatched_payments" (account.payment ids), "delivered_not_invoiced" (sale.order ids),
//	              "received_not_billed" (purchase.order ids), "missing_recurring":[{"label", "partner_id", "account_id",
//	              "period", "posted_months", "last_move_id", "typical_amount"}], "tax_inconsistencies":[move]}}
//
// Partners: companies (BE, DE, FR, NL, AT) with legal forms, 0-3 child contacts
// (contact/invoice/delivery; half the invoices of a company with an invoicing contact are
// addressed to it: partner_id = the contact, commercial_partner_id and the journal items'
// partner = the company, which is the id the truth uses), persons; VAT numbers with valid national checksums, IBANs with
// valid ISO 13616 (and BE/FR national) check digits, phones in five formats that all parse
// to the same E.164 number. Duplicate clusters (2-4 records): the original plus variants
// with two or three of typo, legal_form (GmbH vs G.m.b.H.), case, accents (Müller ->
// Mueller), email_format, phone_format, missing_vat, street_abbrev (Straße -> Str.),
// name_order (persons: given and family swapped). Hard negatives: a different entity with
// the same family name (other activity or given name, other VAT, address and email).
//
// Credit: each customer has a behaviour — on_time (pays 2-10 days before due), slow (5-20
// days late), chronic_late (30-90 late), partial_payer (40-60% first, the rest 25-60 days
// late), defaulter (slow until an onset 70-220 days ago, then never) — over 18 months of
// invoices; 40% have a credit_limit. late_after_cutoff and on_hold follow the exact rules
// in the truth's late_rule and hold_rule strings (cutoff = today - 90 days; hold =
// exposure over limit, or a posted invoice with residual > 0 due more than 60 days ago;
// exposure = open receivable + draft invoices + confirmed sale orders not invoiced). A
// backtest should only score customers with due_in_window > 0: the others give no evidence.
//
// Bank: each payment is a statement line. Lines dated in the last 45 days are left
// unreconciled with probability 0.38 (their documents stay open, their move keeps a
// suspense line); older lines are reconciled. Case types: exact (payment_ref carries the
// invoice number), typo_reference (spaces, lost separators, dropped zero, swapped digits,
// lower case, last character cut off), structured_reference (the invoice's payment_reference is an ISO 11649 RF
// reference or a Belgian +++ddd/dddd/ddddd+++ communication with valid mod-97 check, both
// built from the invoice number's digits so they are unique; RF
// sometimes printed in blocks of four), grouped (half the customers have a monthly
// payment run: one line pays 2-4 invoices of the customer on the earliest of their
// scheduled dates; the label lists the invoice numbers, sometimes shortened), partial (an installment of a
// partial payer), fee (amount = invoice total minus a bank fee; "fee" gives it; reconciled
// ones book the fee on Bank Fees), payer_name (no partner_id; partner_name is a spelling
// variant or a related company, sometimes with that company's IBAN), no_invoice (bank fees,
// Stripe payouts, salaries, a storage lease by direct debit, the monthly VISA card
// statement, with stable label patterns; counterpart_account_id is where the reconciled
// ones are booked: Bank Fees, Card Payments Clearing, Salaries Payable, Rent, Company
// Credit Card). Vendor bill payments are
// outgoing lines (exact or typo_reference). Any unreconciled line may lack partner_id
// (25%); partner_id in the truth is always the true partner.
//
// Vendors: vendor 0 is a landlord (rent bill monthly for the 12 months before the current
// one, not this month: the missing recurring entry), 1 a SaaS provider and 2 a utility
// (monthly bills); the others supply goods, each product having exactly one vendor
// (single_source), with purchase orders, receipts (stock.picking WH/IN) whose date_done
// follows the vendor's behaviour (on_time, degrading: delays growing over the last four
// months, unreliable: -3..25 days) and bills; 30% of receipts of the last 30 days are not
// billed yet (received_not_billed).
//
// Anomalies: round_number = 4 x scale "Consulting advance" entries of 4,800-4,999 EUR, just
// under the 5,000 approval threshold; duplicate_bills = a bill entered twice (same vendor
// and amount, 0-4 days later, retyped ref), the copy unpaid; amount_outliers = 2 x scale
// Office Supplies entries of 18,000-60,000 where the normal ones are 15-400; off_hours =
// 3 x scale entries dated on a weekend and created between 23:00 and 03:00 by the rare
// "temp" user. All other amounts are log-uniform or log-normal (Benford-like), and every
// other move (invoices, bills, bank moves, entries) is dated on a business day and created
// between 07:00 and 17:00 UTC by the accountant or the AP clerk. Office,
// travel and the planted entries are paid with the company credit card (credited to
// Company Credit Card, cleared by the next month's card statement); payroll entries are
// cleared by the salary transfer; Stripe payouts by a month-end "Webshop card sales" entry.
//
// Close (previous and current month): draft entries, draft invoices and bills, tax
// inconsistencies (unpaid invoices whose tax line is 19% of the base instead of 21%),
// unreconciled bank lines, the suspense balance (unreconciled lines plus one stray posted
// correction), customer payments registered but never matched (account.payment in_process),
// delivered-not-invoiced sale orders, received-not-billed purchase orders, the missing rent
// bill. The rent bill is the only recurring document missing: the other monthly items
// (bank fees on the 2nd, card statement on the 3rd, storage lease on the 5th, SaaS and
// utility bills in the first days, payroll on the 25th and its transfer on the 27th,
// webshop sales and depreciation two days before month end, all moved to business days)
// exist for every month whose date has passed at Today.
//
// Sales: 30% of the posted customer invoices come from a confirmed, delivered sale order
// (invoice_origin = the order's name; each order line's invoice_lines holds the invoice's
// product line; goods go out on a WH/OUT picking). The other orders are quotations and
// cancelled orders, and in the open periods confirmed orders not delivered yet or
// delivered but not invoiced (delivered_not_invoiced). CRM leads and opportunities (won:
// probability 100, lost: archived) round off the pipeline.
package company
