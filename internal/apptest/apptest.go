// Package apptest starts a real Smart Odoo (store, queue, API) for tests: SQLite in a temp
// directory, or PostgreSQL in a fresh schema when SMARTODOO_TEST_POSTGRES_URL is set.
package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/apikey"
	"github.com/smartodoo/smartodoo/internal/app"
	"github.com/smartodoo/smartodoo/internal/config"
	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/store/storetest"
)

// WebhookSecret is the signed-webhook secret of test apps.
const WebhookSecret = "test-webhook-secret-0123456789"

// Dialect opens a database for one test and returns its DSN.
type Dialect struct {
	Name string
	DSN  func(t testing.TB) string
}

// Dialects lists SQLite, and PostgreSQL when SMARTODOO_TEST_POSTGRES_URL is set.
func Dialects() []Dialect {
	return []Dialect{
		{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "smartodoo.db") }},
		{"postgres", func(t testing.TB) string { return storetest.PostgresSchemaURL(t) }},
	}
}

// Env is a running test app with an httptest server in front of it.
type Env struct {
	T      testing.TB
	App    *app.App
	Server *httptest.Server
	Keys   map[core.Role]string // one API key per role
	cancel context.CancelFunc
	done   chan error
}

// Config returns the configuration a test app uses.
func Config(dsn string) config.Config {
	cfg, _ := config.Load("", nil)
	cfg.DatabaseURL = dsn
	cfg.WebhookSecret = WebhookSecret
	cfg.ShutdownGrace = 5 * time.Second
	cfg.Workers = 4
	return cfg
}

// Start builds the app on dsn, starts its workers when opts.Work, and serves it.
func Start(t testing.TB, dsn string, opts app.Options) *Env {
	t.Helper()
	return StartConfig(t, Config(dsn), opts)
}

// StartConfig is Start with a configuration of the test's own.
func StartConfig(t testing.TB, cfg config.Config, opts app.Options) *Env {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	opts.Migrate = true
	a, err := app.New(ctx, cfg, opts)
	if err != nil {
		cancel()
		t.Fatalf("start app: %v", err)
	}
	e := &Env{T: t, App: a, Keys: map[core.Role]string{}, cancel: cancel, done: make(chan error, 1)}
	e.Server = httptest.NewServer(a.Handler())
	go func() { e.done <- a.Serve(ctx, nil) }()
	t.Cleanup(e.Stop)
	for _, r := range core.Roles {
		plain, _, err := apikey.Create(ctx, a.Store, "test "+string(r), r)
		if err != nil {
			t.Fatalf("create %s key: %v", r, err)
		}
		e.Keys[r] = plain
	}
	return e
}

// Stop shuts the app down (idempotent).
func (e *Env) Stop() {
	if e.cancel == nil {
		return
	}
	e.Server.Close()
	e.cancel()
	if err := <-e.done; err != nil {
		e.T.Errorf("app stopped with: %v", err)
	}
	e.App.Close()
	e.cancel = nil
}

// Response is a decoded HTTP answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v.
func (r Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Do sends a request with the role's API key (role "" = no key) and returns the answer.
func (e *Env) Do(role core.Role, method, path string, body any, headers ...string) Response {
	e.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.T.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.Server.URL+path, rd)
	if err != nil {
		e.T.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if role != "" {
		req.Header.Set("X-API-Key", e.Keys[role])
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.T.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}
}

// Eventually polls cond every 20 ms until it holds or the deadline passes.
func Eventually(t testing.TB, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
