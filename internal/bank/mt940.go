package bank

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// mtField is one ":TAG:value" field of an MT940/MT942 message with the line it started on.
type mtField struct {
	tag   string
	value string
	line  int
}

var mtTagRe = regexp.MustCompile(`^:([0-9]{2,3}[A-Z]?):`)

// splitMTFields cuts the text into tagged fields. Lines that do not start a tag continue
// the previous field; lines before the first tag (bank headers such as "0000 01INGBNL2AXXXX00001"
// or "ABNANL2A / 940") and SWIFT block wrappers are skipped.
func splitMTFields(text string) []mtField {
	var out []mtField
	// open is false between a message's "-" trailer and the next tag, where banks put
	// headers of the next message that must not be read as continuation lines.
	open := false
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \r\t")
		line = strings.TrimPrefix(line, "{4:")
		if m := mtTagRe.FindStringSubmatch(line); m != nil {
			out = append(out, mtField{tag: m[1], value: line[len(m[0]):], line: i + 1})
			open = true
			continue
		}
		trim := strings.TrimSpace(line)
		if isMTTrailer(trim) {
			open = false
		}
		if trim == "" || !open {
			continue
		}
		last := &out[len(out)-1]
		last.value += "\n" + line
	}
	return out
}

// isMTTrailer recognises the end-of-message line ("-", "-}", "-XXX").
func isMTTrailer(s string) bool {
	return s == "-" || s == "-}" || (strings.HasPrefix(s, "-") && len(s) <= 5 && !strings.ContainsAny(s, "0123456789"))
}

// ParseMT940 reads SWIFT MT940 statements and MT942 interim reports.
func ParseMT940(data []byte) ([]Statement, error) {
	fields := splitMTFields(normalizeText(data))
	if len(fields) == 0 {
		return nil, core.Errorf(core.CodeInvalid, "MT940: no :20: field found; this is not an MT940/MT942 file")
	}
	var (
		out []Statement
		cur *Statement
		// inTx says whether a :86: belongs to the last :61: (true) or to the statement.
		inTx bool
		// totals are MT942's :90D:/:90C: (number and sum of debit/credit entries).
		totals []mtTotal
	)
	flush := func() error {
		if cur == nil {
			return nil
		}
		for _, tot := range totals {
			if err := tot.check(*cur); err != nil {
				return err
			}
		}
		out = append(out, *cur)
		totals = nil
		return nil
	}
	for _, f := range fields {
		if cur == nil && f.tag != "20" {
			if f.tag == "940" || f.tag == "942" {
				continue
			}
			return nil, core.Errorf(core.CodeInvalid, "MT940 line %d: field :%s: before the :20: that starts a statement", f.line, f.tag)
		}
		var err error
		switch f.tag {
		case "20":
			if err := flush(); err != nil {
				return nil, err
			}
			cur, inTx = &Statement{Format: FormatMT940, ID: strings.TrimSpace(f.value)}, false
		case "25":
			cur.Account, cur.BankID = splitMTAccount(f.value)
		case "28", "28C":
			cur.ID = strings.TrimSpace(cur.ID + " " + strings.TrimSpace(f.value))
		case "60F", "60M":
			cur.Opening, err = parseMTBalance(cur, f)
		case "62F", "62M":
			cur.Closing, err = parseMTBalance(cur, f)
			inTx = false
		case "61":
			var tx Transaction
			tx, err = parseMT61(cur, f)
			cur.Transactions = append(cur.Transactions, tx)
			inTx = true
		case "86":
			if inTx && len(cur.Transactions) > 0 {
				applyMT86(&cur.Transactions[len(cur.Transactions)-1], f.value)
			}
		case "90D", "90C":
			var tot mtTotal
			tot, err = parseMTTotal(cur, f)
			totals = append(totals, tot)
		case "34F":
			if cur.Currency == "" && len(f.value) >= 3 {
				cur.Currency = strings.ToUpper(f.value[:3])
				cur.Decimals = CurrencyDecimals(cur.Currency)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// splitMTAccount separates "BANKCODE/ACCOUNT" forms (Triodos "TRIODOSBANK/0390123456",
// German "37040044/0532013000") into account and bank id; a trailing currency
// ("1526.89.184EUR", Rabobank) is kept as the bank writes it.
func splitMTAccount(v string) (account, bankID string) {
	v = strings.TrimSpace(strings.SplitN(v, "\n", 2)[0])
	if b, a, ok := strings.Cut(v, "/"); ok && a != "" {
		return a, b
	}
	// ING and others append the currency to the IBAN ("NL69INGB0123456789EUR").
	if n := len(v); n > 18 {
		if iban, ok := NormalizeIBAN(v[:n-3]); ok && isLetter(v[n-1]) && isLetter(v[n-2]) && isLetter(v[n-3]) {
			return iban, ""
		}
	}
	return v, ""
}

var mtBalanceRe = regexp.MustCompile(`^([CD])(\d{6})([A-Z]{3})([0-9,.]+)$`)

func parseMTBalance(st *Statement, f mtField) (*Balance, error) {
	v := strings.TrimSpace(f.value)
	m := mtBalanceRe.FindStringSubmatch(v)
	if m == nil {
		return nil, core.Errorf(core.CodeInvalid, "MT940 line %d: balance :%s:%s is not C/D + YYMMDD + currency + amount", f.line, f.tag, v)
	}
	date, err := parseYYMMDD(m[2])
	if err != nil {
		return nil, core.Errorf(core.CodeInvalid, "MT940 line %d: balance :%s: %v", f.line, f.tag, err)
	}
	if st.Currency == "" {
		st.Currency, st.Decimals = m[3], CurrencyDecimals(m[3])
	} else if st.Currency != m[3] {
		return nil, core.Errorf(core.CodeInvalid, "MT940 line %d: balance in %s but the statement is in %s", f.line, m[3], st.Currency)
	}
	amt, err := parseAmount(m[4], ',', 0, st.Decimals)
	if err != nil {
		return nil, core.Errorf(core.CodeInvalid, "MT940 line %d: balance :%s: %v", f.line, f.tag, err)
	}
	if m[1] == "D" {
		amt = -amt
	}
	return &Balance{Amount: amt, Date: date}, nil
}

func parseYYMMDD(s string) (Date, error) {
	t, err := time.Parse("060102", s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not a valid YYMMDD", s)
	}
	return Date{t}, nil
}

// mtTotal is an MT942 :90D:/:90C: field: how many debit (credit) entries the report holds
// and their sum. It plays the part of the balances MT942 does not have.
type mtTotal struct {
	debit bool
	count int
	sum   int64
	line  int
}

var mtTotalRe = regexp.MustCompile(`^(\d{1,5})([A-Z]{3})([0-9,]+)$`)

func parseMTTotal(st *Statement, f mtField) (mtTotal, error) {
	m := mtTotalRe.FindStringSubmatch(strings.TrimSpace(f.value))
	if m == nil {
		return mtTotal{}, core.Errorf(core.CodeInvalid, "MT940 line %d: :%s:%s is not count + currency + amount", f.line, f.tag, f.value)
	}
	if st.Currency == "" {
		st.Currency, st.Decimals = m[2], CurrencyDecimals(m[2])
	}
	sum, err := parseAmount(m[3], ',', 0, st.Decimals)
	if err != nil {
		return mtTotal{}, core.Errorf(core.CodeInvalid, "MT940 line %d: :%s: %v", f.line, f.tag, err)
	}
	n := 0
	fmt.Sscan(m[1], &n)
	return mtTotal{debit: f.tag == "90D", count: n, sum: sum, line: f.line}, nil
}

func (t mtTotal) check(st Statement) error {
	n, sum := 0, int64(0)
	for _, tx := range st.Transactions {
		if (tx.Amount < 0) == t.debit && tx.Amount != 0 {
			n++
			sum += abs64(tx.Amount)
		}
	}
	if n == t.count && sum == t.sum {
		return nil
	}
	side := "credit"
	if t.debit {
		side = "debit"
	}
	return core.Errorf(core.CodeInvalid, "%s: line %d announces %d %s entries totalling %s but the report has %d totalling %s; the file is incomplete",
		st.Name(), t.line, t.count, side, core.FormatMinor(t.sum, st.Decimals), n, core.FormatMinor(sum, st.Decimals))
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
