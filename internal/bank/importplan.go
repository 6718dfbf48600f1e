package bank

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// ImportLine is a statement line to create in Odoo.
type ImportLine struct {
	Statement      int    `json:"statement"` // index into ImportPlan.Statements
	UniqueImportID string `json:"unique_import_id"`
	Transaction
}

// SkippedLine is a line the plan leaves out, with the reason.
type SkippedLine struct {
	Statement      int    `json:"statement"`
	UniqueImportID string `json:"unique_import_id"`
	Reason         string `json:"reason"`
	Transaction
}

// ImportPlan is what an import would do: which lines to create and which to skip.
type ImportPlan struct {
	Statements []Statement    `json:"statements"`
	Create     []ImportLine   `json:"create"`
	Skipped    []SkippedLine  `json:"skipped"`
	Reasons    map[string]int `json:"reasons"` // skipped count per reason
}

// Skip reasons.
const (
	SkipAlreadyImported = "already imported"
	SkipDuplicateInFile = "same line twice in the file (overlapping statements)"
	SkipZeroAmount      = "zero amount"
)

// PlanImport decides which lines to create. existing holds the unique import ids already in
// Odoo (or a previous import's); because the ids are stable, importing the same file twice,
// or two overlapping exports, creates each bank line once.
func PlanImport(stmts []Statement, existing map[string]bool) ImportPlan {
	return PlanImportWith(stmts, existing, UniqueImportIDs)
}

// UniqueImportIDs gives each line of a statement a stable id for Odoo's unique_import_id:
// "<account>-<bank reference>" when the bank gives a reference unique within the statement,
// else "<account>-h<hash>" over date, amount, counterparty, remittance and the line's rank
// among identical lines (two identical card payments on one day stay two lines).
func UniqueImportIDs(st Statement) []string {
	acct := accountDigits(st.Account)
	if acct == "" {
		acct = "noaccount"
	}
	refCount := map[string]int{}
	for _, tx := range st.Transactions {
		if r := txRef(tx); r != "" {
			refCount[r]++
		}
	}
	rank := map[string]int{}
	out := make([]string, len(st.Transactions))
	for i, tx := range st.Transactions {
		if r := txRef(tx); r != "" && refCount[r] == 1 {
			out[i] = acct + "-" + r
			continue
		}
		key := strings.Join([]string{tx.Date.String(), strconv.FormatInt(tx.Amount, 10), tx.CounterpartyName,
			tx.CounterpartyIBAN, tx.Remittance, tx.EndToEndID}, "\x1f")
		rank[key]++
		sum := sha256.Sum256([]byte(key + "\x1f" + strconv.Itoa(rank[key])))
		out[i] = acct + "-h" + hex.EncodeToString(sum[:10])
	}
	return out
}

// txRef is the bank's own reference for a line, or "" when it gives none we can trust.
func txRef(tx Transaction) string {
	r := strings.TrimSpace(tx.BankRef)
	switch strings.ToUpper(r) {
	case "", "NONREF", "NOTPROVIDED", "0":
		return ""
	}
	return r
}

// Label is the text Odoo shows for the line (payment_ref): remittance first, since it carries
// the invoice references the matcher looks for, else the counterparty, else the type.
func (tx Transaction) Label() string {
	l := strings.Join(strings.Fields(tx.Remittance), " ")
	if l == "" {
		l = cmpOr(tx.CounterpartyName, cmpOr(tx.Type, "/"))
	}
	return l
}

// Summary is a one-line description of the plan for people.
func (p ImportPlan) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d statement(s): %d line(s) to create, %d skipped", len(p.Statements), len(p.Create), len(p.Skipped))
	for r, n := range p.Reasons {
		fmt.Fprintf(&b, "; %d %s", n, r)
	}
	return b.String()
}

// PlanImportWith is PlanImport with another id scheme (see NaturalImportIDs).
func PlanImportWith(stmts []Statement, existing map[string]bool, ids func(Statement) []string) ImportPlan {
	plan := ImportPlan{Statements: stmts, Reasons: map[string]int{}}
	seen := map[string]bool{}
	for si, st := range stmts {
		for i, id := range ids(st) {
			tx := st.Transactions[i]
			reason := ""
			switch {
			case existing[id]:
				reason = SkipAlreadyImported
			case seen[id]:
				reason = SkipDuplicateInFile
			case tx.Amount == 0:
				reason = SkipZeroAmount
			}
			seen[id] = true
			if reason != "" {
				plan.Skipped = append(plan.Skipped, SkippedLine{Statement: si, UniqueImportID: id, Reason: reason, Transaction: tx})
				plan.Reasons[reason]++
				continue
			}
			plan.Create = append(plan.Create, ImportLine{Statement: si, UniqueImportID: id, Transaction: tx})
		}
	}
	return plan
}

// NaturalImportIDs keys lines by what Odoo stores of them (date, amount, label and rank among
// identical lines), for databases without the unique_import_id field (Odoo Community without
// a statement-import module): the same key can then be rebuilt from the lines already there.
func NaturalImportIDs(st Statement) []string {
	return naturalIDs(accountDigits(st.Account), st.Decimals, st.Transactions)
}

// NaturalKey is one line's key before ranking.
func NaturalKey(date string, amountMinor int64, label string) string {
	return date + "\x1f" + strconv.FormatInt(amountMinor, 10) + "\x1f" + strings.Join(strings.Fields(label), " ")
}

func naturalIDs(acct string, _ int, txs []Transaction) []string {
	keys := make([]string, len(txs))
	for i, tx := range txs {
		keys[i] = NaturalKey(tx.Date.String(), tx.Amount, tx.Label())
	}
	return RankedIDs(acct, keys)
}

// RankedIDs hashes keys with their rank among equal keys, so that n identical lines give n ids.
func RankedIDs(acct string, keys []string) []string {
	rank := map[string]int{}
	out := make([]string, len(keys))
	for i, k := range keys {
		rank[k]++
		sum := sha256.Sum256([]byte(k + "\x1f" + strconv.Itoa(rank[k])))
		out[i] = acct + "-n" + hex.EncodeToString(sum[:10])
	}
	return out
}
