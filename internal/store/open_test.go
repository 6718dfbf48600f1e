package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSQLitePath(t *testing.T) {
	tests := []struct {
		dsn, path, query, err string
	}{
		{dsn: "", path: DefaultSQLitePath},
		{dsn: "sqlite:/var/lib/so.db", path: "/var/lib/so.db"},
		{dsn: "sqlite://rel/so.db", path: "rel/so.db"},
		{dsn: "data/x.db", path: "data/x.db"},
		{dsn: "file:/tmp/a%20b.db?cache=private", path: "/tmp/a b.db", query: "cache=private"},
		{dsn: ":memory:", err: "names no file"},
		{dsn: "sqlite::memory:", err: "names no file"},
		{dsn: "file:x.db?mode=memory", err: "names no file"},
		{dsn: "mysql://u:secret@h/db", err: "unknown scheme"},
	}
	for _, tt := range tests {
		path, q, err := sqlitePath(tt.dsn)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: got err %v, want one containing %q", tt.dsn, err, tt.err)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("%q: error leaks the password: %v", tt.dsn, err)
			}
			continue
		}
		if err != nil || path != tt.path || q.Encode() != tt.query {
			t.Errorf("%q: got (%q, %q, %v), want (%q, %q)", tt.dsn, path, q.Encode(), err, tt.path, tt.query)
		}
	}
}

func TestRebind(t *testing.T) {
	s := &Store{Dialect: Postgres}
	if got := s.q("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"); got != "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)" {
		t.Fatalf("rebind: %s", got)
	}
	s.Dialect = SQLite
	if got := s.q("b = ?"); got != "b = ?" {
		t.Fatalf("sqlite must keep ?: %s", got)
	}
}

func TestOpenSQLitePragmas(t *testing.T) {
	ctx := context.Background()
	for _, sync := range []struct {
		opt  string
		want int
	}{{"", 1}, {"normal", 1}, {"FULL", 2}} {
		dir := t.TempDir()
		s, err := Open(ctx, "sqlite:"+filepath.Join(dir, "sub", "x.db"), Options{Synchronous: sync.opt})
		if err != nil {
			t.Fatal(err)
		}
		var mode string
		var fk, syn int
		if err := s.Writer.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := s.Writer.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := s.Reader.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&syn); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || fk != 1 || syn != sync.want {
			t.Errorf("synchronous %q: journal_mode=%s foreign_keys=%d synchronous=%d (want %d)", sync.opt, mode, fk, syn, sync.want)
		}
		if s.Writer.Stats().MaxOpenConnections != 1 {
			t.Errorf("writer pool allows %d connections, want 1", s.Writer.Stats().MaxOpenConnections)
		}
		if _, err := s.Reader.ExecContext(ctx, "CREATE TABLE t (x)"); err == nil {
			t.Error("the read pool accepted a write")
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"), Options{Synchronous: "OFF"}); err == nil ||
		!strings.Contains(err.Error(), "NORMAL or FULL") {
		t.Fatalf("synchronous OFF: %v", err)
	}
}

func TestOpenDefaultPathCreatesDataDir(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := Open(ctx, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Dialect != SQLite {
		t.Fatalf("dialect %s", s.Dialect)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "smartodoo.db")); err != nil {
		t.Fatalf("default database file: %v", err)
	}
}

func TestOpenPostgresUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// Port 1 on localhost refuses at once: Open must fail with a retryable error, not hang.
	_, err := Open(ctx, "postgres://u:pw@127.0.0.1:1/db?sslmode=disable&connect_timeout=2", Options{})
	if err == nil {
		t.Fatal("Open succeeded against a closed port")
	}
	if !strings.Contains(err.Error(), "unavailable") {
		t.Fatalf("unreachable PostgreSQL should be reported as unavailable: %v", err)
	}
}

// TestSQLiteTwoProcesses is `smartodoo serve` and `smartodoo worker` on one SQLite file: two
// Stores, each with its own writer, writing at once. busy_timeout and BEGIN IMMEDIATE must
// turn contention into waiting, never into a "database is locked" error.
func TestSQLiteTwoProcesses(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	path := filepath.Join(t.TempDir(), "shared.db")
	var stores []*Store
	for range 2 {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	if err := stores[0].Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := stores[1].CheckSchema(ctx); err != nil {
		t.Fatalf("second process sees an out-of-date schema: %v", err)
	}
	const perStore = 50
	errs := make(chan error, 2*perStore)
	done := make(chan struct{})
	for i, s := range stores {
		go func() {
			defer func() { done <- struct{}{} }()
			for j := range perStore {
				// Read then write in one transaction: the pattern that fails with SQLITE_BUSY
				// under deferred transactions.
				errs <- s.InTx(ctx, func(tx *sql.Tx) error {
					var n int
					if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM runs").Scan(&n); err != nil {
						return err
					}
					_, err := tx.ExecContext(ctx, `INSERT INTO runs (automation, status, created_at) VALUES (?, 'queued', ?)`,
						fmt.Sprintf("p%d-%d-%d", i, j, n), "2026-01-01T00:00:00.000000Z")
					return err
				})
			}
		}()
	}
	<-done
	<-done
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := stores[1].Reader.QueryRowContext(ctx, "SELECT COUNT(*) FROM runs").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2*perStore {
		t.Fatalf("%d runs stored, want %d", n, 2*perStore)
	}
}
