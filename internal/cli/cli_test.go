package cli

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoosim/seeded"
)

// run executes the CLI in-process and returns the exit code and what it printed.
func run(t *testing.T, environ []string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{environ: environ, stdout: &out, stderr: &errb}
	root := e.root()
	root.SetArgs(args)
	code := 0
	if err := root.Execute(); err != nil {
		code = 1
		errb.WriteString("error: " + describe(err))
	}
	if e.app != nil {
		e.app.Close()
	}
	return code, out.String(), errb.String()
}

func TestServeRefusesAnOutOfDateSchema(t *testing.T) {
	db := "SMARTODOO_DATABASE_URL=" + filepath.Join(t.TempDir(), "s.db")
	code, _, stderr := run(t, []string{db}, "serve", "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(stderr, "smartodoo migrate up") {
		t.Fatalf("serve on an empty database: code %d, stderr %q", code, stderr)
	}
	if code, out, _ := run(t, []string{db}, "migrate", "up"); code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("migrate up: %d %s", code, out)
	}
	if code, out, _ := run(t, []string{db}, "migrate", "status"); code != 0 || strings.Contains(out, "pending") {
		t.Fatalf("migrate status after up: %d %s", code, out)
	}
}

func TestConfigCheck(t *testing.T) {
	code, out, _ := run(t, []string{"SMARTODOO_ODOO_API_KEY=topsecretvalue", "SMARTODOO_ODOO_URL=http://erp", "SMARTODOO_ODOO_DB=prod", "SMARTODOO_ODOO_USER=bot"}, "config", "check")
	if code != 0 || strings.Contains(out, "topsecretvalue") || !strings.Contains(out, "no problems") {
		t.Fatalf("good config: %d\n%s", code, out)
	}
	code, out, _ = run(t, []string{"SMARTODOO_TIMEZONE=Nowhere/Land", "SMARTODOO_WORKERS=0"}, "config", "check")
	if code != 1 || !strings.Contains(out, "SMARTODOO_TIMEZONE") || !strings.Contains(out, "SMARTODOO_WORKERS") {
		t.Fatalf("bad config: %d\n%s", code, out)
	}
}

func TestAPIKeyLifecycle(t *testing.T) {
	db := "SMARTODOO_DATABASE_URL=" + filepath.Join(t.TempDir(), "k.db")
	run(t, []string{db}, "migrate", "up")
	code, out, _ := run(t, []string{db}, "apikey", "create", "--name", "ci", "--role", "cfo")
	if code != 0 || !strings.Contains(out, "so_") {
		t.Fatalf("create: %d %s", code, out)
	}
	if code, _, stderr := run(t, []string{db}, "apikey", "create", "--name", "x", "--role", "god"); code != 1 || !strings.Contains(stderr, "role") {
		t.Fatalf("bad role: %d %s", code, stderr)
	}
	if code, out, _ := run(t, []string{db}, "apikey", "list"); code != 0 || !strings.Contains(out, "cfo") {
		t.Fatalf("list: %d %s", code, out)
	}
	if code, _, stderr := run(t, []string{db}, "apikey", "revoke", "abc"); code != 1 || !strings.Contains(stderr, "not a number") {
		t.Fatalf("revoke abc: %d %s", code, stderr)
	}
	if code, out, _ := run(t, []string{db}, "signout", "cfo"); code != 0 || !strings.Contains(out, "ended 0 dashboard session(s) of cfo") {
		t.Errorf("signout: %d %s", code, out)
	}
	if code, _, _ := run(t, []string{db}, "apikey", "revoke", "1"); code != 0 {
		t.Fatalf("revoke 1: %d", code)
	}
}

func TestDemoOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo company")
	}
	dir := t.TempDir()
	code, out, stderr := run(t, []string{"SMARTODOO_LOG_LEVEL=error"}, "demo", "--once", "--addr", "127.0.0.1:0", "--dir", filepath.Join(dir, "demo"))
	if code != 0 {
		t.Fatalf("demo: %d\n%s\n%s", code, out, stderr)
	}
	for _, want := range []string{"bankrec", "dedup", "credit", "closing", "anomaly", "succeeded", "Dashboard: http://", "admin API key: so_"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "failed") {
		t.Errorf("an automation failed in the demo:\n%s", out)
	}
}

// odoo check against the simulator: every model readable, every write Smart Odoo makes
// allowed (the simulator's check_access_rights), exit 0.
func TestOdooCheckAgainstTheSimulator(t *testing.T) {
	sim, err := seeded.New(context.Background(), seeded.Options{Version: 18, Empty: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	srv := httptest.NewServer(sim.Server.Handler())
	t.Cleanup(srv.Close)
	code, out, stderr := run(t, []string{"SMARTODOO_ODOO_URL=" + srv.URL, "SMARTODOO_ODOO_DB=" + sim.Server.DB(),
		"SMARTODOO_ODOO_USER=admin", "SMARTODOO_ODOO_API_KEY=smartodoo-demo-key"}, "odoo", "check")
	if code != 0 {
		t.Fatalf("odoo check: exit %d\n%s\n%s", code, out, stderr)
	}
	for _, want := range []string{"transport jsonrpc", "account.bank.statement.line          create  yes", "every write it makes is allowed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
