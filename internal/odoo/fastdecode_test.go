package odoo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// plainRecord has every field kind the plan handles itself, plus fallbacks.
type plainRecord struct {
	ID     int64          `json:"id"`
	Name   string         `json:"name"`
	Amount float64        `json:"amount"`
	Done   bool           `json:"done"`
	Count  int            `json:"count"`
	Opt    *bool          `json:"opt"`
	Tags   []int64        `json:"tags"`
	Extra  map[string]any `json:"extra"`
	NoTag  string
	When   Datetime `json:"when"`
	Ref    String   `json:"ref,omitempty"`
}

// checkSame decodes data with the fast path and encoding/json into fresh slices of T.
func checkSame[T any](t *testing.T, data []byte) {
	t.Helper()
	var fast []T
	if !fastDecode(data, &fast, false) {
		return
	}
	var ref []T
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatalf("fast path accepted what encoding/json refuses (%v): %q", err, data)
	}
	if !reflect.DeepEqual(fast, ref) {
		t.Fatalf("fast %#v\njson %#v\ninput %q", fast, ref, data)
	}
}

func FuzzFastDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(refDir, "*/search_read/*.json"))
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		if res, ok := envelopeResult(raw); ok {
			f.Add(res)
		}
	}
	f.Add([]byte(`[{"id": 1, "name": "a\u00e9\"", "amount": 1.5e2, "done": true, "count": -3, "opt": null, "tags": [1,2],
		"extra": {"x": [1]}, "NoTag": "n", "when": "2026-01-02 03:04:05", "ref": false}, null, {}]`))
	f.Add([]byte(`[{"ID": 7, "Name": "case"}]`))
	f.Add([]byte(`[{"id": 1.0}]`))
	f.Add([]byte(`[{"id": 1, "id": 2, "name": null}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSame[plainRecord](t, data)
		checkSame[Partner](t, data)
		checkSame[MoveLine](t, data)
	})
}

func TestFastDecodeCases(t *testing.T) {
	for _, in := range []string{
		`[]`, `null`, `[null]`, `[{"id": 1, "name": "x"}, {"id": 2}]`, `[{"ID": 3}]`, `[{"id": "1"}]`,
		`[{"name": "\ud83d\ude00 emoji"}]`, `[{"na\u006de": "escaped key"}]`, `[{"tags": false}]`, `[{"opt": true}]`,
		`[{"id": 9223372036854775808}]`, `[{"amount": 1e400}]`, `[{"count": 1}, 5]`,
	} {
		checkSame[plainRecord](t, []byte(in))
	}
	var got []plainRecord
	if !fastDecode([]byte(`[{"id": 1, "name": "x", "unknown": [1, {"a": "]"}], "amount": 2.5}]`), &got, false) ||
		len(got) != 1 || got[0].Amount != 2.5 || got[0].Name != "x" {
		t.Errorf("fast path did not decode a plain page: %+v", got)
	}
	filled := []plainRecord{{ID: 5}}
	if fastDecode([]byte(`[{"id": 1}]`), &filled, false) {
		t.Error("fast path used on a non-empty destination (encoding/json reuses its elements)")
	}
}

func TestEnvelopeResult(t *testing.T) {
	cases := map[string]bool{
		`{"jsonrpc": "2.0", "id": 1, "result": [1]}`:                true,
		`{"jsonrpc": "2.0", "id": 1}`:                               false,
		`{"jsonrpc": "2.0", "id": 1, "error": {}, "result": [1]}`:   false,
		`{"jsonrpc": "2.0", "id": 1, "result": [1], "Result": [2]}`: false,
		`{"jsonrpc": "2.0", "id": 1, "res\u0075lt": [1]}`:           false,
	}
	for in, want := range cases {
		if _, ok := envelopeResult([]byte(in)); ok != want {
			t.Errorf("%s: ok %v, want %v", in, ok, want)
		}
	}
}
