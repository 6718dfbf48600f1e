package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

// BenchmarkInsertEvents measures ingest throughput: distinct events committed in
// transactions of 1 (one webhook, one commit) and of 64 (a poller page). One op is one event;
// events/s is the figure to compare, and tx=64 against tx=1 is the ratio that matters.
//
//	go test -run '^$' -bench InsertEvents -benchtime 2000x ./internal/store/
func BenchmarkInsertEvents(b *testing.B) {
	for _, d := range dialects {
		for _, batch := range []int{1, 64} {
			b.Run(d.name+"/tx="+strconv.Itoa(batch), func(b *testing.B) {
				s := d.open(b, store.Options{})
				benchInsert(b, s, batch)
			})
		}
	}
}

func benchInsert(b *testing.B, s *store.Store, batch int) {
	ctx := context.Background()
	payload := json.RawMessage(`{"_action": "Send Webhook Notification(#12)", "_id": 0, "_model": "account.move", "state": "posted", "amount_total": 1210.5}`)
	b.ReportAllocs()
	b.ResetTimer()
	next := 0
	for next < b.N {
		n := min(batch, b.N-next)
		err := s.InTx(ctx, func(tx *sql.Tx) error {
			for i := range n {
				e := core.Event{ConnectionID: 1, Source: core.SourceNativeWebhook, Model: "account.move",
					RecordID: int64(next + i), Action: "write", WriteDate: "2026-03-31 22:00:00", Payload: payload}
				if _, err := s.InsertEventTx(ctx, tx, &e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		next += n
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
