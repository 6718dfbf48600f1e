// Package closing is the month-end close automation. For one company and period it runs
// ten checks, each a list of findings with severity, amount and record links:
//
//  1. draft journal entries dated in the period;
//  2. bank statement lines up to the period end that are not reconciled (critical when
//     older than the period);
//  3. draft customer invoices and vendor bills dated in the period;
//  4. suspense, outstanding receipts/payments and clearing accounts that are not zero at
//     the period end (only unreconciled amounts on reconcilable accounts);
//  5. registered payments never matched with a bank line;
//  6. sale orders delivered but not invoiced;
//  7. purchase orders received but not billed, each with a proposal to book the accrual
//     as a draft entry dated the period end (debit expense, credit accrued liabilities);
//  8. recurring entries missing: learned from the months before (one posting a month, for
//     about the same amount, by vendor and account or by account and label), reported once
//     their usual day plus a grace has passed;
//  9. tax consistency: posted invoices whose tax lines differ from base x rate;
//  10. anomalies from package anomaly (a library, see its doc.go: an automation never
//     imports another automation, so the detectors and the ledger loader live there).
//
// A readiness score 0-100 weighs every open item by severity and amount; each run appends
// it to the store's "close_readiness" series so the dashboard shows the close converging.
// When the score reaches the rule's ready_at and nothing critical is open, the scan
// proposes the lock dates for the period, chosen from the fields the server has
// (fields_get): period_lock_date on 16/17, sale_ and purchase_lock_date on 18+, and
// fiscalyear_lock_date at year end; hard_lock_date is never proposed since it cannot be
// undone. Lock proposals need a cfo or admin.
//
// Scan is pure (Input in, Report out); Loader fills the Input from Odoo through any client
// with an execute_kw-style Call; Automation wires both with the anomaly scan and the store.
package closing
