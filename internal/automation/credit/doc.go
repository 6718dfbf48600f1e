// Package credit scores customers and keeps credit holds.
//
// Score (0-100, grade A-E, with an explanation) = weighted sum of four components, weights
// configurable per rule (defaults 40/25/20/15):
//   - payment history: half the share of invoices paid on time (within grace_days), half
//     exp(-days late / 15) on the amount-weighted days late, over lookback_months;
//   - overdue: half the share of exposure not overdue, half exp(-oldest overdue days / 30);
//   - volume: 12-month invoiced volume against the median customer, on a log scale
//     (median = 50, ten times the median = 100, a tenth = 0);
//   - relationship age: months since the first invoice or the partner's creation, 36 = 100.
//
// Amounts are in the company currency (Odoo's *_signed fields); child contacts roll up to
// their commercial partner. Exposure = open receivables + confirmed-but-uninvoiced sales
// orders + draft invoices. The suggested credit limit grants months of average invoicing
// by grade (limit_months) and is proposed as a res.partner write, never applied silently.
//
// Holds: a customer is held when exposure exceeds its limit (hold_exposure "total", or
// "receivable" for posted receivables only) or something is overdue beyond
// hold_overdue_days. A hold is the res.partner.category "Credit hold" on the partner; a
// native base.automation rule on sale.order, created through the API once (HoldRuleProposal;
// server action state "code" inline on 16, linked through action_server_ids on 17+),
// raises UserError when an order of a tagged partner is confirmed. Hold and release are
// proposals adding or removing the tag, at confidence 1 so the rule's policy can apply
// them at once; a cfo or admin can override a hold with a reason (OverrideHold), kept in
// the store and carried into the release proposal's rationale and evidence.
//
// Every run appends each score to the store's "credit_score" series (key: partner id).
// ScoreAll is pure; Load reads Odoo through any client with an execute_kw-style Call.
package credit
