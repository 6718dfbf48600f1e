package bank

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// CSVMapping says how to read one bank's CSV export. It is saved as JSON per bank, e.g.
//
//	{"name":"Sparkasse","delimiter":";","header":true,"date_format":"DD.MM.YYYY",
//	 "decimal_separator":",","thousands_separator":".","currency":"EUR",
//	 "columns":{"date":"Buchungstag","amount":"Betrag","counterparty_name":"Beguenstigter/Zahlungspflichtiger",
//	            "counterparty_iban":"Kontonummer/IBAN","remittance":"Verwendungszweck"}}
//
// A column is named by its header text (case-insensitive) or by its 1-based position ("3").
// The amount is either one signed column (amount) or two columns (debit, credit).
type CSVMapping struct {
	Name               string     `json:"name,omitempty"`
	Delimiter          string     `json:"delimiter,omitempty"` // ",", ";", "\t" or "|"; empty = guess from the header line
	Header             bool       `json:"header"`
	SkipRows           int        `json:"skip_rows,omitempty"` // preamble lines before the header/data
	DateFormat         string     `json:"date_format"`         // "DD.MM.YYYY", "YYYY-MM-DD", "MM/DD/YYYY", or a Go layout
	DecimalSeparator   string     `json:"decimal_separator"`   // "." or ","
	ThousandsSeparator string     `json:"thousands_separator,omitempty"`
	Account            string     `json:"account,omitempty"`           // the account the file is for, when no column says it
	Currency           string     `json:"currency"`                    // default currency
	DebitIsNegative    bool       `json:"debit_is_negative,omitempty"` // debit column already carries a minus sign
	Columns            CSVColumns `json:"columns"`
}

// CSVColumns names the column of each field; empty means the file has no such column.
type CSVColumns struct {
	Date             string `json:"date"`
	ValueDate        string `json:"value_date,omitempty"`
	Amount           string `json:"amount,omitempty"`
	Debit            string `json:"debit,omitempty"`
	Credit           string `json:"credit,omitempty"`
	Currency         string `json:"currency,omitempty"`
	CounterpartyName string `json:"counterparty_name,omitempty"`
	CounterpartyIBAN string `json:"counterparty_iban,omitempty"`
	Remittance       string `json:"remittance,omitempty"`
	EndToEndID       string `json:"end_to_end_id,omitempty"`
	BankRef          string `json:"bank_ref,omitempty"`
	Type             string `json:"type,omitempty"`
	Account          string `json:"account,omitempty"`
	Balance          string `json:"balance,omitempty"` // running balance after the line
}

// ParseCSVMapping reads and checks a mapping saved as JSON.
func ParseCSVMapping(data []byte) (CSVMapping, error) {
	var m CSVMapping
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, core.Errorf(core.CodeInvalid, "CSV mapping: %v", err)
	}
	return m, m.Validate()
}

// Validate says what is missing or contradictory in the mapping.
func (m CSVMapping) Validate() error {
	var probs []string
	if m.Columns.Date == "" {
		probs = append(probs, "columns.date is required")
	}
	if (m.Columns.Amount == "") == (m.Columns.Debit == "" && m.Columns.Credit == "") {
		probs = append(probs, "give either columns.amount or columns.debit and columns.credit")
	}
	if m.Columns.Amount == "" && (m.Columns.Debit == "" || m.Columns.Credit == "") {
		probs = append(probs, "columns.debit and columns.credit go together")
	}
	if m.DecimalSeparator != "." && m.DecimalSeparator != "," {
		probs = append(probs, `decimal_separator must be "." or ","`)
	}
	if m.ThousandsSeparator != "" && (len(m.ThousandsSeparator) != 1 || m.ThousandsSeparator == m.DecimalSeparator) {
		probs = append(probs, "thousands_separator must be one character different from the decimal separator")
	}
	if len(m.Delimiter) > 1 && m.Delimiter != `\t` {
		probs = append(probs, "delimiter must be one character")
	}
	if m.Currency == "" && m.Columns.Currency == "" {
		probs = append(probs, "currency (or columns.currency) is required")
	}
	if _, err := goDateLayout(m.DateFormat); err != nil {
		probs = append(probs, err.Error())
	}
	if !m.Header {
		for _, c := range m.columnRefs() {
			if _, err := strconv.Atoi(c); c != "" && err != nil {
				probs = append(probs, fmt.Sprintf("column %q must be a 1-based position when header is false", c))
			}
		}
	}
	if m.SkipRows < 0 {
		probs = append(probs, "skip_rows cannot be negative")
	}
	if len(probs) > 0 {
		return core.Errorf(core.CodeInvalid, "CSV mapping %s: %s", cmpOr(m.Name, "(unnamed)"), strings.Join(probs, "; "))
	}
	return nil
}

func (m CSVMapping) columnRefs() []string {
	c := m.Columns
	return []string{c.Date, c.ValueDate, c.Amount, c.Debit, c.Credit, c.Currency, c.CounterpartyName,
		c.CounterpartyIBAN, c.Remittance, c.EndToEndID, c.BankRef, c.Type, c.Account, c.Balance}
}

// goDateLayout turns "DD.MM.YYYY"-style patterns into Go layouts; a Go layout passes through.
func goDateLayout(f string) (string, error) {
	if f == "" {
		return "", fmt.Errorf("date_format is required (e.g. \"DD.MM.YYYY\" or \"YYYY-MM-DD\")")
	}
	if strings.Contains(f, "2006") || strings.Contains(f, "06") && strings.Contains(f, "01") {
		return f, nil
	}
	r := strings.NewReplacer("YYYY", "2006", "YY", "06", "MM", "01", "DD", "02", "M", "1", "D", "2")
	out := r.Replace(strings.ToUpper(f))
	if !strings.Contains(out, "06") || !strings.Contains(out, "1") || !strings.Contains(out, "2") {
		return "", fmt.Errorf("date_format %q needs year, month and day (YYYY, MM, DD)", f)
	}
	return out, nil
}
