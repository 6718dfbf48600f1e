package bank

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Odoo is the part of the Odoo client (internal/odoo) the importer uses: one generic
// execute_kw call, which every transport (JSON-2, JSON-RPC, XML-RPC) provides.
type Odoo interface {
	Call(ctx context.Context, model, method string, args []any, kwargs map[string]any, out any) error
}

// Importer creates statements and lines in Odoo from parsed files.
type Importer struct {
	Odoo Odoo
	Log  *slog.Logger
	// Audit, when set, records every write (the store's audit log): DESIGN §8 wants each
	// write to Odoo audited, whatever its outcome.
	Audit func(ctx context.Context, e core.AuditEntry) error
	Actor string // who imports, for the audit entry ("cli:<user>")
	Clock func() time.Time
}

// ImportOptions controls Import.
type ImportOptions struct {
	JournalID int64 // 0 = find the journal by the statement's account
	DryRun    bool  // plan only, write nothing
}

// ImportResult says what was (or would be) done.
type ImportResult struct {
	Plan         ImportPlan `json:"plan"`
	JournalIDs   []int64    `json:"journal_ids"` // per statement
	StatementIDs []int64    `json:"statement_ids,omitempty"`
	KeyMode      string     `json:"key_mode"` // "unique_import_id" or "natural" (date, amount, label)
	DryRun       bool       `json:"dry_run"`
}

// Import plans the statements against what Odoo already has and creates what is new: one
// account.bank.statement per statement with its lines, so re-importing a file creates nothing.
func (im Importer) Import(ctx context.Context, stmts []Statement, opt ImportOptions) (ImportResult, error) {
	res := ImportResult{DryRun: opt.DryRun}
	journals, err := im.journals(ctx)
	if err != nil {
		return res, err
	}
	for _, st := range stmts {
		j, err := pickJournal(st, journals, opt.JournalID)
		if err != nil {
			return res, err
		}
		res.JournalIDs = append(res.JournalIDs, j.ID)
	}
	hasField, err := im.hasUniqueImportID(ctx)
	if err != nil {
		return res, err
	}
	res.KeyMode = "natural"
	ids := NaturalImportIDs
	if hasField {
		res.KeyMode, ids = "unique_import_id", UniqueImportIDs
	}
	existing, err := im.existing(ctx, stmts, res.JournalIDs, hasField)
	if err != nil {
		return res, err
	}
	res.Plan = PlanImportWith(stmts, existing, ids)
	if opt.DryRun {
		return res, nil
	}
	for si := range stmts {
		vals := statementValues(res.Plan, si, res.JournalIDs[si], hasField)
		if vals == nil {
			continue // nothing new in this statement
		}
		// create returns an id over JSON-RPC/XML-RPC but a list of ids over JSON-2 (19+).
		var raw json.RawMessage
		err := im.Odoo.Call(ctx, "account.bank.statement", "create", []any{vals}, nil, &raw)
		created := createdID(raw)
		if err == nil && created == 0 {
			err = fmt.Errorf("odoo answered create with %s, not a record id", string(raw))
		}
		if aerr := im.audit(ctx, vals, created, err); aerr != nil {
			return res, aerr
		}
		if err != nil {
			return res, fmt.Errorf("create bank statement %q in journal %d: %w", stmts[si].Name(), res.JournalIDs[si], err)
		}
		res.StatementIDs = append(res.StatementIDs, created)
		if im.Log != nil {
			im.Log.Info("bank statement imported", "statement_id", created, "journal_id", res.JournalIDs[si], "statement", stmts[si].Name())
		}
	}
	return res, nil
}

func (im Importer) audit(ctx context.Context, vals map[string]any, id int64, callErr error) error {
	if im.Audit == nil {
		return nil
	}
	raw, _ := json.Marshal(vals)
	e := core.AuditEntry{Actor: cmpOr(im.Actor, "bank import"), Model: "account.bank.statement", Method: "create", Values: raw, Outcome: "ok"}
	if im.Clock != nil {
		e.At = im.Clock()
	}
	if id != 0 {
		e.IDs = []int64{id}
	}
	if callErr != nil {
		e.Outcome, e.Message = "error", callErr.Error()
	}
	if err := im.Audit(ctx, e); err != nil {
		return fmt.Errorf("audit bank statement create: %w", err)
	}
	return nil
}

// statementValues builds account.bank.statement create values with its new lines, or nil.
func statementValues(plan ImportPlan, si int, journalID int64, withUID bool) map[string]any {
	st := plan.Statements[si]
	var lines []any
	for seq, l := range plan.Create {
		if l.Statement != si {
			continue
		}
		v := map[string]any{
			"journal_id":       journalID,
			"date":             l.Date.String(),
			"amount":           core.FloatFromMinor(l.Amount, st.Decimals),
			"payment_ref":      l.Label(),
			"partner_name":     l.CounterpartyName,
			"account_number":   l.CounterpartyIBAN,
			"transaction_type": l.Type,
			"sequence":         seq + 1,
		}
		if withUID {
			v["unique_import_id"] = l.UniqueImportID
		}
		lines = append(lines, []any{0, 0, v})
	}
	if len(lines) == 0 {
		return nil
	}
	vals := map[string]any{"name": cmpOr(st.ID, st.Name()), "journal_id": journalID, "line_ids": lines}
	if st.Opening != nil {
		vals["balance_start"] = core.FloatFromMinor(st.Opening.Amount, st.Decimals)
	}
	if st.Closing != nil {
		vals["balance_end_real"] = core.FloatFromMinor(st.Closing.Amount, st.Decimals)
		vals["date"] = st.Closing.Date.String()
	}
	return vals
}

func (im Importer) journals(ctx context.Context) ([]Journal, error) {
	var rows []struct {
		ID       int64 `json:"id"`
		Name     any   `json:"name"`
		Acc      any   `json:"bank_acc_number"`
		BankAcc  any   `json:"bank_account_id"`
		Currency any   `json:"currency_id"`
	}
	kw := map[string]any{"domain": []any{[]any{"type", "=", "bank"}}, "fields": []string{"id", "name", "bank_acc_number", "bank_account_id", "currency_id"}}
	if err := im.Odoo.Call(ctx, "account.journal", "search_read", nil, kw, &rows); err != nil {
		return nil, fmt.Errorf("read bank journals: %w", err)
	}
	out := make([]Journal, 0, len(rows))
	var missing []int64 // journals whose related bank_acc_number came back empty
	for _, r := range rows {
		j := Journal{ID: r.ID, Name: odooString(r.Name), AccountNumber: odooString(r.Acc), Currency: m2oName(r.Currency)}
		if j.AccountNumber == "" {
			if id := m2oID(r.BankAcc); id != 0 {
				missing = append(missing, id)
				j.AccountNumber = "#" + fmt.Sprint(id)
			}
		}
		out = append(out, j)
	}
	if len(missing) == 0 {
		return out, nil
	}
	var banks []struct {
		ID  int64 `json:"id"`
		Acc any   `json:"acc_number"`
	}
	kw = map[string]any{"domain": []any{[]any{"id", "in", missing}}, "fields": []string{"acc_number"}}
	if err := im.Odoo.Call(ctx, "res.partner.bank", "search_read", nil, kw, &banks); err != nil {
		return nil, fmt.Errorf("read journals' bank accounts: %w", err)
	}
	acc := map[string]string{}
	for _, b := range banks {
		acc["#"+fmt.Sprint(b.ID)] = odooString(b.Acc)
	}
	for i := range out {
		if a, ok := acc[out[i].AccountNumber]; ok {
			out[i].AccountNumber = a
		} else if strings.HasPrefix(out[i].AccountNumber, "#") {
			out[i].AccountNumber = ""
		}
	}
	return out, nil
}

func (im Importer) hasUniqueImportID(ctx context.Context) (bool, error) {
	var fields map[string]any
	kw := map[string]any{"allfields": []string{"unique_import_id"}, "attributes": []string{"type"}}
	if err := im.Odoo.Call(ctx, "account.bank.statement.line", "fields_get", nil, kw, &fields); err != nil {
		return false, fmt.Errorf("read statement line fields: %w", err)
	}
	_, ok := fields["unique_import_id"]
	return ok, nil
}

// createdID reads create's answer: 42 or [42].
func createdID(raw json.RawMessage) int64 {
	var id int64
	if json.Unmarshal(raw, &id) == nil {
		return id
	}
	var ids []int64
	if json.Unmarshal(raw, &ids) == nil && len(ids) == 1 {
		return ids[0]
	}
	return 0
}

// pickJournal is the journal given (which must be a bank journal) or the one whose bank
// account is the statement's; a journal kept in another currency is refused, since Odoo
// would book the amounts at the wrong value.
func pickJournal(st Statement, journals []Journal, id int64) (Journal, error) {
	var j Journal
	if id == 0 {
		var err error
		if j, err = MatchJournal(st, journals); err != nil {
			return j, err
		}
	} else {
		found := false
		for _, x := range journals {
			if x.ID == id {
				j, found = x, true
			}
		}
		if !found {
			return j, core.Errorf(core.CodeInvalid, "journal %d is not a bank journal", id)
		}
	}
	if j.Currency != "" && st.Currency != "" && !strings.EqualFold(j.Currency, st.Currency) {
		return j, core.Errorf(core.CodeInvalid, "%s is in %s but journal %d %s keeps %s; import it into a %s journal (--journal ID)",
			st.Name(), st.Currency, j.ID, j.Name, j.Currency, st.Currency)
	}
	return j, nil
}
