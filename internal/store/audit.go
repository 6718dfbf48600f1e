package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// AuditFilter selects audit entries, newest first. Zero fields do not filter.
type AuditFilter struct {
	Model      string
	RecordID   int64 // entries whose IDs contain this record id
	Actor      string
	ProposalID int64
	RunID      int64
	Outcome    string
	Since      time.Time // at or after
	Until      time.Time // strictly before
	Limit      int       // default 100
	BeforeID   int64     // id < BeforeID: the next page
}

const auditCols = `id, at, actor, run_id, proposal_id, model, ids, method, call_values, before_values,
	after_values, outcome, message`

func scanAudit(row interface{ Scan(...any) error }) (core.AuditEntry, error) {
	var e core.AuditEntry
	err := row.Scan(&e.ID, timeCol{&e.At}, &e.Actor, &e.RunID, &e.ProposalID, &e.Model, jsonCol{&e.IDs}, &e.Method,
		rawCol{&e.Values}, rawCol{&e.Before}, rawCol{&e.After}, &e.Outcome, &e.Message)
	if e.IDs == nil {
		e.IDs = []int64{}
	}
	return e, err
}

func validateAudit(e *core.AuditEntry) error {
	switch {
	case e == nil:
		return invalid("no audit entry given")
	case strings.TrimSpace(e.Actor) == "":
		return invalid("audit entry has no actor: every write must say who made it")
	case strings.TrimSpace(e.Model) == "" || strings.TrimSpace(e.Method) == "":
		return invalid("audit entry by %s needs the Odoo model and method written", e.Actor)
	case strings.TrimSpace(e.Outcome) == "":
		return invalid("audit entry %s.%s has no outcome: use ok, conflict or error", e.Model, e.Method)
	}
	return nil
}

// InsertAudit appends an entry to the audit log and sets e.ID (and e.At when zero).
// The log is append-only: the store has no method to change or delete an entry.
func (s *Store) InsertAudit(ctx context.Context, e *core.AuditEntry) error {
	if err := validateAudit(e); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *sql.Tx) error { return s.InsertAuditTx(ctx, tx, e) })
}

// InsertAuditTx is InsertAudit inside the caller's transaction, so a proposal's transition
// and the audit of its write can commit together.
func (s *Store) InsertAuditTx(ctx context.Context, tx *sql.Tx, e *core.AuditEntry) error {
	if err := validateAudit(e); err != nil {
		return err
	}
	e.At = s.orNow(e.At)
	if e.IDs == nil {
		e.IDs = []int64{}
	}
	ids, err := jsonArg(e.IDs)
	if err != nil {
		return err
	}
	var raws [3]any
	for i, m := range [][]byte{e.Values, e.Before, e.After} {
		if raws[i], err = rawJSON(m); err != nil {
			return err
		}
	}
	err = tx.QueryRowContext(ctx, s.q(`INSERT INTO audit_log (at, actor, run_id, proposal_id, model, ids, method,
		call_values, before_values, after_values, outcome, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`), s.ts(e.At), e.Actor, e.RunID, e.ProposalID, e.Model, ids, e.Method, raws[0], raws[1],
		raws[2], e.Outcome, e.Message).Scan(&e.ID)
	if err != nil {
		return classify("insert audit entry", err)
	}
	seen := map[int64]bool{}
	for _, id := range e.IDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO audit_records (record_id, audit_id) VALUES (?, ?)`), id, e.ID); err != nil {
			return classify("index audit entry records", err)
		}
	}
	return nil
}

// ListAudit lists audit entries matching f, newest first.
func (s *Store) ListAudit(ctx context.Context, f AuditFilter) ([]core.AuditEntry, error) {
	var w where
	w.eq("model", f.Model)
	if f.RecordID != 0 {
		w.add("id IN (SELECT audit_id FROM audit_records WHERE record_id = ?)", f.RecordID)
	}
	w.eq("actor", f.Actor)
	w.eqInt("proposal_id", f.ProposalID)
	w.eqInt("run_id", f.RunID)
	w.eq("outcome", f.Outcome)
	if !f.Since.IsZero() {
		w.add("at >= ?", s.ts(f.Since))
	}
	if !f.Until.IsZero() {
		w.add("at < ?", s.ts(f.Until))
	}
	w.before(f.BeforeID)
	query := `SELECT ` + auditCols + ` FROM audit_log` + w.sql() + ` ORDER BY id DESC LIMIT ?`
	rows, err := s.Reader.QueryContext(ctx, s.q(query), append(w.args, clampLimit(f.Limit))...)
	if err != nil {
		return nil, classify("list audit log", err)
	}
	return collect(rows, "list audit log", scanAudit)
}
