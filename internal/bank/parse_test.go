package bank

import (
	"strings"
	"testing"
)

const germanMT940 = ":20:STARTUMS\r\n:25:37040044/0532013000\r\n:28C:00001/001\r\n:60F:C251230EUR1000,00\r\n" +
	":61:2512310102CR250,00NTRFNONREF//BANKREF123\r\n" +
	":86:166?00GUTSCHRIFT?100599?20EREF+E2E-4711?21SVWZ+Rechnung RE-2025-0042 ?22danke?30COBADEFFXXX?31DE89370400440532013000?32Muster GmbH\r\n" +
	":61:251231DR10,50NCHGNONREF\r\n:86:805?00Gebuehren?20Kontofuehrung\r\n" +
	":62F:C251231EUR1239,50\r\n-" // no trailing CRLF

const dutchMT940 = ":20:940S130403\n:25:NL91ABNA0417164300\n:28C:0\n:60F:C130402EUR000000001000,00\n" +
	":61:1304030403C000000000100,00NTRFEREF//00000000001005\n/TRCD/00100/\n" +
	":86:/TRTP/SEPA OVERBOEKING/IBAN/NL81ASNB9999999999/BIC/ASNBNL21/NAME/Klant B.V./REMI/USTD//Factuur INV-2013-0007/EREF/E2E-99\n" +
	":61:1304030403RC000000000020,00NTRFNONREF\n:86:STORNO\n" +
	":61:1304030403RD000000000005,00NTRFNONREF\n:86:STORNO TERUG\n" +
	":62F:C130403EUR000000001085,00\n"

func TestMT940Dialects(t *testing.T) {
	st, err := Parse([]byte(germanMT940), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := st[0]
	if s.Account != "0532013000" || s.BankID != "37040044" || s.ID != "STARTUMS 00001/001" {
		t.Errorf("german header %+v", s)
	}
	tx := s.Transactions[0]
	want := Transaction{Amount: 25000, EndToEndID: "E2E-4711", Remittance: "Rechnung RE-2025-0042 danke", CounterpartyName: "Muster GmbH",
		CounterpartyIBAN: "DE89370400440532013000", BankRef: "BANKREF123", Type: "NTRF"}
	if tx.Amount != want.Amount || tx.EndToEndID != want.EndToEndID || tx.Remittance != want.Remittance ||
		tx.CounterpartyName != want.CounterpartyName || tx.CounterpartyIBAN != want.CounterpartyIBAN || tx.BankRef != want.BankRef {
		t.Errorf("german line = %+v", tx)
	}
	// Value date 2025-12-31, booked 01-02 of the next year: the entry date crosses the year.
	if tx.ValueDate.String() != "2025-12-31" || tx.Date.String() != "2026-01-02" {
		t.Errorf("german dates value %s entry %s", tx.ValueDate, tx.Date)
	}
	if s.Transactions[1].Amount != -1050 || s.Transactions[1].Remittance != "Kontofuehrung" {
		t.Errorf("german fee line = %+v", s.Transactions[1])
	}

	st, err = Parse([]byte(dutchMT940), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d := st[0].Transactions
	if d[0].CounterpartyName != "Klant B.V." || d[0].CounterpartyIBAN != "NL81ASNB9999999999" || d[0].Remittance != "Factuur INV-2013-0007" || d[0].EndToEndID != "E2E-99" {
		t.Errorf("dutch line = %+v", d[0])
	}
	if d[1].Amount != -2000 || d[2].Amount != 500 {
		t.Errorf("RC/RD signs: %d %d, want -2000 and 500", d[1].Amount, d[2].Amount)
	}
}

const mt942 = ":20:INTRADAY1\n:25:NL91ABNA0417164300\n:28C:1/1\n:34F:EURD0,\n:13D:2611241030+0100\n" +
	":61:2611241124CR150,00NTRFE2E-1//B1\n:86:/NAME/Klant/REMI/INV-1/\n:61:2611241124DR20,00NCHGNONREF//B2\n:86:KOSTEN\n" +
	":90D:1EUR20,00\n:90C:1EUR150,00\n-"

func TestMT940AccountWithCurrency(t *testing.T) {
	if a, b := splitMTAccount("NL91ABNA0417164300EUR"); a != "NL91ABNA0417164300" || b != "" {
		t.Errorf("IBAN+currency = %q %q", a, b)
	}
	if a, _ := splitMTAccount("1526.89.184EUR"); a != "1526.89.184EUR" {
		t.Errorf("Rabobank account = %q", a)
	}
}

func TestMT942(t *testing.T) {
	st, err := Parse([]byte(mt942), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := st[0]
	if s.Currency != "EUR" || len(s.Transactions) != 2 || s.Opening != nil || s.Transactions[0].Amount != 15000 || s.Transactions[0].Remittance != "INV-1" {
		t.Fatalf("mt942 = %+v", s)
	}
	bad := strings.Replace(mt942, ":90C:1EUR150,00", ":90C:2EUR300,00", 1)
	if _, err := Parse([]byte(bad), ParseOptions{}); err == nil || !strings.Contains(err.Error(), "announces 2 credit entries") {
		t.Errorf("mt942 totals mismatch: %v", err)
	}
}

func TestCAMTVersions(t *testing.T) {
	const v8 = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><Ntfctn><Id>N1</Id>
<Acct><Id><IBAN>BE68 5390 0754 7034</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2024-03-01</Dt></BookgDt><AcctSvcrRef>X1</AcctSvcrRef>
<NtryDtls>
<TxDtls><Refs><EndToEndId>A</EndToEndId></Refs><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>Alpha</Nm></Pty></Dbtr></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>+++090/9337/55493+++</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>
<TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy="EUR">200.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>Beta</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>RF18539007547034</Ustrd></RmtInf></TxDtls>
</NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts><BookgDt><Dt>2024-03-01</Dt></BookgDt></Ntry>
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`
	st, err := Parse([]byte(v8), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := st[0]
	if s.Account != "BE68539007547034" || len(s.Transactions) != 2 || s.Opening != nil {
		t.Fatalf("camt.054 = %+v", s)
	}
	a, b := s.Transactions[0], s.Transactions[1]
	if a.Amount != 10000 || a.CounterpartyName != "Alpha" || a.Remittance != "+++090/9337/55493+++" || a.EndToEndID != "A" || a.BankRef != "X1#1" {
		t.Errorf("batch part 1 = %+v", a)
	}
	if b.Amount != 20000 || b.EndToEndID != "" || b.Remittance != "RF18539007547034" {
		t.Errorf("batch part 2 = %+v", b)
	}
}

func TestMalformed(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"camt bad amount", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>X</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt>12,3.4</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>`,
			"Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt"},
		{"camt bad indicator", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>X</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt>1</Amt><CdtDbtInd>UP</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>`,
			"Ntry[1]/CdtDbtInd"},
		{"camt syntax", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><BkToCstmrStmt>` + "\n<Stmt></BkToCstmrStmt>", "line 2"},
		{"camt unbalanced", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>S9</Id><Acct><Id><IBAN>X</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt>10</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-01</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt>12</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-02</Dt></Dt></Bal>
<Ntry><Amt>1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>`,
			"account X (S9) closing 2024-01-02 does not balance"},
		{"mt940 bad 61", ":20:A\n:25:1\n:60F:C240101EUR0,00\n:61:2401X01C1,00NTRF\n:62F:C240101EUR1,00\n", "line 4"},
		{"mt940 bad balance", ":20:A\n:25:1\n:60F:C24011EUR0,00\n", "line 3"},
		{"mt940 no type", ":20:A\n:25:1\n:60F:C240101EUR0,00\n:61:240101C1,00\n", "transaction type"},
		{"ofx unclosed", "OFXHEADER:100\n\n<OFX>\n<BANKMSGSRSV1></FOO>", "line 4: </FOO> closes no open element"},
		{"empty", "  \n", "empty"},
		{"csv without mapping", "a,b\n1,2\n", "--mapping"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.data), ParseOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
}

func TestCSV(t *testing.T) {
	m, err := ParseCSVMapping([]byte(`{"name":"Sparkasse","delimiter":";","header":true,"skip_rows":1,"date_format":"DD.MM.YYYY",
	 "decimal_separator":",","thousands_separator":".","currency":"EUR","account":"DE89 3704 0044 0532 0130 00",
	 "columns":{"date":"Buchungstag","amount":"Betrag","counterparty_name":"Name","remittance":"Verwendungszweck","balance":"Saldo"}}`))
	if err != nil {
		t.Fatal(err)
	}
	data := "Umsaetze Girokonto\nBuchungstag;Name;Verwendungszweck;Betrag;Saldo\n" +
		"02.01.2024;Muster GmbH;RE-1;1.250,00;2.250,00\n03.01.2024;Bank;Gebuehr;-2,50;2.247,50\n"
	st, err := Parse([]byte(data), ParseOptions{Mapping: &m})
	if err != nil {
		t.Fatal(err)
	}
	s := st[0]
	if len(s.Transactions) != 2 || s.Transactions[0].Amount != 125000 || s.Opening.Amount != 100000 || s.Closing.Amount != 224750 || s.Account != "DE89 3704 0044 0532 0130 00" {
		t.Errorf("csv statement = %+v", s)
	}
	bad := strings.Replace(data, "-2,50", "-2,5x", 1)
	if _, err := Parse([]byte(bad), ParseOptions{Mapping: &m}); err == nil || !strings.Contains(err.Error(), "CSV line 4, column Betrag") {
		t.Errorf("bad amount err = %v", err)
	}
	m2 := CSVMapping{Header: false, DateFormat: "YYYY-MM-DD", DecimalSeparator: ".", Currency: "USD",
		Columns: CSVColumns{Date: "1", Debit: "2", Credit: "3", Remittance: "4"}}
	st, err = ParseCSV([]byte("2024-05-01,$10.00,,rent\n2024-05-02,,99.95 USD,INV/2024/0001\n"), m2)
	if err != nil || st[0].Transactions[0].Amount != -1000 || st[0].Transactions[1].Amount != 9995 {
		t.Errorf("debit/credit csv = %+v, %v", st, err)
	}
	if _, err := ParseCSVMapping([]byte(`{"columns":{"date":"d"},"decimal_separator":";"}`)); err == nil || !strings.Contains(err.Error(), "give either columns.amount") {
		t.Errorf("mapping validation err = %v", err)
	}
}
