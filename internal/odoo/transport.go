package odoo

import (
	"bytes"
	"context"
	"encoding/json"
)

// transport is one of Odoo's external APIs. Each decodes the result straight into out
// (nil to discard it) and reports failures as *Error.
type transport interface {
	name() string
	// execute runs model.method(*args, **kwargs) as user uid (ignored by JSON-2).
	execute(ctx context.Context, c rpcCall, out any) error
	// common calls the "common" service: version, login, authenticate.
	common(ctx context.Context, method string, args []any, out any) error
}

// rpcCall is one ORM call. kwargs already carries the merged "context".
type rpcCall struct {
	model, method string
	args          []any
	kwargs        map[string]any
	uid           int64
}

// decodeInto unmarshals a JSON result into out, reporting a mismatch as a bad response.
// trusted says data is JSON this process produced (from XML-RPC), already valid.
func decodeInto(data []byte, out any, c rpcCall, transport string, trusted bool) error {
	if out == nil || fastDecode(data, out, trusted) {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &Error{
			Kind: KindBadResponse, Model: c.model, Method: c.method, Transport: transport,
			Message: "decode the result: " + err.Error(),
		}
	}
	return nil
}

// marshalJSON encodes a request body without HTML escaping, so "&" in a domain or a
// value goes out as "&", exactly as a Python client sends it.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

var (
	_ transport = (*json2Transport)(nil)
	_ transport = (*jsonrpcTransport)(nil)
	_ transport = (*xmlrpcTransport)(nil)
)
