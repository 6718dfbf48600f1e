package bank

import (
	"os"
	"path/filepath"
	"testing"
)

// addCorpusSeeds seeds a fuzz target with the corpus files matching pattern, when present.
func addCorpusSeeds(f *testing.F, sub, pattern string) {
	base := os.Getenv("SMARTODOO_CORPORA")
	if base == "" {
		base = filepath.Join("..", "..", "..", "shared", "corpora")
	}
	files, _ := filepath.Glob(filepath.Join(base, "bank", sub, pattern))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// Each fuzz target only asserts that bad input is rejected with an error, never a panic,
// and that what parses is internally consistent.
func FuzzParseMT940(f *testing.F) {
	f.Add([]byte(germanMT940))
	f.Add([]byte(dutchMT940))
	addCorpusSeeds(f, "mt940", "*.sta")
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseMT940(data)
		checkParsed(t, st, err)
	})
}

func FuzzParseCAMT(f *testing.F) {
	addCorpusSeeds(f, "camt053", "*.xml")
	f.Add([]byte(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>X</IBAN></Id><Ccy>EUR</Ccy></Acct><Ntry><Amt>1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseCAMT(data)
		checkParsed(t, st, err)
	})
}

func FuzzParseOFX(f *testing.F) {
	addCorpusSeeds(f, "ofx", "*.ofx")
	addCorpusSeeds(f, filepath.Join("ofx", "malformed"), "*.ofx")
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseOFX(data)
		checkParsed(t, st, err)
	})
}

func FuzzParseCSV(f *testing.F) {
	m := CSVMapping{Header: true, Delimiter: ";", DateFormat: "DD.MM.YYYY", DecimalSeparator: ",", ThousandsSeparator: ".", Currency: "EUR",
		Columns: CSVColumns{Date: "Datum", Amount: "Betrag", Remittance: "Text", Balance: "Saldo"}}
	f.Add([]byte("Datum;Text;Betrag;Saldo\n02.01.2024;RE-1;1.250,00;2.250,00\n"))
	f.Add([]byte("Datum;Text;Betrag\n\"02.01.2024\";\"a;b\";-0,01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseCSV(data, m)
		checkParsed(t, st, err)
	})
}

func FuzzAmount(f *testing.F) {
	for _, s := range []string{"1.50", ".6", "9,", "-1 234,56", "(12.00)", "0000000001213,28", "1e5", "--1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = parseAmount(s, ',', '.', 2)
		_, _ = parseAmount(s, '.', 0, 3)
	})
}

func checkParsed(t *testing.T, st []Statement, err error) {
	t.Helper()
	if err != nil {
		if st != nil {
			t.Fatalf("error %v came with %d statements", err, len(st))
		}
		return
	}
	for _, s := range st {
		_ = s.CheckBalance()
		if s.Decimals < 0 || s.Decimals > 3 {
			t.Fatalf("decimals %d", s.Decimals)
		}
	}
}
