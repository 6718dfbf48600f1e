package odoo

import (
	"strings"
)

// classify turns what Odoo reported (Python exception path, message, traceback, HTTP
// status) into a Kind. The same failure arrives under different names per transport and
// version — an unknown method is builtins.AttributeError over JSON-RPC but
// werkzeug.exceptions.NotFound over JSON-2 — so names and message shapes both count.
func classify(name, message, debug string, status int) (Kind, bool) {
	short := name[strings.LastIndexByte(name, '.')+1:]
	switch {
	case isSerializationFailure(name, message):
		return KindServerError, true
	case short == "AccessDenied" || short == "Unauthorized" || short == "SessionExpiredException":
		return KindAccessDenied, false
	case short == "AccessError" || short == "Forbidden":
		return KindAccessError, false
	case short == "MissingError":
		return KindMissing, false
	case short == "ValidationError" || isConstraintViolation(name, short):
		return KindValidation, false
	case isUnknownModel(message):
		return KindUnknownModel, false
	case isUnknownMethod(message):
		return KindUnknownMethod, false
	case short == "UserError" || short == "RedirectWarning" || short == "Warning" || short == "except_orm":
		return KindUserError, false
	case isUnknownField(short, message, debug):
		return KindUnknownField, false
	case short == "TypeError" || short == "ValueError" || short == "UnprocessableEntity" || short == "BadRequest":
		return KindBadArguments, false
	case strings.HasPrefix(name, "psycopg2.errors.") && isDataError(short):
		return KindBadArguments, false
	case short == "NotFound":
		return KindTransport, false // a 404 that is neither model nor method: wrong URL
	}
	switch status {
	case 401:
		return KindAccessDenied, false
	case 403:
		return KindAccessError, false
	case 422:
		return KindBadArguments, false
	}
	return KindServerError, false
}

// isSerializationFailure spots PostgreSQL concurrent-update conflicts, which Odoo rolls
// back entirely: repeating the call is safe and usually succeeds.
func isSerializationFailure(name, message string) bool {
	return strings.HasSuffix(name, "SerializationFailure") ||
		strings.HasSuffix(name, "LockNotAvailable") ||
		strings.Contains(message, "could not serialize access")
}

func isUnknownModel(message string) bool {
	// "Object no.such.model doesn't exist" (UserError, all versions) or
	// "the model 'no.such.model' does not exist" (JSON-2 NotFound).
	return strings.HasPrefix(message, "Object ") && strings.HasSuffix(message, " doesn't exist") ||
		strings.HasPrefix(message, "the model '") && strings.HasSuffix(message, "' does not exist")
}

func isUnknownMethod(message string) bool {
	// 18: "The method 'x' does not exist on the model 'res.partner'"; 19: "The method 'res.partner.x' does not exist".
	return strings.HasPrefix(message, "The method '") && strings.Contains(message, "' does not exist")
}

func isUnknownField(short, message, debug string) bool {
	switch short {
	case "ValueError":
		// "Invalid field res.partner.x in condition (...)", "Invalid field 'x' on 'res.partner'", "Invalid field 'x' in leaf".
		return strings.HasPrefix(message, "Invalid field ")
	case "KeyError":
		// write({'no_such_field': 1}) fails looking the name up in model._fields.
		return strings.Contains(debug, "_fields[")
	}
	return false
}

// isConstraintViolation covers PostgreSQL constraint errors that reach the caller
// unwrapped (Odoo 17+ usually turns them into ValidationError itself).
func isConstraintViolation(name, short string) bool {
	if !strings.HasPrefix(name, "psycopg2.") {
		return false
	}
	switch short {
	case "IntegrityError", "UniqueViolation", "ForeignKeyViolation", "NotNullViolation", "CheckViolation", "ExclusionViolation":
		return true
	}
	return false
}

// isDataError covers PostgreSQL rejecting a value of the wrong type (a string where an
// integer or date was expected), which Odoo lets through from a domain.
func isDataError(short string) bool {
	switch short {
	case "InvalidTextRepresentation", "InvalidDatetimeFormat", "DatetimeFieldOverflow",
		"NumericValueOutOfRange", "StringDataRightTruncation", "DataError", "InvalidParameterValue":
		return true
	}
	return false
}

// exceptionFromTraceback returns "module.Exception" and the message from the last line of a
// Python traceback ("ValueError: Invalid field ..."), which is all XML-RPC fault 1 gives.
func exceptionFromTraceback(tb string) (name, message string) {
	tb = strings.TrimRight(tb, "\n ")
	// The message may span lines (MissingError's "(Record: ...)" part): find the last line
	// that starts at column 0 with "Name: ".
	lines := strings.Split(tb, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		line := lines[i]
		if line == "" || line[0] == ' ' {
			continue
		}
		exc, msg, ok := strings.Cut(line, ": ")
		if !ok || !looksLikeException(exc) {
			if looksLikeException(line) { // a bare exception with no message
				return qualify(line), ""
			}
			continue // a continuation of a multi-line message ("LINE 1: ...", "DETAIL: ...")
		}
		rest := strings.Join(lines[i+1:], "\n")
		if rest != "" {
			msg += "\n" + rest
		}
		return qualify(exc), msg
	}
	return "", tb
}

// looksLikeException accepts "module.Name" or a builtin-style name such as ValueError,
// and refuses continuation lines of PostgreSQL messages ("DETAIL", "LINE 1", "HINT").
func looksLikeException(s string) bool {
	if s == "" || strings.ContainsAny(s, " ()'\":") {
		return false
	}
	if strings.Contains(s, ".") {
		return true
	}
	for _, suffix := range []string{"Error", "Exception", "Warning", "Denied", "Interrupt", "Exit", "StopIteration"} {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}

// qualify gives builtins their "builtins." prefix, as JSON-RPC reports them.
func qualify(exc string) string {
	if strings.Contains(exc, ".") {
		return exc
	}
	return "builtins." + exc
}
