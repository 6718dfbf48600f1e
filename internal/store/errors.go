package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// notFound is the error every Get returns for a missing row; errors.Is(err, core.ErrNotFound) holds.
func notFound(format string, args ...any) error {
	return core.Errorf(core.CodeNotFound, format, args...)
}

// invalid reports bad input from the caller; errors.Is(err, core.ErrInvalid) holds.
func invalid(format string, args ...any) error {
	return core.Errorf(core.CodeInvalid, format, args...)
}

// conflict reports a state that changed under the caller; errors.Is(err, core.ErrConflict) holds.
func conflict(format string, args ...any) error {
	return core.Errorf(core.CodeConflict, format, args...)
}

// unavailable marks an error the caller should retry later (database down or busy).
func unavailable(what string, err error) error {
	return &core.Error{
		Code:    core.CodeUnavailable,
		Message: "the database is unavailable or busy; retry later",
		Err:     fmt.Errorf("%s: %w", what, err),
	}
}

// classify wraps a database error with what was being done, marking the transient ones
// (connection lost, database locked, timeouts) as unavailable so the API answers 503, not 500.
func classify(what string, err error) error {
	if err == nil {
		return nil
	}
	var ce *core.Error
	if errors.As(err, &ce) {
		return fmt.Errorf("%s: %w", what, err)
	}
	if isTransient(err) {
		return unavailable(what, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func isTransient(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"SQLITE_BUSY", "database is locked", "connection refused", "the database system is starting up", "too many clients"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// isUniqueViolation recognises a unique-constraint failure on either dialect
// (SQLite extended code 2067 / "UNIQUE constraint failed", PostgreSQL SQLSTATE 23505).
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// ErrOutOfDate is wrapped by CheckSchema when the database schema and the binary disagree.
var ErrOutOfDate = errors.New("database schema version does not match this binary")
