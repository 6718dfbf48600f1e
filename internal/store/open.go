package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver
)

// DefaultSQLitePath is where Open puts the database when the DSN is empty.
const DefaultSQLitePath = "data/smartodoo.db"

// Open connects to the database named by dsn:
//
//	""                          SQLite file ./data/smartodoo.db (the directory is created)
//	"sqlite:<path>", "<path>"   SQLite file at path
//	"file:<path>?<params>"      SQLite URI (our pragmas are added to yours)
//	"postgres://…", "postgresql://…"  PostgreSQL through pgx
//
// Open does not migrate: call Migrate (or CheckSchema to refuse an out-of-date schema).
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	var (
		s   *Store
		err error
	)
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		s, err = openPostgres(dsn, opts)
	default:
		s, err = openSQLite(dsn, opts)
	}
	if err != nil {
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("open %s store: %w", s.Dialect, err)
	}
	s.log.Debug("store opened", "dialect", s.Dialect)
	return s, nil
}

func openPostgres(dsn string, opts Options) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w (the URL should look like postgres://user:pass@host:5432/db?sslmode=disable)", err)
	}
	// Enough for a server and its workers; PostgreSQL's default max_connections is 100.
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	return newStore(Postgres, dsn, db, db, opts), nil
}

func openSQLite(dsn string, opts Options) (*Store, error) {
	path, query, err := sqlitePath(dsn)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("create the directory for SQLite database %s: %w", path, err)
	}
	sync := strings.ToUpper(cmp.Or(opts.Synchronous, "NORMAL"))
	if sync != "NORMAL" && sync != "FULL" {
		return nil, fmt.Errorf("SQLite synchronous setting %q is not supported: use NORMAL or FULL", opts.Synchronous)
	}
	writer, err := sql.Open("sqlite", sqliteDSN(path, query, sync, false))
	if err != nil {
		return nil, fmt.Errorf("open SQLite writer %s: %w", path, err)
	}
	// One writer connection: SQLite allows one writer at a time, and queuing in database/sql
	// is cheaper and fairer than spinning on SQLITE_BUSY.
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	reader, err := sql.Open("sqlite", sqliteDSN(path, query, sync, true))
	if err != nil {
		_ = writer.Close()
		return nil, fmt.Errorf("open SQLite reader %s: %w", path, err)
	}
	n := cmp.Or(opts.ReadConns, 4)
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	return newStore(SQLite, dsn, writer, reader, opts), nil
}

// sqlitePath extracts the file path and any URI parameters from a SQLite DSN.
func sqlitePath(dsn string) (path string, query url.Values, err error) {
	query = url.Values{}
	switch {
	case dsn == "":
		path = DefaultSQLitePath
	case strings.HasPrefix(dsn, "sqlite://"):
		path = strings.TrimPrefix(dsn, "sqlite://")
	case strings.HasPrefix(dsn, "sqlite:"):
		path = strings.TrimPrefix(dsn, "sqlite:")
	case strings.HasPrefix(dsn, "file:"):
		rest := strings.TrimPrefix(dsn, "file:")
		p, q, _ := strings.Cut(rest, "?")
		if query, err = url.ParseQuery(q); err != nil {
			return "", nil, fmt.Errorf("SQLite DSN %q has unreadable parameters: %w", dsn, err)
		}
		if path, err = url.PathUnescape(strings.TrimPrefix(p, "//")); err != nil {
			return "", nil, fmt.Errorf("SQLite DSN %q has a badly escaped path: %w", dsn, err)
		}
	default:
		if strings.Contains(dsn, "://") {
			return "", nil, fmt.Errorf("database URL %q has an unknown scheme: use postgres://…, sqlite:<path> or a file path", redact(dsn))
		}
		path = dsn
	}
	if path == "" || path == ":memory:" || query.Get("mode") == "memory" {
		return "", nil, fmt.Errorf("SQLite DSN %q names no file: the store needs a file (it keeps a separate read pool); give a path such as data/smartodoo.db", dsn)
	}
	return path, query, nil
}

// sqliteDSN builds a modernc.org/sqlite URI. Pragmas are set per connection by the driver,
// so every pooled connection gets them.
func sqliteDSN(path string, query url.Values, sync string, readOnly bool) string {
	q := url.Values{}
	for k, v := range query {
		q[k] = append([]string(nil), v...)
	}
	q.Set("_busy_timeout", "10000")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", sync)
	q.Set("_foreign_keys", "1")
	if readOnly {
		q.Set("_query_only", "1")
	} else {
		// BEGIN IMMEDIATE takes the write lock at the start, so a transaction that reads then
		// writes cannot fail half-way with SQLITE_BUSY when another process wrote meanwhile.
		q.Set("_txlock", "immediate")
	}
	return "file:" + uriPathEscaper.Replace(path) + "?" + q.Encode()
}

// uriPathEscaper escapes what SQLite's URI parser would otherwise read as syntax.
var uriPathEscaper = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// redact hides a password in a URL so it can appear in an error message.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
