package xmlrpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	when := time.Date(2026, 11, 24, 16, 57, 34, 0, time.UTC)
	cases := []struct {
		name string
		in   any
		want any // decoded form; nil means same as in
	}{
		{"int", 42, int64(42)},
		{"negative int64", int64(-7), nil},
		{"big int as i8", int64(math.MaxInt64), nil},
		{"bool true", true, nil},
		{"bool false", false, nil},
		{"string with markup", "a < b & c > d\r\nline", nil},
		{"empty string", "", nil},
		{"unicode", "Café ünïcödé €", nil},
		{"double", 31750.0, nil},
		{"small double", 1e-7, nil},
		{"negative zero", math.Copysign(0, -1), nil},
		{"nil", nil, nil},
		{"bytes", []byte("hello\x00world"), nil},
		{"empty bytes", []byte{}, nil},
		{"datetime", when, nil},
		{"array", []any{int64(1), "two", false, nil}, nil},
		{"empty array", []any{}, nil},
		{"int64 slice", []int64{1, 2, 3}, []any{int64(1), int64(2), int64(3)}},
		{"nil int slice", []int(nil), []any{}},
		{"string slice", []string{"name", "email"}, []any{"name", "email"}},
		{"struct", map[string]any{"fields": []any{"name"}, "limit": int64(2), "context": map[string]any{}}, nil},
		{"typed map", map[string]int{"a": 1}, map[string]any{"a": int64(1)}},
		{"json number int", json.Number("12"), int64(12)},
		{"json number float", json.Number("1.5"), 1.5},
		{"uint8", uint8(7), int64(7)},
		{"float32", float32(0.5), 0.5},
		{"pointer", ptr(int64(3)), int64(3)},
		{"nil pointer", (*int)(nil), nil},
		{"domain", []any{"|", []any{"name", "ilike", "acme"}, []any{"partner_id.name", "in", []any{"a", "b"}}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if want == nil && tc.name != "nil" && tc.name != "nil pointer" {
				want = tc.in
			}
			var buf bytes.Buffer
			if err := EncodeResponse(&buf, tc.in); err != nil {
				t.Fatalf("encode: %v", err)
			}
			got, err := DecodeResponse(&buf)
			if err != nil {
				t.Fatalf("decode: %v\n%s", err, buf.String())
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestCallRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	params := []any{"db", 2, "key", "res.partner", "search_read", []any{[]any{}}, map[string]any{"limit": 5}}
	if err := EncodeCall(&buf, "execute_kw", params); err != nil {
		t.Fatal(err)
	}
	method, got, err := DecodeCall(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{"db", int64(2), "key", "res.partner", "search_read", []any{[]any{}}, map[string]any{"limit": int64(5)}}
	if method != "execute_kw" || !reflect.DeepEqual(got, want) {
		t.Errorf("got %s %#v", method, got)
	}
	method, got, err = DecodeCall(strings.NewReader("<methodCall><methodName>version</methodName></methodCall>"))
	if err != nil || method != "version" || len(got) != 0 {
		t.Errorf("call without params: %q %v %v", method, got, err)
	}
}

func TestFaultRoundTrip(t *testing.T) {
	for _, code := range []any{int64(2), "AccessDenied"} {
		var buf bytes.Buffer
		if err := EncodeFault(&buf, code, "The entry must be in draft."); err != nil {
			t.Fatal(err)
		}
		_, err := DecodeResponse(&buf)
		var f *Fault
		if !errors.As(err, &f) || !reflect.DeepEqual(f.Code, code) || f.String != "The entry must be in draft." {
			t.Errorf("code %v: got %#v, %v", code, f, err)
		}
	}
	if err := EncodeFault(&bytes.Buffer{}, 1.5, "x"); err == nil {
		t.Error("a float fault code was accepted")
	}
	tb := &Fault{Code: int64(1), String: "Traceback (most recent call last):\n  File x\nValueError: Invalid field 'x'\n"}
	if got := tb.Error(); got != "xml-rpc fault 1: ValueError: Invalid field 'x'" {
		t.Errorf("traceback fault message = %q", got)
	}
}

func TestDecodeValueForms(t *testing.T) {
	cases := map[string]any{
		`<value>bare text</value>`:                        "bare text",
		`<value></value>`:                                 "",
		`<value> <i4> 12 </i4> </value>`:                  int64(12),
		`<value><ex:i8 xmlns:ex="x">5</ex:i8></value>`:    int64(5),
		`<value><string/></value>`:                        "",
		`<value><string><![CDATA[<b>]]></string></value>`: "<b>",
		`<value><string>&#233;&amp;</string></value>`:     "é&",
		`<value><nil/></value>`:                           nil,
		`<value><base64>aGVs
bG8=</base64></value>`: []byte("hello"),
		`<value><dateTime.iso8601>20261124T16:57:34</dateTime.iso8601></value>`: time.Date(2026, 11, 24, 16, 57, 34, 0, time.UTC),
		`<value><array><data/></array></value>`:                                 []any{},
		`<value><struct></struct></value>`:                                      map[string]any{},
		`<value><struct><member><name>a</name><value>1</value></member><member><name>a</name><value><int>2</int></value></member></struct></value>`: map[string]any{"a": int64(2)},
		`<!-- c --><value><boolean>1</boolean></value>`: true,
	}
	for body, want := range cases {
		doc := "<?xml version='1.0'?><methodResponse><params><param>" + body + "</param></params></methodResponse>"
		got, err := DecodeResponse(strings.NewReader(doc))
		if err != nil {
			t.Errorf("%s: %v", body, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, want %#v", body, got, want)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	wrap := func(v string) string {
		return "<methodResponse><params><param>" + v + "</param></params></methodResponse>"
	}
	deep := strings.Repeat("<value><array><data>", 200) + strings.Repeat("</data></array></value>", 200)
	cases := map[string]string{
		"empty":             "",
		"not xml":           "<html><body>Login</body></html>",
		"truncated":         "<methodResponse><params><param><value><int>1",
		"bad int":           wrap("<value><int>x</int></value>"),
		"int overflow":      wrap("<value><int>99999999999999999999</int></value>"),
		"bad bool":          wrap("<value><boolean>2</boolean></value>"),
		"nan":               wrap("<value><double>nan</double></value>"),
		"inf":               wrap("<value><double>inf</double></value>"),
		"bad base64":        wrap("<value><base64>!!</base64></value>"),
		"bad datetime":      wrap("<value><dateTime.iso8601>yesterday</dateTime.iso8601></value>"),
		"zoned datetime":    wrap("<value><dateTime.iso8601>20261124T16:57:34+02:00</dateTime.iso8601></value>"),
		"unknown type":      wrap("<value><decimal>1</decimal></value>"),
		"mixed content":     wrap("<value>x<int>1</int></value>"),
		"two params":        "<methodResponse><params><param><value>1</value></param><param><value>2</value></param></params></methodResponse>",
		"no params":         "<methodResponse><params></params></methodResponse>",
		"empty response":    "<methodResponse></methodResponse>",
		"member no value":   wrap("<value><struct><member><name>a</name></member></struct></value>"),
		"member no name":    wrap("<value><struct><member><value>1</value></member></struct></value>"),
		"array no data":     wrap("<value><array><value>1</value></array></value>"),
		"nested in string":  wrap("<value><string><b>x</b></string></value>"),
		"nil with text":     wrap("<value><nil>x</nil></value>"),
		"too deep":          wrap(deep),
		"doctype":           `<!DOCTYPE x [<!ENTITY a "aaaa">]>` + wrap("<value>&a;</value>"),
		"unknown entity":    wrap("<value>&a;</value>"),
		"trailing garbage":  wrap("<value>1</value>") + "<x/>",
		"mismatched tags":   "<methodResponse><params><param><value><int>1</string></value></param></params></methodResponse>",
		"fault not struct":  "<methodResponse><fault><value><int>1</int></value></fault></methodResponse>",
		"fault code float":  "<methodResponse><fault><value><struct><member><name>faultCode</name><value><double>1</double></value></member><member><name>faultString</name><value>x</value></member></struct></value></fault></methodResponse>",
		"fault no string":   "<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>1</int></value></member></struct></value></fault></methodResponse>",
		"wrong root":        "<methodCall><methodName>x</methodName></methodCall>",
		"invalid utf8":      wrap("<value>\xff\xfe</value>"),
		"latin1 declared":   `<?xml version="1.0" encoding="iso-8859-1"?>` + wrap("<value>x</value>"),
		"text between tags": "<methodResponse>x<params><param><value>1</value></param></params></methodResponse>",
	}
	for name, doc := range cases {
		v, err := DecodeResponse(strings.NewReader(doc))
		if err == nil {
			t.Errorf("%s: decoded %#v without error", name, v)
			continue
		}
		var f *Fault
		if errors.As(err, &f) {
			t.Errorf("%s: malformed input reported as a fault: %v", name, err)
		}
	}
	for name, doc := range map[string]string{
		"no method name":    "<methodCall><params/></methodCall>",
		"empty method name": "<methodCall><methodName></methodName></methodCall>",
		"param not value":   "<methodCall><methodName>x</methodName><params><param><int>1</int></param></params></methodCall>",
		"truncated":         `<?xml version="1.0"?><methodCall><methodName>execute_kw</methodName><params><param>`,
	} {
		if _, _, err := DecodeCall(strings.NewReader(doc)); err == nil {
			t.Errorf("call %s: decoded without error", name)
		}
	}
}

func TestMaxDepthConfigurable(t *testing.T) {
	doc := "<methodResponse><params><param><value><array><data><value><array><data></data></array></value></data></array></value></param></params></methodResponse>"
	if _, err := (Decoder{MaxDepth: 1}).DecodeResponse(strings.NewReader(doc)); err != nil {
		t.Errorf("depth 1 within limit 1: %v", err)
	}
	doc = strings.Replace(doc, "<data></data>", "<data><value><array><data/></array></value></data>", 1)
	if _, err := (Decoder{MaxDepth: 1}).DecodeResponse(strings.NewReader(doc)); err == nil {
		t.Error("depth 2 accepted with limit 1")
	}
}

func TestEncodeRejects(t *testing.T) {
	cycle := []any{nil}
	cycle[0] = cycle
	cases := map[string]any{
		"nan":             math.NaN(),
		"inf":             math.Inf(1),
		"control char":    "a\x00b",
		"invalid utf8":    "\xff",
		"bad struct key":  map[string]any{"a\x01": 1},
		"int keys":        map[int]string{1: "a"},
		"channel":         make(chan int),
		"huge uint":       uint64(math.MaxUint64),
		"cycle":           cycle,
		"nested bad item": []any{1, []any{math.NaN()}},
		"bad json number": json.Number("1x"),
	}
	for name, v := range cases {
		if err := EncodeResponse(&bytes.Buffer{}, v); err == nil {
			t.Errorf("%s: encoded without error", name)
		}
	}
	if err := EncodeCall(&bytes.Buffer{}, "", nil); err == nil {
		t.Error("empty method name encoded")
	}
}

func TestMaxBytes(t *testing.T) {
	doc := "<methodResponse><params><param><value><string>" + strings.Repeat("x", 1000) + "</string></value></param></params></methodResponse>"
	if _, err := (Decoder{MaxBytes: 100}).DecodeResponse(strings.NewReader(doc)); err == nil || !strings.Contains(err.Error(), "larger than 100 bytes") {
		t.Errorf("oversized response: %v", err)
	}
	if _, _, err := (Decoder{MaxBytes: 100}).DecodeCall(strings.NewReader("<methodCall><methodName>" + strings.Repeat("m", 200) + "</methodName></methodCall>")); err == nil {
		t.Error("oversized call accepted")
	}
	if _, err := (Decoder{MaxBytes: 2000}).DecodeResponse(strings.NewReader(doc)); err != nil {
		t.Errorf("within the limit: %v", err)
	}
}
