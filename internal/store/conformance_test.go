package store_test

// The conformance suite: every test here runs once per dialect through eachStore, against a
// real SQLite file and (when SMARTODOO_TEST_POSTGRES_URL is set) a fresh PostgreSQL schema.
// A behaviour that differs between the dialects is a bug in the store, not in the test.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
	"github.com/smartodoo/smartodoo/internal/store/storetest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 31, 22, 15, 0, 123456000, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// dialects are the ways to open a fresh migrated store; postgres skips without its variable.
var dialects = []struct {
	name string
	open func(testing.TB, store.Options) *store.Store
}{
	{"sqlite", storetest.SQLite},
	{"postgres", storetest.Postgres},
}

// eachStore runs fn on a fresh store of every dialect, with a test clock.
func eachStore(t *testing.T, fn func(t *testing.T, s *store.Store, c *clock)) {
	t.Helper()
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			c := newClock()
			s := d.open(t, store.Options{Clock: c.Now})
			fn(t, s, c)
		})
	}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantCode checks that err carries the core error code want.
func wantCode(t *testing.T, err error, want core.ErrorCode) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", want)
	}
	if got := core.CodeOf(err); got != want {
		t.Fatalf("got error %v with code %s, want %s", err, got, want)
	}
}

// sameJSON compares JSON documents by meaning: PostgreSQL's JSONB reorders keys and drops spaces.
func sameJSON(t *testing.T, got, want []byte) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("stored JSON %q is invalid: %v", got, err)
	}
	must(t, json.Unmarshal(want, &w))
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if !bytes.Equal(gb, wb) {
		t.Fatalf("JSON differs:\n got %s\nwant %s", gb, wb)
	}
}

func ids[T any](xs []T, id func(T) int64) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

func equalIDs(t *testing.T, what string, got, want []int64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got ids %v, want %v", what, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: got ids %v, want %v", what, got, want)
		}
	}
}

func TestMigrateAndCheckSchema(t *testing.T) {
	unmigrated := map[string]func(testing.TB, store.Options) *store.Store{
		"sqlite":   storetest.SQLiteUnmigrated,
		"postgres": storetest.PostgresUnmigrated,
	}
	for name, open := range unmigrated {
		t.Run(name, func(t *testing.T) {
			ctx := ctxT(t)
			s := open(t, store.Options{})
			err := s.CheckSchema(ctx)
			if !errors.Is(err, store.ErrOutOfDate) {
				t.Fatalf("CheckSchema on an empty database: got %v, want ErrOutOfDate", err)
			}
			wantCode(t, err, core.CodeUnavailable)
			if msg := core.MessageOf(err); !bytes.Contains([]byte(msg), []byte("smartodoo migrate up")) {
				t.Fatalf("CheckSchema message %q does not tell the operator what to run", msg)
			}
			must(t, s.Migrate(ctx))
			must(t, s.Migrate(ctx)) // idempotent
			cur, latest, err := s.MigrationStatus(ctx)
			must(t, err)
			if cur != latest || latest < 1 {
				t.Fatalf("after Migrate: current %d, latest %d", cur, latest)
			}
			must(t, s.CheckSchema(ctx))
			must(t, s.Ping(ctx))
			// Down then up again: the Down sections are valid and complete.
			must(t, s.MigrateDown(ctx))
			if cur, _, err := s.MigrationStatus(ctx); err != nil || cur != latest-1 {
				t.Fatalf("after MigrateDown: current %d (want %d), err %v", cur, latest-1, err)
			}
			must(t, s.Migrate(ctx))
			must(t, s.CheckSchema(ctx))
			r := core.Run{Automation: "after-redo"}
			must(t, s.CreateRun(ctx, &r))
			// A database migrated by a newer binary is refused too, with its own advice.
			_, err = s.Writer.ExecContext(ctx, `INSERT INTO smartodoo_schema_version (version_id, is_applied) VALUES (99, true)`)
			must(t, err)
			err = s.CheckSchema(ctx)
			if !errors.Is(err, store.ErrOutOfDate) || !bytes.Contains([]byte(core.MessageOf(err)), []byte("newer than this binary")) {
				t.Fatalf("schema from the future: %v", err)
			}
		})
	}
}

func TestTimesRoundTripAsUTC(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		brussels := time.FixedZone("CEST", 2*3600)
		at := time.Date(2026, 7, 1, 0, 30, 0, 987654321, brussels) // 2026-06-30 22:30 UTC
		r := core.Run{Automation: "bankrec", CreatedAt: at}
		must(t, s.CreateRun(ctx, &r))
		must(t, s.StartRun(ctx, r.ID, at.Add(time.Second)))
		got, err := s.GetRun(ctx, r.ID)
		must(t, err)
		want := at.UTC().Truncate(time.Microsecond)
		if !got.CreatedAt.Equal(want) || got.CreatedAt.Location() != time.UTC {
			t.Fatalf("CreatedAt: got %v (%v), want %v in UTC", got.CreatedAt, got.CreatedAt.Location(), want)
		}
		if got.StartedAt == nil || !got.StartedAt.Equal(want.Add(time.Second)) || got.StartedAt.Location() != time.UTC {
			t.Fatalf("StartedAt: got %v, want %v in UTC", got.StartedAt, want.Add(time.Second))
		}
		if got.FinishedAt != nil {
			t.Fatalf("FinishedAt: got %v, want nil", got.FinishedAt)
		}
		// A zero time is stamped with the injected clock.
		r2 := core.Run{Automation: "bankrec"}
		must(t, s.CreateRun(ctx, &r2))
		got2, err := s.GetRun(ctx, r2.ID)
		must(t, err)
		if !got2.CreatedAt.Equal(c.Now().Truncate(time.Microsecond)) {
			t.Fatalf("defaulted CreatedAt: got %v, want the clock's %v", got2.CreatedAt, c.Now())
		}
	})
}
