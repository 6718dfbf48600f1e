package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/automation/anomaly"
	"github.com/smartodoo/smartodoo/internal/core"
)

func TestBenfordCommandOnSPY(t *testing.T) {
	// Build the corpus recipe's column: log returns of SPY's Close.
	raw, err := os.ReadFile("../../../../../shared/corpora/benford/SPY.csv")
	if err != nil {
		t.Skipf("SPY corpus not available: %v", err)
	}
	col, err := anomaly.ReadColumn(bytes.NewReader(raw), "Close")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("ret\n")
	for i := 1; i < len(col.Values); i++ {
		r := logReturn(col.Values[i-1], col.Values[i])
		if r != 0 {
			b.WriteString(strconvF(r) + "\n")
		}
	}
	path := filepath.Join(t.TempDir(), "returns.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := Command(CommandDeps{})
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"benford", "--csv", path, "--column", "ret", "--decimals", "8", "--json"})
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	var res anomaly.BenfordResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.N != 5968 || strconvF6(res.MAD) != "0.008337" || strconvF6(res.ChiSquare) != "43.563426" {
		t.Errorf("N=%d MAD=%v chi2=%v", res.N, res.MAD, res.ChiSquare)
	}
	cmd.SetArgs([]string{"benford", "--csv", path, "--column", "nope"})
	if err := cmd.ExecuteContext(context.Background()); core.CodeOf(err) != core.CodeInvalid {
		t.Errorf("missing column: %v", err)
	}
}

func TestScanCommandOnDemo(t *testing.T) {
	d := demoOdoo(t, 1)
	a := New(Deps{Odoo: d.client, Clock: func() time.Time { return demoToday }})
	var out bytes.Buffer
	cmd := Command(CommandDeps{CompanyID: d.truth.Company.ID, Automation: func(context.Context) (*Automation, error) { return a, nil }})
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"scan", "--period", "2026-10", "--json"})
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	var findings []core.Finding
	if err := json.Unmarshal(out.Bytes(), &findings); err != nil {
		t.Fatal(err)
	}
	// Every planted night entry dated in October, and only those, is reported after hours.
	data, err := Load(context.Background(), d.client, d.truth.Company.ID, Period{})
	if err != nil {
		t.Fatal(err)
	}
	october := map[int64]bool{}
	for _, e := range data.Entries {
		if e.Date.Month() == time.October && e.Date.Year() == 2026 {
			october[e.MoveID] = true
		}
	}
	want := 0
	for _, id := range d.truth.Anomaly.OffHours {
		if october[id] {
			want++
		}
	}
	got := 0
	for _, f := range findings {
		if f.Kind == anomaly.KindAfterHours {
			got++
		}
		if len(f.Records) > 0 && f.Records[0].Model == "account.move" && f.Kind != anomaly.KindDuplicateBill && !october[f.Records[0].ID] {
			t.Errorf("finding %s about move %d outside October", f.Kind, f.Records[0].ID)
		}
	}
	if got != want {
		t.Errorf("%d after-hours findings in October, %d planted", got, want)
	}
	cmd.SetArgs([]string{"scan", "--period", "October"})
	if err := cmd.ExecuteContext(context.Background()); core.CodeOf(err) != core.CodeInvalid {
		t.Errorf("bad period: %v", err)
	}
}
