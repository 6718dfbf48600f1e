package bank

import (
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// ParseOFX reads OFX 1.x (SGML), OFX 2.x (XML) and Quicken's QFX (OFX with INTU.* tags)
// bank and credit-card statements. OFX states the ledger balance at the end of the period
// but no opening balance, so Opening stays nil.
func ParseOFX(data []byte) ([]Statement, error) {
	root, err := parseOFXTree(normalizeText(data))
	if err != nil {
		return nil, err
	}
	var out []Statement
	for _, kind := range []string{"STMTRS", "CCSTMTRS"} {
		for _, rs := range root.findAll(kind, nil) {
			st, err := ofxStatement(rs)
			if err != nil {
				return nil, err
			}
			out = append(out, st)
		}
	}
	if len(out) == 0 {
		return nil, core.Errorf(core.CodeInvalid, "OFX: the file contains no bank or credit-card statement (no STMTRS or CCSTMTRS element)")
	}
	return out, nil
}

func ofxStatement(rs *ofxNode) (Statement, error) {
	st := Statement{Format: FormatOFX, Currency: strings.ToUpper(rs.value("CURDEF"))}
	if st.Currency == "" {
		return st, core.Errorf(core.CodeInvalid, "OFX line %d: <%s> has no CURDEF (currency)", rs.line, rs.name)
	}
	st.Decimals = CurrencyDecimals(st.Currency)
	acct := rs.child("BANKACCTFROM")
	if acct == nil {
		acct = rs.child("CCACCTFROM")
	}
	if acct == nil || acct.value("ACCTID") == "" {
		return st, core.Errorf(core.CodeInvalid, "OFX line %d: <%s> has no account (BANKACCTFROM/ACCTID)", rs.line, rs.name)
	}
	st.Account, st.BankID = acct.value("ACCTID"), acct.value("BANKID")
	if list := rs.child("BANKTRANLIST"); list != nil {
		st.ID = strings.TrimSpace(list.value("DTSTART") + "-" + list.value("DTEND"))
		for _, tn := range list.findAll("STMTTRN", nil) {
			tx, err := ofxTransaction(st, tn)
			if err != nil {
				return st, err
			}
			st.Transactions = append(st.Transactions, tx)
		}
	}
	if bal := rs.child("LEDGERBAL"); bal != nil {
		b, err := ofxBalance(st, bal)
		if err != nil {
			return st, err
		}
		st.Closing = b
	}
	return st, nil
}

func ofxBalance(st Statement, bal *ofxNode) (*Balance, error) {
	amt, err := ofxAmount(st, bal, "BALAMT")
	if err != nil {
		return nil, err
	}
	d, err := ofxDate(bal, "DTASOF")
	if err != nil {
		return nil, err
	}
	return &Balance{Amount: amt, Date: d}, nil
}

func ofxTransaction(st Statement, tn *ofxNode) (Transaction, error) {
	tx := Transaction{Type: strings.ToLower(tn.value("TRNTYPE")), Source: lineSource(tn.line)}
	var err error
	if tx.Date, err = ofxDate(tn, "DTPOSTED"); err != nil {
		return tx, err
	}
	if tn.value("DTUSER") != "" {
		if tx.ValueDate, err = ofxDate(tn, "DTUSER"); err != nil {
			return tx, err
		}
	}
	if tx.Amount, err = ofxAmount(st, tn, "TRNAMT"); err != nil {
		return tx, err
	}
	tx.BankRef = tn.value("FITID")
	tx.EndToEndID = cmpOr(tn.value("REFNUM"), tn.value("CHECKNUM"))
	if tx.EndToEndID == "0" {
		tx.EndToEndID = ""
	}
	tx.CounterpartyName = tn.value("NAME")
	if p := tn.child("PAYEE"); p != nil && tx.CounterpartyName == "" {
		tx.CounterpartyName = p.value("NAME")
	}
	if to := tn.child("BANKACCTTO"); to != nil {
		tx.CounterpartyIBAN = normalizeAccount(to.value("ACCTID"))
	}
	tx.Remittance = tn.value("MEMO")
	return tx, nil
}

// ofxAmount reads a signed amount; some European banks write a decimal comma.
func ofxAmount(st Statement, n *ofxNode, field string) (int64, error) {
	raw := n.value(field)
	if strings.TrimSpace(raw) == "" {
		return 0, core.Errorf(core.CodeInvalid, "OFX line %d: <%s> has no %s amount", n.line, n.name, field)
	}
	sep := byte('.')
	if strings.Contains(raw, ",") && !strings.Contains(raw, ".") {
		sep = ','
	}
	v, err := parseAmount(raw, sep, 0, st.Decimals)
	if err != nil {
		return 0, core.Errorf(core.CodeInvalid, "OFX line %d: <%s> %s: %v", n.child(field).line, n.name, field, err)
	}
	return v, nil
}

// ofxDate reads YYYYMMDD[HHMMSS[.XXX]][[offset:TZ]], keeping the calendar day the bank states.
func ofxDate(n *ofxNode, field string) (Date, error) {
	raw := strings.TrimSpace(n.value(field))
	if raw == "" {
		return Date{}, core.Errorf(core.CodeInvalid, "OFX line %d: <%s> has no %s date", n.line, n.name, field)
	}
	if len(raw) < 8 {
		return Date{}, core.Errorf(core.CodeInvalid, "OFX line %d: %s %q is not YYYYMMDD[HHMMSS]", n.child(field).line, field, raw)
	}
	t, err := time.Parse("20060102", raw[:8])
	if err == nil {
		err = checkOFXTime(raw[8:])
	}
	if err != nil {
		return Date{}, core.Errorf(core.CodeInvalid, "OFX line %d: %s %q is not a valid YYYYMMDD[HHMMSS] date", n.child(field).line, field, raw)
	}
	return Date{t}, nil
}

// checkOFXTime validates the optional "HHMMSS.XXX[-5:EST]" after the date.
func checkOFXTime(s string) error {
	if i := strings.IndexByte(s, '['); i >= 0 {
		s = s[:i]
	}
	s, _, _ = strings.Cut(s, ".")
	if s == "" {
		return nil
	}
	layouts := map[int]string{2: "15", 4: "1504", 6: "150405"}
	layout, ok := layouts[len(s)]
	if !ok || !allDigits(s) {
		return errInvalidf("time %q is not HH[MM[SS]]", s)
	}
	_, err := time.Parse(layout, s)
	return err
}
