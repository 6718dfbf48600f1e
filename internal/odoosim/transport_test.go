package odoosim

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/smartodoo/smartodoo/internal/odoo/xmlrpc"
)

func postJSON(t *testing.T, c *http.Client, url string, body any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := c.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode %s: %v", url, err)
	}
	return out
}

func TestVersion17Transports(t *testing.T) {
	s, err := New(Options{Version: 17})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	out := postJSON(t, ts.Client(), ts.URL+"/jsonrpc", map[string]any{"jsonrpc": "2.0", "id": 1, "method": "call",
		"params": map[string]any{"service": "common", "method": "version", "args": []any{}}})
	if v := out["result"].(map[string]any)["server_version"]; v != "17.0" {
		t.Errorf("server_version %v", v)
	}
	out = postJSON(t, ts.Client(), ts.URL+"/jsonrpc", map[string]any{"jsonrpc": "2.0", "id": 2, "method": "call",
		"params": map[string]any{"service": "object", "method": "execute_kw", "args": []any{"smartodoo_demo", 2, "smartodoo-demo-key",
			"res.partner", "name_search", []any{"My"}, map[string]any{"args": []any{}}}}})
	if _, ok := out["result"]; !ok {
		t.Errorf("17 name_search(args=): %v", out)
	}
	if e := out["error"]; e != nil {
		t.Errorf("17 error: %v", e)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Post(ts.URL+"/json/2/res.partner/search", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("JSON-2 on 17: status %d, want a redirect to the login page", resp.StatusCode)
	}
	resp.Body.Close()
}

func TestWebSessionCallKW(t *testing.T) {
	s, _ := newTestServer(t, 18)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	out := postJSON(t, c, ts.URL+"/web/session/authenticate", map[string]any{"jsonrpc": "2.0", "id": 1, "method": "call",
		"params": map[string]any{"db": "smartodoo_demo", "login": "cfo", "password": "cfo"}})
	res, _ := out["result"].(map[string]any)
	if res == nil || res["username"] != "cfo" || res["is_admin"] != false {
		t.Fatalf("authenticate: %v", out)
	}
	out = postJSON(t, c, ts.URL+"/web/dataset/call_kw/res.partner/search_count", map[string]any{"jsonrpc": "2.0", "id": 2, "method": "call",
		"params": map[string]any{"model": "res.partner", "method": "search_count", "args": []any{[]any{[]any{"is_company", "=", true}}}, "kwargs": map[string]any{}}})
	if out["result"] != float64(3) {
		t.Errorf("call_kw search_count: %v", out)
	}
	anon := postJSON(t, ts.Client(), ts.URL+"/web/session/get_session_info", map[string]any{"jsonrpc": "2.0", "id": 3, "method": "call", "params": map[string]any{}})
	if anon["error"] == nil {
		t.Errorf("session info without a session: %v", anon)
	}
	bad := postJSON(t, c, ts.URL+"/web/session/authenticate", map[string]any{"jsonrpc": "2.0", "id": 4, "method": "call",
		"params": map[string]any{"db": "smartodoo_demo", "login": "cfo", "password": "nope"}})
	if name := bad["error"].(map[string]any)["data"].(map[string]any)["name"]; name != excAccessDenied {
		t.Errorf("bad password: %v", bad)
	}
}

func TestXMLRPCRoundTrip(t *testing.T) {
	s, ids := newTestServer(t, 19)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	var buf bytes.Buffer
	if err := xmlrpc.EncodeCall(&buf, "execute_kw", []any{"smartodoo_demo", int64(2), "smartodoo-demo-key", "res.partner", "read",
		[]any{[]any{ids["brandon"]}}, map[string]any{"fields": []any{"parent_id", "credit_limit", "vat"}}}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(ts.URL+"/xmlrpc/2/object", "text/xml", &buf)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	v, err := xmlrpc.DecodeResponse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	rec := v.([]any)[0].(map[string]any)
	if rec["vat"] != false || rec["credit_limit"] != 0.0 || rec["parent_id"].([]any)[1] != "Azure Interior" {
		t.Errorf("xml-rpc read: %#v", rec)
	}
	if !strings.Contains(string(body), "<double>") || !strings.Contains(string(body), "<boolean>0</boolean>") {
		t.Errorf("floats must be <double> and false <boolean>0</boolean>: %s", body)
	}
}
