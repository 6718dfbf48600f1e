package odoosim

import (
	"errors"
	"fmt"
	"strings"
)

// OdooError is an error the transports render as the Python exception Odoo would raise.
// Name is the exception's dotted path (odoo.exceptions.UserError, builtins.ValueError, ...):
// clients dispatch on it, so it must match what real Odoo sends for the same mistake.
type OdooError struct {
	Name    string
	Message string
	// Status is set for werkzeug HTTP exceptions (JSON-2): their `arguments` carry it.
	Status int
}

func (e *OdooError) Error() string { return e.Name + ": " + e.Message }

// Short returns the class name without its module ("UserError").
func (e *OdooError) Short() string {
	if i := strings.LastIndexByte(e.Name, '.'); i >= 0 {
		return e.Name[i+1:]
	}
	return e.Name
}

// Exception paths used by the simulator.
const (
	excUserError       = "odoo.exceptions.UserError"
	excValidationError = "odoo.exceptions.ValidationError"
	excAccessError     = "odoo.exceptions.AccessError"
	excAccessDenied    = "odoo.exceptions.AccessDenied"
	excMissingError    = "odoo.exceptions.MissingError"
	excValueError      = "builtins.ValueError"
	excTypeError       = "builtins.TypeError"
	excAttributeError  = "builtins.AttributeError"
	excKeyError        = "builtins.KeyError"
	excInvalidText     = "psycopg2.errors.InvalidTextRepresentation"
	excInvalidDatetime = "psycopg2.errors.InvalidDatetimeFormat"
	excOperational     = "psycopg2.OperationalError"
)

func newErr(name, format string, a ...any) error {
	msg := format
	if len(a) > 0 {
		msg = fmt.Sprintf(format, a...)
	}
	return &OdooError{Name: name, Message: msg}
}

// UserError is odoo.exceptions.UserError: a business rule refused the operation.
func UserError(format string, a ...any) error { return newErr(excUserError, format, a...) }

// ValidationError is odoo.exceptions.ValidationError: a constraint failed.
func ValidationError(format string, a ...any) error {
	return newErr(excValidationError, format, a...)
}

// AccessError is odoo.exceptions.AccessError: the user may not do this.
func AccessError(format string, a ...any) error { return newErr(excAccessError, format, a...) }

// MissingError is odoo.exceptions.MissingError for records that do not exist (any more),
// worded exactly like Odoo's so clients that parse the message keep working.
func MissingError(model string, ids []int64) error {
	return &OdooError{Name: excMissingError, Message: missingMessage(model, ids, 2)}
}

func missingMessage(model string, ids []int64, uid int64) string {
	return fmt.Sprintf("Record does not exist or has been deleted.\n(Record: %s, User: %d)", recordsRepr(model, ids), uid)
}

// recordsRepr is Python's repr of a recordset: res.partner(1,) or res.partner(1, 2).
func recordsRepr(model string, ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	s := strings.Join(parts, ", ")
	if len(ids) == 1 {
		s += ","
	}
	return model + "(" + s + ")"
}

func werkzeug(status int, name, format string, a ...any) error {
	return &OdooError{Name: "werkzeug.exceptions." + name, Message: fmt.Sprintf(format, a...), Status: status}
}

func accessDenied() error { return &OdooError{Name: excAccessDenied, Message: "Access Denied"} }

func valueError(format string, a ...any) error { return newErr(excValueError, format, a...) }

func typeError(format string, a ...any) error { return newErr(excTypeError, format, a...) }

func attributeError(format string, a ...any) error {
	return newErr(excAttributeError, format, a...)
}

// asOdoo returns err as an *OdooError; any other error becomes a builtins.Exception-like
// error so it is still rendered in Odoo's envelope.
func asOdoo(err error) *OdooError {
	var oe *OdooError
	if errors.As(err, &oe) {
		return oe
	}
	return &OdooError{Name: "builtins.Exception", Message: err.Error()}
}
