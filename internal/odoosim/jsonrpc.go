package odoosim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

const maxBody = 64 << 20

// decodeJSON parses a request body keeping integers as int64 and other numbers as
// float64, so values keep Python's int/float distinction.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return normalizeNumbers(v), nil
}

func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if !strings.ContainsAny(x.String(), ".eE") {
			if i, err := x.Int64(); err == nil {
				return i
			}
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = normalizeNumbers(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = normalizeNumbers(x[k])
		}
	}
	return v
}

func isJSONContent(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "application/json" || mt == "application/json-rpc"
}

// wrongRequestType is werkzeug's page for a request whose type does not match the route:
// 400 on 18, 415 on 19.
func (s *Server) wrongRequestType(w http.ResponseWriter, route, kind string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if s.version >= 19 {
		w.WriteHeader(http.StatusUnsupportedMediaType)
		fmt.Fprintf(w, "<!doctype html>\n<html lang=en>\n<title>415 Unsupported Media Type</title>\n<h1>Unsupported Media Type</h1>\n<p>Request inferred type is compatible with [&#39;http&#39;] but &#39;%s&#39; is type=&#39;%s&#39;.<br><br>Please verify the Content-Type request header and try again.</p>\n", htmlEscape(route), kind)
		return
	}
	w.WriteHeader(http.StatusBadRequest)
	fmt.Fprintf(w, "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>Request inferred type is compatible with [&#39;http&#39;] but &#39;%s&#39; is type=&#39;json&#39;.</p>\n", htmlEscape(route))
}

func htmlEscape(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;", "'", "&#39;").Replace(s)
}

func plainError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	io.WriteString(w, msg)
}

// readJSONRPC checks the transport and decodes a JSON-RPC request; on failure it has
// already answered like Odoo and returns ok=false.
func (s *Server) readJSONRPC(w http.ResponseWriter, r *http.Request, kind string) (id json.RawMessage, params map[string]any, ok bool) {
	if r.Method != http.MethodPost || !isJSONContent(r) {
		s.wrongRequestType(w, r.URL.Path, kind)
		return nil, nil, false
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		plainError(w, http.StatusBadRequest, "Invalid JSON data")
		return nil, nil, false
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var anyv any
		if json.Unmarshal(data, &anyv) == nil {
			plainError(w, http.StatusBadRequest, "Invalid JSON-RPC data")
		} else {
			plainError(w, http.StatusBadRequest, "Invalid JSON data")
		}
		return nil, nil, false
	}
	id = raw["id"]
	if id == nil {
		id = json.RawMessage("null")
	}
	params = map[string]any{}
	if p, ok := raw["params"]; ok {
		v, err := decodeJSON(p)
		if err != nil {
			plainError(w, http.StatusBadRequest, "Invalid JSON data")
			return nil, nil, false
		}
		if m, isMap := v.(map[string]any); isMap {
			params = m
		}
	}
	return id, params, true
}

// writeResult answers a JSON-RPC success; a None result omits the "result" key.
func writeResult(w http.ResponseWriter, id json.RawMessage, result any) {
	env := &record{keys: []string{"jsonrpc", "id"}, vals: []any{"2.0", id}}
	if result != nil {
		env.add("result", result)
	}
	writeJSON(w, http.StatusOK, env)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := marshalJSON(v)
	if err != nil {
		body = []byte(`{"jsonrpc": "2.0", "error": {"code": 200, "message": "Odoo Server Error"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}

// errorData is the "data" object of an Odoo error, keys in the version's order.
func (s *Server) errorData(err error) *record {
	oe := asOdoo(err)
	debug := fmt.Sprintf("Traceback (most recent call last):\n  File \"/opt/odoo/odoo/http.py\", line 1, in odoosim\n%s: %s\n", oe.Name, oe.Message)
	if s.version >= 19 && oe.Name == excAccessDenied {
		debug = "odoo.exceptions.AccessDenied: Access Denied\n"
	}
	args := []any{oe.Message}
	if oe.Status != 0 {
		args = append(args, int64(oe.Status))
	}
	if s.version >= 19 {
		return &record{keys: []string{"name", "message", "arguments", "context", "debug"},
			vals: []any{oe.Name, oe.Message, args, map[string]any{}, debug}}
	}
	return &record{keys: []string{"name", "debug", "message", "arguments", "context"},
		vals: []any{oe.Name, debug, oe.Message, args, map[string]any{}}}
}

func (s *Server) writeError(w http.ResponseWriter, id json.RawMessage, err error) {
	code := int64(200)
	if s.version >= 19 {
		code = 0
	}
	oe := asOdoo(err)
	msg := "Odoo Server Error"
	if oe.Name == "odoo.http.SessionExpiredException" {
		msg = "Odoo Session Expired"
	}
	body := &record{keys: []string{"code", "message", "data"}, vals: []any{code, msg, s.errorData(err)}}
	if _, internal := err.(*OdooError); !internal {
		s.log.Error("odoosim: unexpected error", "err", err)
	}
	writeJSON(w, http.StatusOK, &record{keys: []string{"jsonrpc", "id", "error"}, vals: []any{"2.0", id, body}})
}

// serveJSONRPC is POST /jsonrpc: {"params": {"service", "method", "args"}}.
func (s *Server) serveJSONRPC(w http.ResponseWriter, r *http.Request) {
	kind := "json"
	if s.version >= 19 {
		kind = "jsonrpc"
	}
	id, params, ok := s.readJSONRPC(w, r, kind)
	if !ok {
		return
	}
	var missing []string
	for _, k := range []string{"service", "method", "args"} {
		if _, ok := params[k]; !ok {
			missing = append(missing, "'"+k+"'")
		}
	}
	if len(missing) > 0 {
		owner := "RPC"
		if s.version >= 19 {
			owner = "JSONRPC"
		}
		s.writeError(w, id, typeError("%s.jsonrpc() missing %d required positional argument%s: %s", owner, len(missing), plural(len(missing)), joinPy(missing)))
		return
	}
	service, _ := params["service"].(string)
	method, _ := params["method"].(string)
	args, _ := params["args"].([]any)
	if s.version >= 19 {
		s.log.Debug("The /xmlrpc, /xmlrpc/2 and /jsonrpc endpoints are deprecated in Odoo 19 and scheduled for removal in Odoo 22")
	}
	result, err := s.dispatch(service, method, args)
	if err != nil {
		s.writeError(w, id, err)
		return
	}
	writeResult(w, id, result)
}
