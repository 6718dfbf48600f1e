package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Dialect names the SQL database behind a Store.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Options tunes Open. The zero value is valid.
type Options struct {
	Logger *slog.Logger
	// Synchronous is SQLite's synchronous pragma: "NORMAL" (default; a power cut may lose the
	// last transactions but never corrupts) or "FULL" (every commit is durable). Ignored on PostgreSQL.
	Synchronous string
	// Clock stamps CreatedAt/UpdatedAt when the caller left them zero. Defaults to time.Now.
	Clock func() time.Time
	// ReadConns caps SQLite's read pool (default 4). Ignored on PostgreSQL.
	ReadConns int
}

// Store is Smart Odoo's persistence: one type, two dialects, the same behaviour.
//
// On SQLite, Writer is a pool of exactly one connection: every write is serialised through it,
// which is what SQLite wants anyway and what makes "database is locked" impossible inside one
// process. Reader is a separate read-only pool. On PostgreSQL, Writer and Reader are the same pool.
type Store struct {
	Dialect Dialect
	Writer  *sql.DB
	Reader  *sql.DB
	DSN     string // as given to Open, for display; never log it if it carries a password

	log   *slog.Logger
	clock func() time.Time
}

// Close closes both pools.
func (s *Store) Close() error {
	var errs []error
	if s.Reader != nil && s.Reader != s.Writer {
		errs = append(errs, s.Reader.Close())
	}
	if s.Writer != nil {
		errs = append(errs, s.Writer.Close())
	}
	return errors.Join(errs...)
}

// Ping checks that both pools can reach the database.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.Writer.PingContext(ctx); err != nil {
		return unavailable("ping the database (writer)", err)
	}
	if err := s.Reader.PingContext(ctx); err != nil {
		return unavailable("ping the database (reader)", err)
	}
	return nil
}

// InTx runs fn in a transaction on the writer and commits when fn returns nil.
//
// On SQLite the writer has one connection, so fn must use only tx: calling another Store
// method that writes from inside fn would wait for the connection fn itself holds.
// Reads through Store methods (which use the Reader pool) are fine but do not see fn's writes.
func (s *Store) InTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := s.Writer.BeginTx(ctx, nil)
	if err != nil {
		return classify("begin transaction", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return classify("commit transaction", err)
	}
	return nil
}

// now is the injected clock in UTC, at the microsecond precision both dialects store, so a
// struct the store stamped equals the one read back.
func (s *Store) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

// orNow returns t (UTC, microseconds), or the store's clock when t is zero.
func (s *Store) orNow(t time.Time) time.Time {
	if t.IsZero() {
		return s.now()
	}
	return t.UTC().Truncate(time.Microsecond)
}

func newStore(d Dialect, dsn string, w, r *sql.DB, opts Options) *Store {
	clock := opts.Clock
	if clock == nil {
		clock = time.Now
	}
	return &Store{
		Dialect: d,
		Writer:  w,
		Reader:  r,
		DSN:     dsn,
		log:     cmp.Or(opts.Logger, slog.New(slog.DiscardHandler)),
		clock:   clock,
	}
}

// Limits applied to every List method: 0 means defaultLimit, anything above maxLimit is capped.
const (
	defaultLimit = 100
	maxLimit     = 10000
)

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return defaultLimit
	case n > maxLimit:
		return maxLimit
	}
	return n
}

// checkOpen guards against a nil or closed-over zero Store, which would otherwise panic deep
// inside database/sql.
func (s *Store) checkOpen() error {
	if s == nil || s.Writer == nil || s.Reader == nil {
		return fmt.Errorf("store is not open: call store.Open first")
	}
	return nil
}
