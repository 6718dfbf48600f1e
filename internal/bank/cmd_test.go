package bank

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
