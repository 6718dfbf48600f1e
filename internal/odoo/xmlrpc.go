package odoo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/smartodoo/smartodoo/internal/odoo/xmlrpc"
)

// xmlrpcTransport speaks /xmlrpc/2/common and /xmlrpc/2/object, the oldest API and the
// last resort. Its faults carry less than JSON-RPC errors: see faultToError.
type xmlrpcTransport struct {
	http   *httpDoer
	db     string
	secret string
}

func (t *xmlrpcTransport) name() string { return TransportXMLRPC }

func (t *xmlrpcTransport) execute(ctx context.Context, c rpcCall, out any) error {
	args, kwargs, err := xmlrpcArgs(c.args, c.kwargs)
	if err != nil {
		return &Error{Kind: KindBadArguments, Model: c.model, Method: c.method, Transport: t.name(), Message: err.Error()}
	}
	params := []any{t.db, c.uid, t.secret, c.model, c.method, args, kwargs}
	return t.post(ctx, "/xmlrpc/2/object", "execute_kw", params, c, out)
}

func (t *xmlrpcTransport) common(ctx context.Context, method string, args []any, out any) error {
	plain, _, err := xmlrpcArgs(args, nil)
	if err != nil {
		return &Error{Kind: KindBadArguments, Method: method, Transport: t.name(), Message: err.Error()}
	}
	return t.post(ctx, "/xmlrpc/2/common", method, plain, rpcCall{method: method}, out)
}

func (t *xmlrpcTransport) post(ctx context.Context, path, method string, params []any, c rpcCall, out any) error {
	var body bytes.Buffer
	if err := xmlrpc.EncodeCall(&body, method, params); err != nil {
		return &Error{Kind: KindBadArguments, Model: c.model, Method: c.method, Transport: t.name(), Message: err.Error()}
	}
	a, err := t.http.do(ctx, http.MethodPost, path, "text/xml", body.Bytes())
	if err != nil {
		return annotate(err, c, t.name())
	}
	return annotate(t.answer(a, path, c, out), c, t.name())
}

// answer interprets an XML-RPC answer: the value decoded into out, or the fault.
func (t *xmlrpcTransport) answer(a *httpAnswer, path string, c rpcCall, out any) error {
	if e := t.http.statusError(a, path); e != nil {
		return e
	}
	trimmed := bytes.TrimLeft(a.body, " \t\r\n")
	if a.status != http.StatusOK || !(bytes.HasPrefix(trimmed, []byte("<?xml")) || bytes.HasPrefix(trimmed, []byte("<methodResponse"))) {
		return notRPC(a, path, "an XML-RPC answer")
	}
	data, err := xmlrpc.Decoder{}.DecodeResponseJSONBytes(a.body)
	var fault *xmlrpc.Fault
	switch {
	case errors.As(err, &fault) && returnedNone(fault):
		// Odoo ran (and committed) the method, then failed to marshal its None result.
		return decodeInto([]byte("null"), out, c, t.name(), true)
	case errors.As(err, &fault):
		return faultToError(fault)
	case err != nil:
		return &Error{Kind: KindBadResponse, Message: err.Error()}
	}
	return decodeInto(data, out, c, t.name(), true)
}

// returnedNone spots the fault Odoo's XML-RPC sends after a method that returned None:
// the call succeeded, only the answer could not be marshalled.
func returnedNone(f *xmlrpc.Fault) bool {
	return f.Code == int64(1) && strings.HasSuffix(strings.TrimSpace(f.String), "cannot marshal None unless allow_none is enabled")
}

// xmlrpcArgs turns arguments into plain values the codec accepts by a JSON round trip, so
// that Domain, typed records and anything with json tags travel as over the JSON APIs.
func xmlrpcArgs(args []any, kwargs map[string]any) ([]any, map[string]any, error) {
	if args == nil {
		args = []any{}
	}
	if kwargs == nil {
		kwargs = map[string]any{}
	}
	raw, err := json.Marshal([]any{args, kwargs})
	if err != nil {
		return nil, nil, fmt.Errorf("encode the arguments: %w", err)
	}
	var plain []any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&plain); err != nil {
		return nil, nil, fmt.Errorf("re-read the arguments: %w", err)
	}
	return plain[0].([]any), plain[1].(map[string]any), nil
}

// faultToError maps Odoo's XML-RPC faults. /xmlrpc/2 uses integer codes: 1 any other
// exception (faultString is the traceback), 2 the UserError family (message only, so
// ValidationError and MissingError are recognised by their standard texts), 3
// AccessDenied, 4 AccessError. Legacy /xmlrpc uses strings.
func faultToError(f *xmlrpc.Fault) *Error {
	switch code := f.Code.(type) {
	case int64:
		switch code {
		case 2:
			return userFault(f.String)
		case 3:
			return &Error{Kind: KindAccessDenied, Name: "odoo.exceptions.AccessDenied", Message: f.String}
		case 4:
			return &Error{Kind: KindAccessError, Name: "odoo.exceptions.AccessError", Message: f.String}
		}
		return tracebackFault(f.String, f.String)
	case string:
		switch {
		case code == "AccessDenied":
			return &Error{Kind: KindAccessDenied, Name: "odoo.exceptions.AccessDenied", Message: f.String}
		case strings.HasPrefix(code, "warning -- "):
			// "warning -- UserError\n\n<message>"
			head, msg, _ := strings.Cut(strings.TrimPrefix(code, "warning -- "), "\n\n")
			e := userFault(msg)
			if head != "" && !strings.ContainsAny(head, " \n") {
				e.Name = "odoo.exceptions." + head
				e.Kind, e.Retryable = classify(e.Name, msg, "", 200)
			}
			return e
		}
		e := tracebackFault(f.String, f.String)
		if e.Message == "" || e.Name == "" {
			e.Message = code
		}
		return e
	}
	return &Error{Kind: KindBadResponse, Message: fmt.Sprintf("fault with code %v: %s", f.Code, f.String)}
}

func userFault(msg string) *Error {
	name := "odoo.exceptions.UserError"
	switch {
	case strings.HasPrefix(msg, "Record does not exist or has been deleted."):
		name = "odoo.exceptions.MissingError"
	case strings.HasPrefix(msg, "The operation cannot be completed:"):
		name = "odoo.exceptions.ValidationError" // Odoo's wrapper for database constraint violations
	}
	kind, retry := classify(name, msg, "", 200)
	return &Error{Kind: kind, Name: name, Message: msg, Retryable: retry}
}

func tracebackFault(tb, debug string) *Error {
	name, msg := exceptionFromTraceback(tb)
	kind, retry := classify(name, msg, debug, 200)
	return &Error{Kind: kind, Name: name, Message: msg, Debug: debug, Retryable: retry}
}
