package odoo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
)

// jsonrpcTransport speaks POST /jsonrpc (Odoo 8+, deprecated in 19, removed in 22):
// {"service": "object", "method": "execute_kw", "args": [db, uid, secret, model, method, args, kwargs]}.
// Errors come back with HTTP 200 and error.data.name holding the Python exception.
type jsonrpcTransport struct {
	http   *httpDoer
	db     string
	secret string
	nextID atomic.Int64
}

const jsonrpcPath = "/jsonrpc"

func (t *jsonrpcTransport) name() string { return TransportJSONRPC }

func (t *jsonrpcTransport) execute(ctx context.Context, c rpcCall, out any) error {
	kwargs := c.kwargs
	if kwargs == nil {
		kwargs = map[string]any{}
	}
	args := c.args
	if args == nil {
		args = []any{}
	}
	params := []any{t.db, c.uid, t.secret, c.model, c.method, args, kwargs}
	return t.post(ctx, "object", "execute_kw", params, c, out)
}

func (t *jsonrpcTransport) common(ctx context.Context, method string, args []any, out any) error {
	if args == nil {
		args = []any{}
	}
	return t.post(ctx, "common", method, args, rpcCall{method: method}, out)
}

type jsonrpcRequest struct {
	JSONRPC string        `json:"jsonrpc"`
	Method  string        `json:"method"`
	Params  jsonrpcParams `json:"params"`
	ID      int64         `json:"id"`
}

type jsonrpcParams struct {
	Service string `json:"service"`
	Method  string `json:"method"`
	Args    []any  `json:"args"`
}

// jsonrpcResponse decodes the result directly into the caller's value (Result holds a
// pointer), so a large page is parsed once. A None result has no "result" key at all.
type jsonrpcResponse struct {
	Result any           `json:"result"`
	Error  *jsonrpcError `json:"error"`
}

type jsonrpcError struct {
	Code    int            `json:"code"`
	Message string         `json:"message"`
	Data    *odooErrorBody `json:"data"`
}

// odooErrorBody is error.data in JSON-RPC and the whole error body in JSON-2.
type odooErrorBody struct {
	Name      string `json:"name"`
	Message   string `json:"message"`
	Debug     string `json:"debug"`
	Arguments []any  `json:"arguments"`
}

func (t *jsonrpcTransport) post(ctx context.Context, service, method string, args []any, c rpcCall, out any) error {
	body, err := marshalJSON(jsonrpcRequest{
		JSONRPC: "2.0", Method: "call", ID: t.nextID.Add(1),
		Params: jsonrpcParams{Service: service, Method: method, Args: args},
	})
	if err != nil {
		return &Error{Kind: KindBadArguments, Model: c.model, Method: c.method, Transport: t.name(),
			Message: "encode the arguments as JSON: " + err.Error()}
	}
	a, err := t.http.do(ctx, http.MethodPost, jsonrpcPath, "application/json", body)
	if err != nil {
		return annotate(err, c, t.name())
	}
	return annotate(t.answer(a, out), c, t.name())
}

// answer interprets a /jsonrpc answer: the result decoded into out, or the error.
func (t *jsonrpcTransport) answer(a *httpAnswer, out any) error {
	if e := t.http.statusError(a, jsonrpcPath); e != nil {
		return e
	}
	if a.status != http.StatusOK || !looksLikeJSONObject(a.body) {
		return notRPC(a, jsonrpcPath, "a JSON-RPC answer")
	}
	if plan, _ := slicePlan(out); plan != nil && json.Valid(a.body) {
		if raw, ok := envelopeResult(a.body); ok && fastDecode(raw, out, true) {
			return nil
		}
	}
	resp := jsonrpcResponse{Result: out}
	if out == nil {
		resp.Result = &json.RawMessage{}
	}
	if err := json.Unmarshal(a.body, &resp); err != nil {
		return &Error{Kind: KindBadResponse, HTTPStatus: a.status,
			Message: fmt.Sprintf("decode the JSON-RPC answer: %v: %s", err, snippet(a.body))}
	}
	if resp.Error != nil {
		return rpcErrorToError(resp.Error, a.status)
	}
	return nil
}

func rpcErrorToError(re *jsonrpcError, status int) *Error {
	if re.Data == nil { // not Odoo's shape; keep what there is
		return &Error{Kind: KindServerError, HTTPStatus: status, Message: fmt.Sprintf("%s (code %d)", re.Message, re.Code)}
	}
	kind, retry := classify(re.Data.Name, re.Data.Message, re.Data.Debug, status)
	return &Error{Kind: kind, Name: re.Data.Name, Message: re.Data.Message, Debug: re.Data.Debug,
		HTTPStatus: status, Retryable: retry}
}

// annotate fills in which call failed.
func annotate(err error, c rpcCall, transport string) error {
	if e, ok := err.(*Error); ok {
		if e.Model == "" {
			e.Model = c.model
		}
		if e.Method == "" {
			e.Method = c.method
		}
		e.Transport = transport
	}
	return err
}

func looksLikeJSONObject(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '{'
}
