package changefeed_test

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/changefeed"
	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim/seeded"
	"github.com/smartodoo/smartodoo/internal/store"
)

func startSim(t *testing.T, clock func() time.Time) (*seeded.Sim, *odoo.Client, string) {
	t.Helper()
	sim, err := seeded.New(context.Background(), seeded.Options{Empty: true, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	hs := httptest.NewServer(sim.Server.Handler())
	t.Cleanup(hs.Close)
	c, err := odoo.New(odoo.Config{URL: hs.URL, DB: sim.Server.DB(), User: "admin", APIKey: "smartodoo-demo-key"})
	if err != nil {
		t.Fatal(err)
	}
	return sim, c, hs.URL
}

func events(t *testing.T, st *store.Store, model string) []int64 {
	evs, err := st.ListEvents(context.Background(), store.EventFilter{Model: model})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, e := range evs {
		ids = append(ids, e.RecordID)
	}
	return ids
}

// TestConnectWebhookPollAndDisconnect installs native webhook rules in the simulator, checks a
// change arrives as one event (webhook and poller coalesce), then removes exactly the rules.
func TestConnectWebhookPollAndDisconnect(t *testing.T) {
	ctx := context.Background()
	// Odoo's write_date has one-second resolution: the test moves the simulator's clock on
	// between edits, as time passes between real edits.
	var mu sync.Mutex
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	tick := func() { mu.Lock(); now = now.Add(2 * time.Second); mu.Unlock() }
	sim, c, url := startSim(t, clock)
	cfg := apptest.Config(apptest.Dialects()[0].DSN(t))
	cfg.OdooURL, cfg.OdooDB, cfg.OdooUser, cfg.OdooAPIKey = url, sim.Server.DB(), "admin", "smartodoo-demo-key"
	e := apptest.StartConfig(t, cfg, app.Options{OdooClient: c})
	conn := e.App.Conn
	poller := &changefeed.Poller{Odoo: c, Store: e.App.Store, Writer: e.App.Writer, Clock: time.Now}
	// The first poll sets the watermark at the newest partner: no history replay.
	if n, err := poller.Poll(ctx, conn.ID, "res.partner"); err != nil || n != 0 {
		t.Fatalf("first poll: %d events, %v", n, err)
	}
	before, _ := c.SearchCount(ctx, "base.automation", nil)
	inst, err := changefeed.Connect(ctx, c, e.App.Store, conn, e.Server.URL, []string{"res.partner"})
	if err != nil {
		t.Fatal(err)
	}
	if len(inst.Rules) != 1 {
		t.Fatalf("installed %+v", inst)
	}
	// Connecting again installs nothing more.
	if _, err := changefeed.Connect(ctx, c, e.App.Store, conn, e.Server.URL, []string{"res.partner"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := c.SearchCount(ctx, "base.automation", nil); n != before+1 {
		t.Fatalf("%d automation rules, want %d", n, before+1)
	}

	tick()
	id, err := c.CreateOne(ctx, "res.partner", map[string]any{"name": "Webhook Test GmbH"})
	if err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 10*time.Second, "the native webhook to store an event", func() bool {
		return len(events(t, e.App.Store, "res.partner")) == 1
	})
	// The poller sees the same change and folds into the same event.
	if _, err := poller.Poll(ctx, conn.ID, "res.partner"); err != nil {
		t.Fatal(err)
	}
	if got := events(t, e.App.Store, "res.partner"); len(got) != 1 || got[0] != id {
		t.Fatalf("events for partners = %v, want one for %d", got, id)
	}

	removed, err := changefeed.Disconnect(ctx, c, e.App.Store, conn)
	if err != nil || len(removed.Rules) != 1 {
		t.Fatalf("disconnect: %+v %v", removed, err)
	}
	if n, _ := c.SearchCount(ctx, "base.automation", nil); n != before {
		t.Fatalf("%d automation rules left, want %d", n, before)
	}
	// A change Odoo no longer posts is still caught by the poller.
	tick()
	if err := c.Write(ctx, "res.partner", []int64{id}, map[string]any{"name": "Renamed GmbH"}); err != nil {
		t.Fatal(err)
	}
	n, err := poller.Poll(ctx, conn.ID, "res.partner")
	if err != nil {
		t.Fatal(err)
	}
	if got := events(t, e.App.Store, "res.partner"); len(got) != 2 || n != 1 {
		t.Fatalf("after disconnect the poller found %d changes, events %v", n, got)
	}
}
