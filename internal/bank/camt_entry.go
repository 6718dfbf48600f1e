package bank

import (
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// camtEntryLines turns one Ntry into statement lines. A batch entry (several TxDtls, each
// with its own amount) becomes one line per transaction, as long as they add up to the entry:
// each customer payment can then be matched to its own invoice.
func camtEntryLines(st Statement, e camtEntry, path string) ([]Transaction, error) {
	status := strings.ToUpper(strings.TrimSpace(cmpOr(e.Sts.Cd, e.Sts.Text)))
	if status != "" && status != "BOOK" {
		return nil, nil // pending and information-only entries are not on the books yet
	}
	amount, err := camtMoney(&st, e.Amt, e.CdtDbtInd, path)
	if err != nil {
		return nil, err
	}
	booked, err := camtDay(e.BookgDt, path+"/BookgDt")
	if err != nil {
		return nil, err
	}
	base := Transaction{Date: booked, Amount: amount, Source: path}
	if strings.TrimSpace(e.ValDt.Dt+e.ValDt.DtTm) != "" {
		if base.ValueDate, err = camtDay(e.ValDt, path+"/ValDt"); err != nil {
			return nil, err
		}
	}
	base.BankRef = strings.TrimSpace(cmpOr(e.AcctSvcrRef, e.NtryRef))
	base.Type = camtTypeCode(e.BkTxCd)
	if len(e.TxDtls) <= 1 {
		tx := base
		if len(e.TxDtls) == 1 {
			fillCAMTDetails(&tx, e.TxDtls[0], amount)
		}
		if tx.Remittance == "" {
			tx.Remittance = strings.TrimSpace(e.AddtlInf)
		}
		return []Transaction{tx}, nil
	}
	return camtSplitBatch(st, e, base, path)
}

func camtSplitBatch(st Statement, e camtEntry, base Transaction, path string) ([]Transaction, error) {
	out := make([]Transaction, 0, len(e.TxDtls))
	var sum int64
	for i, d := range e.TxDtls {
		amt := d.Amt
		if amt == nil {
			amt = d.TxAmt
		}
		if amt == nil { // no per-transaction amounts: keep the batch as one line
			tx := base
			fillCAMTDetails(&tx, e.TxDtls[0], base.Amount)
			tx.Remittance = strings.TrimSpace(cmpOr(e.AddtlInf, tx.Remittance))
			return []Transaction{tx}, nil
		}
		p := fmt.Sprintf("%s/NtryDtls/TxDtls[%d]", path, i+1)
		ind := cmpOr(d.CdtDbtInd, e.CdtDbtInd)
		v, err := camtMoney(&st, *amt, ind, p)
		if err != nil {
			return nil, err
		}
		tx := base
		tx.Amount, tx.Source = v, p
		fillCAMTDetails(&tx, d, v)
		if d.AcctSvcrRef != "" || d.TxID != "" {
			tx.BankRef = strings.TrimSpace(cmpOr(d.AcctSvcrRef, d.TxID))
		} else {
			tx.BankRef = fmt.Sprintf("%s#%d", base.BankRef, i+1)
		}
		sum += v
		out = append(out, tx)
	}
	if sum != base.Amount {
		return nil, core.Errorf(core.CodeInvalid, "CAMT: %s: the %d transaction details add up to %s, not the entry's %s",
			path, len(out), core.FormatMinor(sum, st.Decimals), core.FormatMinor(base.Amount, st.Decimals))
	}
	return out, nil
}

// fillCAMTDetails takes references, remittance and the other party from TxDtls. For money
// received the other party is the debtor; for money paid out, the creditor.
func fillCAMTDetails(tx *Transaction, d camtTxDtls, amount int64) {
	if e2e := strings.TrimSpace(d.EndToEndID); e2e != "" && !strings.EqualFold(e2e, "NOTPROVIDED") {
		tx.EndToEndID = e2e
	}
	p := d.Parties
	if amount >= 0 {
		tx.CounterpartyName = strings.TrimSpace(cmpOr(p.DbtrNm, p.DbtrPtyNm))
		tx.CounterpartyIBAN = normalizeAccount(cmpOr(p.DbtrIBAN, p.DbtrOther))
	} else {
		tx.CounterpartyName = strings.TrimSpace(cmpOr(p.CdtrNm, p.CdtrPtyNm))
		tx.CounterpartyIBAN = normalizeAccount(cmpOr(p.CdtrIBAN, p.CdtrOther))
	}
	var parts []string
	for _, u := range d.Ustrd {
		if u = strings.TrimSpace(u); u != "" {
			parts = append(parts, u)
		}
	}
	for _, r := range d.StrdRefs {
		if r = strings.TrimSpace(r); r != "" {
			parts = append(parts, r)
		}
	}
	tx.Remittance = strings.Join(parts, " ")
	if tx.Remittance == "" {
		tx.Remittance = strings.TrimSpace(d.AddtlInf)
	}
}

func camtTypeCode(c camtTxCode) string {
	if c.Domain != "" {
		return strings.Trim(c.Domain+"/"+c.Family+"/"+c.SubFamily, "/")
	}
	return strings.TrimSpace(c.Prtry)
}

// normalizeAccount removes the spaces banks print inside IBANs and upper-cases them.
func normalizeAccount(s string) string {
	s = strings.TrimSpace(s)
	if looksLikeIBAN(s) {
		return strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	}
	return s
}
