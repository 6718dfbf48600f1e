package bank

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo"
	"github.com/smartodoo/smartodoo/internal/odoosim"
	"github.com/smartodoo/smartodoo/internal/odoosim/business"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

type simSink struct{ s *odoosim.Server }

func (k simSink) Insert(model string, vals map[string]any) (int64, error) {
	return k.s.Insert(model, vals)
}

// TestImportIntoSimulator imports a CAMT statement for the generated company's bank account
// through the Odoo client, twice: the second import must create nothing.
func TestImportIntoSimulator(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a simulator")
	}
	for _, v := range []int{18, 19} {
		t.Run(fmt.Sprint("odoo ", v), func(t *testing.T) { importTwice(t, v) })
	}
}

func importTwice(t *testing.T, version int) {
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	srv, err := odoosim.New(odoosim.Options{Version: version, Clock: func() time.Time { return today }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	business.Install(srv)
	if _, err := company.Generate(context.Background(), company.Options{Seed: 1, Size: company.SizeSmall, Version: version, Today: today}, simSink{srv}); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	c, err := odoo.New(odoo.Config{URL: hs.URL, DB: srv.DB(), User: "admin", APIKey: "smartodoo-demo-key"})
	if err != nil {
		t.Fatal(err)
	}
	st := Statement{Format: FormatCAMT, ID: "S-1", Account: "BE71096123456769", Currency: "EUR", Decimals: 2,
		Opening: &Balance{Amount: 0, Date: NewDate(2026, 11, 20)}, Closing: &Balance{Amount: 7550, Date: NewDate(2026, 11, 21)},
		Transactions: []Transaction{
			{Date: NewDate(2026, 11, 21), Amount: 10000, Remittance: "INV/2026/00001", CounterpartyName: "ACME", BankRef: "A1"},
			{Date: NewDate(2026, 11, 21), Amount: -2450, Remittance: "BANK FEES", BankRef: "A2"},
		}}
	im := Importer{Odoo: c}
	ctx := context.Background()
	res, err := im.Import(ctx, []Statement{st}, ImportOptions{})
	if err != nil {
		t.Fatalf("first import: %v", err)
	}
	if len(res.Plan.Create) != 2 || len(res.StatementIDs) != 1 {
		t.Fatalf("first import: %s, statements %v", res.Plan.Summary(), res.StatementIDs)
	}
	var lines []map[string]any
	kw := map[string]any{"domain": []any{[]any{"statement_id", "=", res.StatementIDs[0]}}, "fields": []string{"amount", "payment_ref", "is_reconciled"}}
	if err := c.Call(ctx, "account.bank.statement.line", "search_read", nil, kw, &lines); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 {
		t.Fatalf("statement has %d lines in Odoo: %v", len(lines), lines)
	}
	res, err = im.Import(ctx, []Statement{st}, ImportOptions{})
	if err != nil {
		t.Fatalf("second import: %v", err)
	}
	if len(res.Plan.Create) != 0 || len(res.StatementIDs) != 0 {
		t.Fatalf("second import created %s (key mode %s)", res.Plan.Summary(), res.KeyMode)
	}
	t.Logf("imported twice into the simulator: key mode %s, %s", res.KeyMode, res.Plan.Summary())
}
