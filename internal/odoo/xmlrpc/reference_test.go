package xmlrpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// refDir is the shared folder of real Odoo captures; tests skip when it is absent.
const refDir = "../../../../shared/odoo-reference"

func refFiles(t *testing.T, pattern string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(refDir, pattern))
	if len(files) == 0 {
		t.Skipf("no captures match %s under %s (the shared odoo-reference folder is absent)", pattern, refDir)
	}
	return files
}

// TestDecodeEveryCapture decodes every real XML-RPC response Odoo 18 and 19 sent.
func TestDecodeEveryCapture(t *testing.T) {
	for _, f := range refFiles(t, "*/xmlrpc/*.xml") {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(filepath.Dir(filepath.Dir(f))) + "/" + filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			v, err := DecodeResponse(bytes.NewReader(body))
			isFault := strings.Contains(name, "fault") || strings.Contains(name, "returning_none")
			var fault *Fault
			switch {
			case isFault && !errors.As(err, &fault):
				t.Fatalf("want a *Fault, got value %v, err %v", v, err)
			case !isFault && err != nil:
				t.Fatalf("decode: %v", err)
			}
		})
	}
}

func TestDecodeCaptureValues(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(refDir, "19.0/xmlrpc", name))
		if err != nil {
			t.Skipf("capture %s absent: %v", name, err)
		}
		return b
	}
	v, err := DecodeResponse(bytes.NewReader(read("common_version.xml")))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"server_version":      "19.0",
		"server_version_info": []any{int64(19), int64(0), int64(0), "final", int64(0), ""},
		"server_serie":        "19.0",
		"protocol_version":    int64(1),
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("version = %#v\nwant %#v", v, want)
	}

	v, err = DecodeResponse(bytes.NewReader(read("read_account_move.xml")))
	if err != nil {
		t.Fatal(err)
	}
	rec := v.([]any)[0].(map[string]any)
	wantRec := map[string]any{
		"id": int64(1), "name": "INV/2026/00001", "partner_id": []any{int64(15), "Azure Interior"},
		"invoice_date": "2026-11-01", "amount_total": 31750.0, "ref": false, "state": "posted",
	}
	if !reflect.DeepEqual(rec, wantRec) {
		t.Errorf("account.move = %#v\nwant %#v", rec, wantRec)
	}

	faults := []struct {
		file string
		code any
		str  string
	}{
		{"fault_access_denied_bad_password.xml", int64(3), "Access Denied"},
		{"fault_missing_record_write.xml", int64(2), "Record does not exist or has been deleted.\n(Record: res.partner(999999,), User: 2)"},
		{"legacy_v1_fault_access_denied.xml", "AccessDenied", "Access Denied"},
		{"legacy_v1_fault_user_error.xml", "warning -- UserError\n\nThe entry INV/2026/00001 (id 1) must be in draft.", ""},
	}
	for _, tc := range faults {
		_, err := DecodeResponse(bytes.NewReader(read(tc.file)))
		var f *Fault
		if !errors.As(err, &f) || !reflect.DeepEqual(f.Code, tc.code) || f.String != tc.str {
			t.Errorf("%s: got %#v (err %v), want code %#v string %q", tc.file, f, err, tc.code, tc.str)
		}
	}
}

// TestCallsMatchPython decodes the exact request XML that Python's xmlrpc.client sent
// (recorded in _index.json) and re-encodes it: the bytes must be identical.
func TestCallsMatchPython(t *testing.T) {
	for _, idx := range refFiles(t, "*/_index.json") {
		raw, err := os.ReadFile(idx)
		if err != nil {
			t.Fatal(err)
		}
		var index map[string]struct {
			Transport   string          `json:"transport"`
			RequestBody json.RawMessage `json:"request_body"`
		}
		if err := json.Unmarshal(raw, &index); err != nil {
			t.Fatalf("%s: %v", idx, err)
		}
		for name, e := range index {
			var body string
			if !strings.HasPrefix(name, "xmlrpc/") || json.Unmarshal(e.RequestBody, &body) != nil {
				continue
			}
			t.Run(filepath.Base(filepath.Dir(idx))+"/"+name, func(t *testing.T) {
				method, params, err := DecodeCall(strings.NewReader(body))
				if strings.Contains(name, "malformed") {
					if err == nil {
						t.Fatal("truncated call decoded without error")
					}
					return
				}
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				var out bytes.Buffer
				if err := EncodeCall(&out, method, params); err != nil {
					t.Fatalf("encode: %v", err)
				}
				if out.String() != body {
					t.Errorf("re-encoded call differs from Python's:\n got %q\nwant %q", out.String(), body)
				}
			})
		}
	}
}
