package business

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoosim"
	"github.com/smartodoo/smartodoo/internal/odoosim/company"
)

// TestReconcileGeneratedCompany runs doc.go's bank reconciliation sequences on the
// generator's small company: every unreconciled bank line whose ground truth names its
// invoices is matched with them, and the invoices end paid (or partial for partial
// payments). This proves the business methods work on generated (Insert-ed) books.
func TestReconcileGeneratedCompany(t *testing.T) {
	s, err := odoosim.New(odoosim.Options{Version: 18, Clock: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	Install(s)
	truth, err := company.Generate(context.Background(), company.Options{Seed: 7, Size: company.SizeSmall, Version: 18, Today: testNow}, s)
	if err != nil {
		t.Fatal(err)
	}
	env := s.SuperEnv()
	done := map[string]int{}
	for _, bl := range truth.Bank.Unreconciled {
		if len(bl.InvoiceMoveIDs) == 0 {
			continue
		}
		var due float64
		for _, inv := range bl.InvoiceMoveIDs {
			due += at(env, "account.move", inv).f64("amount_residual")
		}
		if err := matchBankLine(env, bl); err != nil {
			t.Fatalf("%s line %d: %v", bl.Case, bl.LineID, err)
		}
		// A partial line may be the last installment, which settles the invoice.
		want := "paid"
		if math.Abs(math.Abs(bl.Amount)+bl.Fee-due) > 0.005 {
			want = "partial"
		}
		for _, inv := range bl.InvoiceMoveIDs {
			if got := at(env, "account.move", inv).str("payment_state"); got != want {
				t.Fatalf("%s line %d (amount %v fee %v, due before %v): invoice %d payment_state %q, want %q (residual now %v, total %v)", bl.Case, bl.LineID, bl.Amount, bl.Fee, due,
					inv, got, want, at(env, "account.move", inv).f64("amount_residual"), at(env, "account.move", inv).f64("amount_total"))
			}
		}
		if !at(env, "account.bank.statement.line", bl.LineID).boolean("is_reconciled") {
			t.Fatalf("%s line %d not reconciled", bl.Case, bl.LineID)
		}
		done[bl.Case]++
	}
	if len(done) < 3 {
		t.Fatalf("matched cases %v: the generator should produce exact, grouped, partial and fee lines", done)
	}
	t.Logf("matched bank lines per case: %v", done)
}

// matchBankLine applies the documented call sequence for one bank line.
func matchBankLine(env *odoosim.Env, bl company.BankLine) error {
	var recv []int64
	var residuals []float64
	for _, inv := range bl.InvoiceMoveIDs {
		for _, l := range at(env, "account.move", inv).ids("line_ids") {
			if at(env, "account.move.line", l).str("display_type") == "payment_term" {
				recv = append(recv, l)
				residuals = append(residuals, at(env, "account.move.line", l).f64("amount_residual"))
			}
		}
	}
	st := at(env, "account.bank.statement.line", bl.LineID)
	move := st.m2o("move_id")
	_, suspense, _, err := seekLines(env, bl.LineID)
	if err != nil || len(suspense) != 1 {
		return err
	}
	account := at(env, "account.move.line", recv[0]).m2o("account_id")
	partner := at(env, "account.move.line", recv[0]).m2o("partner_id")
	if len(recv) == 1 && bl.Fee == 0 {
		if err := env.Write("account.move.line", suspense, map[string]any{"account_id": account, "partner_id": partner}); err != nil {
			return err
		}
		return reconcileLines(env, []int64{suspense[0], recv[0]})
	}
	if err := resetToDraft(env, []int64{move}); err != nil {
		return err
	}
	cmds := []any{}
	for i, r := range residuals {
		vals := map[string]any{"account_id": account, "partner_id": partner, "credit": math.Max(r, 0), "debit": math.Max(-r, 0)}
		if i == 0 {
			cmds = append(cmds, []any{int64(1), suspense[0], vals})
		} else {
			cmds = append(cmds, []any{int64(0), int64(0), vals})
		}
	}
	if bl.Fee != 0 {
		fees, err := env.Search("account.account", []any{leaf("name", "=", "Bank Fees")}, "", 1)
		if err != nil || len(fees) == 0 {
			return err
		}
		cmds = append(cmds, []any{int64(0), int64(0), map[string]any{"account_id": fees[0], "debit": bl.Fee, "name": "Bank fee"}})
	}
	if err := env.Write("account.move", []int64{move}, map[string]any{"line_ids": cmds}); err != nil {
		return err
	}
	if err := postMoves(env, []int64{move}); err != nil {
		return err
	}
	var mine []int64
	for _, l := range at(env, "account.move", move).ids("line_ids") {
		if at(env, "account.move.line", l).m2o("account_id") == account {
			mine = append(mine, l)
		}
	}
	for i := range recv {
		if err := reconcileLines(env, []int64{mine[i], recv[i]}); err != nil {
			return err
		}
	}
	return nil
}
