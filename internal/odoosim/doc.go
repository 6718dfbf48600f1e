// Package odoosim is an in-memory server that behaves like Odoo 17, 18 and 19 over
// JSON-RPC, XML-RPC and JSON-2, for Smart Odoo's tests and demo and for anyone's
// integration tests (`smartodoo odoosim serve`).
//
// # How a call flows
//
//	HTTP (jsonrpc.go, json2.go, xmlrpc.go, session.go)
//	  -> dispatch (rpc.go): service, db, uid + password/API key, model, method
//	  -> execute: unknown model / private method / unknown method checks, argument
//	     binding with Python's TypeError wording (signature.go), missing records
//	  -> one transaction (Server.inTx): ORM method (orm.go, readgroup*.go) or a
//	     business method registered with RegisterMethod
//	  -> Env record operations (env.go, records.go, x2many.go, read.go, search.go)
//	  -> the store (table.go, column.go)
//
// Errors are *OdooError values carrying the Python exception path
// (odoo.exceptions.UserError, builtins.ValueError, ...). Each transport renders them once,
// the way the simulated version does: JSON-RPC envelopes (code 200 on 18, 0 on 19, key
// order per version), XML-RPC fault codes 1-4 or legacy string codes, JSON-2 statuses
// (json2Status is the one place they are chosen).
//
// # Schema
//
// Field definitions come from real fields_get captures, compacted by
// internal/schemagen (`go generate`) into schema/<major>/<model>.json and embedded, so
// the binary needs nothing at run time. Version 17 is 18's schema with 17's differences
// (applyV17). Models the captures lack are declared in schema_extra.go after Odoo 18's
// sources. schema_build.go adds orders, _rec_name, defaults, and a few fields the
// simulator stores although Odoo computes them (company-dependent codes, _inherits
// fields of statement lines, payments, variants and users), so generators can Insert them.
//
// # Store
//
// Each model has a table: rows appended with increasing ids, never moved (unlink marks a
// row dead), ids found by binary search. Values live column by column (one typed slice
// per field that any row has set): int64 for many2one/integer, float64, bitsets for
// booleans, and strings in append-only byte blocks referenced by pointer-free cells, so
// a million partners cost about 180 heap bytes each and nothing for the GC to scan.
// A row that never set a field reads its default (Field.Default) or Odoo's empty value.
// Searches scan the table, except conjunctions pinned by id or by a many2one value (the
// lines of a move), which go through the id order or the field's inverse index, built on
// first use and then maintained; pages ordered by id stop at their last row.
// one2many values are derived from the inverse many2one through an index kept up to date
// by every change (and rollback). many2many ids are stored on one side; the reverse
// sides Odoo shares a relation table with (tag partners, group users) read and write
// through it (m2mMirrors). Columns holding one value on every row (company_id,
// create_uid...) store it once; integers stay int32 until a value needs more.
//
// Raw values (Env.Get, Insert, hooks): many2one int64 (0 = empty), x2many []int64,
// char/text/html/selection/date/datetime string or nil (Odoo's false), date
// "2006-01-02", datetime "2006-01-02 15:04:05" UTC, float/monetary float64, integer
// int64, boolean bool. Create and Write also take Odoo command lists for x2many.
//
// # Transactions and locking
//
// One RWMutex guards all data. Read-only ORM calls share it; every other call (write
// methods, business methods) holds it exclusively for its whole duration and runs in a
// transaction whose undo journal restores every value, row and x2many change when
// anything fails - a validation, a hook, an automation's UserError. So a call is atomic
// and calls are serializable. Code running inside a call must use the *Env it was given
// (or one derived with WithContext): calling SuperEnv() operations from inside a hook
// would wait for the lock the call already holds.
//
// # Automations
//
// base.automation and ir.actions.server are ordinary records, created over RPC like on a
// real Odoo. create/write/unlink evaluate the rules of the model (filter_pre_domain on the
// old values, filter_domain on the new ones, trigger_field_ids against the written
// fields) inside the transaction. Actions of state "webhook" queue a POST that a single
// sender goroutine delivers after commit, in commit order, with Odoo's headers and
// json.dumps(sort_keys=True) body, 1 s timeout, no retry; a call that fails posts
// nothing. Actions of state "code" may only be `raise UserError("...")`, optionally
// `% record.name`: the simulator cannot run Python and refuses any other code (and any
// other action state) when the action is saved, with a ValidationError that says so.
//
// # What is not simulated
//
// Access rights and record rules (every user may do everything; groups are only
// reported by has_group and res.users fields), multi-company isolation
// (allowed_company_ids is ignored), translations and time zones (lang and tz are ignored;
// datetimes group by UTC day/month), Odoo's commercial-field sync to contacts, time-based
// and UI triggers, formatted_read_group's having=, 18's synchronous webhook posts (all
// versions post after commit), and the business logic of accounting, sales and stock,
// which lives in the business sub-package and plugs in through RegisterMethod, OnCreate,
// OnWrite, OnUnlink, Compute and SetDefault.
//
// # Users
//
// admin (uid 2, every group; password Options.AdminPassword, API key
// Options.AdminAPIKey) and one user per dashboard role, password = login, API key
// "<login>-demo-key": cfo (account.group_account_manager), sales
// (sales_team.group_sale_manager), warehouse (stock.group_stock_manager) and viewer
// (base.group_user only). AddUser and AddAPIKey add more.
package odoosim
