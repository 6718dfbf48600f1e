// Package core holds Smart Odoo's domain types. It imports nothing of the project:
// adapters (store, odoo, api) depend on it, never the other way round.
package core

import (
	"errors"
	"fmt"
)

// ErrorCode classifies an error for callers; the API maps it to an HTTP status in one place.
type ErrorCode string

const (
	CodeInvalid      ErrorCode = "invalid"      // the caller sent something wrong
	CodeNotFound     ErrorCode = "not_found"    // the thing asked for does not exist
	CodeConflict     ErrorCode = "conflict"     // the state changed under the caller
	CodeUnauthorized ErrorCode = "unauthorized" // no or bad credentials
	CodeForbidden    ErrorCode = "forbidden"    // credentials fine, role not allowed
	CodeUnavailable  ErrorCode = "unavailable"  // a dependency (Odoo, the store) is down; retry later
	CodeTooLarge     ErrorCode = "too_large"    // the request body is over the limit
	CodeInternal     ErrorCode = "internal"     // a bug or an unexpected failure; details only in logs
)

// Error is the one error type that carries a code and a message safe to show a user.
// Err, when set, is the cause kept for logs and errors.Is/As; it is never shown.
type Error struct {
	Code    ErrorCode
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error with a formatted, user-safe message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Sentinels for errors.Is checks; wrap them with Errorf-style context where useful.
var (
	ErrNotFound = &Error{Code: CodeNotFound, Message: "not found"}
	ErrConflict = &Error{Code: CodeConflict, Message: "conflict"}
	ErrInvalid  = &Error{Code: CodeInvalid, Message: "invalid"}
)

// Is lets errors.Is(err, core.ErrNotFound) match any *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	isSentinel := t == ErrNotFound || t == ErrConflict || t == ErrInvalid
	return ok && isSentinel && t.Code == e.Code
}

// CodeOf returns the code of the first *Error in err's chain, or CodeInternal.
func CodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// MessageOf returns the user-safe message of the first *Error in err's chain, or "".
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return ""
}
