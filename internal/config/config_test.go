package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadPrecedenceAndDefaults(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "smartodoo.env")
	body := "# comment\nSMARTODOO_HTTP_ADDR=0.0.0.0:9000\nSMARTODOO_WORKERS=\"7\"\nSMARTODOO_ODOO_DB=fromfile\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(file, []string{"SMARTODOO_WORKERS=9", "PATH=/bin"})
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != "0.0.0.0:9000" || c.Workers != 9 || c.OdooDB != "fromfile" || c.Timezone != "UTC" {
		t.Fatalf("unexpected config: %+v", c)
	}
}

func TestLoadRejectsBadFileAndBadValues(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bad.env")
	os.WriteFile(file, []byte("HTTP_ADDR=x\n"), 0o600)
	if _, err := Load(file, nil); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("want a line-numbered error, got %v", err)
	}
	if _, err := Load("", []string{"SMARTODOO_WORKERS=many"}); err == nil {
		t.Fatal("want an error for a non-numeric SMARTODOO_WORKERS")
	}
}

func TestProblems(t *testing.T) {
	c, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p := c.Problems(); len(p) != 0 {
		t.Fatalf("defaults should be valid, got %v", p)
	}
	c.HTTPAddr = "nope"
	c.Timezone = "Mars/Olympus"
	c.OdooURL = "erp.example.com"
	c.WebhookSecret = "short"
	p := strings.Join(c.Problems(), "\n")
	for _, want := range []string{"SMARTODOO_HTTP_ADDR", "SMARTODOO_TIMEZONE", "SMARTODOO_ODOO_URL", "SMARTODOO_ODOO_DB", "API_KEY", "WEBHOOK_SECRET"} {
		if !strings.Contains(p, want) {
			t.Errorf("problems do not mention %s:\n%s", want, p)
		}
	}
}

func TestSettingsMaskSecrets(t *testing.T) {
	c := Config{OdooAPIKey: "supersecretvalue", OdooURL: "http://x"}
	for _, s := range c.Settings() {
		if strings.Contains(s.Value, "supersecret") {
			t.Fatalf("secret leaked in %s", s.Env)
		}
	}
}

// TestREADMEDocumentsEverySetting keeps the README's configuration table complete.
func TestREADMEDocumentsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skip("README.md not found next to the module")
	}
	for _, s := range (Config{}).Settings() {
		if !strings.Contains(string(readme), "`"+s.Env+"`") {
			t.Errorf("README.md does not document %s", s.Env)
		}
	}
}

func TestDashboardRolesValidated(t *testing.T) {
	c, _ := Load("", []string{"SMARTODOO_DASHBOARD_ROLES=base.group_system=admin, account.group_account_manager=cfo"})
	if p := c.Problems(); len(p) != 0 {
		t.Fatalf("valid role map refused: %v", p)
	}
	c, _ = Load("", []string{"SMARTODOO_DASHBOARD_ROLES=group_system=king"})
	if p := strings.Join(c.Problems(), "\n"); !strings.Contains(p, "SMARTODOO_DASHBOARD_ROLES") {
		t.Fatalf("bad role map accepted: %q", p)
	}
}
