package odoo

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/core"
	"github.com/smartodoo/smartodoo/internal/odoo/xmlrpc"
)

// wantKind maps every error capture (by file name, both versions) to the Kind the client
// must report. A capture without an entry fails the test, so new captures get mapped.
var wantKind = map[string]Kind{
	// JSON-RPC, errors/
	"access_denied_bad_password.json":            KindAccessDenied,
	"access_denied_bad_uid.json":                 KindMissing,
	"bad_arguments_type_error.json":              KindBadArguments,
	"bad_kwarg.json":                             KindBadArguments,
	"invalid_domain_operator.json":               KindBadArguments,
	"invalid_domain_structure.json":              KindBadArguments,
	"jsonrpc_body_is_array.txt":                  KindTransport,
	"jsonrpc_get.html":                           KindTransport,
	"jsonrpc_missing_params.json":                KindBadArguments,
	"jsonrpc_wrong_content_type.html":            KindTransport,
	"malformed_json_body.txt":                    KindTransport,
	"missing_record_action_post.json":            KindMissing,
	"missing_record_write.json":                  KindMissing,
	"private_method.json":                        KindAccessError,
	"unknown_db_execute_kw.json":                 KindServerError,
	"unknown_field_in_domain.json":               KindUnknownField,
	"unknown_field_in_fields.json":               KindUnknownField,
	"unknown_method.json":                        KindUnknownMethod,
	"unknown_model.json":                         KindUnknownModel,
	"unknown_service.json":                       KindServerError,
	"user_error_action_post_already_posted.json": KindUserError,
	"validation_error_partner_without_name.json": KindValidation,
	"validation_error_recursive_parent.json":     KindValidation,
	"write_invalid_selection.json":               KindBadArguments,
	"write_readonly_unknown_field.json":          KindUnknownField,
	"wrong_type_in_domain.date.json":             KindBadArguments,
	"wrong_type_in_domain.integer.json":          KindBadArguments,
	// JSON-2, json2/error_*
	"error_400_malformed_json.json":                        KindBadArguments,
	"error_401_bad_key.json":                               KindAccessDenied,
	"error_401_no_key.json":                                KindAccessDenied,
	"error_403_private_method.json":                        KindAccessError,
	"error_404_GET_on_method.json":                         KindTransport,
	"error_404_get_json2_root.json":                        KindTransport,
	"error_404_missing_record_action_post.json":            KindMissing,
	"error_404_missing_record_write.json":                  KindMissing,
	"error_404_unknown_db_header.json":                     KindTransport,
	"error_404_unknown_method.json":                        KindUnknownMethod,
	"error_404_unknown_model.json":                         KindUnknownModel,
	"error_415_wrong_content_type.json":                    KindTransport,
	"error_422_bad_argument.json":                          KindBadArguments,
	"error_422_ids_on_model_method.json":                   KindBadArguments,
	"error_422_missing_argument.json":                      KindBadArguments,
	"error_422_user_error_action_post_already_posted.json": KindUserError,
	"error_422_validation_error_partner_without_name.json": KindValidation,
	"error_500_invalid_selection_value.json":               KindBadArguments,
	"error_500_search_read_unknown_kwarg.json":             KindBadArguments,
	"error_500_unknown_field_in_domain.json":               KindUnknownField,
	"error_500_wrong_argument_type.json":                   KindBadArguments,
	"error_500_wrong_type_in_domain.json":                  KindBadArguments,
	"not_available_in_18.json":                             KindTransport,
	// XML-RPC faults
	"fault_access_denied_bad_password.xml":            KindAccessDenied,
	"fault_malformed_xml.xml":                         KindServerError,
	"fault_missing_record_write.xml":                  KindMissing,
	"fault_unknown_field_in_domain.xml":               KindUnknownField,
	"fault_unknown_method.xml":                        KindUnknownMethod,
	"fault_unknown_model.xml":                         KindUnknownModel,
	"fault_unknown_service.xml":                       KindServerError,
	"fault_user_error_action_post_already_posted.xml": KindUserError,
	"fault_validation_error_partner_without_name.xml": KindValidation,
	"legacy_v1_fault_access_denied.xml":               KindAccessDenied,
	"legacy_v1_fault_unknown_method.xml":              KindUnknownMethod,
	"legacy_v1_fault_user_error.xml":                  KindUserError,
}

func TestErrorCaptures(t *testing.T) {
	var files []string
	for _, pattern := range []string{"*/errors/*", "*/json2/error_*", "18.0/json2/not_available_in_18.json", "*/xmlrpc/fault_*", "*/xmlrpc/legacy_v1_fault_*"} {
		m, _ := filepath.Glob(filepath.Join(refDir, pattern))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("reference captures absent: they live in /work/shared/odoo-reference")
	}
	for _, f := range files {
		version := filepath.Base(filepath.Dir(filepath.Dir(f)))
		name := filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
		t.Run(version+"/"+name, func(t *testing.T) {
			want, ok := wantKind[filepath.Base(f)]
			if !ok {
				t.Fatalf("no expected kind for %s: add it to wantKind", name)
			}
			transport := TransportJSONRPC
			switch {
			case strings.HasPrefix(name, "json2/"):
				transport = TransportJSON2
			case strings.HasPrefix(name, "xmlrpc/"):
				transport = TransportXMLRPC
			}
			_, srv := newFakeOdoo(t, 19, serveCapture(loadCapture(t, version, name)))
			c := testClient(t, srv, transport, func(c *Config) { c.MaxRetries = -1 })
			err := c.Call(context.Background(), "res.partner", "search", []any{Domain{}}, nil, nil)
			var oe *Error
			if !errors.As(err, &oe) {
				t.Fatalf("want *odoo.Error, got %v", err)
			}
			if oe.Kind != want {
				t.Errorf("kind = %s, want %s (name %q, message %q)", oe.Kind, want, oe.Name, oe.Message)
			}
			if !errors.Is(err, &Error{Kind: want}) {
				t.Errorf("errors.Is does not match the kind sentinel")
			}
			if oe.Retryable {
				t.Errorf("a user or server error must not be retryable: %v", err)
			}
			if oe.Kind != KindTransport && oe.Kind != KindBadResponse && oe.Message == "" {
				t.Errorf("empty message: %#v", oe)
			}
			if strings.Contains(oe.Error(), "Traceback") {
				t.Errorf("Error() shows a traceback: %s", oe.Error())
			}
		})
	}
}

func TestErrorSentinels(t *testing.T) {
	err := error(&Error{Kind: KindMissing, Name: "odoo.exceptions.MissingError", Message: "Record does not exist"})
	wrapped := errors.Join(errors.New("reconcile line 7"), err)
	if !errors.Is(wrapped, ErrMissing) || errors.Is(wrapped, ErrUserError) {
		t.Error("kind sentinels do not match")
	}
	if !errors.Is(wrapped, core.ErrNotFound) || errors.Is(&Error{Kind: KindUserError}, core.ErrNotFound) {
		t.Error("MissingError should match core.ErrNotFound, and only it")
	}
	if (&Error{Kind: KindAccessDenied}).Code() != core.CodeUnauthorized {
		t.Error("AccessDenied should map to unauthorized")
	}
	if KindOf(wrapped) != KindMissing || KindOf(errors.New("x")) != "" {
		t.Error("KindOf")
	}
}

func TestExceptionFromTraceback(t *testing.T) {
	cases := []struct{ tb, name, msg string }{
		{"Traceback (most recent call last):\n  File \"x\", line 1\nValueError: Invalid field 'x' on 'res.partner'\n", "builtins.ValueError", "Invalid field 'x' on 'res.partner'"},
		{"Traceback:\n  File\nodoo.exceptions.MissingError: Record does not exist or has been deleted.\n(Record: res.partner(9,), User: 2)\n", "odoo.exceptions.MissingError", "Record does not exist or has been deleted.\n(Record: res.partner(9,), User: 2)"},
		{"Traceback:\n  File\nKeyError: 'nope'\n", "builtins.KeyError", "'nope'"},
		{"Traceback:\n  File\nStopIteration\n", "builtins.StopIteration", ""},
		{"Traceback:\n  File\npsycopg2.errors.UniqueViolation: duplicate key value violates unique constraint \"x\"\nDETAIL:  Key (name)=(ZZJ) already exists.\n",
			"psycopg2.errors.UniqueViolation", "duplicate key value violates unique constraint \"x\"\nDETAIL:  Key (name)=(ZZJ) already exists."},
		{"Traceback:\n  File\npsycopg2.errors.InvalidTextRepresentation: invalid input syntax for type integer: \"abc\"\nLINE 1: ...id\" IN ('abc')) AN...\n                 ^\n",
			"psycopg2.errors.InvalidTextRepresentation", "invalid input syntax for type integer: \"abc\"\nLINE 1: ...id\" IN ('abc')) AN...\n                 ^"},
	}
	for _, tc := range cases {
		name, msg := exceptionFromTraceback(tc.tb)
		if name != tc.name || msg != tc.msg {
			t.Errorf("got %q %q, want %q %q", name, msg, tc.name, tc.msg)
		}
	}
}

func TestConstraintViolationIsValidation(t *testing.T) {
	for _, name := range []string{"psycopg2.errors.UniqueViolation", "psycopg2.IntegrityError", "psycopg2.errors.NotNullViolation"} {
		if kind, retry := classify(name, "duplicate key value", "", 200); kind != KindValidation || retry {
			t.Errorf("%s: %s %v", name, kind, retry)
		}
	}
}

func TestSerializationFailureIsRetryable(t *testing.T) {
	for _, name := range []string{"psycopg2.errors.SerializationFailure", "psycopg2.OperationalError"} {
		kind, retry := classify(name, "could not serialize access due to concurrent update", "", 200)
		if kind != KindServerError || !retry {
			t.Errorf("%s: kind %s retry %v", name, kind, retry)
		}
	}
	if _, retry := classify("odoo.exceptions.UserError", "nope", "", 200); retry {
		t.Error("user error marked retryable")
	}
}

func TestFaultCodes(t *testing.T) {
	cases := []struct {
		code any
		str  string
		want Kind
		name string
	}{
		{int64(1), "Traceback (most recent call last):\n  File \"x\"\nValueError: Invalid field 'x' on 'res.partner'\n", KindUnknownField, "builtins.ValueError"},
		{int64(1), "Traceback (most recent call last):\n  File \"x\"\npsycopg2.errors.SerializationFailure: could not serialize access due to concurrent update\n", KindServerError, "psycopg2.errors.SerializationFailure"},
		{int64(2), "Record does not exist or has been deleted.\n(Record: res.partner(9,), User: 2)", KindMissing, "odoo.exceptions.MissingError"},
		{int64(2), "The operation cannot be completed: Contacts require a name", KindValidation, "odoo.exceptions.ValidationError"},
		{int64(2), "Object x.y doesn't exist", KindUnknownModel, "odoo.exceptions.UserError"},
		{int64(2), "You cannot do that.", KindUserError, "odoo.exceptions.UserError"},
		{int64(3), "Access Denied", KindAccessDenied, "odoo.exceptions.AccessDenied"},
		{int64(4), "You are not allowed to access 'Journal Entry' (account.move) records.", KindAccessError, "odoo.exceptions.AccessError"},
		{"AccessDenied", "Access Denied", KindAccessDenied, "odoo.exceptions.AccessDenied"},
		{"warning -- ValidationError\n\nYou cannot create recursive Partner hierarchies.", "", KindValidation, "odoo.exceptions.ValidationError"},
		{"warning -- AccessError\n\nnot allowed", "", KindAccessError, "odoo.exceptions.AccessError"},
	}
	for _, tc := range cases {
		e := faultToError(&xmlrpc.Fault{Code: tc.code, String: tc.str})
		if e.Kind != tc.want || e.Name != tc.name {
			t.Errorf("fault %v %.40q: kind %s name %s, want %s %s", tc.code, tc.str, e.Kind, e.Name, tc.want, tc.name)
		}
	}
	if e := faultToError(&xmlrpc.Fault{Code: int64(1), String: "Traceback:\npsycopg2.errors.SerializationFailure: could not serialize access\n"}); !e.Retryable {
		t.Error("serialization failure over XML-RPC must be retryable")
	}
}

func TestMaybeApplied(t *testing.T) {
	cases := map[*Error]bool{
		{Kind: KindTransport, delivered: true}:  true,
		{Kind: KindTransport, delivered: false}: false,
		{Kind: KindBadResponse}:                 true,
		{Kind: KindUserError}:                   false,
		{Kind: KindBadArguments}:                false,
	}
	for e, want := range cases {
		if e.MaybeApplied() != want {
			t.Errorf("%+v: MaybeApplied %v", e, !want)
		}
	}
}
