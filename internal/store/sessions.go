package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// Dashboard sessions travel in a signed cookie; the store keeps one row per sign-in,
// keyed by the session's random nonce, so that a session can be ended on the server: a
// cookie copied before sign-out, or kept by a browser, stops working at once.

// StartSession records a sign-in that lasts until expires, and forgets sessions that
// expired more than a day ago.
func (s *Store) StartSession(ctx context.Context, nonce, login string, expires time.Time) error {
	if strings.TrimSpace(nonce) == "" || strings.TrimSpace(login) == "" {
		return invalid("a session needs a nonce and a login")
	}
	now := s.now()
	if _, err := s.Writer.ExecContext(ctx, s.q(`DELETE FROM dashboard_sessions WHERE expires_at < ?`), s.ts(now.Add(-24*time.Hour))); err != nil {
		return classify("forget expired sessions", err)
	}
	_, err := s.Writer.ExecContext(ctx, s.q(`INSERT INTO dashboard_sessions (nonce, login, created_at, expires_at) VALUES (?, ?, ?, ?)`),
		nonce, login, s.ts(now), s.ts(expires))
	if isUniqueViolation(err) {
		return conflict("a session with this nonce already exists")
	}
	return classify("start session for "+login, err)
}

// SessionLive reports whether the session exists, is not revoked and has not expired.
func (s *Store) SessionLive(ctx context.Context, nonce string) (bool, error) {
	var one int
	err := s.Reader.QueryRowContext(ctx, s.q(`SELECT 1 FROM dashboard_sessions
		WHERE nonce = ? AND revoked_at IS NULL AND expires_at > ?`), nonce, s.ts(s.now())).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, classify("check session", err)
	}
	return true, nil
}

// RevokeSession ends one session (sign-out); ending an unknown or ended one is not an error.
func (s *Store) RevokeSession(ctx context.Context, nonce string) error {
	_, err := s.Writer.ExecContext(ctx, s.q(`UPDATE dashboard_sessions SET revoked_at = ? WHERE nonce = ? AND revoked_at IS NULL`),
		s.ts(s.now()), nonce)
	return classify("end session", err)
}

// RevokeSessionsOf ends every live session of a login ("sign out everywhere", or a user
// who left) and returns how many it ended.
func (s *Store) RevokeSessionsOf(ctx context.Context, login string) (int64, error) {
	res, err := s.Writer.ExecContext(ctx, s.q(`UPDATE dashboard_sessions SET revoked_at = ?
		WHERE login = ? AND revoked_at IS NULL AND expires_at > ?`), s.ts(s.now()), login, s.ts(s.now()))
	if err != nil {
		return 0, classify("end the sessions of "+login, err)
	}
	n, err := res.RowsAffected()
	return n, classify("end the sessions of "+login, err)
}
