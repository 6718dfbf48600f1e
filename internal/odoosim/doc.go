// Package odoosim is an in-memory server that behaves like Odoo 17, 18 and 19 over
// JSON-RPC, XML-RPC and JSON-2, for Smart Odoo's tests and demo.
package odoosim
