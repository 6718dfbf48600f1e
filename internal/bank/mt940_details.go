package bank

import (
	"strings"
)

// applySubfields reads the structured :86: of German (GVC "166?00...?20...") and Triodos
// ("000>10...>20...") statements. ?20-?29 and ?60-?63 are remittance lines, ?30 the
// counterparty's bank code/BIC, ?31 its account/IBAN, ?32-?33 its name, ?00 the booking text.
func applySubfields(tx *Transaction, v string, sep byte) {
	parts := map[int]string{}
	var order []int
	for i := 0; i < len(v); i++ {
		if v[i] != sep || i+2 >= len(v) || !allDigits(v[i+1:i+3]) {
			continue
		}
		code := int(v[i+1]-'0')*10 + int(v[i+2]-'0')
		j := i + 3
		for j < len(v) && !(v[j] == sep && j+2 < len(v) && allDigits(v[j+1:j+3])) {
			j++
		}
		if _, seen := parts[code]; !seen {
			order = append(order, code)
		}
		parts[code] += v[i+3 : j]
		i = j - 1
	}
	if len(parts) == 0 {
		return
	}
	var remit []string
	for _, c := range order {
		if (c >= 20 && c <= 29) || (c >= 60 && c <= 63) {
			remit = append(remit, parts[c])
		}
	}
	text := strings.Join(remit, "")
	if e2e := sepaKey(text, "EREF+"); e2e != "" && e2e != "NOTPROVIDED" {
		tx.EndToEndID = e2e
	}
	if svwz := sepaKey(text, "SVWZ+"); svwz != "" {
		text = svwz
	}
	tx.Remittance = strings.TrimSpace(text)
	if name := strings.TrimSpace(parts[32] + parts[33]); name != "" {
		tx.CounterpartyName = name
	}
	if acct := strings.TrimSpace(parts[31]); acct != "" {
		tx.CounterpartyIBAN = strings.ReplaceAll(acct, " ", "")
	}
	if tx.Remittance == "" {
		tx.Remittance = strings.TrimSpace(parts[0])
	}
}

// sepaKey returns the value after a SEPA qualifier (EREF+, KREF+, MREF+, CRED+, SVWZ+, ABWA+)
// up to the next qualifier.
func sepaKey(text, key string) string {
	i := strings.Index(text, key)
	if i < 0 {
		return ""
	}
	rest := text[i+len(key):]
	end := len(rest)
	for _, k := range []string{"EREF+", "KREF+", "MREF+", "CRED+", "SVWZ+", "ABWA+", "ABWE+", "DEBT+", "IBAN+", "BIC+"} {
		if j := strings.Index(rest, k); j >= 0 && j < end {
			end = j
		}
	}
	return strings.TrimSpace(rest[:end])
}

// applySlashKeys reads the Dutch SEPA form used by ING, ABN AMRO and Rabobank since 2014:
// "/TRTP/SEPA OVERBOEKING/IBAN/NL..../BIC/INGBNL2A/NAME/J. Jansen/REMI/factuur 123/EREF/E2E1".
// Values may contain single slashes, so a key is only recognised from a known list.
func applySlashKeys(tx *Transaction, v string) {
	keys := []string{"TRTP", "IBAN", "BIC", "NAME", "REMI", "EREF", "CSID", "MARF", "ORDP", "BENM", "ULTD", "ULTC", "ID", "PREF", "RTRN", "ISDT", "CDTRREF", "CDTRREFTP", "CODE", "CHGS", "FX", "ADDR"}
	vals := map[string]string{}
	rest := v
	for len(rest) > 1 && rest[0] == '/' {
		key, after, ok := strings.Cut(rest[1:], "/")
		if !ok || !contains(keys, key) {
			break
		}
		end := len(after)
		for _, k := range keys {
			if j := strings.Index(after, "/"+k+"/"); j >= 0 && j < end {
				end = j
			}
		}
		vals[key] = after[:end]
		rest = after[end:]
	}
	if n := strings.TrimSpace(vals["NAME"]); n != "" {
		tx.CounterpartyName = n
	}
	if iban := strings.TrimSpace(vals["IBAN"]); iban != "" {
		tx.CounterpartyIBAN = iban
	}
	if e := strings.TrimSpace(vals["EREF"]); e != "" && e != "NOTPROVIDED" {
		tx.EndToEndID = e
	}
	if r := vals["REMI"]; r != "" {
		r = strings.TrimPrefix(strings.TrimPrefix(r, "USTD//"), "STRD/CUR/")
		tx.Remittance = strings.TrimSpace(strings.TrimSuffix(r, "/"))
	}
	if t := strings.TrimSpace(vals["TRTP"]); t != "" && tx.Type == "" {
		tx.Type = t
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
