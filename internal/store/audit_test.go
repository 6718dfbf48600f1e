package store_test

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

func TestAudit(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		entries := []*core.AuditEntry{
			{Actor: "apikey:1", RunID: 5, ProposalID: 10, Model: "res.partner", IDs: []int64{42, 43}, Method: "merge",
				Values: json.RawMessage(`{"dst": 42}`), Before: json.RawMessage(`[{"id": 43, "name": "ACME"}]`),
				After: json.RawMessage(`[{"id": 42}]`), Outcome: "ok"},
			{Actor: "policy", RunID: 6, ProposalID: 11, Model: "account.move", IDs: []int64{42}, Method: "action_post", Outcome: "conflict",
				Message: "state is posted, expected draft"},
			{Actor: "apikey:1", RunID: 6, Model: "res.partner", IDs: []int64{7, 7}, Method: "write", Outcome: "error"},
		}
		for _, e := range entries {
			must(t, s.InsertAudit(ctx, e))
			c.Advance(time.Hour)
		}
		aid := func(e core.AuditEntry) int64 { return e.ID }
		list := func(f store.AuditFilter) []int64 {
			t.Helper()
			out, err := s.ListAudit(ctx, f)
			must(t, err)
			return ids(out, aid)
		}
		e0, e1, e2 := entries[0].ID, entries[1].ID, entries[2].ID
		equalIDs(t, "all", list(store.AuditFilter{}), []int64{e2, e1, e0})
		equalIDs(t, "record 42 in any model", list(store.AuditFilter{RecordID: 42}), []int64{e1, e0})
		equalIDs(t, "record 42 of partners", list(store.AuditFilter{Model: "res.partner", RecordID: 42}), []int64{e0})
		equalIDs(t, "record 7 once", list(store.AuditFilter{RecordID: 7}), []int64{e2})
		equalIDs(t, "actor", list(store.AuditFilter{Actor: "apikey:1"}), []int64{e2, e0})
		equalIDs(t, "proposal", list(store.AuditFilter{ProposalID: 11}), []int64{e1})
		equalIDs(t, "run", list(store.AuditFilter{RunID: 6}), []int64{e2, e1})
		equalIDs(t, "outcome", list(store.AuditFilter{Outcome: "conflict"}), []int64{e1})
		start := newClock().Now()
		equalIDs(t, "since", list(store.AuditFilter{Since: start.Add(time.Hour)}), []int64{e2, e1})
		equalIDs(t, "until", list(store.AuditFilter{Until: start.Add(time.Hour)}), []int64{e0})
		equalIDs(t, "page", list(store.AuditFilter{Limit: 1, BeforeID: e2}), []int64{e1})

		got, err := s.ListAudit(ctx, store.AuditFilter{ProposalID: 10})
		must(t, err)
		g := got[0]
		if g.Actor != "apikey:1" || g.Method != "merge" || len(g.IDs) != 2 || g.IDs[1] != 43 || !g.At.Equal(entries[0].At) {
			t.Fatalf("round trip: %+v", g)
		}
		sameJSON(t, g.Values, entries[0].Values)
		sameJSON(t, g.Before, entries[0].Before)
		sameJSON(t, g.After, entries[0].After)
		wantCode(t, s.InsertAudit(ctx, &core.AuditEntry{Model: "res.partner", Method: "write", Outcome: "ok"}), core.CodeInvalid)
		wantCode(t, s.InsertAudit(ctx, &core.AuditEntry{Actor: "x", Model: "res.partner", Method: "write"}), core.CodeInvalid)
	})
}

func TestAPIKeys(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		secret := "so_live_0123456789abcdef"
		h := sha256.Sum256([]byte(secret))
		k := store.APIKey{Name: "cfo laptop", Role: core.RoleCFO, Prefix: secret[:8], Hash: h[:]}
		must(t, s.CreateAPIKey(ctx, &k))
		if k.ID == 0 || k.CreatedAt.IsZero() {
			t.Fatalf("created: %+v", k)
		}
		got, err := s.LookupAPIKey(ctx, h[:])
		must(t, err)
		if got.ID != k.ID || got.Role != core.RoleCFO || got.Prefix != "so_live_" || got.LastUsedAt != nil {
			t.Fatalf("lookup: %+v", got)
		}
		used := c.Now().Add(time.Minute)
		must(t, s.TouchAPIKey(ctx, k.ID, used))
		got, err = s.LookupAPIKey(ctx, h[:])
		must(t, err)
		if got.LastUsedAt == nil || !got.LastUsedAt.Equal(used) {
			t.Fatalf("touch: %+v", got.LastUsedAt)
		}
		dup := k
		wantCode(t, s.CreateAPIKey(ctx, &dup), core.CodeConflict)
		wantCode(t, s.CreateAPIKey(ctx, &store.APIKey{Name: "x", Role: "root", Hash: h[:]}), core.CodeInvalid)
		wantCode(t, s.CreateAPIKey(ctx, &store.APIKey{Name: "x", Role: core.RoleViewer, Hash: []byte(secret)}), core.CodeInvalid)

		must(t, s.RevokeAPIKey(ctx, k.ID))
		must(t, s.RevokeAPIKey(ctx, k.ID)) // idempotent
		if _, err := s.LookupAPIKey(ctx, h[:]); !errors.Is(err, core.ErrNotFound) {
			t.Fatalf("revoked key still found: %v", err)
		}
		other := sha256.Sum256([]byte("unknown"))
		if _, err := s.LookupAPIKey(ctx, other[:]); !errors.Is(err, core.ErrNotFound) {
			t.Fatalf("unknown key: %v", err)
		}
		keys, err := s.ListAPIKeys(ctx)
		must(t, err)
		if len(keys) != 1 || keys[0].RevokedAt == nil {
			t.Fatalf("list: %+v", keys)
		}
		wantCode(t, s.RevokeAPIKey(ctx, 999999), core.CodeNotFound)
		wantCode(t, s.TouchAPIKey(ctx, 999999, used), core.CodeNotFound)
	})
}
