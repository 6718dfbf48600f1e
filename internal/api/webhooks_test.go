package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/apptest"
	"github.com/smartodoo/smartodoo/internal/ingest"
	"github.com/smartodoo/smartodoo/internal/store"
)

func sign(body []byte, at time.Time) string {
	return ingest.Sign([]byte(apptest.WebhookSecret), at, body)
}

func TestSignedWebhooks(t *testing.T) {
	for _, d := range apptest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			e := apptest.Start(t, d.DSN(t), app.Options{})
			good := []byte(`{"model":"res.partner","id":7,"action":"write","write_date":"2026-11-24 10:00:00","values":{"name":"Azure"}}`)
			now := time.Now()
			cases := []struct {
				name   string
				body   []byte
				sig    string
				status int
				detail string
			}{
				{"good", good, sign(good, now), 202, ""},
				{"replayed", good, sign(good, now), 401, "already used"},
				{"bad signature", good, sign([]byte("other"), now.Add(time.Second)), 401, "does not match"},
				{"stale", good, sign(good, now.Add(-6*time.Minute)), 401, "outside"},
				{"future", good, sign(good, now.Add(10*time.Minute)), 401, "outside"},
				{"missing header", good, "", 401, "missing"},
				{"malformed header", good, "v1=abc", 401, "malformed"},
				{"malformed json", []byte(`{"model":`), sign([]byte(`{"model":`), now), 400, "malformed JSON"},
				{"not an object", []byte(`[1,2]`), sign([]byte(`[1,2]`), now), 400, "JSON object"},
				{"bad model", []byte(`{"model":"Partner","id":1,"action":"write"}`), sign([]byte(`{"model":"Partner","id":1,"action":"write"}`), now), 400, "not an Odoo model"},
				{"bad id", []byte(`{"model":"res.partner","id":-1,"action":"write"}`), sign([]byte(`{"model":"res.partner","id":-1,"action":"write"}`), now), 400, "positive"},
				{"bad action", []byte(`{"model":"res.partner","id":1,"action":"explode"}`), sign([]byte(`{"model":"res.partner","id":1,"action":"explode"}`), now), 400, "action"},
				{"wrong type", []byte(`{"model":"res.partner","id":"7","action":"write"}`), sign([]byte(`{"model":"res.partner","id":"7","action":"write"}`), now), 400, "id"},
			}
			for _, c := range cases {
				r := e.Do("", http.MethodPost, "/api/webhooks/odoo", c.body, "X-Smartodoo-Signature", c.sig)
				if r.Status != c.status || !strings.Contains(string(r.Body), c.detail) {
					t.Errorf("%s: got %d %s, want %d containing %q", c.name, r.Status, r.Body, c.status, c.detail)
				}
				if r.Status >= 400 && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
					t.Errorf("%s: error content type %q, want application/problem+json", c.name, r.Header.Get("Content-Type"))
				}
			}
			big := bytes.Repeat([]byte("x"), 1<<20+10)
			if r := e.Do("", http.MethodPost, "/api/webhooks/odoo", big, "X-Smartodoo-Signature", sign(big, now)); r.Status != http.StatusRequestEntityTooLarge {
				t.Errorf("oversized: got %d %s, want 413", r.Status, r.Body)
			}
			if n, _ := e.App.Store.CountEvents(t.Context()); n != 1 {
				t.Fatalf("stored %d events, want exactly the one good one", n)
			}
		})
	}
}

func TestWebhookCoalescing(t *testing.T) {
	e := apptest.Start(t, apptest.Dialects()[0].DSN(t), app.Options{})
	// Odoo sends one edit as several posts: same record, same write_date.
	for i := range 3 {
		body := fmt.Appendf(nil, `{"model":"account.move","id":42,"action":"write","write_date":"2026-11-24 10:00:0%d","values":{"n":%d}}`, i/2, i)
		r := e.Do("", http.MethodPost, "/api/webhooks/odoo", body, "X-Smartodoo-Signature", sign(body, time.Now()))
		if r.Status != 202 {
			t.Fatalf("post %d: %d %s", i, r.Status, r.Body)
		}
		var out struct{ Events []struct{ Coalesced bool } }
		r.JSON(t, &out)
		if want := i == 1; out.Events[0].Coalesced != want {
			t.Errorf("post %d coalesced=%v, want %v", i, out.Events[0].Coalesced, want)
		}
	}
	evs, err := e.App.Store.ListEvents(t.Context(), store.EventFilter{Model: "account.move"})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Duplicates != 1 {
		t.Fatalf("events = %+v, want 2 with the first folding one duplicate", evs)
	}
	// A batch in one request.
	batch := []byte(`{"events":[{"model":"res.partner","id":1,"action":"create"},{"model":"res.partner","id":2,"action":"create"}]}`)
	if r := e.Do("", http.MethodPost, "/api/webhooks/odoo", batch, "X-Smartodoo-Signature", sign(batch, time.Now())); r.Status != 202 {
		t.Fatalf("batch: %d %s", r.Status, r.Body)
	}
}

func TestNativeWebhook(t *testing.T) {
	// A fixed clock: without a write_date, posts coalesce within the same 2-second window.
	at := time.Date(2026, 11, 24, 10, 0, 0, 500_000_000, time.UTC)
	e := apptest.Start(t, apptest.Dialects()[0].DSN(t), app.Options{Clock: func() time.Time { return at }})
	conn := &store.Connection{Name: "main", URL: "http://odoo", DB: "db", User: "admin", WebhookToken: "tok-0123456789abcdef0123456789"}
	if err := e.App.Store.UpsertConnection(t.Context(), conn); err != nil {
		t.Fatal(err)
	}
	// The exact body Odoo 18 sent in ../shared/odoo-reference/18.0/webhook/06_received_webhook_requests.json.
	body := []byte(`{"_action": "Go client reference webhook(#515)", "_id": 27, "_model": "res.partner", "email": "brandon.freeman55@example.com", "id": 27, "name": "Brandon Freeman", "phone": "(355)-687-3262", "vat": "US12345677"}`)
	if r := e.Do("", http.MethodPost, "/api/webhooks/odoo/nope", body); r.Status != 404 {
		t.Errorf("unknown token: %d %s", r.Status, r.Body)
	}
	r := e.Do("", http.MethodPost, "/api/webhooks/odoo/"+conn.WebhookToken, body)
	if r.Status != 202 {
		t.Fatalf("native: %d %s", r.Status, r.Body)
	}
	// The same post again within the coalescing window folds into the first.
	r = e.Do("", http.MethodPost, "/api/webhooks/odoo/"+conn.WebhookToken, body)
	if r.Status != 202 || !strings.Contains(string(r.Body), `"coalesced":true`) {
		t.Fatalf("repeat: %d %s", r.Status, r.Body)
	}
	if r := e.Do("", http.MethodPost, "/api/webhooks/odoo/"+conn.WebhookToken, []byte(`{"id": 3}`)); r.Status != 400 {
		t.Errorf("not a native payload: %d %s", r.Status, r.Body)
	}
	evs, _ := e.App.Store.ListEvents(t.Context(), store.EventFilter{})
	if len(evs) != 1 || evs[0].ConnectionID != conn.ID || evs[0].RecordID != 27 {
		t.Fatalf("events = %+v", evs)
	}
}
