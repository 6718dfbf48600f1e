package company_test

import (
	"context"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// simSink loads into a real simulator: raw inserts, and its seeded reference data found
// through the admin environment.
type simSink struct {
	srv *odoosim.Server
	env *odoosim.Env
}

func (k simSink) Insert(model string, vals map[string]any) (int64, error) {
	return k.srv.Insert(model, vals)
}
func (k simSink) Search(model string, domain []any, order string, limit int) ([]int64, error) {
	return k.env.Search(model, domain, order, limit)
}
func (k simSink) Get(model string, id int64, field string) any { return k.env.Get(model, id, field) }

// TestSmallCompanyLoadsIntoTheSimulator inserts the small company into the Odoo 18 and 19
// simulators and reads planted facts back through the simulator's ORM.
func TestSmallCompanyLoadsIntoTheSimulator(t *testing.T) {
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	for _, version := range []int{18, 19} {
		srv, err := odoosim.New(odoosim.Options{Version: version, Clock: func() time.Time { return today.Add(9 * time.Hour) }})
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Close()
		env := srv.SuperEnv()
		tr, err := company.Generate(context.Background(), company.Options{Seed: 3, Size: company.SizeSmall, Version: version, Today: today}, simSink{srv, env})
		if err != nil {
			t.Fatalf("v%d: %v", version, err)
		}
		var lines []int64
		for _, b := range tr.Bank.Unreconciled {
			lines = append(lines, b.LineID)
		}
		recs, err := env.Read("account.bank.statement.line", lines, []string{"is_reconciled", "amount", "move_id"})
		if err != nil || len(recs) != len(lines) {
			t.Fatalf("v%d: read %d unreconciled lines: %d records, %v", version, len(lines), len(recs), err)
		}
		for _, r := range recs {
			if r["is_reconciled"] != false {
				t.Fatalf("v%d: line %v reads as reconciled", version, r["id"])
			}
		}
		open, err := env.Search("account.bank.statement.line", []any{[]any{"is_reconciled", "=", false}}, "", 0)
		if err != nil || len(open) != len(lines) {
			t.Fatalf("v%d: simulator finds %d unreconciled lines, truth lists %d (%v)", version, len(open), len(lines), err)
		}
		for _, c := range tr.Credit.Customers {
			if c.OpenReceivable == 0 {
				continue
			}
			ids, err := env.Search("account.move", []any{[]any{"commercial_partner_id", "=", c.PartnerID}, []any{"move_type", "=", "out_invoice"},
				[]any{"state", "=", "posted"}}, "", 0)
			if err != nil {
				t.Fatal(err)
			}
			moves, err := env.Read("account.move", ids, []string{"amount_residual"})
			if err != nil {
				t.Fatal(err)
			}
			var sum float64
			for _, m := range moves {
				sum += m["amount_residual"].(float64)
			}
			if d := sum - c.OpenReceivable; d > 0.005 || d < -0.005 {
				t.Fatalf("v%d: customer %d open receivable %.2f in the simulator, %.2f in the truth", version, c.PartnerID, sum, c.OpenReceivable)
			}
		}
		if ids, _ := env.Search("res.company", []any{}, "", 0); len(ids) != 1 {
			t.Fatalf("v%d: %d companies after loading, want the simulator's one", version, len(ids))
		}
	}
}
