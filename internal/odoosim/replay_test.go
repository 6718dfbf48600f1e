package odoosim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// captureEntry is one entry of <version>/_index.json.
type captureEntry struct {
	file           string
	Transport      string          `json:"transport"`
	HTTPMethod     string          `json:"http_method"`
	Path           string          `json:"path"`
	RequestHeaders [][2]string     `json:"request_headers"`
	RequestBody    json.RawMessage `json:"request_body"`
	Status         int             `json:"status"`
}

// replaySkips are captures deliberately not replayed, with the reason.
var replaySkips = map[string]string{
	// Not a response: what Odoo POSTed to a listener; compared by TestReplayWebhooks.
	"webhook/06_received_webhook_requests.json":                     "webhook listener capture",
	"webhook/trigger_field_phone/06_received_webhook_requests.json": "webhook listener capture",
	// Restores demo-data counters touched by action_post; the value is data, not shape.
	"writes/invoice.10_restore_partner_customer_rank.json": "undo of a capture side effect",
}

// replaySubset lists captures whose result object holds keys the simulator does not
// produce on purpose (web-client-only session keys); only the simulator's keys are compared.
var replaySubset = map[string]bool{"auth/web_session_authenticate.good.json": true}

// loadIndex reads _index.json keeping the file order (later captures depend on earlier
// writes, e.g. a create followed by reads of the new id).
func loadIndex(t *testing.T, dir string) []captureEntry {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "_index.json"))
	if err != nil {
		t.Skipf("Odoo reference captures not available (%v): they live in ../shared/odoo-reference", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var out []captureEntry
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		var e captureEntry
		if err := dec.Decode(&e); err != nil {
			t.Fatal(err)
		}
		e.file = tok.(string)
		out = append(out, e)
	}
	return out
}

// replayer sends captured requests to a simulator and compares the answers' shapes.
type replayer struct {
	t       *testing.T
	s       *Server
	url     string
	dir     string
	idMap   map[string]map[int64]int64 // capture id -> simulator id, per model (ir.model, ir.model.fields)
	hookURL string
	hooks   *hookRecorder
}

type hookRecorder struct {
	mu  sync.Mutex
	got []*http.Request
	raw [][]byte
}

func (h *hookRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	h.got = append(h.got, r)
	h.raw = append(h.raw, body)
	h.mu.Unlock()
}

func (h *hookRecorder) take() ([]*http.Request, [][]byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	got, raw := h.got, h.raw
	h.got, h.raw = nil, nil
	return got, raw
}

func TestReplayCaptures(t *testing.T) {
	for _, version := range []int{18, 19} {
		t.Run(fmt.Sprint(version), func(t *testing.T) {
			dir := filepath.Join(referenceDir, fmt.Sprintf("%d.0", version))
			entries := loadIndex(t, dir)
			s := newReferenceServer(t, version)
			ts := httptest.NewServer(s.Handler())
			defer ts.Close()
			hooks := &hookRecorder{}
			hs := httptest.NewServer(hooks)
			defer hs.Close()
			r := &replayer{t: t, s: s, url: ts.URL, dir: dir, idMap: map[string]map[int64]int64{},
				hookURL: hs.URL + "/hook", hooks: hooks}
			for _, e := range entries {
				if reason, skip := replaySkips[e.file]; skip {
					t.Logf("skip %s: %s", e.file, reason)
					continue
				}
				if strings.HasSuffix(e.file, "06_received_webhook_requests.json") {
					continue
				}
				t.Run(e.file, func(t *testing.T) { r.replay(t, e) })
				if strings.HasSuffix(e.file, "05_write_partner_phone.json") {
					r.checkWebhooks(t, strings.TrimSuffix(e.file, "05_write_partner_phone.json")+"06_received_webhook_requests.json")
				}
			}
		})
	}
}

func (r *replayer) replay(t *testing.T, e captureEntry) {
	wantBody, err := os.ReadFile(filepath.Join(r.dir, e.file))
	if err != nil {
		t.Fatal(err)
	}
	if e.Transport == "JSON-2" && strings.HasPrefix(e.file, "json2/") {
		var wrap struct {
			Status int             `json:"status"`
			Body   json.RawMessage `json:"body"`
		}
		if err := json.Unmarshal(wantBody, &wrap); err != nil {
			t.Fatal(err)
		}
		wantBody = wrap.Body
	}
	body := r.requestBody(t, e, wantBody)
	req, err := http.NewRequest(e.HTTPMethod, r.url+e.Path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range e.RequestHeaders {
		req.Header.Set(h[0], h[1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != e.Status {
		t.Fatalf("status %d, capture %d; body %.300s", resp.StatusCode, e.Status, got)
	}
	r.compareBodies(t, e, wantBody, got, resp.Header.Get("Content-Type"))
	r.learnIDs(e, wantBody, got)
}

// requestBody prepares the captured request: ids of ir.model / ir.model.fields records
// translated to the simulator's, webhook URL pointed at the test listener, and the next
// id of a created record aligned with the capture's so later requests find it.
func (r *replayer) requestBody(t *testing.T, e captureEntry, wantBody []byte) []byte {
	var rawStr string
	if json.Unmarshal(e.RequestBody, &rawStr) == nil {
		return []byte(rawStr)
	}
	if string(e.RequestBody) == "null" || len(e.RequestBody) == 0 {
		return nil
	}
	var body any
	if err := json.Unmarshal(e.RequestBody, &body); err != nil {
		t.Fatal(err)
	}
	body = r.rewrite(body, "")
	model, method := requestedCall(body)
	if strings.HasPrefix(e.Path, "/json/2/") {
		parts := strings.Split(strings.TrimPrefix(e.Path, "/json/2/"), "/")
		if len(parts) == 2 {
			model, method = parts[0], parts[1]
		}
	}
	if method == "create" {
		r.alignNextID(t, model, wantBody)
	}
	out, _ := json.Marshal(body)
	return out
}

func requestedCall(body any) (string, string) {
	m, _ := body.(map[string]any)
	params, _ := m["params"].(map[string]any)
	args, _ := params["args"].([]any)
	if len(args) >= 5 {
		model, _ := args[3].(string)
		method, _ := args[4].(string)
		return model, method
	}
	return "", ""
}

func (r *replayer) rewrite(v any, key string) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = r.rewrite(e, k)
		}
		if url, ok := x["webhook_url"].(string); ok && url != "" {
			x["webhook_url"] = r.hookURL
		}
	case []any:
		for i, e := range x {
			x[i] = r.rewrite(e, key)
		}
	case float64:
		switch key {
		case "model_id":
			return r.mapID("ir.model", int64(x))
		case "webhook_field_ids", "trigger_field_ids":
			if x > 6 { // ids inside [6, 0, [...]], not the command numbers
				return r.mapID("ir.model.fields", int64(x))
			}
		}
	}
	return v
}

func (r *replayer) mapID(model string, id int64) any {
	if sim, ok := r.idMap[model][id]; ok {
		return sim
	}
	return id
}

// learnIDs records which simulator ids answer to the capture's ir.model(.fields) ids.
func (r *replayer) learnIDs(e captureEntry, want, got []byte) {
	if !strings.Contains(e.file, "00_lookup_ir_model") {
		return
	}
	model := "ir.model"
	if strings.Contains(e.file, "fields") {
		model = "ir.model.fields"
	}
	var w, g struct {
		Result []map[string]any `json:"result"`
	}
	json.Unmarshal(want, &w)
	json.Unmarshal(got, &g)
	if r.idMap[model] == nil {
		r.idMap[model] = map[int64]int64{}
	}
	for _, wr := range w.Result {
		for _, gr := range g.Result {
			if wr["name"] == gr["name"] || (model == "ir.model" && wr["model"] == gr["model"]) {
				r.idMap[model][int64(wr["id"].(float64))] = int64(gr["id"].(float64))
			}
		}
	}
}

func (r *replayer) alignNextID(t *testing.T, model string, want []byte) {
	var first any
	json.Unmarshal(want, &first)
	if env, ok := first.(map[string]any); ok {
		first = env["result"]
	}
	if l, ok := first.([]any); ok && len(l) > 0 {
		first = l[0]
	}
	id, ok := first.(float64)
	if !ok {
		return
	}
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	if m := r.s.models[model]; m != nil && m.table.nextID < int64(id) {
		m.table.nextID = int64(id)
	}
}

func (r *replayer) compareBodies(t *testing.T, e captureEntry, want, got []byte, contentType string) {
	switch {
	case strings.HasSuffix(e.file, ".xml"):
		compareXML(t, want, got)
	case strings.HasSuffix(e.file, ".txt"):
		if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
			t.Errorf("body %q, capture %q", got, want)
		}
	case strings.HasSuffix(e.file, ".html"):
		if !strings.HasPrefix(contentType, "text/html") {
			t.Errorf("content type %q, capture is an HTML page", contentType)
		}
	default:
		w, err := decodeNumbers(want)
		if err != nil {
			t.Fatalf("capture is not JSON: %v", err)
		}
		if s, ok := w.(string); ok && !strings.HasPrefix(contentType, "application/json") {
			if !strings.HasPrefix(strings.TrimSpace(s), "<") {
				t.Errorf("capture body is text %q", s)
			}
			return
		}
		g, err := decodeNumbers(got)
		if err != nil {
			t.Fatalf("simulator answered non-JSON %.200q: %v", got, err)
		}
		for _, d := range compareShape("$", w, g, replaySubset[e.file]) {
			t.Error(d)
		}
		compareExact(t, w, g)
		compareKeyOrder(t, want, got)
	}
}

// checkWebhooks compares what the simulator POSTed after the captured write with what
// Odoo POSTed: same headers, same body keys and types, Python's json.dumps layout. Odoo
// also posted for the company's contacts (it syncs commercial fields to them, which the
// simulator does not do), so only "at least one post, all alike" is required.
func (r *replayer) checkWebhooks(t *testing.T, file string) {
	r.s.FlushWebhooks()
	got, raws := r.hooks.take()
	raw, err := os.ReadFile(filepath.Join(r.dir, file))
	if err != nil {
		t.Fatal(err)
	}
	var want []struct {
		Headers    [][2]string    `json:"headers"`
		BodyRaw    string         `json:"body_raw"`
		BodyParsed map[string]any `json:"body_parsed"`
	}
	if err := json.Unmarshal(raw, &want); err != nil || len(want) == 0 {
		t.Fatalf("read %s: %v", file, err)
	}
	if len(got) == 0 {
		t.Fatalf("%s: no webhook received, Odoo sent %d", file, len(want))
	}
	for i, req := range got {
		for _, h := range want[0].Headers {
			if h[0] == "Host" || h[0] == "Content-Length" {
				continue
			}
			if v := req.Header.Get(h[0]); v != h[1] && !(h[0] == "Connection" && v == "") {
				t.Errorf("%s post %d: header %s = %q, Odoo sends %q", file, i, h[0], v, h[1])
			}
		}
		var body map[string]any
		if err := json.Unmarshal(raws[i], &body); err != nil {
			t.Fatalf("post %d body %q: %v", i, raws[i], err)
		}
		for _, d := range compareShape("$", want[0].BodyParsed, body, false) {
			t.Errorf("%s post %d: %s", file, i, d)
		}
		if !strings.HasPrefix(string(raws[i]), `{"_action": "`) {
			t.Errorf("post %d body %q is not laid out like json.dumps(sort_keys=True)", i, raws[i])
		}
	}
}
