package store_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

func event(model string, rec int64, writeDate string) *core.Event {
	return &core.Event{
		ConnectionID: 1, Source: core.SourceNativeWebhook, Model: model, RecordID: rec, Action: "write",
		WriteDate: writeDate, Payload: json.RawMessage(`{"id": 7, "_model": "` + model + `", "amount": 12.5}`),
	}
}

func TestEventsCoalesce(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		e := event("account.move", 7, "2026-03-31 22:00:00")
		ins, err := s.InsertEventTx(ctx, nil, e)
		must(t, err)
		if !ins || e.ID == 0 || e.Duplicates != 0 {
			t.Fatalf("first insert: inserted=%v id=%d duplicates=%d", ins, e.ID, e.Duplicates)
		}
		if e.CoalesceKey != core.CoalesceKeyFor(1, "account.move", 7, "write", "2026-03-31 22:00:00") {
			t.Fatalf("coalesce key not computed: %q", e.CoalesceKey)
		}
		for i := 1; i <= 2; i++ {
			again := event("account.move", 7, "2026-03-31 22:00:00")
			c.Advance(time.Second)
			must(t, s.InTx(ctx, func(tx *sql.Tx) error {
				ins, err = s.InsertEventTx(ctx, tx, again)
				return err
			}))
			if ins || again.ID != e.ID || again.Duplicates != i || !again.ReceivedAt.Equal(e.ReceivedAt) {
				t.Fatalf("repeat %d: inserted=%v id=%d (want %d) duplicates=%d received=%v (want first %v)",
					i, ins, again.ID, e.ID, again.Duplicates, again.ReceivedAt, e.ReceivedAt)
			}
		}
		got, err := s.GetEvent(ctx, e.ID)
		must(t, err)
		if got.Duplicates != 2 || got.Model != "account.move" || got.RecordID != 7 || got.Source != "native" {
			t.Fatalf("stored event: %+v", got)
		}
		sameJSON(t, got.Payload, e.Payload)
		// A new write_date is a new change: a new event.
		e2 := event("account.move", 7, "2026-03-31 22:05:00")
		ins, err = s.InsertEventTx(ctx, nil, e2)
		must(t, err)
		if !ins || e2.ID == e.ID {
			t.Fatalf("new write_date coalesced into the old event: inserted=%v id=%d", ins, e2.ID)
		}
		n, err := s.CountEvents(ctx)
		must(t, err)
		if n != 2 {
			t.Fatalf("CountEvents = %d, want 2", n)
		}
		// A rolled-back transaction leaves nothing behind.
		boom := errors.New("boom")
		err = s.InTx(ctx, func(tx *sql.Tx) error {
			if _, err := s.InsertEventTx(ctx, tx, event("res.partner", 1, "x")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx returned %v, want fn's error", err)
		}
		if n, _ := s.CountEvents(ctx); n != 2 {
			t.Fatalf("rolled-back insert was kept: %d events", n)
		}
	})
}

func TestEventsCoalesceConcurrently(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		const n = 20
		var wg sync.WaitGroup
		inserted := make(chan int64, n)
		errs := make(chan error, n)
		for range n {
			wg.Go(func() {
				e := event("sale.order", 3, "2026-03-31 10:00:00")
				ins, err := s.InsertEventTx(ctx, nil, e)
				if err != nil {
					errs <- err
					return
				}
				if ins {
					inserted <- e.ID
				}
			})
		}
		wg.Wait()
		close(errs)
		close(inserted)
		for err := range errs {
			t.Fatal(err)
		}
		if len(inserted) != 1 {
			t.Fatalf("%d goroutines inserted the same change, want exactly 1", len(inserted))
		}
		got, err := s.GetEvent(ctx, <-inserted)
		must(t, err)
		if got.Duplicates != n-1 {
			t.Fatalf("duplicates = %d, want %d", got.Duplicates, n-1)
		}
	})
}

func TestEventsListAndValidate(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		var all []int64
		for i := range 6 {
			model := "account.move"
			if i%2 == 1 {
				model = "res.partner"
			}
			e := event(model, int64(10+i%3), time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC).Format(time.DateTime))
			_, err := s.InsertEventTx(ctx, nil, e)
			must(t, err)
			all = append(all, e.ID)
			c.Advance(time.Minute)
		}
		evID := func(e core.Event) int64 { return e.ID }
		list := func(f store.EventFilter) []int64 {
			t.Helper()
			es, err := s.ListEvents(ctx, f)
			must(t, err)
			return ids(es, evID)
		}
		equalIDs(t, "all", list(store.EventFilter{}), all)
		equalIDs(t, "model", list(store.EventFilter{Model: "res.partner"}), []int64{all[1], all[3], all[5]})
		equalIDs(t, "record", list(store.EventFilter{Model: "account.move", RecordID: 10}), []int64{all[0]})
		equalIDs(t, "after", list(store.EventFilter{AfterID: all[3]}), all[4:])
		equalIDs(t, "limit", list(store.EventFilter{Limit: 2}), all[:2])
		equalIDs(t, "newest", list(store.EventFilter{Newest: true, Limit: 2}), []int64{all[5], all[4]})
		since := newClock().Now().Add(3 * time.Minute)
		equalIDs(t, "since", list(store.EventFilter{Since: since}), all[3:])
		equalIDs(t, "no match", list(store.EventFilter{Model: "stock.picking"}), []int64{})
		pruned, err := s.PruneEvents(ctx, since)
		must(t, err)
		if pruned != 3 {
			t.Fatalf("PruneEvents removed %d, want the 3 older events", pruned)
		}
		equalIDs(t, "after prune", list(store.EventFilter{}), all[3:])

		_, err = s.GetEvent(ctx, 999999)
		if !errors.Is(err, core.ErrNotFound) {
			t.Fatalf("GetEvent(missing): %v, want ErrNotFound", err)
		}
		bad := []*core.Event{
			{Source: "native", Action: "write"},
			{Source: "native", Model: "res.partner"},
			{Model: "res.partner", Action: "write"},
			{Source: "native", Model: "res.partner", Action: "write", Payload: json.RawMessage(`{"broken"`)},
		}
		for i, e := range bad {
			_, err := s.InsertEventTx(ctx, nil, e)
			if !errors.Is(err, core.ErrInvalid) {
				t.Fatalf("bad event %d: got %v, want ErrInvalid", i, err)
			}
		}
	})
}
