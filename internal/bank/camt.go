package bank

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

var camtNSRe = regexp.MustCompile(`^urn:iso:std:iso:20022:tech:xsd:camt\.05([234])\.001\.(\d{2})$`)

// ParseCAMT reads an ISO 20022 camt.053 statement, camt.052 account report or camt.054
// debit/credit notification. Errors name the XML element path at fault.
func ParseCAMT(data []byte) ([]Statement, error) {
	msgType, err := camtMessageType(data)
	if err != nil {
		return nil, err
	}
	var doc camtDocument
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, camtSyntaxError(err)
	}
	var groups []camtStmt
	path := ""
	switch msgType {
	case "3":
		groups, path = doc.Stmts, "Document/BkToCstmrStmt/Stmt"
	case "2":
		groups, path = doc.Rpts, "Document/BkToCstmrAcctRpt/Rpt"
	case "4":
		groups, path = doc.Ntfctns, "Document/BkToCstmrDbtCdtNtfctn/Ntfctn"
	}
	if len(groups) == 0 {
		return nil, core.Errorf(core.CodeInvalid, "CAMT: %s: no statement found in the file", path)
	}
	out := make([]Statement, 0, len(groups))
	for i, g := range groups {
		st, err := camtStatement(g, fmt.Sprintf("%s[%d]", path, i+1))
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// camtMessageType checks the root element and returns "2", "3" or "4" (camt.05x).
func camtMessageType(data []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", camtSyntaxError(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "Document" {
			return "", core.Errorf(core.CodeInvalid, "CAMT: root element is <%s>, expected <Document>", se.Name.Local)
		}
		m := camtNSRe.FindStringSubmatch(se.Name.Space)
		if m == nil {
			return "", core.Errorf(core.CodeInvalid, "CAMT: Document namespace %q is not camt.052/053/054.001.xx", se.Name.Space)
		}
		return m[1], nil
	}
}

func camtSyntaxError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return core.Errorf(core.CodeInvalid, "CAMT: XML syntax error at line %d: %s", se.Line, se.Msg)
	}
	return core.Errorf(core.CodeInvalid, "CAMT: cannot read XML: %v", err)
}

func camtStatement(g camtStmt, path string) (Statement, error) {
	st := Statement{Format: FormatCAMT, ID: strings.TrimSpace(g.ID), Currency: strings.TrimSpace(g.Acct.Ccy)}
	st.Account = normalizeAccount(cmpOr(g.Acct.IBAN, g.Acct.Other))
	st.BankID = strings.TrimSpace(cmpOr(g.Acct.BIC, g.Acct.BICFI))
	if st.Account == "" {
		return st, core.Errorf(core.CodeInvalid, "CAMT: %s/Acct/Id: no IBAN or other account id", path)
	}
	if st.Currency == "" { // Ccy is optional on the account; take it from the first amount
		for _, b := range g.Bal {
			st.Currency = b.Amt.Ccy
			break
		}
		if st.Currency == "" && len(g.Entries) > 0 {
			st.Currency = g.Entries[0].Amt.Ccy
		}
	}
	if st.Currency == "" {
		return st, core.Errorf(core.CodeInvalid, "CAMT: %s/Acct/Ccy: no currency on the account or its amounts", path)
	}
	st.Decimals = CurrencyDecimals(st.Currency)
	for i, b := range g.Bal {
		if err := camtBalance(&st, b, fmt.Sprintf("%s/Bal[%d]", path, i+1)); err != nil {
			return st, err
		}
	}
	for i, e := range g.Entries {
		txs, err := camtEntryLines(st, e, fmt.Sprintf("%s/Ntry[%d]", path, i+1))
		if err != nil {
			return st, err
		}
		st.Transactions = append(st.Transactions, txs...)
	}
	return st, nil
}

func camtBalance(st *Statement, b camtBal, path string) error {
	code := strings.ToUpper(strings.TrimSpace(cmpOr(b.Code, b.Prtry)))
	if code != "OPBD" && code != "PRCD" && code != "CLBD" {
		return nil // available, interim and forward balances do not frame the booked lines
	}
	amt, err := camtMoney(st, b.Amt, b.CdtDbtInd, path)
	if err != nil {
		return err
	}
	d, err := camtDay(b.Dt, path+"/Dt")
	if err != nil {
		return err
	}
	bal := &Balance{Amount: amt, Date: d}
	if code == "CLBD" {
		st.Closing = bal
	} else if st.Opening == nil || code == "OPBD" {
		st.Opening = bal
	}
	return nil
}

// camtMoney reads an amount in the statement's currency, signed by its CRDT/DBIT indicator.
func camtMoney(st *Statement, a camtAmount, ind, path string) (int64, error) {
	if a.Ccy != "" && !strings.EqualFold(a.Ccy, st.Currency) {
		return 0, core.Errorf(core.CodeInvalid, "CAMT: %s/Amt: currency %s differs from the account's %s", path, a.Ccy, st.Currency)
	}
	v, err := parseAmount(a.Value, '.', 0, st.Decimals)
	if err != nil {
		return 0, core.Errorf(core.CodeInvalid, "CAMT: %s/Amt: %v", path, err)
	}
	switch strings.TrimSpace(ind) {
	case "CRDT":
	case "DBIT":
		v = -v
	default:
		return 0, core.Errorf(core.CodeInvalid, "CAMT: %s/CdtDbtInd: %q is neither CRDT nor DBIT", path, ind)
	}
	return v, nil
}

func camtDay(d camtDate, path string) (Date, error) {
	s := strings.TrimSpace(d.Dt)
	if s == "" && len(strings.TrimSpace(d.DtTm)) >= 10 {
		s = strings.TrimSpace(d.DtTm)[:10]
	}
	if s == "" {
		return Date{}, core.Errorf(core.CodeInvalid, "CAMT: %s: missing Dt or DtTm", path)
	}
	day, err := ParseDate(s)
	if err != nil {
		return Date{}, core.Errorf(core.CodeInvalid, "CAMT: %s: %v", path, err)
	}
	return day, nil
}
