package store_test

import (
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

func TestDashboardSessions(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		must(t, s.StartSession(ctx, "n1", "cfo", c.Now().Add(time.Hour)))
		must(t, s.StartSession(ctx, "n2", "cfo", c.Now().Add(time.Hour)))
		must(t, s.StartSession(ctx, "n3", "sales", c.Now().Add(time.Hour)))
		wantCode(t, s.StartSession(ctx, "n1", "cfo", c.Now().Add(time.Hour)), core.CodeConflict)
		wantCode(t, s.StartSession(ctx, "", "cfo", c.Now().Add(time.Hour)), core.CodeInvalid)
		live := func(nonce string, want bool) {
			t.Helper()
			got, err := s.SessionLive(ctx, nonce)
			must(t, err)
			if got != want {
				t.Errorf("session %s live = %v, want %v", nonce, got, want)
			}
		}
		live("n1", true)
		live("unknown", false)
		must(t, s.RevokeSession(ctx, "n1"))
		must(t, s.RevokeSession(ctx, "n1")) // ending it twice is fine
		live("n1", false)
		n, err := s.RevokeSessionsOf(ctx, "cfo")
		must(t, err)
		if n != 1 {
			t.Errorf("revoked %d sessions of cfo, want 1 (n2)", n)
		}
		live("n2", false)
		live("n3", true)
		c.Advance(time.Hour)
		live("n3", false) // expired
	})
}
