// Package bankrec reconciles bank statement lines with open receivable and payable items
// (invoices, bills, credit notes, customer and vendor payments left open on those accounts)
// and with the outstanding items of payments registered in Odoo but not yet matched with the
// bank, and books lines without a document by learned rules. It never writes to Odoo: it
// returns proposals.
//
// Layers: a pure engine over plain inputs (Line, Item, Partner -> Index, Matcher,
// Suggestion), a loader that reads those inputs from Odoo (Load, RawData.Build), and the
// core.Automation (New, Run, Suggest, Confirm, Reject) with its cobra command (Command).
//
// # Candidates
//
// For each line the matcher looks items up by what the label says and who paid, never by
// scanning all items: structured references (ISO 11649 "RF.." and Belgian
// "+++ddd/dddd/ddddd+++", accepted only with valid check digits), document sequence
// numbers read from the label with the usual damage undone (lost separators, a year glued
// to the number, dropped leading zeros, one swapped pair of digits, one or two digits cut
// off where the bank truncated the label), vendor bill references, the partner on the
// line, the owner of the payer's IBAN (res.partner.bank) and partners whose names resemble
// the payer name (folded, legal forms dropped, token-set/Jaro-Winkler similarity), and
// items of exactly the line's amount.
//
// # Scoring
//
// Each single-item candidate gets features: reference (1 = the document number or payment
// reference appears in the label, 0.85 = same number differently written, 0.6 = sequence
// only, swapped digits or cut off), amount (1 exact, 0.7 overpaid by at most
// overpay_tolerance, 0.6 short by at most max_fee and max_fee_ratio: a bank fee written off
// to fee_account_id, 0.25 part payment, only when the document is named; installment words
// such as "Acompte" or "Teilzahlung" make a short payment partial, not a fee), partner (1 line's partner, 0.95 IBAN owner, name similarity, negative when the
// payer is someone else) and date (paid after the document date, recently). A line paying
// several documents of one partner is found from the documents the label names, or by a
// bounded subset-sum (at most max_group items among the partner's max_partner_open most
// recent, node budget, stops at the second solution to know whether it is unique); a
// credit note the label names counts with its sign (any subset of the named documents that
// adds up, at most 12 named). Lines
// without a document match rules: Odoo reconciliation models (writeoff_suggestion) read
// from Odoo. The ranking score weighs reference > amount > partner > date; the best
// candidate's lead over the runner-up and the number of near rivals are features too.
// MatchAll gives each document to one line: the most confident keeps it, others re-match.
//
// # Confidence
//
// A logistic regression over the features, then isotonic regression (pool adjacent
// violators, each block smoothed with one imaginary right and one wrong answer so that no
// block claims certainty), fitted on the ground truth of 16 generated demo companies
// (internal/odoosim/company) in three variants (as generated; partners stripped from the
// lines; a third of the references removed as well) and committed in calibration_table.go;
// a test re-checks the calibration on 6 other seeds. Answers the data barely covers are
// capped below 0.95 whatever the fit (evidenceCap): amount-only matches, contested answers,
// overpayments. The rule's auto_apply_at (0 by default: everything waits for a person) can
// be set to 0.95 once people trust it.
//
// # Learning
//
// Reconciled lines in Odoo whose counterpart is one plain account, plus confirmations given
// through Confirm, are examples. Learn clusters them per journal, sign and account by label
// words (Jaccard) and, with min_support examples, proposes a rule (proposal kind
// "bankrec_rule"): the words all examples share, in order, as a regex, and the amount band
// widened by half. Approving it creates the account.reconcile.model, which the next run
// reads back. Reject remembers a suggestion people refused.
//
// # Proposals
//
// See ReconcileProposal for the Odoo calls (the sequences internal/odoosim/business
// documents and tests for Odoo 18/19 Community): write the line's suspense item over to the
// counterpart account and reconcile it with the open items; only a fee write-off, which adds
// a line, goes through button_draft / write / action_post. Expectations: the line still
// unreconciled for the same amount, every item still owing the same residual (and, on the
// fee path, the entry still posted).
package bankrec
