package odoo

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/smartodoo/smartodoo/internal/core"
)

// Kind classifies an Odoo failure so callers can react without parsing messages.
type Kind string

const (
	KindAccessDenied  Kind = "access_denied"    // bad credentials (login, API key, password)
	KindAccessError   Kind = "access_error"     // authenticated but not allowed (ACL, record rule, private method)
	KindUserError     Kind = "user_error"       // Odoo refused a business operation (e.g. posting a posted entry)
	KindValidation    Kind = "validation_error" // a constraint failed (required field, recursion, …)
	KindMissing       Kind = "missing"          // the record does not exist or was deleted
	KindUnknownModel  Kind = "unknown_model"    // no such model (module not installed?)
	KindUnknownMethod Kind = "unknown_method"   // no such public method on the model
	KindUnknownField  Kind = "unknown_field"    // a field named in a domain, fields list or values does not exist
	KindBadArguments  Kind = "bad_arguments"    // wrong arity, unknown kwarg, wrong value type, bad domain
	KindServerError   Kind = "server_error"     // anything else Odoo raised
	KindTransport     Kind = "transport"        // could not talk to Odoo: network, unexpected HTTP status, wrong URL
	KindBadResponse   Kind = "bad_response"     // Odoo (or a proxy) answered something that is not a valid reply
)

// Error is every failure the client returns. Name is the Python exception path Odoo
// reported (odoo.exceptions.UserError, builtins.ValueError, …) when there was one.
type Error struct {
	Kind       Kind
	Name       string
	Message    string
	HTTPStatus int    // the HTTP status of the answer, 0 when none was received
	Debug      string // Odoo's traceback text; for logs only, never for users
	Model      string // what was being called, for context
	Method     string
	Transport  string // "json2", "jsonrpc" or "xmlrpc"
	// Retryable marks transient failures (serialization conflicts, 429, 502/503, network).
	Retryable bool
	// RetryAfter is the server's Retry-After hint, when it sent one.
	RetryAfter time.Duration
	Err        error // the underlying cause of a transport failure

	// delivered is set when Odoo may have received the request before it failed; such
	// a call is repeated only when it cannot write.
	delivered bool
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("odoo")
	if e.Model != "" {
		fmt.Fprintf(&b, " %s.%s", e.Model, e.Method)
	} else if e.Method != "" {
		fmt.Fprintf(&b, " %s", e.Method)
	}
	if e.Transport != "" {
		fmt.Fprintf(&b, " over %s", e.Transport)
	}
	fmt.Fprintf(&b, ": %s", e.Kind)
	if e.HTTPStatus != 0 && e.HTTPStatus != 200 {
		fmt.Fprintf(&b, " (HTTP %d)", e.HTTPStatus)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// MaybeApplied reports whether Odoo may have carried out the call even though it failed:
// the request was sent and the answer was lost (timeout, reset, proxy error) or could not
// be read. A write that fails this way must be checked by re-reading the record before it
// is tried again. Odoo's own errors (UserError, AccessError, …) roll everything back.
func (e *Error) MaybeApplied() bool {
	return e.Kind == KindBadResponse || e.Kind == KindTransport && e.delivered
}

// Sentinels for errors.Is: errors.Is(err, odoo.ErrMissing) matches any *Error of that kind.
var (
	ErrAccessDenied  = &Error{Kind: KindAccessDenied}
	ErrAccessError   = &Error{Kind: KindAccessError}
	ErrUserError     = &Error{Kind: KindUserError}
	ErrValidation    = &Error{Kind: KindValidation}
	ErrMissing       = &Error{Kind: KindMissing}
	ErrUnknownModel  = &Error{Kind: KindUnknownModel}
	ErrUnknownMethod = &Error{Kind: KindUnknownMethod}
	ErrUnknownField  = &Error{Kind: KindUnknownField}
	ErrBadArguments  = &Error{Kind: KindBadArguments}
	ErrServerError   = &Error{Kind: KindServerError}
	ErrTransport     = &Error{Kind: KindTransport}
	ErrBadResponse   = &Error{Kind: KindBadResponse}
)

// Is matches the kind sentinels above, and core's sentinels so that code above the
// client can test errors.Is(err, core.ErrNotFound) without knowing Odoo.
func (e *Error) Is(target error) bool {
	if t, ok := target.(*Error); ok {
		return t.Name == "" && t.Message == "" && t.Kind == e.Kind
	}
	if t, ok := target.(*core.Error); ok {
		return (t == core.ErrNotFound || t == core.ErrInvalid) && t.Code == e.Code()
	}
	return false
}

// Code maps the kind to the project's error codes (which the API turns into HTTP statuses).
func (e *Error) Code() core.ErrorCode {
	switch e.Kind {
	case KindAccessDenied:
		return core.CodeUnauthorized
	case KindAccessError:
		return core.CodeForbidden
	case KindMissing:
		return core.CodeNotFound
	case KindUserError, KindValidation, KindUnknownModel, KindUnknownMethod, KindUnknownField, KindBadArguments:
		return core.CodeInvalid
	case KindTransport, KindBadResponse:
		return core.CodeUnavailable
	}
	if e.Retryable {
		return core.CodeUnavailable
	}
	return core.CodeInternal
}

// KindOf returns the kind of the first *Error in err's chain, or "" when there is none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}
