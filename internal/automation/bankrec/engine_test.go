package bankrec

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/smartodoo/smartodoo/internal/core"
)

var day0 = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

func fixture() ([]Item, []Partner) {
	items := []Item{
		{ID: 11, MoveID: 1, MoveName: "INV/2026/00042", PartnerID: 100, AccountID: 7, Date: day0, Residual: 12100},
		{ID: 12, MoveID: 2, MoveName: "INV/2026/00043", PartnerID: 100, AccountID: 7, Date: day0, Residual: 5000},
		{ID: 13, MoveID: 3, MoveName: "INV/2026/00044", PartnerID: 100, AccountID: 7, Date: day0, Residual: 7000},
		{ID: 14, MoveID: 4, MoveName: "INV/2026/00050", PaymentRef: "RF18 5390 0754 7034", PartnerID: 200, AccountID: 7, Date: day0, Residual: 99900},
		{ID: 15, MoveID: 5, MoveName: "BILL/2026/00007", Ref: "F-88812", PartnerID: 300, AccountID: 8, Date: day0, Residual: -45000},
		{ID: 16, MoveID: 6, MoveName: "INV/2026/00060", PartnerID: 200, AccountID: 7, Date: day0, Residual: 100000},
		{ID: 18, MoveID: 8, MoveName: "PBNK1/2026/00003", MoveType: "entry", Ref: "Customer payment", PartnerID: 100, AccountID: 9, Date: day0, Residual: 30000},
		{ID: 17, MoveID: 7, MoveName: "RINV/2026/00003", MoveType: "out_refund", PartnerID: 100, AccountID: 7, Date: day0, Residual: -3000},
	}
	partners := []Partner{{ID: 100, Name: "Acme Trading B.V.", IBANs: []string{"NL91ABNA0417164300"}},
		{ID: 200, Name: "Müller GmbH"}, {ID: 300, Name: "Office Supplies SA"}}
	return items, partners
}

func TestMatchCases(t *testing.T) {
	items, partners := fixture()
	m := NewMatcher(NewIndex(items, partners), Config{FeeAccountID: 99}, nil, nil)
	cases := []struct {
		name  string
		line  Line
		kind  Kind
		moves []int64
		fee   int64
	}{
		{"exact number", Line{ID: 1, Date: day0.AddDate(0, 0, 10), Amount: 12100, Label: "Payment INV/2026/00042", PartnerID: 100}, KindInvoice, []int64{1}, 0},
		{"typo, unknown payer name", Line{ID: 2, Date: day0.AddDate(0, 0, 10), Amount: 12100, Label: "inv 2026 00024", PartnerName: "ACME TRADING BV"}, KindInvoice, []int64{1}, 0},
		{"RF reference in blocks", Line{ID: 3, Date: day0.AddDate(0, 0, 5), Amount: 99900, Label: "RF18 5390 0754 7034"}, KindInvoice, []int64{4}, 0},
		{"grouped by subset-sum", Line{ID: 4, Date: day0.AddDate(0, 0, 5), Amount: 12000, Label: "invoices", AccountNumber: "NL91 ABNA 0417 1643 00"}, KindGrouped, []int64{2, 3}, 0},
		{"fee short", Line{ID: 5, Date: day0.AddDate(0, 0, 5), Amount: 98900, Label: "MULLER GMBH INV/2026/00060", PartnerName: "MULLER GMBH"}, KindFee, []int64{6}, 1100},
		{"installment", Line{ID: 6, Date: day0.AddDate(0, 0, 5), Amount: 99000, Label: "Acompte INV/2026/00060"}, KindPartial, []int64{6}, 0},
		{"vendor bill by vendor ref", Line{ID: 7, Date: day0.AddDate(0, 0, 5), Amount: -45000, Label: "F-88812 office"}, KindInvoice, []int64{5}, 0},
		{"invoice net of a named credit note", Line{ID: 9, Date: day0.AddDate(0, 0, 5), Amount: 9100, Label: "INV/2026/00042 - RINV/2026/00003", PartnerID: 100}, KindGrouped, []int64{1, 7}, 0},
		{"overpaid by a few cents", Line{ID: 10, Date: day0.AddDate(0, 0, 5), Amount: 12105, Label: "INV/2026/00042", PartnerID: 100}, KindInvoice, []int64{1}, 0},
		{"label cut off by the bank", Line{ID: 11, Date: day0.AddDate(0, 0, 5), Amount: 12100, Label: "ACME TRADING PAYMENT OF INVOICE INV/2026/0004", PartnerID: 100}, KindInvoice, []int64{1}, 0},
		{"registered payment's outstanding item", Line{ID: 12, Date: day0.AddDate(0, 0, 2), Amount: 30000, Label: "ACME TRADING", PartnerID: 100}, KindInvoice, []int64{8}, 0},
		{"nothing", Line{ID: 8, Date: day0, Amount: -3333, Label: "CARD 1234 COFFEE"}, KindNone, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := m.Match(c.line)
			got := s.MoveIDs()
			slices.Sort(got)
			if s.Kind != c.kind || !slices.Equal(got, c.moves) || s.Fee != c.fee {
				t.Fatalf("got %s %v fee %d (%v), want %s %v fee %d", s.Kind, got, s.Fee, s.Reasons, c.kind, c.moves, c.fee)
			}
			if c.kind != KindNone && (s.Confidence <= 0 || s.Confidence > 1 || len(s.Reasons) == 0) {
				t.Errorf("confidence %v reasons %v", s.Confidence, s.Reasons)
			}
		})
	}
}

func TestMatchAllGivesADocumentOnce(t *testing.T) {
	items, partners := fixture()
	m := NewMatcher(NewIndex(items, partners), Config{}, nil, nil)
	lines := []Line{
		{ID: 1, Date: day0, Amount: 12100, Label: "INV/2026/00042", PartnerID: 100},
		{ID: 2, Date: day0, Amount: 12100, Label: "transfer", PartnerID: 100}, // same amount, weaker
	}
	s := m.MatchAll(lines)
	if len(s[0].Items) != 1 || s[0].Items[0].ID != 11 {
		t.Fatalf("first line: %+v", s[0])
	}
	for _, it := range s[1].Items {
		if it.ID == 11 {
			t.Fatalf("second line also took INV/2026/00042: %+v", s[1])
		}
	}
}

// TestMatchAllParallelSameAnswers checks that matching on several cores gives the answers
// one core gives, and leaves no goroutine behind.
func TestMatchAllParallelSameAnswers(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	in := synthetic(2000, 10000, 3)
	m := NewMatcher(NewIndex(in.Items, in.Partners), Config{}, nil, nil)
	par := m.MatchAll(in.Lines)
	for i, l := range in.Lines[:300] {
		if one := m.Match(l); one.Kind != par[i].Kind && par[i].Reasons[len(par[i].Reasons)-1] != "a document first suggested here is taken by a more confident line" {
			t.Fatalf("line %d: parallel %s %v, alone %s %v", l.ID, par[i].Kind, par[i].MoveIDs(), one.Kind, one.MoveIDs())
		}
	}
}

func TestProposalCallsBalance(t *testing.T) {
	items, partners := fixture()
	m := NewMatcher(NewIndex(items, partners), Config{FeeAccountID: 99}, nil, nil)
	l := Line{ID: 5, MoveID: 500, SuspenseLineID: 501, Date: day0, Amount: 98900, Label: "INV/2026/00060", PartnerID: 200}
	s := m.Match(l)
	p, err := ReconcileProposal(l, s, 2)
	if err != nil {
		t.Fatal(err)
	}
	methods := []string{}
	for _, c := range p.Calls {
		methods = append(methods, c.Model+"."+c.Method)
	}
	want := []string{"account.move.button_draft", "account.move.write", "account.move.action_post", "account.move.line.reconcile"}
	if !slices.Equal(methods, want) {
		t.Fatalf("calls %v, want %v", methods, want)
	}
	cmds := p.Calls[1].Args[1].(map[string]any)["line_ids"].([]any)
	cp, fee := cmds[0].([]any)[2].(map[string]any), cmds[1].([]any)[2].(map[string]any)
	// liquidity debit 989.00 = counterpart credit 1000.00 - fee debit 11.00
	if cp["credit"] != 1000.0 || fee["debit"] != 11.0 || fee["account_id"] != int64(99) || cp["account_id"] != int64(7) {
		t.Errorf("counterpart %v fee %v", cp, fee)
	}
	if ids := p.Calls[3].Args[0].([]int64); !slices.Equal(ids, []int64{501, 16}) {
		t.Errorf("reconcile ids %v", ids)
	}
	if len(p.Expect) != 3 || p.Expect[1].Values["amount_residual"] != 1000.0 || p.Expect[2].Values["state"] != "posted" || p.DedupKey != "bankrec:line:5:fee:[6]:" {
		t.Errorf("expect %+v dedup %q", p.Expect, p.DedupKey)
	}
	if _, err := ReconcileProposal(Line{ID: 9, MoveID: 1}, s, 2); err == nil {
		t.Error("a line without a suspense item gave a proposal")
	}
	exact := m.Match(Line{ID: 6, MoveID: 600, SuspenseLineID: 601, Date: day0, Amount: 12100, Label: "INV/2026/00042", PartnerID: 100})
	p, err = ReconcileProposal(Line{ID: 6, MoveID: 600, SuspenseLineID: 601, Amount: 12100}, exact, 2)
	if err != nil || len(p.Calls) != 2 || p.Calls[0].Model != "account.move.line" || p.Calls[0].Method != "write" {
		t.Fatalf("exact match calls %+v %v", p.Calls, err)
	}
	if vals := p.Calls[0].Args[1].(map[string]any); vals["account_id"] != int64(7) || vals["partner_id"] != int64(100) || vals["debit"] != nil {
		t.Errorf("suspense item write %v", vals)
	}
	noFee := NewMatcher(NewIndex(items, partners), Config{}, nil, nil).Match(l)
	if _, err := ReconcileProposal(l, noFee, 2); err == nil || !strings.Contains(err.Error(), "fee account") {
		t.Errorf("fee without account: %v", err)
	}
}

func TestLearnAndApplyRule(t *testing.T) {
	ex := []Example{
		{JournalID: 1, Label: "BANK FEES AUG 2026 ACCOUNT MAINTENANCE", Amount: -4500, AccountID: 626},
		{JournalID: 1, Label: "BANK FEES SEP 2026 ACCOUNT MAINTENANCE", Amount: -3900, AccountID: 626},
		{JournalID: 1, Label: "BANK FEES OCT 2026 ACCOUNT MAINTENANCE", Amount: -5200, AccountID: 626},
		{JournalID: 1, Label: "STRIPE PAYOUT PO-123", Amount: 120000, AccountID: 101},
		{JournalID: 1, Label: "STRIPE PAYOUT PO-456", Amount: 80000, AccountID: 101},
	}
	rules := Learn(ex, nil, LearnOptions{})
	if len(rules) != 1 || rules[0].AccountID != 626 || rules[0].LabelParam != `(?i)\bBANK\b.*\bFEES\b.*\bACCOUNT\b.*\bMAINTENANCE\b` || rules[0].Nature != "amount_paid" {
		t.Fatalf("rules = %+v", rules)
	}
	if again := Learn(ex, rules, LearnOptions{}); len(again) != 0 {
		t.Errorf("a rule covering the examples was proposed again: %+v", again)
	}
	p := RuleProposal(rules[0], ex[:3], 2, nil)
	v19 := RuleProposal(rules[0], ex[:3], 2, map[string]bool{"name": true, "sequence": true, "match_journal_ids": true, "match_label": true,
		"match_label_param": true, "line_ids": true, "match_amount": true, "match_amount_min": true, "match_amount_max": true})
	if vals := v19.Calls[0].Args[0].(map[string]any); vals["rule_type"] != nil || vals["match_nature"] != nil || vals["match_label_param"] == nil {
		t.Errorf("Odoo 19 rule values %v", vals)
	}
	if p.Kind != KindRuleProposal || p.Calls[0].Model != "account.reconcile.model" || p.Confidence != 0 || !strings.HasPrefix(p.DedupKey, "bankrec_rule:learned:") {
		t.Errorf("rule proposal %+v", p)
	}
	m := NewMatcher(NewIndex(nil, nil), Config{}, rules, nil)
	s := m.Match(Line{ID: 1, JournalID: 1, Date: day0, Amount: -4100, Label: "BANK FEES NOV 2026 ACCOUNT MAINTENANCE"})
	if s.Kind != KindRule || s.AccountID != 626 {
		t.Fatalf("rule not applied: %+v", s)
	}
	if s := m.Match(Line{ID: 2, JournalID: 1, Date: day0, Amount: -90000, Label: "BANK FEES NOV 2026 ACCOUNT MAINTENANCE"}); s.Kind != KindNone {
		t.Errorf("rule applied outside its amount band: %+v", s)
	}
	if s := m.Match(Line{ID: 3, JournalID: 2, Date: day0, Amount: -4100, Label: "BANK FEES NOV 2026 ACCOUNT MAINTENANCE"}); s.Kind != KindNone {
		t.Errorf("rule applied in another journal: %+v", s)
	}
}

func TestSubsetSumBounded(t *testing.T) {
	var items []Item
	for i := range 40 {
		items = append(items, Item{ID: int64(i + 1), PartnerID: 1, Residual: int64(1000 + i*7)})
	}
	ix := NewIndex(items, nil)
	all := make([]int32, len(items))
	for i := range all {
		all[i] = int32(i)
	}
	sols := subsetSum(ix, all, 1000+1007+1014, 8, 2, 20000)
	if len(sols) == 0 {
		t.Fatal("no subset found")
	}
	if got := subsetSum(ix, all, 1, 8, 2, 20000); len(got) != 0 {
		t.Errorf("impossible target found %v", got)
	}
}

func TestNameSimilarity(t *testing.T) {
	sim := func(a, b string) float64 { return nameSimilarity(nameTokens(a), nameTokens(b)) }
	if s := sim("Müller GmbH", "MULLER GMBH"); s < 0.99 {
		t.Errorf("accents/legal form: %.3f", s)
	}
	if s := sim("Acme Trading B.V.", "ACME TRDING BV"); s < 0.85 {
		t.Errorf("typo: %.3f", s)
	}
	if s := sim("Acme Trading B.V.", "Zeta Logistics NV"); s > 0.6 {
		t.Errorf("different names: %.3f", s)
	}
}

func TestParamsAndFeedback(t *testing.T) {
	if _, err := ParseParams(json.RawMessage(`{"fee_acount_id": 3}`)); err == nil {
		t.Error("unknown key accepted")
	}
	p, err := ParseParams(json.RawMessage(`{"fee_account_id": 3, "journal_id": 2}`))
	if err != nil || p.FeeAccountID != 3 || p.JournalID != 2 || p.HistoryDays != 180 {
		t.Fatalf("params %+v %v", p, err)
	}
	st := &memState{}
	a := New(Deps{State: st})
	ctx := context.Background()
	if err := a.Confirm(ctx, Example{Label: "x"}); core.CodeOf(err) != core.CodeInvalid {
		t.Errorf("incomplete confirmation: %v", err)
	}
	for i := range 3 {
		if err := a.Confirm(ctx, Example{JournalID: 1, Label: "PAYROLL BATCH " + string(rune('A'+i)), Amount: -100000, AccountID: 455}); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Reject(ctx, "bankrec:line:1:invoice:[2]:"); err != nil {
		t.Fatal(err)
	}
	fb, err := a.feedback(ctx)
	if err != nil || len(fb.Confirmed) != 3 || !fb.Rejected["bankrec:line:1:invoice:[2]:"] {
		t.Fatalf("feedback %+v %v", fb, err)
	}
	items, partners := fixture()
	in := Inputs{Items: items, Partners: partners, Lines: []Line{{ID: 1, MoveID: 9, SuspenseLineID: 10, Date: day0, Amount: 5000, Label: "INV/2026/00043", PartnerID: 100}}}
	rep := Analyze(in, nil, fb, p, 2, nil)
	if len(rep.RuleProposals) != 1 || len(rep.Proposals) != 0 || rep.Skipped["rejected before"] != 1 {
		t.Errorf("analyze: %d rule proposals, %d proposals, skipped %v", len(rep.RuleProposals), len(rep.Proposals), rep.Skipped)
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

// A suggestion keeps the next candidates, and a reviewer's choice of one becomes a
// proposal of its own: the alternative's items reconciled, its own expectations.
func TestChooseAlternative(t *testing.T) {
	items, partners := fixture()
	m := NewMatcher(NewIndex(items, partners), Config{FeeAccountID: 99}, nil, nil)
	// 120.00 from Acme naming no document: 00043 + 00044 together, or 00042 short by a fee.
	l := Line{ID: 7, MoveID: 700, SuspenseLineID: 701, Date: day0, Amount: 12000, Label: "Acme payment", PartnerID: 100}
	s := m.Match(l)
	if len(s.Alternatives) == 0 || len(s.Alternatives) > MaxAlternatives {
		t.Fatalf("%d alternatives, want 1 to %d: %+v", len(s.Alternatives), MaxAlternatives, s)
	}
	t.Logf("best %s %v; alternatives:", s.Kind, s.MoveIDs())
	for _, a := range s.Alternatives {
		t.Logf("  %s %v %.3f", a.Kind, a.MoveIDs(), a.Confidence)
		if len(a.Alternatives) != 0 || a.Confidence > s.Confidence || DedupKey(a) == DedupKey(s) {
			t.Errorf("alternative %+v: nested alternatives, more confident than the best, or the same answer", a)
		}
	}
	p, err := ReconcileProposal(l, s, 2)
	if err != nil {
		t.Fatal(err)
	}
	alt, err := ChooseAlternative(p, 0)
	if err != nil {
		t.Fatal(err)
	}
	if alt.DedupKey != DedupKey(s.Alternatives[0]) || alt.Kind != KindReconcileProposal {
		t.Errorf("alternative proposal %q, want %q", alt.DedupKey, DedupKey(s.Alternatives[0]))
	}
	want := ReconcileProposal
	if w, _ := want(l, s.Alternatives[0], 2); !slices.EqualFunc(alt.Calls, w.Calls, func(a, b core.Call) bool { return a.Method == b.Method && a.Model == b.Model }) {
		t.Errorf("calls %+v, want %+v", alt.Calls, w.Calls)
	}
	if _, err := ChooseAlternative(p, len(s.Alternatives)); core.CodeOf(err) != core.CodeInvalid {
		t.Errorf("alternative out of range: %v", err)
	}
	old := p
	old.Evidence, _ = json.Marshal(map[string]any{"line": l, "suggestion": s}) // before decimals were kept
	if _, err := ChooseAlternative(old, 0); err == nil || !strings.Contains(err.Error(), "run bank matching again") {
		t.Errorf("evidence without decimals: %v", err)
	}
}
