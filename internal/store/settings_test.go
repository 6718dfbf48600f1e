package store_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store"
)

func TestRules(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		if _, err := s.GetRule(ctx, "bankrec"); !errors.Is(err, core.ErrNotFound) {
			t.Fatalf("missing rule: %v", err)
		}
		r := core.Rule{Automation: "bankrec", Enabled: true, AutoApplyAt: 0.98,
			Schedule: &core.Schedule{Cron: "0 7 * * 1-5", Timezone: "Europe/Brussels"},
			Params:   json.RawMessage(`{"date_window_days": 5}`), UpdatedBy: "apikey:1"}
		must(t, s.PutRule(ctx, r))
		got, err := s.GetRule(ctx, "bankrec")
		must(t, err)
		if !got.Enabled || got.AutoApplyAt != 0.98 || got.Schedule == nil || *got.Schedule != *r.Schedule ||
			got.UpdatedBy != "apikey:1" || !got.UpdatedAt.Equal(c.Now().Truncate(time.Microsecond)) {
			t.Fatalf("round trip: %+v", got)
		}
		sameJSON(t, got.Params, r.Params)
		r.Enabled, r.Schedule, r.Params = false, nil, nil
		must(t, s.PutRule(ctx, r))
		must(t, s.PutRule(ctx, core.Rule{Automation: "dedup"}))
		rules, err := s.ListRules(ctx)
		must(t, err)
		if len(rules) != 2 || rules[0].Automation != "bankrec" || rules[0].Enabled || rules[0].Schedule != nil ||
			rules[0].Params != nil || rules[1].Automation != "dedup" {
			t.Fatalf("list: %+v", rules)
		}
		for name, bad := range map[string]core.Rule{
			"no name":     {},
			"negative":    {Automation: "x", AutoApplyAt: -0.1},
			"bad cron":    {Automation: "x", Schedule: &core.Schedule{Cron: "every day"}},
			"bad zone":    {Automation: "x", Schedule: &core.Schedule{Cron: "0 7 * * *", Timezone: "Mars/Olympus"}},
			"bad params":  {Automation: "x", Params: json.RawMessage(`{`)},
			"seconds too": {Automation: "x", Schedule: &core.Schedule{Cron: "0 0 7 * * *"}},
		} {
			if err := s.PutRule(ctx, bad); !errors.Is(err, core.ErrInvalid) {
				t.Fatalf("%s: got %v, want ErrInvalid", name, err)
			}
		}
	})
}

func TestSchedules(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		_, err := s.GetSchedule(ctx, "digest")
		wantCode(t, err, core.CodeNotFound)
		must(t, s.PutSchedule(ctx, store.ScheduleRow{Automation: "digest", Cron: "30 6 * * *", Enabled: true}))
		must(t, s.PutSchedule(ctx, store.ScheduleRow{Automation: "closing", Cron: "0 8 1 * *", Timezone: "America/New_York"}))
		got, err := s.GetSchedule(ctx, "digest")
		must(t, err)
		if got.Cron != "30 6 * * *" || got.Timezone != "UTC" || !got.Enabled || got.UpdatedAt.IsZero() {
			t.Fatalf("get: %+v", got)
		}
		must(t, s.PutSchedule(ctx, store.ScheduleRow{Automation: "digest", Cron: "0 6 * * 1", Timezone: "Europe/Brussels"}))
		list, err := s.ListSchedules(ctx)
		must(t, err)
		if len(list) != 2 || list[0].Automation != "closing" || list[1].Cron != "0 6 * * 1" || list[1].Enabled {
			t.Fatalf("list: %+v", list)
		}
		wantCode(t, s.PutSchedule(ctx, store.ScheduleRow{Automation: "x", Cron: "61 * * * *"}), core.CodeInvalid)
		wantCode(t, s.PutSchedule(ctx, store.ScheduleRow{Automation: "x", Cron: "* * * * *", Timezone: "Nowhere"}), core.CodeInvalid)
		wantCode(t, s.PutSchedule(ctx, store.ScheduleRow{Cron: "* * * * *"}), core.CodeInvalid)
	})
}

func TestConnectionsAndWatermarks(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		conn := store.Connection{Name: "prod", URL: "https://acme.odoo.com", DB: "acme", User: "bot", Transport: "json2",
			WebhookToken: "tok-abc", Version: "19.0", CreatedRecords: json.RawMessage(`{"base.automation": [12]}`)}
		must(t, s.UpsertConnection(ctx, &conn))
		if conn.ID == 0 || conn.CreatedAt.IsZero() {
			t.Fatalf("created: %+v", conn)
		}
		created := conn.CreatedAt
		c.Advance(time.Hour)
		upd := store.Connection{Name: "prod", URL: "https://acme.odoo.com", DB: "acme", User: "bot", Transport: "jsonrpc",
			WebhookToken: "tok-new", Version: "19.0"}
		must(t, s.UpsertConnection(ctx, &upd))
		if upd.ID != conn.ID || !upd.CreatedAt.Equal(created) {
			t.Fatalf("upsert by name made a new row or moved CreatedAt: %+v", upd)
		}
		got, err := s.ConnectionByToken(ctx, "tok-new")
		must(t, err)
		if got.ID != conn.ID || got.Transport != "jsonrpc" || got.User != "bot" || got.CreatedRecords != nil {
			t.Fatalf("by token: %+v", got)
		}
		for _, tok := range []string{"tok-abc", "", "tok-ne"} {
			if _, err := s.ConnectionByToken(ctx, tok); !errors.Is(err, core.ErrNotFound) {
				t.Fatalf("token %q: %v, want ErrNotFound", tok, err)
			}
		}
		other := store.Connection{Name: "staging", URL: "http://localhost:8069", WebhookToken: "tok-new"}
		wantCode(t, s.UpsertConnection(ctx, &other), core.CodeConflict)
		other.WebhookToken = ""
		must(t, s.UpsertConnection(ctx, &other))
		third := store.Connection{Name: "test", URL: "http://localhost:8070"} // two connections without a token are fine
		must(t, s.UpsertConnection(ctx, &third))
		list, err := s.ListConnections(ctx)
		must(t, err)
		if len(list) != 3 || list[0].Name != "prod" {
			t.Fatalf("list: %+v", list)
		}
		byID, err := s.GetConnection(ctx, other.ID)
		must(t, err)
		if byID.Name != "staging" {
			t.Fatalf("get: %+v", byID)
		}
		_, err = s.GetConnection(ctx, 999999)
		wantCode(t, err, core.CodeNotFound)
		wantCode(t, s.UpsertConnection(ctx, &store.Connection{Name: "x"}), core.CodeInvalid)

		w, err := s.GetWatermark(ctx, conn.ID, "account.move")
		must(t, err)
		if w != (store.Watermark{}) {
			t.Fatalf("fresh watermark: %+v", w)
		}
		must(t, s.PutWatermark(ctx, conn.ID, "account.move", store.Watermark{WriteDate: "2026-03-31 22:00:00", ID: 17}))
		must(t, s.PutWatermark(ctx, conn.ID, "account.move", store.Watermark{WriteDate: "2026-03-31 22:05:00", ID: 3}))
		w, err = s.GetWatermark(ctx, conn.ID, "account.move")
		must(t, err)
		if w.WriteDate != "2026-03-31 22:05:00" || w.ID != 3 {
			t.Fatalf("watermark: %+v", w)
		}
		if w2, _ := s.GetWatermark(ctx, other.ID, "account.move"); w2 != (store.Watermark{}) {
			t.Fatalf("watermarks leak between connections: %+v", w2)
		}
		wantCode(t, s.PutWatermark(ctx, 999999, "account.move", store.Watermark{}), core.CodeNotFound)

		must(t, s.DeleteConnection(ctx, conn.ID))
		if w, _ := s.GetWatermark(ctx, conn.ID, "account.move"); w != (store.Watermark{}) {
			t.Fatalf("watermark survived its connection: %+v", w)
		}
		if _, err := s.ConnectionByToken(ctx, "tok-new"); !errors.Is(err, core.ErrNotFound) {
			t.Fatalf("deleted connection still answers its token: %v", err)
		}
		wantCode(t, s.DeleteConnection(ctx, conn.ID), core.CodeNotFound)
	})
}

func TestDismissalsAndState(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		must(t, s.PutDismissal(ctx, "dedup", "res.partner:12-40", "apikey:1", "different companies"))
		must(t, s.PutDismissal(ctx, "dedup", "res.partner:12-40", "apikey:2", "again"))
		must(t, s.PutDismissal(ctx, "dedup", "res.partner:3-9", "apikey:1", ""))
		ok, err := s.IsDismissed(ctx, "dedup", "res.partner:12-40")
		must(t, err)
		if !ok {
			t.Fatal("dismissed key not found")
		}
		if ok, _ := s.IsDismissed(ctx, "bankrec", "res.partner:12-40"); ok {
			t.Fatal("dismissal leaked to another automation")
		}
		keys, err := s.ListDismissals(ctx, "dedup")
		must(t, err)
		if len(keys) != 2 || keys[0] != "res.partner:12-40" || keys[1] != "res.partner:3-9" {
			t.Fatalf("list: %v", keys)
		}
		wantCode(t, s.PutDismissal(ctx, "dedup", "", "a", ""), core.CodeInvalid)

		type learned struct {
			Rules map[string]int64 `json:"rules"`
		}
		var v learned
		found, err := s.GetState(ctx, "bankrec", "learned", &v)
		must(t, err)
		if found {
			t.Fatal("state found before any was stored")
		}
		must(t, s.PutState(ctx, "bankrec", "learned", learned{Rules: map[string]int64{"STRIPE": 88}}))
		must(t, s.PutState(ctx, "bankrec", "learned", learned{Rules: map[string]int64{"STRIPE": 88, "ADYEN": 91}}))
		found, err = s.GetState(ctx, "bankrec", "learned", &v)
		must(t, err)
		if !found || len(v.Rules) != 2 || v.Rules["ADYEN"] != 91 {
			t.Fatalf("state: found=%v %+v", found, v)
		}
		var wrong []string
		if _, err := s.GetState(ctx, "bankrec", "learned", &wrong); err == nil {
			t.Fatal("decoding state into the wrong type did not fail")
		}
		wantCode(t, s.PutState(ctx, "bankrec", "bad", func() {}), core.CodeInvalid)
	})
}

func TestPoints(t *testing.T) {
	eachStore(t, func(t *testing.T, s *store.Store, c *clock) {
		ctx := ctxT(t)
		day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		var ps []store.Point
		for i := range 5 {
			ps = append(ps, store.Point{Series: "credit_score", Key: "partner:42", At: day.AddDate(0, 0, i), Value: float64(600 + i)})
		}
		ps = append(ps, store.Point{Series: "credit_score", Key: "partner:7", At: day, Value: 500, Data: json.RawMessage(`{"grade": "C"}`)})
		must(t, s.AppendPoints(ctx, ps))
		got, err := s.ListPoints(ctx, "credit_score", "partner:42", time.Time{}, 3)
		must(t, err)
		if len(got) != 3 || got[0].Value != 602 || got[2].Value != 604 || !got[2].At.Equal(day.AddDate(0, 0, 4)) {
			t.Fatalf("latest 3 in time order: %+v", got)
		}
		got, err = s.ListPoints(ctx, "credit_score", "partner:42", day.AddDate(0, 0, 3), 0)
		must(t, err)
		if len(got) != 2 || got[0].Value != 603 {
			t.Fatalf("since: %+v", got)
		}
		got, err = s.ListPoints(ctx, "credit_score", "", time.Time{}, 0)
		must(t, err)
		if len(got) != 6 || got[0].At != day || got[len(got)-1].Value != 604 {
			t.Fatalf("every key: %+v", got)
		}
		got, err = s.ListPoints(ctx, "credit_score", "partner:7", time.Time{}, 0)
		must(t, err)
		if len(got) != 1 {
			t.Fatalf("one key: %+v", got)
		}
		sameJSON(t, got[0].Data, ps[5].Data)
		wantCode(t, s.AppendPoints(ctx, []store.Point{{Value: 1}}), core.CodeInvalid)
	})
}
