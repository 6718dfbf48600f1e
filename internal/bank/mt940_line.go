package bank

import (
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// parseMT61 reads a statement line:
//
//	YYMMDD [MMDD] (C|D|RC|RD) [funds code] amount (N|F|S)xxx customer-ref [//bank-ref] [extra]
//	[\n supplementary details]
//
// The first date is the value date, the optional MMDD the booking (entry) date.
func parseMT61(st *Statement, f mtField) (Transaction, error) {
	fail := func(what string) (Transaction, error) {
		return Transaction{}, core.Errorf(core.CodeInvalid, "MT940 line %d: statement line :61:%s: %s", f.line, firstLine(f.value), what)
	}
	first, rest, _ := strings.Cut(f.value, "\n")
	s := first
	if len(s) < 6 {
		return fail("too short; expected YYMMDD, C/D mark and amount")
	}
	valueDate, err := parseYYMMDD(s[:6])
	if err != nil {
		return fail(err.Error())
	}
	s = s[6:]
	entryDate := valueDate
	if len(s) >= 4 && allDigits(s[:4]) {
		entryDate, err = guessEntryDate(valueDate, s[:4])
		if err != nil {
			return fail(err.Error())
		}
		s = s[4:]
	}
	var mark string
	for _, m := range []string{"RC", "RD", "EC", "ED", "C", "D"} {
		if strings.HasPrefix(s, m) {
			mark, s = m, s[len(m):]
			break
		}
	}
	if mark == "" {
		return fail("missing debit/credit mark (C, D, RC or RD)")
	}
	if len(s) > 0 && s[0] >= 'A' && s[0] <= 'Z' { // funds code: third letter of the currency
		s = s[1:]
	}
	n := strings.IndexFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r == ',') })
	if n <= 0 {
		return fail("missing amount or transaction type after the amount")
	}
	if st.Decimals == 0 && st.Currency == "" {
		st.Decimals = 2
	}
	amount, err := parseAmount(s[:n], ',', 0, st.Decimals)
	if err != nil {
		return fail(err.Error())
	}
	// RC (reversal of a credit) takes money out, RD (reversal of a debit) puts it back.
	if mark == "D" || mark == "RC" || mark == "ED" {
		amount = -amount
	}
	s = s[n:]
	if len(s) < 4 || !strings.ContainsRune("NFS", rune(s[0])) {
		return fail("missing transaction type (N, F or S followed by 3 characters)")
	}
	tx := Transaction{Date: entryDate, ValueDate: valueDate, Amount: amount, Type: s[:4], Source: lineSource(f.line)}
	s = s[4:]
	custRef, extra := s, ""
	if len(custRef) > 16 {
		custRef, extra = s[:16], s[16:]
	}
	if i := strings.Index(s, "//"); i >= 0 && i <= 16 {
		custRef = s[:i]
		bankRef := s[i+2:]
		if len(bankRef) > 16 {
			bankRef, extra = bankRef[:16], bankRef[16:]
		} else {
			extra = ""
		}
		tx.BankRef = strings.TrimSpace(bankRef)
	}
	if ref := strings.TrimSpace(custRef); ref != "" && ref != "NONREF" {
		tx.EndToEndID = ref
	}
	// Rabobank's old format puts the counterparty name after the 16-character reference.
	tx.CounterpartyName = strings.TrimSpace(extra)
	tx.Remittance = trimLines(rest) // supplementary details; :86: adds to it
	return tx, nil
}

// guessEntryDate puts the MMDD booking date in the year that keeps it closest to the value
// date: a December value date can be booked in January of the next year, and vice versa.
func guessEntryDate(value Date, mmdd string) (Date, error) {
	best := Date{}
	for _, y := range []int{value.Year(), value.Year() - 1, value.Year() + 1} {
		t, err := time.Parse("20060102", pad4(y)+mmdd)
		if err != nil {
			return Date{}, errInvalidf("entry date %q is not a valid MMDD", mmdd)
		}
		if best.IsZero() || absDur(t.Sub(value.Time)) < absDur(best.Sub(value.Time)) {
			best = Date{t}
		}
	}
	return best, nil
}

// applyMT86 fills a line's information from its :86: field, in whichever dialect it comes:
// German/Dutch structured subfields (?20..?63 or >20..>63), the Dutch SEPA slash-keyed form
// (/TRTP/.../NAME/.../REMI/...), or free text kept as the remittance.
func applyMT86(tx *Transaction, v string) {
	v = trimLines(v)
	prev := tx.Remittance // :61: supplementary details, or an earlier :86: (Rabobank repeats it per line)
	tx.Remittance = strings.TrimSpace(prev + "\n" + v)
	joined := strings.ReplaceAll(v, "\n", "")
	switch {
	case len(joined) > 4 && (strings.Contains(joined, "?20") || strings.Contains(joined, "?00") || strings.Contains(joined, "?32")):
		applySubfields(tx, joined, '?')
	case strings.Contains(joined, ">20") || strings.Contains(joined, ">10"):
		applySubfields(tx, joined, '>')
	case strings.HasPrefix(joined, "/") && strings.Count(joined, "/") >= 3:
		applySlashKeys(tx, joined)
	}
}
