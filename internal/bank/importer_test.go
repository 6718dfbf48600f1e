package bank

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// fakeOdoo keeps created statement lines in memory and answers the importer's few calls.
type fakeOdoo struct {
	withUID bool
	lines   []map[string]any
	stmts   int
}

func (f *fakeOdoo) Call(_ context.Context, model, method string, args []any, kw map[string]any, out any) error {
	var res any
	switch model + "." + method {
	case "account.journal.search_read":
		res = []map[string]any{{"id": 7, "name": "Bank", "bank_acc_number": "BE68 5390 0754 7034", "currency_id": false},
			{"id": 8, "name": "Other", "bank_acc_number": false, "currency_id": false}}
	case "account.bank.statement.line.fields_get":
		m := map[string]any{"amount": map[string]any{"type": "monetary"}}
		if f.withUID {
			m["unique_import_id"] = map[string]any{"type": "char"}
		}
		res = m
	case "account.bank.statement.line.search_read":
		res = f.lines // the importer filters; the fake returns all (one journal, one range)
	case "account.bank.statement.create":
		f.stmts++
		vals := args[0].(map[string]any)
		for _, cmd := range vals["line_ids"].([]any) {
			l := cmd.([]any)[2].(map[string]any)
			f.lines = append(f.lines, map[string]any{"id": len(f.lines) + 1, "date": l["date"], "amount": l["amount"],
				"payment_ref": l["payment_ref"], "unique_import_id": l["unique_import_id"]})
		}
		res = f.stmts
	default:
		return fmt.Errorf("fake odoo: unexpected %s.%s", model, method)
	}
	b, _ := json.Marshal(res)
	return json.Unmarshal(b, out)
}

func TestImportTwiceCreatesOnce(t *testing.T) {
	for _, withUID := range []bool{true, false} {
		t.Run(fmt.Sprint("unique_import_id=", withUID), func(t *testing.T) {
			st := Statement{Format: FormatCAMT, Account: "BE68539007547034", Currency: "EUR", Decimals: 2, Transactions: []Transaction{
				{Date: NewDate(2024, 3, 1), Amount: 1000, Remittance: "coffee", BankRef: "R1"},
				{Date: NewDate(2024, 3, 1), Amount: -450, Remittance: "card"},
				{Date: NewDate(2024, 3, 1), Amount: -450, Remittance: "card"}, // same again: a second real payment
				{Date: NewDate(2024, 3, 2), Amount: 0, Remittance: "info"},
			}}
			odoo := &fakeOdoo{withUID: withUID}
			im := Importer{Odoo: odoo}
			res, err := im.Import(context.Background(), []Statement{st}, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Plan.Create) != 3 || res.Plan.Reasons[SkipZeroAmount] != 1 || res.JournalIDs[0] != 7 || len(odoo.lines) != 3 {
				t.Fatalf("first import: plan %s, journal %v, %d lines", res.Plan.Summary(), res.JournalIDs, len(odoo.lines))
			}
			res, err = im.Import(context.Background(), []Statement{st}, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Plan.Create) != 0 || res.Plan.Reasons[SkipAlreadyImported] != 3 || len(odoo.lines) != 3 || odoo.stmts != 1 {
				t.Fatalf("second import: %s; %d lines in odoo", res.Plan.Summary(), len(odoo.lines))
			}
		})
	}
}

func TestPickJournal(t *testing.T) {
	js := []Journal{{ID: 7, Name: "Bank", AccountNumber: "BE68539007547034"}, {ID: 9, Name: "USD bank", AccountNumber: "BE71096123456769", Currency: "USD"}}
	if _, err := pickJournal(Statement{Account: "BE71096123456769", Currency: "EUR"}, js, 0); err == nil || !strings.Contains(err.Error(), "keeps USD") {
		t.Errorf("currency mismatch: %v", err)
	}
	if _, err := pickJournal(Statement{Currency: "EUR"}, js, 42); err == nil {
		t.Error("unknown journal id accepted")
	}
	if j, err := pickJournal(Statement{Currency: "EUR"}, js, 7); err != nil || j.ID != 7 {
		t.Errorf("explicit journal: %v %v", j, err)
	}
}

func TestPlanImportOverlap(t *testing.T) {
	a := Statement{Account: "NL91 ABNA 0417 1643 00", Transactions: []Transaction{
		{Date: NewDate(2024, 1, 1), Amount: 5, BankRef: "X"}, {Date: NewDate(2024, 1, 2), Amount: 6, BankRef: "Y"}}}
	b := Statement{Account: "NL91ABNA0417164300", Transactions: []Transaction{
		{Date: NewDate(2024, 1, 2), Amount: 6, BankRef: "Y"}, {Date: NewDate(2024, 1, 3), Amount: 7, BankRef: "Z"}}}
	p := PlanImport([]Statement{a, b}, nil)
	if len(p.Create) != 3 || p.Reasons[SkipDuplicateInFile] != 1 {
		t.Fatalf("overlap plan: %s", p.Summary())
	}
	if id := p.Create[0].UniqueImportID; id != "NL91ABNA0417164300-X" {
		t.Errorf("id = %q", id)
	}
}

func TestMatchJournal(t *testing.T) {
	js := []Journal{{ID: 1, Name: "ING", AccountNumber: "NL91 ABNA 0417 1643 00"}, {ID: 2, Name: "KBC", AccountNumber: "BE68539007547034"}}
	for acct, want := range map[string]int64{"NL91ABNA0417164300": 1, "417164300": 1, "be68 5390 0754 7034": 2} {
		j, err := MatchJournal(Statement{Account: acct}, js)
		if err != nil || j.ID != want {
			t.Errorf("%s: journal %d, err %v; want %d", acct, j.ID, err, want)
		}
	}
	if _, err := MatchJournal(Statement{Account: "DE89370400440532013000"}, js); err == nil {
		t.Error("unknown account matched a journal")
	}
	if n, ok := NormalizeIBAN("gb82 west 1234 5698 7654 32"); !ok || n != "GB82WEST12345698765432" {
		t.Errorf("NormalizeIBAN = %q %v", n, ok)
	}
	if _, ok := NormalizeIBAN("GB82WEST12345698765433"); ok {
		t.Error("bad check digits accepted")
	}
}
