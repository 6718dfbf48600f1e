// Package store is Smart Odoo's persistence: events, rules and schedules, runs, findings,
// proposals and their approvals, the audit log, API keys, Odoo connections and poller
// watermarks, dismissals, automation state and time series.
//
// # Two dialects, one behaviour
//
// SQLite (modernc.org/sqlite, pure Go) is the default; PostgreSQL (pgx through database/sql)
// is for production and for more than one worker process. Open picks the dialect from the
// DSN. Every method behaves the same on both, and the conformance suite (the *_test.go files
// here, run through eachStore) proves it: it runs on a SQLite file always and on a fresh
// PostgreSQL schema when SMARTODOO_TEST_POSTGRES_URL is set:
//
//	SMARTODOO_TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' \
//	    go test ./internal/store/...
//
// Queries are written once with "?" placeholders; Store.q rebinds them to $1, $2… for
// PostgreSQL. The schema is written twice, migrations/sqlite and migrations/postgres, kept in
// step by hand: same tables, columns and constraints, TEXT vs TIMESTAMPTZ/JSONB/BOOLEAN.
// Times are stored in UTC at microsecond precision (PostgreSQL's) and come back as UTC
// time.Time; on SQLite they are fixed-width text so that text order is time order.
// JSON comes back with the same meaning but not necessarily the same bytes (JSONB reorders
// keys): compare documents, not strings.
//
// # SQLite: one writer
//
// Store.Writer is a pool of exactly one connection (WAL, busy_timeout, foreign keys,
// BEGIN IMMEDIATE); Store.Reader is a separate read-only pool. All writes queue on the
// writer, which is what SQLite wants. The consequence to remember: inside InTx, use only the
// *sql.Tx you were given (InsertEventTx, InsertFindingsTx, FinishRunTx, InsertAuditTx,
// TransitionProposalTx, River's InsertTx). Calling a writing Store method from inside fn
// waits for the connection fn holds, forever. Reads through Store methods use the Reader
// and do not see fn's uncommitted writes.
//
// # Migrations
//
// Numbered SQL files embedded per dialect, applied by github.com/pressly/goose/v3 into the
// table smartodoo_schema_version (River's own tables are river_* and migrated by the queue
// package). On PostgreSQL an advisory lock makes concurrent `--migrate` starts safe.
// CheckSchema refuses a schema that is not the binary's, with an error telling the operator
// to run `smartodoo migrate up`. To change the schema, add 0002_<what>.sql to both
// directories with "-- +goose Up" / "-- +goose Down" sections; never edit a released file.
//
// # Semantics worth knowing
//
//   - Events coalesce on core.Event.CoalesceKey: a repeat bumps Duplicates and reports
//     inserted=false, so ingest routes each change once however many posts Odoo sends.
//   - Proposals are idempotent by DedupKey: while one with the key is pending, approved or
//     rejected, InsertProposal returns it instead of creating another (a unique partial
//     index enforces it under concurrency). Conflict, failed and applied free the key.
//   - TransitionProposal is a compare-and-set on status; of any number of concurrent
//     approve/reject calls exactly one wins and the others get core.ErrConflict with the
//     current proposal. The first Decision set on a proposal is also written to approvals.
//   - Errors: missing rows are core.ErrNotFound, bad input core.ErrInvalid (with a message
//     saying what to fix), lost races core.ErrConflict, and a database that is down or busy
//     core.CodeUnavailable; anything else is internal and wrapped with what was being done.
//   - Lists return newest first (events: oldest first, for feeds) with Limit (default 100,
//     max 10000) and BeforeID/AfterID paging, and an empty slice rather than nil.
//
// storetest opens migrated stores for other packages' tests.
package store
