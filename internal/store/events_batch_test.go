package store_test

import (
	"database/sql"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
	"github.com/smartodoo/smartodoo/internal/store/storetest"
)

// TestInsertEventsTxCoalesces stores a batch where one key repeats inside the batch and
// another repeats an event already stored, on both dialects.
func TestInsertEventsTxCoalesces(t *testing.T) {
	for name, open := range map[string]func(testing.TB, storetest.Options) *store.Store{"sqlite": storetest.SQLite, "postgres": storetest.Postgres} {
		t.Run(name, func(t *testing.T) {
			st := open(t, storetest.Options{})
			ev := func(id int64, wd string) *core.Event {
				return &core.Event{Source: core.SourceSignedWebhook, Model: "res.partner", RecordID: id, Action: "write", WriteDate: wd, ReceivedAt: time.Now()}
			}
			old := ev(1, "2026-11-24 10:00:00")
			if _, err := st.InsertEventTx(t.Context(), nil, old); err != nil {
				t.Fatal(err)
			}
			batch := []*core.Event{ev(2, "2026-11-24 10:00:01"), ev(1, "2026-11-24 10:00:00"), ev(2, "2026-11-24 10:00:01"), ev(3, "2026-11-24 10:00:02")}
			var inserted []bool
			err := st.InTx(t.Context(), func(tx *sql.Tx) error {
				var err error
				inserted, err = st.InsertEventsTx(t.Context(), tx, batch)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			want := []bool{true, false, false, true}
			for i := range want {
				if inserted[i] != want[i] {
					t.Fatalf("inserted = %v, want %v", inserted, want)
				}
			}
			if batch[1].ID != old.ID || batch[2].ID != batch[0].ID || batch[0].ID == batch[3].ID {
				t.Fatalf("ids: %d %d %d %d (old %d)", batch[0].ID, batch[1].ID, batch[2].ID, batch[3].ID, old.ID)
			}
			if n, _ := st.CountEvents(t.Context()); n != 3 {
				t.Fatalf("%d events stored, want 3", n)
			}
			got, _ := st.GetEvent(t.Context(), batch[0].ID)
			if got.Duplicates != 1 {
				t.Fatalf("in-batch repeat not counted: duplicates=%d", got.Duplicates)
			}
		})
	}
}
