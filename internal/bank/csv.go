package bank

import (
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// ParseCSV reads a bank's CSV export with its saved mapping. Errors name the file line.
func ParseCSV(data []byte, m CSVMapping) ([]Statement, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	text := normalizeText(data)
	lines := strings.SplitAfterN(text, "\n", m.SkipRows+1)
	if len(lines) <= m.SkipRows {
		return nil, core.Errorf(core.CodeInvalid, "CSV: the file has only %d lines but the mapping skips %d", len(lines), m.SkipRows)
	}
	body := lines[len(lines)-1]
	r := csv.NewReader(strings.NewReader(body))
	r.Comma = csvDelimiter(m, body)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	cols := map[string]int{}
	st := Statement{Format: FormatCSV, Account: m.Account, Currency: strings.ToUpper(m.Currency), ID: m.Name}
	st.Decimals = CurrencyDecimals(st.Currency)
	layout, _ := goDateLayout(m.DateFormat)
	var balances []int64
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		line += m.SkipRows
		if err != nil {
			return nil, core.Errorf(core.CodeInvalid, "CSV line %d: %v", line, err)
		}
		if first && m.Header {
			for i, h := range rec {
				cols[strings.ToLower(strings.TrimSpace(h))] = i
			}
			if err := checkCSVColumns(m, cols); err != nil {
				return nil, err
			}
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		row := csvRow{rec: rec, cols: cols, line: line}
		tx, bal, err := csvTransaction(&st, m, layout, row)
		if err != nil {
			return nil, err
		}
		st.Transactions = append(st.Transactions, tx)
		if bal != nil {
			balances = append(balances, *bal)
		}
	}
	if len(st.Transactions) == 0 {
		return nil, core.Errorf(core.CodeInvalid, "CSV: no transaction rows found")
	}
	if len(balances) == len(st.Transactions) {
		setCSVBalances(&st, balances)
	}
	return []Statement{st}, nil
}

type csvRow struct {
	rec  []string
	cols map[string]int
	line int
}

// get returns the cell of a mapped column ("" when the mapping has no such column).
func (r csvRow) get(ref string) (string, error) {
	if ref == "" {
		return "", nil
	}
	i, ok := r.cols[strings.ToLower(strings.TrimSpace(ref))]
	if !ok {
		n, err := strconv.Atoi(ref)
		if err != nil {
			return "", core.Errorf(core.CodeInvalid, "CSV line %d: no column %q", r.line, ref)
		}
		i = n - 1
	}
	if i < 0 || i >= len(r.rec) {
		return "", core.Errorf(core.CodeInvalid, "CSV line %d: has %d columns, column %q is missing", r.line, len(r.rec), ref)
	}
	return strings.TrimSpace(r.rec[i]), nil
}

func csvTransaction(st *Statement, m CSVMapping, layout string, row csvRow) (Transaction, *int64, error) {
	c := m.Columns
	tx := Transaction{Source: lineSource(row.line)}
	fail := func(col string, err error) (Transaction, *int64, error) {
		return tx, nil, core.Errorf(core.CodeInvalid, "CSV line %d, column %s: %v", row.line, col, err)
	}
	if cur, err := row.get(c.Currency); err != nil {
		return tx, nil, err
	} else if cur != "" && st.Currency == "" {
		st.Currency, st.Decimals = strings.ToUpper(cur), CurrencyDecimals(cur)
	} else if cur != "" && !strings.EqualFold(cur, st.Currency) {
		return fail(c.Currency, errInvalidf("currency %s differs from the statement's %s; split the file per currency", cur, st.Currency))
	}
	for _, f := range []struct {
		col string
		dst *Date
	}{{c.Date, &tx.Date}, {c.ValueDate, &tx.ValueDate}} {
		v, err := row.get(f.col)
		if err != nil {
			return tx, nil, err
		}
		if v == "" && f.col == c.Date {
			return fail(c.Date, errInvalidf("empty date"))
		}
		if v != "" {
			t, err := time.Parse(layout, v)
			if err != nil {
				return fail(f.col, errInvalidf("date %q does not match format %s", v, m.DateFormat))
			}
			*f.dst = Date{t}
		}
	}
	amount, err := csvAmount(m, st.Decimals, row)
	if err != nil {
		return tx, nil, err
	}
	tx.Amount = amount
	texts := []struct {
		col string
		dst *string
	}{{c.CounterpartyName, &tx.CounterpartyName}, {c.CounterpartyIBAN, &tx.CounterpartyIBAN}, {c.Remittance, &tx.Remittance},
		{c.EndToEndID, &tx.EndToEndID}, {c.BankRef, &tx.BankRef}, {c.Type, &tx.Type}}
	for _, f := range texts {
		if *f.dst, err = row.get(f.col); err != nil {
			return tx, nil, err
		}
	}
	tx.CounterpartyIBAN = normalizeAccount(tx.CounterpartyIBAN)
	if acct, err := row.get(c.Account); err != nil {
		return tx, nil, err
	} else if acct != "" && st.Account == "" {
		st.Account = normalizeAccount(acct)
	}
	bal, err := row.get(c.Balance)
	if err != nil || bal == "" {
		return tx, nil, err
	}
	b, err := parseAmount(bal, m.DecimalSeparator[0], thousands(m), st.Decimals)
	if err != nil {
		return fail(c.Balance, err)
	}
	return tx, &b, nil
}

func csvAmount(m CSVMapping, decimals int, row csvRow) (int64, error) {
	c := m.Columns
	parse := func(col string) (int64, error) {
		v, err := row.get(col)
		if err != nil || v == "" {
			return 0, err
		}
		n, err := parseAmount(stripCurrency(v), m.DecimalSeparator[0], thousands(m), decimals)
		if err != nil {
			return 0, core.Errorf(core.CodeInvalid, "CSV line %d, column %s: %v", row.line, col, err)
		}
		return n, nil
	}
	if c.Amount != "" {
		v, err := row.get(c.Amount)
		if err == nil && v == "" {
			return 0, core.Errorf(core.CodeInvalid, "CSV line %d, column %s: empty amount", row.line, c.Amount)
		}
		return parse(c.Amount)
	}
	debit, err := parse(c.Debit)
	if err != nil {
		return 0, err
	}
	credit, err := parse(c.Credit)
	if err != nil {
		return 0, err
	}
	if debit < 0 || m.DebitIsNegative {
		return credit + debit, nil
	}
	return credit - debit, nil
}

func thousands(m CSVMapping) byte {
	if m.ThousandsSeparator == "" {
		return 0
	}
	return m.ThousandsSeparator[0]
}

// csvDelimiter uses the mapping's delimiter, or the most frequent candidate in the first line.
func csvDelimiter(m CSVMapping, body string) rune {
	switch m.Delimiter {
	case `\t`, "\t":
		return '\t'
	case "":
	default:
		return rune(m.Delimiter[0])
	}
	head := firstLine(body)
	best, n := ',', -1
	for _, d := range []rune{';', ',', '\t', '|'} {
		if k := strings.Count(head, string(d)); k > n {
			best, n = d, k
		}
	}
	return best
}

// setCSVBalances derives opening and closing from a running-balance column, in whichever
// order (oldest or newest first) the bank lists the rows.
func setCSVBalances(st *Statement, balances []int64) {
	txs := st.Transactions
	last := len(txs) - 1
	if txs[0].Date.After(txs[last].Date.Time) { // newest first
		st.Opening = &Balance{Amount: balances[last] - txs[last].Amount, Date: txs[last].Date}
		st.Closing = &Balance{Amount: balances[0], Date: txs[0].Date}
		return
	}
	st.Opening = &Balance{Amount: balances[0] - txs[0].Amount, Date: txs[0].Date}
	st.Closing = &Balance{Amount: balances[last], Date: txs[last].Date}
}

// checkCSVColumns fails early, naming every mapped column the header does not have.
func checkCSVColumns(m CSVMapping, cols map[string]int) error {
	var missing []string
	for _, ref := range m.columnRefs() {
		if ref == "" {
			continue
		}
		if _, ok := cols[strings.ToLower(strings.TrimSpace(ref))]; ok {
			continue
		}
		if _, err := strconv.Atoi(ref); err != nil {
			missing = append(missing, strconv.Quote(ref))
		}
	}
	if len(missing) > 0 {
		names := make([]string, 0, len(cols))
		for n := range cols {
			names = append(names, n)
		}
		return core.Errorf(core.CodeInvalid, "CSV header: no column %s (the header has: %s); fix the mapping",
			strings.Join(missing, ", "), strings.Join(names, ", "))
	}
	return nil
}

// stripCurrency drops a currency symbol or code printed with the amount ("€ 12,50",
// "-12.50 EUR"): spreadsheets exported by banks often format the column that way.
func stripCurrency(v string) string {
	v = strings.TrimSpace(v)
	for _, sym := range []string{"€", "$", "£", "CHF", "EUR", "USD", "GBP"} {
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(v, sym), sym))
	}
	return v
}
