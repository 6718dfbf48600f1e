// Package anomaly is Smart Odoo's library of statistics for spotting unusual accounting
// data: Benford digit tests (first, first two, second and last two digits, with
// chi-square and its p-value, Nigrini's MAD bands, Kolmogorov-Smirnov, per-digit z with
// continuity correction and a drill-down to the rows behind over-represented digits),
// robust and classic z-score outliers per journal, account and partner, duplicate vendor
// bills, round-number clusters, and entries posted at odd times or by unusual users.
//
// Design decision: this package is a library, not an automation. It does not implement
// core.Automation, proposes nothing and depends on Odoo only through the one-method
// odoorow.Caller interface of its ledger loader (LoadLedger), so that the month-end close
// automation (package closing) can run the same detectors and loader as its tenth check
// without one automation importing another (DESIGN §3). The automation that runs an
// anomaly scan on its own, with its schedule and CLI, lives in the sub-package anomaly/scan.
//
// Everything here works on plain Go values (float64, minor-unit int64, the Entry and
// Bill types) so that it runs as well on an exported CSV column as on Odoo journal items.
// Detectors never panic on bad input: they return an error saying what is wrong.
package anomaly
