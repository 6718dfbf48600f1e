// Package storetest opens real, migrated stores for tests: SQLite in t.TempDir(), and
// PostgreSQL in a fresh schema when SMARTODOO_TEST_POSTGRES_URL is set. Any package that
// needs a store in its tests uses it instead of a mock.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/store"
)

// PostgresEnv names the variable holding the URL of a PostgreSQL the tests may create schemas in,
// e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const PostgresEnv = "SMARTODOO_TEST_POSTGRES_URL"

// Options are passed to store.Open; a zero value is fine.
type Options = store.Options

// SQLite opens and migrates a SQLite store in t.TempDir(), closed at cleanup.
func SQLite(t testing.TB, opts Options) *store.Store {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "smartodoo.db"), opts, true)
}

// SQLiteUnmigrated is SQLite without running the migrations.
func SQLiteUnmigrated(t testing.TB, opts Options) *store.Store {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "smartodoo.db"), opts, false)
}

// Postgres opens and migrates a store in a new schema of the database named by
// SMARTODOO_TEST_POSTGRES_URL; the schema is dropped at cleanup. It skips the test when the
// variable is unset.
func Postgres(t testing.TB, opts Options) *store.Store {
	t.Helper()
	return open(t, PostgresSchemaURL(t), opts, true)
}

// PostgresUnmigrated is Postgres without running the migrations.
func PostgresUnmigrated(t testing.TB, opts Options) *store.Store {
	t.Helper()
	return open(t, PostgresSchemaURL(t), opts, false)
}

// PostgresSchemaURL creates a fresh schema and returns a URL whose search_path points at it.
// It skips the test when SMARTODOO_TEST_POSTGRES_URL is unset.
func PostgresSchemaURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip(PostgresEnv + " is not set: skipping the PostgreSQL run")
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	schema := "test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", PostgresEnv, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		_ = admin.Close()
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		_ = admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB, dsn string, opts Options, migrate bool) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s, err := store.Open(ctx, dsn, opts)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	// Registered after the schema cleanup, so it runs first: close, then drop.
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	if migrate {
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("migrate store: %v", err)
		}
	}
	return s
}
