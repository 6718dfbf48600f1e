// Package business gives the Odoo simulator (package odoosim) Odoo 18's business methods:
// invoices and journal entries, reconciliation, bank statement lines, payments, sales and
// purchases, stock pickings and the partner merge wizard. Install registers them on a
// server; the full list of methods and the Odoo behaviour each copies is below.
package business
