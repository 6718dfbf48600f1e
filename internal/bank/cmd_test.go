package bank

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/core"
)

func TestParseCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "stmt.sta")
	if err := os.WriteFile(file, []byte(germanMT940), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := Command(CommandDeps{})
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"parse", file, "--json"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	var stmts []Statement
	if err := json.Unmarshal(out.Bytes(), &stmts); err != nil {
		t.Fatalf("output is not JSON statements: %v\n%s", err, out.String())
	}
	if len(stmts) != 1 || stmts[0].Transactions[0].Date.String() != "2026-01-02" || !strings.Contains(out.String(), `"date": "2026-01-02"`) {
		t.Errorf("parsed %+v", stmts)
	}
	bad := filepath.Join(dir, "bad.sta")
	os.WriteFile(bad, []byte(strings.Replace(germanMT940, "C251231EUR1239,50", "C251231EUR1239,51", 1)), 0o600)
	cmd = Command(CommandDeps{})
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs([]string{"parse", bad})
	if err := cmd.Execute(); err == nil || !strings.Contains(err.Error(), "does not balance") {
		t.Errorf("unbalanced file: %v", err)
	}
	cmd.SetArgs([]string{"parse", bad, "--no-balance-check"})
	if err := cmd.Execute(); err != nil {
		t.Errorf("--no-balance-check: %v", err)
	}
	cmd = Command(CommandDeps{})
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs([]string{"import", file})
	if err := cmd.Execute(); err == nil || !strings.Contains(err.Error(), "no Odoo connection") {
		t.Errorf("import without Odoo: %v", err)
	}
}

type memState struct{ m map[string][]byte }

func (s *memState) GetState(_ context.Context, automation, key string, v any) (bool, error) {
	b, ok := s.m[automation+"/"+key]
	if !ok {
		return false, nil
	}
	return true, json.Unmarshal(b, v)
}

func (s *memState) PutState(_ context.Context, automation, key string, v any) error {
	if s.m == nil {
		s.m = map[string][]byte{}
	}
	b, err := json.Marshal(v)
	s.m[automation+"/"+key] = b
	return err
}

func TestSavedMappingAndAudit(t *testing.T) {
	dir := t.TempDir()
	mapping := filepath.Join(dir, "m.json")
	os.WriteFile(mapping, []byte(`{"header":true,"delimiter":";","date_format":"DD.MM.YYYY","decimal_separator":",","currency":"EUR","account":"BE68539007547034",
		"columns":{"date":"Datum","amount":"Betrag","remittance":"Text"}}`), 0o600)
	csvFile := filepath.Join(dir, "s.csv")
	os.WriteFile(csvFile, []byte("Datum;Text;Betrag\n02.01.2024;RE-1;12,50\n"), 0o600)
	st := &memState{}
	var audits []core.AuditEntry
	odoo := &fakeOdoo{withUID: true}
	deps := CommandDeps{
		State: func(context.Context) (State, error) { return st, nil },
		Odoo:  func(context.Context) (Odoo, error) { return odoo, nil },
		Audit: func(_ context.Context, e core.AuditEntry) error { audits = append(audits, e); return nil },
		Actor: "cli:test",
	}
	run := func(args ...string) (string, error) {
		var out bytes.Buffer
		cmd := Command(deps)
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs(args)
		err := cmd.Execute()
		return out.String(), err
	}
	if _, err := run("mapping", "save", "Sparkasse", mapping); err != nil {
		t.Fatal(err)
	}
	if out, err := run("mapping", "show", "sparkasse"); err != nil || !strings.Contains(out, `"decimal_separator": ","`) {
		t.Fatalf("show: %v %s", err, out)
	}
	if out, err := run("parse", csvFile, "--mapping", "Sparkasse", "--json"); err != nil || !strings.Contains(out, `"amount": 1250`) {
		t.Fatalf("parse with saved mapping: %v %s", err, out)
	}
	if _, err := run("parse", csvFile, "--mapping", "Unknown"); core.CodeOf(err) != core.CodeNotFound {
		t.Errorf("unknown saved mapping: %v", err)
	}
	if out, err := run("import", csvFile, "--mapping", "Sparkasse"); err != nil || !strings.Contains(out, "1 line(s) to create") {
		t.Fatalf("import: %v %s", err, out)
	}
	if len(audits) != 1 || audits[0].Actor != "cli:test" || audits[0].Model != "account.bank.statement" || audits[0].Outcome != "ok" || len(audits[0].IDs) != 1 {
		t.Errorf("audit entries %+v", audits)
	}
}
