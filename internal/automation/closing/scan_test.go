package closing

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func october() Period { p, _ := ParsePeriod("2026-10"); return p }

func baseInput() Input {
	return Input{Period: october(), Today: day("2026-11-20"), Currency: "EUR", Decimals: 2, Taxes: map[int64]Tax{}, Accounts: map[int64]string{}}
}

func TestReadinessAndReady(t *testing.T) {
	in := baseInput()
	r, err := Scan(in, Params{ReadyAt: 90, RecurringMonths: 3, RecurringGrace: 5, HistoryMonths: 12}, in.Today)
	if err != nil {
		t.Fatal(err)
	}
	if r.Readiness != 100 || !r.Ready || len(r.Checks) != 10 {
		t.Fatalf("empty period: readiness %v ready %v checks %d", r.Readiness, r.Ready, len(r.Checks))
	}
	in.Moves = []Move{{ID: 1, Type: "entry", State: "draft", Date: day("2026-10-12"), Amount: 50000}}
	r, _ = Scan(in, Params{ReadyAt: 90, RecurringMonths: 3, RecurringGrace: 5, HistoryMonths: 12}, in.Today)
	if r.Readiness >= 100 || r.Readiness < 90 || !r.Ready {
		t.Errorf("one small draft: readiness %v ready %v", r.Readiness, r.Ready)
	}
	in.BankLines = []BankLine{{ID: 5, Date: day("2026-09-30"), Amount: 1000}} // older than the period: critical
	r, _ = Scan(in, Params{ReadyAt: 50, RecurringMonths: 3, RecurringGrace: 5, HistoryMonths: 12}, in.Today)
	if r.Ready {
		t.Errorf("a critical item must block readiness whatever the score (%v)", r.Readiness)
	}
	if _, err := Scan(Input{}, Params{}, in.Today); err == nil {
		t.Error("scan without a period accepted")
	}
}

func TestTaxCheck(t *testing.T) {
	in := baseInput()
	in.Taxes[1] = Tax{ID: 1, Type: "percent", Rate: 21}
	in.Moves = []Move{{ID: 10, Type: "out_invoice", State: "posted", Date: day("2026-10-05")}, {ID: 11, Type: "out_invoice", State: "posted", Date: day("2026-10-06")}}
	in.Lines = []Line{
		{MoveID: 10, DisplayType: "product", TaxIDs: []int64{1}, Balance: -10000},
		{MoveID: 10, DisplayType: "tax", TaxLineID: 1, Balance: -2100},
		{MoveID: 11, DisplayType: "product", TaxIDs: []int64{1}, Balance: -10000},
		{MoveID: 11, DisplayType: "tax", TaxLineID: 1, Balance: -1900}, // 19 % booked
	}
	got := checkTaxes(&in)
	if len(got) != 1 || got[0].Records[0].ID != 11 || got[0].Amount.Minor != 200 {
		t.Fatalf("tax findings = %+v", got)
	}
}

func TestRecurringLearnsMonthlyCharges(t *testing.T) {
	in := baseInput()
	in.Period, _ = ParsePeriod("2026-11")
	in.Accounts[7] = "Rent"
	var id int64
	add := func(date string, partner, account int64, amount int64, typ string) {
		id++
		in.Moves = append(in.Moves, Move{ID: id, Type: typ, State: "posted", Date: day(date), PartnerID: partner, Partner: "p"})
		in.Lines = append(in.Lines, Line{MoveID: id, AccountID: account, Balance: amount, Date: day(date)})
	}
	for _, m := range []string{"2026-08-03", "2026-09-03", "2026-10-03"} {
		add(m, 1, 7, 150000, "in_invoice") // rent, same amount
		add(m, 2, 8, 50000, "in_invoice")  // utilities ...
		add(strings.Replace(m, "-03", "-20", 1), 3, 9, 12345, "in_invoice")
	}
	add("2026-11-03", 2, 8, 52000, "in_invoice") // ... posted this month
	for i, m := range []string{"2026-08-10", "2026-09-12", "2026-10-11"} {
		add(m, 4, 9, []int64{20000, 90000, 45000}[i], "in_invoice") // trade purchases: amounts vary
	}
	p, _ := ParseParams(nil)
	got := checkRecurring(&in, p)
	// Rent is due around the 3rd + 5 days: missing by the 20th. The day-20 charge is not late yet.
	if len(got) != 1 || got[0].Records[2].ID != 1 {
		t.Fatalf("missing = %+v", got)
	}
	in.Today = day("2026-11-27")
	if got = checkRecurring(&in, p); len(got) != 2 {
		t.Errorf("after day 25 the day-20 charge is late too: %d findings", len(got))
	}
}

func TestLockProposalPerVersion(t *testing.T) {
	r := Report{Period: "2026-10", Ready: true, Readiness: 97}
	v17 := LockState{CompanyID: 1, Fields: map[string]bool{"period_lock_date": true, "fiscalyear_lock_date": true}, Values: map[string]time.Time{}, FiscalYearEndMonth: 12, FiscalYearEndDay: 31}
	p, ok := LockProposal(r, october(), v17)
	vals := p.Calls[0].Args[1].(map[string]any)
	if !ok || vals["period_lock_date"] != "2026-10-31" || len(vals) != 1 {
		t.Errorf("17: %+v", vals)
	}
	v18 := LockState{CompanyID: 1, Fields: map[string]bool{"sale_lock_date": true, "purchase_lock_date": true, "fiscalyear_lock_date": true, "hard_lock_date": true},
		Values: map[string]time.Time{"sale_lock_date": day("2026-09-30")}, FiscalYearEndMonth: 12, FiscalYearEndDay: 31}
	p, ok = LockProposal(r, october(), v18)
	vals = p.Calls[0].Args[1].(map[string]any)
	if !ok || vals["sale_lock_date"] != "2026-10-31" || vals["purchase_lock_date"] != "2026-10-31" || vals["hard_lock_date"] != nil {
		t.Errorf("18: %+v", vals)
	}
	if p.Expect[0].Values["sale_lock_date"] != "2026-09-30" || p.Expect[0].Values["purchase_lock_date"] != false {
		t.Errorf("18 expectations: %+v", p.Expect[0].Values)
	}
	if len(p.Roles) != 2 || p.Roles[0] != core.RoleCFO {
		t.Errorf("roles %v", p.Roles)
	}
	dec, _ := ParsePeriod("2026-12")
	p, _ = LockProposal(Report{Period: "2026-12", Ready: true}, dec, v18)
	if p.Calls[0].Args[1].(map[string]any)["fiscalyear_lock_date"] != "2026-12-31" {
		t.Error("year end must move the fiscal-year lock")
	}
	withOpenBank := Report{Period: "2026-12", Ready: true, Checks: []Check{{Number: 2, Findings: []core.Finding{{Kind: KindUnreconciledBank}}}}}
	p, _ = LockProposal(withOpenBank, dec, v18)
	if vals := p.Calls[0].Args[1].(map[string]any); vals["fiscalyear_lock_date"] != nil || vals["sale_lock_date"] != "2026-12-31" {
		t.Errorf("with a statement line open the fiscal-year lock must wait (Odoo refuses it): %+v", vals)
	}
	if !strings.Contains(p.Rationale, "fiscal-year lock waits") {
		t.Errorf("the rationale does not say why the fiscal-year lock waits: %s", p.Rationale)
	}
	if _, ok := LockProposal(Report{Ready: false}, october(), v18); ok {
		t.Error("not ready: no lock proposal")
	}
	v18.Values["sale_lock_date"], v18.Values["purchase_lock_date"] = day("2026-10-31"), day("2026-10-31")
	if _, ok := LockProposal(r, october(), v18); ok {
		t.Error("already locked: no proposal")
	}
}

func TestAccrualProposal(t *testing.T) {
	in := baseInput()
	in.Purchases = []OrderLine{{OrderID: 3, Order: "P00003", PartnerID: 9, Date: day("2026-10-20"), QtyDone: 5, QtyInvoiced: 2, PriceUnit: 1000}}
	f, props := checkReceived(&in)
	if len(f) != 1 || f[0].Amount.Minor != 3000 || len(props) != 0 {
		t.Fatalf("without accrual accounts: %d findings, %d proposals", len(f), len(props))
	}
	in.AccrualExpenseAccount, in.AccrualLiability, in.MiscJournal = 60, 45, 3
	_, props = checkReceived(&in)
	if len(props) != 1 {
		t.Fatal("no accrual proposal")
	}
	b, _ := json.Marshal(props[0].Calls[0].Args[0])
	if !strings.Contains(string(b), `"date":"2026-10-31"`) || !strings.Contains(string(b), `"debit":30`) {
		t.Errorf("accrual entry %s", b)
	}
}

func TestParams(t *testing.T) {
	if _, err := ParseParams(json.RawMessage(`{"ready_at":120}`)); err == nil {
		t.Error("ready_at 120 accepted")
	}
	if _, err := ParseParams(json.RawMessage(`{"history_months":2,"recurring_months":3}`)); err == nil {
		t.Error("history shorter than recurring accepted")
	}
	if _, err := ParsePeriod("2026/10"); core.CodeOf(err) != core.CodeInvalid {
		t.Errorf("bad period: %v", err)
	}
}
