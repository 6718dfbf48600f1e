package xmlrpc

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// checkFastPath decodes data through the fast path, the general path and the public
// entry point with maxDepth, and fails unless all agree: whatever the fast path accepts
// the general path accepts with the same JSON, byte for byte, and the public result
// (JSON or error text) is the general path's. It returns whether the fast path accepted.
func checkFastPath(t *testing.T, data []byte, maxDepth int) bool {
	t.Helper()
	dc := Decoder{MaxDepth: maxDepth}
	want, werr := dc.generalResponseJSON(data, nil)
	fast, ok := fastResponseJSON(data, dc.maxDepth(), nil)
	if ok && (werr != nil || !bytes.Equal(fast, want)) {
		t.Fatalf("fast path gave %s, general path %s (err %v)\ninput %q", fast, want, werr, data)
	}
	got, gerr := dc.DecodeResponseJSONBytes(data)
	switch {
	case (gerr == nil) != (werr == nil):
		t.Fatalf("DecodeResponseJSONBytes err %v, general path err %v\ninput %q", gerr, werr, data)
	case gerr != nil && gerr.Error() != werr.Error():
		t.Fatalf("DecodeResponseJSONBytes err %q, general path err %q\ninput %q", gerr, werr, data)
	case !bytes.Equal(got, want):
		t.Fatalf("DecodeResponseJSONBytes gave %s, general path %s\ninput %q", got, want, data)
	}
	return ok
}

func encodeResponse(t testing.TB, v any) []byte {
	var buf bytes.Buffer
	if err := EncodeResponse(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fastSamples are values shaped like Odoo's answers, with the awkward corners of text
// and numbers; the fast path must take all of them.
func fastSamples() []any {
	when := time.Date(2026, 11, 24, 16, 57, 34, 0, time.UTC)
	return []any{
		[]any{map[string]any{
			"id": int64(7), "name": "Zürich & Co — <b>\"quoted\"</b> 'x' \\ tab\there",
			"partner_id": []any{int64(15), "Azure Interior"}, "ref": false, "active": true,
			"amount": 31750.0, "rate": 1e-7, "big": 1.5e300, "neg": -0.0, "qty": -12.75,
			"notes": "line\r\nwindows\rmac\nunix", "emoji": "😀 \u2028 \x7f", "empty": "",
			"ids":    []any{int64(1), int64(-2), int64(0), int64(math.MaxInt64), int64(math.MinInt64)},
			"nested": map[string]any{"a": []any{[]any{}, map[string]any{}}}, "none": nil,
			"when": when, "blob": []byte("hello\x00world"),
		}},
		"plain string",
		int64(-0x7fff),
		[]any{},
		map[string]any{},
	}
}

func TestFastPathTakesOdooLayout(t *testing.T) {
	for i, v := range fastSamples() {
		body := encodeResponse(t, v)
		if !checkFastPath(t, body, 0) {
			t.Errorf("sample %d: fast path declined\n%s", i, body)
		}
		// Python's xmlrpc.client writes the declaration with single quotes.
		python := bytes.Replace(body, []byte(`<?xml version="1.0"?>`), []byte(`<?xml version='1.0'?>`), 1)
		if !checkFastPath(t, python, 0) {
			t.Errorf("sample %d: fast path declined Python's declaration", i)
		}
	}
	files, _ := filepath.Glob(filepath.Join(refDir, "*/xmlrpc/*.xml"))
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, gerr := Decoder{}.generalResponseJSON(body, nil)
		if ok := checkFastPath(t, body, 0); !ok && gerr == nil {
			t.Errorf("%s: fast path declined a capture the general path decodes", file)
		}
	}
}

// TestFastPathDeclines: inputs outside the fast path's layout, valid or not, decode
// exactly as on the general path.
func TestFastPathDeclines(t *testing.T) {
	wrap := func(v string) string {
		return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>" + v + "</value>\n</param>\n</params>\n</methodResponse>\n"
	}
	cases := map[string]string{
		"fault":          "<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>3</int></value></member><member><name>faultString</name><value><string>Access Denied</string></value></member></struct></value></fault></methodResponse>",
		"attribute":      wrap(`<string lang="en">x</string>`),
		"comment":        wrap("<string>a<!-- c -->b</string>"),
		"cdata":          wrap("<string><![CDATA[<x>&]]></string>"),
		"prefix":         wrap("<ex:int xmlns:ex='x'>1</ex:int>"),
		"doctype":        "<!DOCTYPE x>" + wrap("<int>1</int>"),
		"bom":            "\xef\xbb\xbf" + wrap("<int>1</int>"),
		"encoding":       "<?xml version='1.0' encoding='latin-1'?><methodResponse/>",
		"space in tag":   wrap("<int >1</int >"),
		"self-closing":   wrap("<string/>"),
		"bare value":     wrap("bare &amp; text"),
		"spaced value":   wrap("\n  <int>1</int>\n"),
		"mixed value":    wrap("x<int>1</int>"),
		"int forms":      wrap("<array><data><value><int>+1</int></value><value><i4> 007 </i4></value><value><int>-0</int></value><value><i8>99</i8></value><value><int>9223372036854775807</int></value></data></array>"),
		"int overflow":   wrap("<int>9223372036854775808</int>"),
		"bad int":        wrap("<int>1x</int>"),
		"boolean spaced": wrap("<boolean> 1 </boolean>"),
		"bad boolean":    wrap("<boolean>2</boolean>"),
		"double forms":   wrap("<array><data><value><double> 1e3 </double></value><value><float>.5</float></value><value><double>inf</double></value></data></array>"),
		"dateTime":       wrap("<dateTime.iso8601>2026-11-24T16:57:34</dateTime.iso8601>"),
		"base64":         wrap("<base64>aGVs\nbG8=</base64>"),
		"base64 crlf":    wrap("<base64>aGVs\r\nbG8=</base64>"),
		"int entity":     wrap("<int>1&#48;</int>"),
		"nil text":       wrap("<nil> </nil>"),
		"unknown type":   wrap("<bignum>1</bignum>"),
		"entities":       wrap("<string>&lt;&gt;&amp;&quot;&apos;&#233;&#x1F600;&#13;&#9;&#92;&#34;</string>"),
		"bad entity":     wrap("<string>&nbsp;</string>"),
		"open entity":    wrap("<string>&amp</string>"),
		"char ref 0":     wrap("<string>&#0;</string>"),
		"control char":   wrap("<string>a\x01b</string>"),
		"bad utf-8":      wrap("<string>\xff</string>"),
		"surrogate":      wrap("<string>\xed\xa0\x80</string>"),
		"U+FFFE":         wrap("<string>\uFFFE</string>"),
		"unclosed":       wrap("<string>x</strin>"),
		"unmatched":      wrap("<array><data></array></data>"),
		"truncated":      wrap("<struct><member><name>a</name><value><int>1</int></value>")[:90],
		"two params":     "<methodResponse><params><param><value>1</value></param><param><value>2</value></param></params></methodResponse>",
		"trailing":       wrap("<int>1</int>") + "x",
		"trailing pi":    wrap("<int>1</int>") + "<?pi?>",
		"empty":          "",
		"struct spaced":  wrap("<struct>\n  <member>\n    <name>a</name>\n    <value><int>1</int></value>\n  </member>\n</struct>"),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) { checkFastPath(t, []byte(in), 0) })
	}
}

func TestFastPathDepth(t *testing.T) {
	nest := func(n int) []byte {
		v := "<int>1</int>"
		for range n {
			v = "<array><data><value>" + v + "</value></data></array>"
		}
		return []byte("<methodResponse><params><param><value>" + v + "</value></param></params></methodResponse>")
	}
	for _, tc := range []struct {
		levels, maxDepth int
		ok               bool
	}{{3, 3, true}, {4, 3, false}, {100, 0, true}, {101, 0, false}} {
		if ok := checkFastPath(t, nest(tc.levels), tc.maxDepth); ok != tc.ok {
			t.Errorf("%d levels, MaxDepth %d: fast path ok %v, want %v", tc.levels, tc.maxDepth, ok, tc.ok)
		}
	}
	if _, err := (Decoder{MaxDepth: 3}).DecodeResponseJSONBytes(nest(4)); err == nil || !strings.Contains(err.Error(), "nested deeper than 3") {
		t.Errorf("too deep: err %v", err)
	}
}

// FuzzFastPathMatchesGeneral: for any input and depth limit, the fast path either
// declines or gives the general path's JSON byte for byte, and DecodeResponseJSONBytes
// gives the general path's JSON or error.
func FuzzFastPathMatchesGeneral(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(refDir, "*/xmlrpc/*.xml"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b, uint8(0))
		}
	}
	for _, v := range fastSamples() {
		f.Add(encodeResponse(f, v), uint8(0))
	}
	f.Add(encodeResponse(f, []any{[]any{[]any{int64(1)}}}), uint8(2))
	f.Add([]byte("<methodResponse><params><param><value>a&#13;\r\n&amp;b</value></param></params></methodResponse>"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, depth uint8) {
		checkFastPath(t, data, int(depth%8)) // 0 is the default limit
	})
}

// TestFastPathRandomPages writes random values in Python's layout (raw \r in text, as
// xmlrpc.client leaves it, and random whitespace between tags) and checks that the fast
// path takes every one and agrees with the general path.
func TestFastPathRandomPages(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		var b []byte
		b = append(b, "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>"...)
		b = appendRandomValue(rng, b, 0)
		b = append(b, "\n</param>\n</params>\n</methodResponse>\n"...)
		if !checkFastPath(t, b, 0) {
			t.Fatalf("page %d: fast path declined\n%s", i, b)
		}
	}
}

// appendRandomValue appends the body of a <value> and its </value>.
func appendRandomValue(rng *rand.Rand, b []byte, depth int) []byte {
	space := func(b []byte) []byte { return append(b, []string{"", "\n", " \t\r\n"}[rng.IntN(3)]...) }
	kind := rng.IntN(9)
	if depth > 3 && kind < 2 {
		kind += 2
	}
	switch kind {
	case 0:
		b = append(b, "<array><data>"...)
		for range rng.IntN(4) {
			b = space(b)
			b = append(b, "<value>"...)
			b = appendRandomValue(rng, b, depth+1)
		}
		b = space(b)
		b = append(b, "</data></array>"...)
	case 1:
		b = append(b, "<struct>"...)
		for range rng.IntN(4) {
			b = space(b)
			b = append(b, "<member>"...)
			b = space(b)
			b = append(b, "<name>"...)
			b = appendRandomText(rng, b)
			b = append(b, "</name>"...)
			b = space(b)
			b = append(b, "<value>"...)
			b = appendRandomValue(rng, b, depth+1)
			b = space(b)
			b = append(b, "</member>"...)
		}
		b = space(b)
		b = append(b, "</struct>"...)
	case 2, 3:
		b = append(b, "<string>"...)
		b = appendRandomText(rng, b)
		b = append(b, "</string>"...)
	case 4:
		b = fmt.Appendf(b, "<int>%d</int>", rng.Int64()>>rng.IntN(64))
	case 5:
		b = fmt.Appendf(b, "<boolean>%d</boolean>", rng.IntN(2))
	case 6:
		b, _ = appendDouble(b, rng.NormFloat64()*math.Pow(10, float64(rng.IntN(40)-20)))
	case 7:
		b = append(b, "<nil/>"...)
	case 8:
		b = appendRandomText(rng, b) // a bare string, or nothing: an empty one
		return append(b, "</value>"...)
	}
	b = space(b)
	return append(b, "</value>"...)
}

// appendRandomText appends text from pieces that exercise each case of the transcoder.
func appendRandomText(rng *rand.Rand, b []byte) []byte {
	pieces := []string{"a", "Zürich", "—", "😀", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#13;", "&#x1F600;", "&#9;",
		"\r\n", "\r", "\n", "\t", `"`, `\`, "'", ">", " ", "\x7f", "\u2028", "\uFFFD"}
	for range rng.IntN(6) {
		b = append(b, pieces[rng.IntN(len(pieces))]...)
	}
	return b
}
