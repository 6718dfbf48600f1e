package odoo

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smartodoo/smartodoo/internal/odoo/xmlrpc"
)

// refDir is the shared folder of real Odoo 18/19 answers; tests using it skip when absent.
const refDir = "../../../shared/odoo-reference"

// capture is one recorded answer: status, headers and body, as _index.json describes it.
type capture struct {
	Status  int
	Headers [][2]string
	Body    []byte
}

type indexEntry struct {
	Transport       string          `json:"transport"`
	HTTPMethod      string          `json:"http_method"`
	Path            string          `json:"path"`
	RequestBody     json.RawMessage `json:"request_body"`
	Status          int             `json:"status"`
	ResponseHeaders [][2]string     `json:"response_headers"`
}

var indexCache sync.Map

func loadIndex(t testing.TB, version string) map[string]indexEntry {
	t.Helper()
	if v, ok := indexCache.Load(version); ok {
		return v.(map[string]indexEntry)
	}
	raw, err := os.ReadFile(filepath.Join(refDir, version, "_index.json"))
	if err != nil {
		t.Skipf("reference captures absent (%v): they live in /work/shared/odoo-reference", err)
	}
	var idx map[string]indexEntry
	if err := json.Unmarshal(raw, &idx); err != nil {
		t.Fatalf("read %s index: %v", version, err)
	}
	indexCache.Store(version, idx)
	return idx
}

// loadCapture reads version/name and its status and headers. JSON-2 files wrap
// {"status","headers","body"}; the others are the raw body.
func loadCapture(t testing.TB, version, name string) capture {
	t.Helper()
	idx := loadIndex(t, version)
	raw, err := os.ReadFile(filepath.Join(refDir, version, name))
	if err != nil {
		t.Fatalf("read capture: %v", err)
	}
	e := idx[name]
	c := capture{Status: e.Status, Headers: e.ResponseHeaders, Body: raw}
	if strings.HasPrefix(name, "json2/") {
		var w struct {
			Status  int             `json:"status"`
			Headers [][2]string     `json:"headers"`
			Body    json.RawMessage `json:"body"`
		}
		if err := json.Unmarshal(raw, &w); err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		c.Status, c.Headers, c.Body = w.Status, w.Headers, w.Body
		var text string
		if bytes.HasPrefix(w.Body, []byte(`"`)) && json.Unmarshal(w.Body, &text) == nil { // an HTML body stored as a JSON string
			c.Body = []byte(text)
		}
	}
	if c.Status == 0 {
		c.Status = 200
	}
	return c
}

func (c capture) write(w http.ResponseWriter) {
	for _, h := range c.Headers {
		switch h[0] {
		case "Content-Length", "Date", "Server", "Connection", "Set-Cookie":
			continue
		}
		w.Header().Set(h[0], h[1])
	}
	w.WriteHeader(c.Status)
	w.Write(c.Body)
}

// fakeOdoo answers login and version itself and everything else with answer(). It
// records the request bodies it received.
type fakeOdoo struct {
	t        testing.TB
	major    int
	minor    int
	answer   func(w http.ResponseWriter, r *http.Request, body []byte)
	mu       sync.Mutex
	requests []recorded
}

type recorded struct {
	Path   string
	Header http.Header
	Body   []byte
}

func newFakeOdoo(t testing.TB, major int, answer func(w http.ResponseWriter, r *http.Request, body []byte)) (*fakeOdoo, *httptest.Server) {
	f := &fakeOdoo{t: t, major: major, answer: answer}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeOdoo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, recorded{Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	f.mu.Unlock()
	version := map[string]any{"server_version": itoa(f.major) + "." + itoa(f.minor), "server_version_info": []any{f.major, f.minor, 0, "final", 0, ""},
		"server_serie": itoa(f.major) + "." + itoa(f.minor), "protocol_version": 1}
	switch r.URL.Path {
	case "/jsonrpc":
		var req struct {
			ID     int64 `json:"id"`
			Params struct {
				Service, Method string
			} `json:"params"`
		}
		json.Unmarshal(body, &req)
		if req.Params.Service == "common" {
			var result any = 2
			if req.Params.Method == "version" {
				result = version
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": req.ID, "result": result})
			return
		}
	case "/xmlrpc/2/common":
		method, _, _ := xmlrpc.DecodeCall(bytes.NewReader(body))
		var result any = 2
		if method == "version" {
			result = version
		}
		w.Header().Set("Content-Type", "text/xml")
		xmlrpc.EncodeResponse(w, result)
		return
	case "/json/version":
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"version": version["server_version"], "version_info": version["server_version_info"]})
		return
	}
	f.answer(w, r, body)
}

func (f *fakeOdoo) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

func (f *fakeOdoo) last() recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[len(f.requests)-1]
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// testClient builds a client for srv with no real sleeping.
func testClient(t testing.TB, srv *httptest.Server, transport string, mod ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		URL: srv.URL, DB: "odoo_demo", User: "admin", APIKey: "key", Transport: transport,
		Sleep: func(context.Context, time.Duration) error { return nil },
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// serveCapture answers every object call with one capture.
func serveCapture(c capture) func(http.ResponseWriter, *http.Request, []byte) {
	return func(w http.ResponseWriter, _ *http.Request, _ []byte) { c.write(w) }
}
