package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	Model    string
	RecordID int64
	Since    time.Time // received at or after
	AfterID  int64     // id > AfterID: resume a feed where the last page ended
	Limit    int       // default 100, at most 10000
	// Newest lists newest first (the dashboard); the default, oldest first, suits a feed read with AfterID.
	Newest bool
}

const eventCols = `id, connection_id, source, model, record_id, action, write_date, payload,
	received_at, coalesce_key, duplicates`

func scanEvent(row interface{ Scan(...any) error }) (core.Event, error) {
	var e core.Event
	err := row.Scan(&e.ID, &e.ConnectionID, &e.Source, &e.Model, &e.RecordID, &e.Action, &e.WriteDate,
		rawCol{&e.Payload}, timeCol{&e.ReceivedAt}, &e.CoalesceKey, &e.Duplicates)
	return e, err
}

func validateEvent(e *core.Event) error {
	switch {
	case e == nil:
		return invalid("no event given")
	case strings.TrimSpace(e.Model) == "":
		return invalid("event has no model: say which Odoo model changed (e.g. account.move)")
	case strings.TrimSpace(e.Action) == "":
		return invalid("event on %s has no action: use create, write, unlink or a custom verb", e.Model)
	case strings.TrimSpace(e.Source) == "":
		return invalid("event on %s has no source: use signed, native, poller or manual", e.Model)
	}
	return nil
}

// InsertEventTx persists e inside tx, coalescing on e.CoalesceKey (computed with
// core.CoalesceKeyFor when empty). A first sighting inserts a row and returns inserted=true;
// a repeat adds one to the stored row's Duplicates and returns inserted=false. Either way e
// is updated from the stored row (ID, ReceivedAt, Duplicates), so the caller can route it.
// tx may be nil: the insert then runs in its own transaction.
func (s *Store) InsertEventTx(ctx context.Context, tx *sql.Tx, e *core.Event) (inserted bool, err error) {
	if err := validateEvent(e); err != nil {
		return false, err
	}
	if tx == nil {
		err = s.InTx(ctx, func(tx *sql.Tx) error {
			inserted, err = s.InsertEventTx(ctx, tx, e)
			return err
		})
		return inserted, err
	}
	if e.CoalesceKey == "" {
		e.CoalesceKey = core.CoalesceKeyFor(e.ConnectionID, e.Model, e.RecordID, e.Action, e.WriteDate)
	}
	e.ReceivedAt = s.orNow(e.ReceivedAt)
	payload, err := rawJSON(e.Payload)
	if err != nil {
		return false, err
	}
	// DO NOTHING then UPDATE (rather than DO UPDATE) so we can tell a first insert from a
	// repeat the same way on both dialects; on PostgreSQL the INSERT waits for a concurrent
	// insert of the same key to commit, so the UPDATE always finds the row.
	row := tx.QueryRowContext(ctx, s.q(`INSERT INTO events (connection_id, source, model, record_id, action,
		write_date, payload, received_at, coalesce_key, duplicates)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
		ON CONFLICT (coalesce_key) DO NOTHING RETURNING id`),
		e.ConnectionID, e.Source, e.Model, e.RecordID, e.Action, e.WriteDate, payload, s.ts(e.ReceivedAt), e.CoalesceKey)
	err = row.Scan(&e.ID)
	if err == nil {
		e.Duplicates = 0
		return true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, classify("insert event "+e.CoalesceKey, err)
	}
	row = tx.QueryRowContext(ctx, s.q(`UPDATE events SET duplicates = duplicates + 1
		WHERE coalesce_key = ? RETURNING id, received_at, duplicates`), e.CoalesceKey)
	if err := row.Scan(&e.ID, timeCol{&e.ReceivedAt}, &e.Duplicates); err != nil {
		return false, classify("coalesce event "+e.CoalesceKey, err)
	}
	return false, nil
}

// GetEvent returns one event.
func (s *Store) GetEvent(ctx context.Context, id int64) (core.Event, error) {
	row := s.Reader.QueryRowContext(ctx, s.q(`SELECT `+eventCols+` FROM events WHERE id = ?`), id)
	e, err := scanEvent(row)
	if errors.Is(err, sql.ErrNoRows) {
		return core.Event{}, notFound("event %d does not exist", id)
	}
	if err != nil {
		return core.Event{}, classify("get event", err)
	}
	return e, nil
}

// ListEvents lists events matching f, oldest first unless f.Newest.
func (s *Store) ListEvents(ctx context.Context, f EventFilter) ([]core.Event, error) {
	var w where
	w.eq("model", f.Model)
	w.eqInt("record_id", f.RecordID)
	if !f.Since.IsZero() {
		w.add("received_at >= ?", s.ts(f.Since))
	}
	if f.AfterID > 0 {
		w.add("id > ?", f.AfterID)
	}
	order := "id ASC"
	if f.Newest {
		order = "id DESC"
	}
	query := `SELECT ` + eventCols + ` FROM events` + w.sql() + ` ORDER BY ` + order + ` LIMIT ?`
	rows, err := s.Reader.QueryContext(ctx, s.q(query), append(w.args, clampLimit(f.Limit))...)
	if err != nil {
		return nil, classify("list events", err)
	}
	return collect(rows, "list events", scanEvent)
}

// CountEvents counts stored events (coalesced repeats count once).
func (s *Store) CountEvents(ctx context.Context) (int64, error) {
	var n int64
	if err := s.Reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM events`).Scan(&n); err != nil {
		return 0, classify("count events", err)
	}
	return n, nil
}

// PruneEvents deletes events received before cutoff and returns how many went. Events are
// a trigger log, not a record of money: runs, proposals and the audit log keep what matters.
func (s *Store) PruneEvents(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.Writer.ExecContext(ctx, s.q(`DELETE FROM events WHERE received_at < ?`), s.ts(cutoff))
	if err != nil {
		return 0, classify("prune events", err)
	}
	n, err := res.RowsAffected()
	return n, classify("prune events", err)
}
