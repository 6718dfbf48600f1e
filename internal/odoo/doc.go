// Package odoo is Smart Odoo's client for Odoo 16-19+ external APIs.
//
// # Connecting
//
//	c, err := odoo.New(odoo.Config{URL: "https://acme.odoo.com", DB: "acme", User: "bot@acme.com", APIKey: key})
//	n, err := c.SearchCount(ctx, "res.partner", odoo.Cond("customer_rank", ">", 0))
//
// New only checks the configuration. The first call chooses a transport and, where one is
// needed, logs in; Connect does both up front so a wrong URL or key fails at start-up.
//
// # Transports
//
// Odoo has three external APIs; Config.Transport picks one or "auto" (the default) chooses:
//
//   - json2: POST /json/2/<model>/<method>, Odoo 19+. Authorization: bearer <API key>,
//     X-Odoo-Database, named arguments, the bare result as body and real HTTP status codes.
//     Positional arguments are turned into names for the ORM methods the client knows;
//     for other methods the one positional argument is the record ids and the rest must
//     be passed in kwargs.
//   - jsonrpc: POST /jsonrpc with service "object", method "execute_kw" (all versions,
//     deprecated in 19, removed in 22). Errors come back with HTTP 200 in error.data.
//   - xmlrpc: /xmlrpc/2/common and /xmlrpc/2/object through the in-house codec in
//     package xmlrpc. Its faults carry less information (see Errors).
//
// "auto" asks common.version over /jsonrpc (16-21), then GET /json/version (19+, the only
// way once /jsonrpc is gone), then XML-RPC. It picks JSON-2 on 19+ when an API key is set
// (and on Odoo Online's saas~18.3+ when /json/version answers there), JSON-RPC otherwise
// and XML-RPC only when nothing else answers. JSON-RPC and XML-RPC log
// in with common.login (an API key works in place of the password); JSON-2 needs no login,
// UID looks the user up with the key.
//
// Every transport decodes its answer straight into the caller's value; XML-RPC answers are
// transcoded to the JSON Odoo's JSON-RPC would have sent, so the same typed structs work.
//
// # Calls
//
// Call(ctx, model, method, args, kwargs, out) runs any public method (action_post,
// reconcile, message_post, button_draft…). The ORM helpers are Search, SearchRead,
// SearchCount, Read, ReadGroup, FormattedReadGroup (19+ only; refused locally before),
// NameSearch (sends args= up to 18 and domain= from 19), FieldsGet, Create (always a list
// in, a list of ids out), CreateOne, Write and Unlink. Options set Limit, Offset, Order,
// Lazy, Operator and per-call context; Client.WithContext sets context for every call of a
// view of the client (lang, tz, allowed_company_ids for multi-company, active_test).
// Domains are built with Cond, And, Or and Not and validated before they are sent.
//
// # Values and typed records
//
// Odoo sends empty values as false, many2one as [id, "name"] (a bare id with load=None),
// datetimes as UTC "2006-01-02 15:04:05". String, Many2one, IDs, Date and Datetime accept
// all of these; amounts are float64 to be converted once with Minor or Currency.Money into
// integer minor units. Partner, Move, MoveLine and the other Record types carry json tags
// named after Odoo fields, and Fields(version) lists the fields that exist on that major
// version (renames such as product detailed_type -> type + is_storable, account.account
// company_id -> company_ids, account.move to_check -> checked are tagged since/until).
// SearchRecords, ReadRecords and FetchAllRecords request exactly those fields.
//
// Decoding a page of records into a slice of structs skips encoding/json's reflection
// through a per-type plan (fastdecode.go); anything unusual falls back to encoding/json, and
// a differential fuzz test keeps the two identical. BenchmarkDecodePage measures 1,000-record
// pages of res.partner and account.move.line over JSON-RPC and XML-RPC.
//
// # Errors
//
// Every failure is an *Error with a Kind (AccessDenied, AccessError, UserError,
// ValidationError, MissingError, UnknownModel, UnknownMethod, UnknownField, BadArguments,
// ServerError, Transport, BadResponse), the Python exception Name, Message, HTTPStatus
// and Debug (the traceback, for logs only). Test with errors.Is(err, odoo.ErrMissing) or
// KindOf(err); MissingError also matches core.ErrNotFound. The mapping is checked against
// every captured error of Odoo 18 and 19 on all three transports. Over XML-RPC Odoo only
// says "fault 2" for the whole UserError family, so ValidationError and MissingError are
// recognised by Odoo's standard messages, and a method that returned None (which XML-RPC
// cannot marshal, after the work was committed) is reported as success.
//
// HTML pages (login redirects, proxies), truncated or mistyped JSON and bodies over
// Config.MaxResponseBytes (256 MiB) become Transport or BadResponse errors, never panics.
//
// # Retries, rate and concurrency
//
// Transient failures are retried with exponential backoff and jitter (Config.MaxRetries,
// RetryBaseDelay, RetryMaxDelay): connection failures, HTTP 429 (honouring Retry-After),
// 502/503/504 and PostgreSQL serialization failures, which Odoo rolls back. A failure
// after Odoo may have received the request (a 502, a reset mid-answer) is retried only for
// read-only methods: repeating a create or a payment could apply it twice, and a wrong
// write is worse than none; Error.MaybeApplied tells the caller to re-read the record
// before trying such a write again. User errors are never retried. Each client (and its
// WithContext views) shares a token bucket (RatePerSecond) and at most MaxConcurrency
// requests in flight. Config.Observe receives a CallInfo (transport, model, method,
// attempts, duration, error kind) for every finished RPC, to feed metrics.
//
// # Paging
//
// FetchAll and FetchAllRecords pull a whole model without offsets: they find the smallest
// and largest matching id, split that range, and walk each part with "id > last" ordered by
// id and an explicit field list, at most PageOptions.Concurrency parts at a time. The
// callback is never called concurrently; pages of different parts arrive in any order.
//
// # Tests
//
// Unit tests replay the captures in /work/shared/odoo-reference (skipped when absent).
// Package contract holds the suite that runs against the simulator and, given
// SMARTODOO_TEST_ODOO_URL, _DB, _USER and _KEY, against a real Odoo.
package odoo
