package odoosim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoo/xmlrpc"
)

// compareExact checks the envelope values that must be identical, not just alike:
// error code (200 on 18, 0 on 19), message, exception name and message.
func compareExact(t *testing.T, want, got any) {
	for _, path := range [][]string{{"jsonrpc"}, {"error", "code"}, {"error", "message"},
		{"error", "data", "name"}, {"error", "data", "message"}, {"error", "data", "arguments"},
		{"name"}, {"message"}, {"arguments"}} {
		w, wok := dig(want, path)
		g, gok := dig(got, path)
		if wok && gok {
			w, g = comparableMessage(w), comparableMessage(g)
		}
		if wok && (!gok || fmt.Sprint(w) != fmt.Sprint(g)) {
			t.Errorf("%s = %.200q, capture %.200q", strings.Join(path, "."), fmt.Sprint(g), fmt.Sprint(w))
		}
	}
}

// comparableMessage cuts what cannot be reproduced without PostgreSQL or CPython: the
// SQL excerpt after a psycopg2 message's first line and the json module's parse position.
func comparableMessage(v any) any {
	switch x := v.(type) {
	case string:
		if strings.HasPrefix(x, "invalid input syntax") {
			x, _, _ = strings.Cut(x, "\n")
		}
		if strings.HasPrefix(x, "could not parse the body as json:") {
			x = "could not parse the body as json:"
		}
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = comparableMessage(e)
		}
		return out
	}
	return v
}

func dig(v any, path []string) (any, bool) {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	if _, isMap := v.(map[string]any); isMap {
		return nil, false // only scalars and lists are compared exactly
	}
	return v, true
}

// compareKeyOrder checks Odoo's key order of the envelope and the error object.
func compareKeyOrder(t *testing.T, want, got []byte) {
	for _, path := range [][]string{nil, {"error"}, {"error", "data"}} {
		w, g := keyOrder(want, path), keyOrder(got, path)
		if len(w) > 0 && len(g) > 0 && strings.Join(w, ",") != strings.Join(g, ",") {
			t.Errorf("key order at %v: %v, capture %v", path, g, w)
		}
	}
}

func keyOrder(raw []byte, path []string) []string {
	var cur json.RawMessage = raw
	for _, k := range path {
		var m map[string]json.RawMessage
		if json.Unmarshal(cur, &m) != nil || m[k] == nil {
			return nil
		}
		cur = m[k]
	}
	dec := json.NewDecoder(bytes.NewReader(cur))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return keys
		}
	}
	return keys
}

func compareXML(t *testing.T, want, got []byte) {
	wv, werr := xmlrpc.DecodeResponse(bytes.NewReader(want))
	gv, gerr := xmlrpc.DecodeResponse(bytes.NewReader(got))
	wf, wIsFault := werr.(*xmlrpc.Fault)
	gf, gIsFault := gerr.(*xmlrpc.Fault)
	if wIsFault != gIsFault {
		t.Fatalf("capture fault=%v (%v), simulator fault=%v (%v)", wIsFault, werr, gIsFault, gerr)
	}
	if wIsFault {
		if fmt.Sprint(wf.Code) != fmt.Sprint(gf.Code) && !isTraceback(wf.String) {
			t.Errorf("fault code %v, capture %v", gf.Code, wf.Code)
		}
		if isTraceback(wf.String) != isTraceback(gf.String) || (!isTraceback(wf.String) && wf.String != gf.String) {
			t.Errorf("fault string %.200q, capture %.200q", gf.String, wf.String)
		}
		return
	}
	if werr != nil || gerr != nil {
		t.Fatalf("decode: capture %v, simulator %v", werr, gerr)
	}
	for _, d := range compareShape("$", jsonish(wv), jsonish(gv), false) {
		t.Error(d)
	}
}

func isTraceback(s string) bool { return strings.HasPrefix(s, "Traceback") }

// jsonish makes decoded XML-RPC values comparable with compareShape.
func jsonish(v any) any {
	switch x := v.(type) {
	case float64:
		b, _ := Float(x).MarshalJSON() // <double> stays a float literal
		return json.Number(b)
	case int64:
		return json.Number(fmt.Sprint(x))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonish(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonish(e)
		}
		return out
	}
	return v
}

// decodeNumbers parses JSON keeping number literals, so 0 and 0.0 stay distinguishable.
func decodeNumbers(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// kind is a value's shape class. false is its own kind: Odoo uses it for empty values of
// every type except numbers, booleans and x2many.
func kind(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		if !x {
			return "false"
		}
		return "bool"
	case json.Number:
		if strings.ContainsAny(x.String(), ".eE") {
			return "float"
		}
		return "int"
	case string:
		return "string"
	case []any:
		return "list"
	case map[string]any:
		return "dict"
	}
	return fmt.Sprintf("%T", v)
}

// compareShape reports differences in structure and value types. Values are allowed to
// differ (the databases differ); false may stand for an empty string/many2one/date, and a
// list may be empty on one side. Integers vs floats are compared through the raw JSON.
func compareShape(path string, want, got any, subset bool) []string {
	wk, gk := kind(want), kind(got)
	if wk != gk {
		if wk == "false" && (gk == "string" || gk == "list") || gk == "false" && (wk == "string" || wk == "list") ||
			(wk == "false" && gk == "bool") || (wk == "bool" && gk == "false") {
			return nil
		}
		return []string{fmt.Sprintf("%s: %s (%.80v), capture %s (%.80v)", path, gk, got, wk, want)}
	}
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		var diffs []string
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				if subset || ignoredMissingKey(path, k) {
					continue
				}
				diffs = append(diffs, fmt.Sprintf("%s: key %q missing", path, k))
				continue
			}
			if k == "debug" || k == "__domain" || k == "__extra_domain" {
				continue // tracebacks and domain normal forms legitimately differ
			}
			diffs = append(diffs, compareShape(path+"."+k, wv, gv, subset)...)
		}
		for k := range g {
			if _, ok := w[k]; !ok && !subset && !ignoredExtraKey(path, k) {
				diffs = append(diffs, fmt.Sprintf("%s: unexpected key %q", path, k))
			}
		}
		if _, isError := w["arguments"]; isError {
			if wn, ok := w["name"].(string); ok && wn != g["name"] {
				diffs = append(diffs, fmt.Sprintf("%s.name: %v, capture %v", path, g["name"], wn))
			}
		}
		return diffs
	case []any:
		g := got.([]any)
		if len(w) == 0 || len(g) == 0 {
			return nil
		}
		return compareShape(path+"[0]", w[0], g[0], subset)
	}
	return nil
}

// ignoredMissingKey: res.users' sel_groups_* pseudo-fields are left out of the schema.
func ignoredMissingKey(path, k string) bool {
	return strings.HasPrefix(k, "sel_groups_") || strings.HasPrefix(k, "in_group_")
}

// ignoredExtraKey: fields the simulator adds to captured models (documented in
// schema_build.go) show up in fields_get.
func ignoredExtraKey(path, k string) bool {
	return path == "$.result" && slices.Contains([]string{"name", "type", "usage", "model_id", "model_name", "code",
		"sequence", "base_automation_id", "active"}, k)
}
