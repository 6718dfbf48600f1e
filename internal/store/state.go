package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// PutDismissal records that automation must never propose key again (a person said "these
// two partners are not duplicates"). Dismissing again updates who and why.
func (s *Store) PutDismissal(ctx context.Context, automation, key, actor, reason string) error {
	if strings.TrimSpace(automation) == "" || strings.TrimSpace(key) == "" {
		return invalid("a dismissal needs an automation and a key")
	}
	_, err := s.Writer.ExecContext(ctx, s.q(`INSERT INTO dismissals (automation, dismissal_key, actor, reason, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (automation, dismissal_key) DO UPDATE SET actor = excluded.actor,
		reason = excluded.reason`), automation, key, actor, reason, s.ts(s.now()))
	return classify(fmt.Sprintf("dismiss %s/%s", automation, key), err)
}

// IsDismissed reports whether key was dismissed for automation.
func (s *Store) IsDismissed(ctx context.Context, automation, key string) (bool, error) {
	var one int
	err := s.Reader.QueryRowContext(ctx, s.q(`SELECT 1 FROM dismissals WHERE automation = ? AND dismissal_key = ?`),
		automation, key).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, classify("check dismissal", err)
	}
	return true, nil
}

// ListDismissals lists an automation's dismissed keys in key order, so a run can load them once.
func (s *Store) ListDismissals(ctx context.Context, automation string) ([]string, error) {
	rows, err := s.Reader.QueryContext(ctx, s.q(`SELECT dismissal_key FROM dismissals WHERE automation = ?
		ORDER BY dismissal_key`), automation)
	if err != nil {
		return nil, classify("list dismissals", err)
	}
	return collect(rows, "list dismissals", func(r interface{ Scan(...any) error }) (string, error) {
		var k string
		return k, r.Scan(&k)
	})
}

// GetState loads the JSON document an automation stored under key into v.
// found=false (and v untouched) when nothing is stored.
func (s *Store) GetState(ctx context.Context, automation, key string, v any) (found bool, err error) {
	var raw json.RawMessage
	err = s.Reader.QueryRowContext(ctx, s.q(`SELECT value FROM automation_state WHERE automation = ? AND state_key = ?`),
		automation, key).Scan(rawCol{&raw})
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, classify(fmt.Sprintf("get state %s/%s", automation, key), err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("decode state %s/%s into %T: %w", automation, key, v, err)
	}
	return true, nil
}

// PutState stores v as JSON under (automation, key), replacing what was there.
func (s *Store) PutState(ctx context.Context, automation, key string, v any) error {
	if strings.TrimSpace(automation) == "" || strings.TrimSpace(key) == "" {
		return invalid("automation state needs an automation and a key")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return invalid("state %s/%s cannot be stored as JSON: %v", automation, key, err)
	}
	_, err = s.Writer.ExecContext(ctx, s.q(`INSERT INTO automation_state (automation, state_key, value, updated_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (automation, state_key) DO UPDATE SET value = excluded.value,
		updated_at = excluded.updated_at`), automation, key, string(b), s.ts(s.now()))
	return classify(fmt.Sprintf("put state %s/%s", automation, key), err)
}

// Point is one value of a time series (credit score of partner 42, close readiness, …).
type Point struct {
	Series string          `json:"series"`
	Key    string          `json:"key"`
	At     time.Time       `json:"at"`
	Value  float64         `json:"value"`
	Data   json.RawMessage `json:"data,omitempty"`
}

// AppendPoints stores ps in one transaction; a zero At is stamped now.
func (s *Store) AppendPoints(ctx context.Context, ps []Point) error {
	for i, p := range ps {
		if strings.TrimSpace(p.Series) == "" {
			return invalid("point %d has no series name", i)
		}
		if p.Value != p.Value { // NaN: SQL databases disagree on storing it, and no chart can draw it
			return invalid("point %d of %s has value NaN", i, p.Series)
		}
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		for i := range ps {
			p := &ps[i]
			p.At = s.orNow(p.At)
			data, err := rawJSON(p.Data)
			if err != nil {
				return fmt.Errorf("point %d of %s: %w", i, p.Series, err)
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO points (series, point_key, at, value, data)
				VALUES (?, ?, ?, ?, ?)`), p.Series, p.Key, s.ts(p.At), p.Value, data); err != nil {
				return classify(fmt.Sprintf("append point %d of %s", i, p.Series), err)
			}
		}
		return nil
	})
}

// ListPoints returns the most recent limit points (default 100) of series at or after since,
// in time order. key "" means every key of the series.
func (s *Store) ListPoints(ctx context.Context, series, key string, since time.Time, limit int) ([]Point, error) {
	var w where
	w.add("series = ?", series)
	w.eq("point_key", key)
	if !since.IsZero() {
		w.add("at >= ?", s.ts(since))
	}
	query := `SELECT series, point_key, at, value, data FROM (SELECT id, series, point_key, at, value, data FROM points` +
		w.sql() + ` ORDER BY at DESC, id DESC LIMIT ?) recent ORDER BY at ASC, id ASC`
	rows, err := s.Reader.QueryContext(ctx, s.q(query), append(w.args, clampLimit(limit))...)
	if err != nil {
		return nil, classify("list points of "+series, err)
	}
	return collect(rows, "list points of "+series, func(r interface{ Scan(...any) error }) (Point, error) {
		var p Point
		err := r.Scan(&p.Series, &p.Key, timeCol{&p.At}, &p.Value, rawCol{&p.Data})
		return p, err
	})
}
