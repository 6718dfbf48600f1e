package company

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// linesByMove groups account.move.line ids by move id.
func linesByMove(s *memSink) map[int64][]int64 {
	out := map[int64][]int64{}
	for i, l := range s.models["account.move.line"] {
		out[i64(l["move_id"])] = append(out[i64(l["move_id"])], int64(i+1))
	}
	return out
}

func TestEveryMoveIsBalanced(t *testing.T) {
	s, _ := generateSmall(t, 7, 18)
	byMove := linesByMove(s)
	for id := range s.models["account.move"] {
		var dr, cr int64
		for _, lid := range byMove[int64(id+1)] {
			l := s.get("account.move.line", lid)
			dr += minor(l["debit"])
			cr += minor(l["credit"])
			if minor(l["balance"]) != minor(l["debit"])-minor(l["credit"]) {
				t.Fatalf("line %d: balance %v != debit - credit", lid, l["balance"])
			}
		}
		if dr != cr || dr == 0 {
			t.Fatalf("move %d: debit %d credit %d", id+1, dr, cr)
		}
	}
}

// TestResidualsMatchPartialReconciles recomputes every stored residual from the partial
// reconciles, as Odoo does, and checks move amounts and payment states.
func TestResidualsMatchPartialReconciles(t *testing.T) {
	s, tr := generateSmall(t, 7, 18)
	matched := map[int64]int64{} // line id -> signed amount matched
	for _, p := range s.models["account.partial.reconcile"] {
		amt := minor(p["amount"])
		matched[i64(p["debit_move_id"])] += amt
		matched[i64(p["credit_move_id"])] -= amt
	}
	tracked := map[int64]bool{}
	for i, a := range s.models["account.account"] {
		tracked[int64(i+1)] = a["reconcile"] == true || a["account_type"] == "asset_cash" || a["account_type"] == "liability_credit_card"
	}
	for i, l := range s.models["account.move.line"] {
		id := int64(i + 1)
		want := int64(0)
		if tracked[i64(l["account_id"])] {
			want = minor(l["balance"]) - matched[id]
		}
		if got := minor(l["amount_residual"]); got != want {
			t.Fatalf("line %d (account %d): residual %d, want %d from partials", id, i64(l["account_id"]), got, want)
		}
		if l["full_reconcile_id"] != int64(0) && want != 0 {
			t.Fatalf("line %d is fully reconciled but has residual %d", id, want)
		}
	}
	byMove := linesByMove(s)
	for i, m := range s.models["account.move"] {
		if m["move_type"] == "entry" {
			continue
		}
		var open int64
		for _, lid := range byMove[int64(i+1)] {
			if l := s.get("account.move.line", lid); l["display_type"] == "payment_term" {
				open += minor(l["amount_residual"])
			}
		}
		if open < 0 {
			open = -open
		}
		if minor(m["amount_residual"]) != open {
			t.Fatalf("move %d %v: amount_residual %v, open line residual %d", i+1, m["name"], m["amount_residual"], open)
		}
		total := minor(m["amount_total"])
		if m["state"] == "posted" && m["payment_state"] != paymentState(total, open) {
			t.Fatalf("move %d: payment_state %v for total %d residual %d", i+1, m["payment_state"], total, open)
		}
		if minor(m["amount_untaxed"])+minor(m["amount_tax"]) != total {
			t.Fatalf("move %d: untaxed + tax != total", i+1)
		}
	}
	if tr.Bank.Reconciled == 0 || len(s.models["account.partial.reconcile"]) == 0 {
		t.Fatal("nothing was reconciled")
	}
}

// TestStatementLinesMatchTheirMoves: an unreconciled line's move still has its suspense
// line; a reconciled one has none.
func TestStatementLinesMatchTheirMoves(t *testing.T) {
	s, tr := generateSmall(t, 7, 18)
	byMove := linesByMove(s)
	suspense := tr.Company.Accounts["suspense"]
	for i, st := range s.models["account.bank.statement.line"] {
		hasSuspense := false
		for _, lid := range byMove[i64(st["move_id"])] {
			if i64(s.get("account.move.line", lid)["account_id"]) == suspense {
				hasSuspense = true
			}
		}
		if hasSuspense == (st["is_reconciled"] == true) {
			t.Fatalf("statement line %d: is_reconciled %v but suspense line present %v", i+1, st["is_reconciled"], hasSuspense)
		}
		if mv := s.get("account.move", i64(st["move_id"])); i64(mv["statement_line_id"]) != int64(i+1) {
			t.Fatalf("statement line %d: move %v does not point back", i+1, st["move_id"])
		}
	}
}

// TestSequencesAreChronological: posted names are unique and numbered in date order per
// journal and year, as Odoo enforces.
func TestSequencesAreChronological(t *testing.T) {
	s, _ := generateSmall(t, 11, 18)
	type doc struct{ name, date string }
	byPrefix := map[string][]doc{}
	seen := map[string]bool{}
	for _, m := range s.models["account.move"] {
		if m["state"] != "posted" {
			if m["name"] != "/" {
				t.Fatalf("draft move named %v, want /", m["name"])
			}
			continue
		}
		name := m["name"].(string)
		if seen[name] {
			t.Fatalf("duplicate move name %s", name)
		}
		seen[name] = true
		prefix := name[:strings.LastIndex(name, "/")]
		byPrefix[prefix] = append(byPrefix[prefix], doc{name, m["date"].(string)})
	}
	for prefix, docs := range byPrefix {
		slices.SortFunc(docs, func(a, b doc) int { return strings.Compare(a.name, b.name) })
		for i := 1; i < len(docs); i++ {
			if docs[i].date < docs[i-1].date {
				t.Fatalf("%s: %s (%s) numbered after %s (%s)", prefix, docs[i].name, docs[i].date, docs[i-1].name, docs[i-1].date)
			}
		}
		if !strings.HasSuffix(docs[0].name, "/00001") {
			t.Fatalf("%s starts at %s", prefix, docs[0].name)
		}
		if last := docs[len(docs)-1].name; !strings.HasSuffix(last, fmt.Sprintf("/%05d", len(docs))) {
			t.Fatalf("%s: %d documents but the last is %s: gap in the sequence", prefix, len(docs), last)
		}
	}
	for _, model := range []string{"sale.order", "purchase.order", "stock.picking"} {
		names := map[string]bool{}
		for _, r := range s.models[model] {
			if names[r["name"].(string)] {
				t.Fatalf("%s: duplicate name %v", model, r["name"])
			}
			names[r["name"].(string)] = true
		}
		if !names[map[string]string{"sale.order": "S00001", "purchase.order": "P00001", "stock.picking": "WH/IN/00001"}[model]] {
			t.Fatalf("%s: numbering does not start at 1", model)
		}
	}
}
