package xmlrpc

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxEncodeDepth stops runaway recursion on self-referencing maps or slices.
const maxEncodeDepth = 512

// EncodeCall writes a methodCall in the layout Python's xmlrpc.client produces.
func EncodeCall(w io.Writer, method string, params []any) error {
	if method == "" || !validXMLText(method) {
		return fmt.Errorf("encode xml-rpc call: method name %q is empty or not valid XML text", method)
	}
	b := make([]byte, 0, 512)
	b = append(b, "<?xml version='1.0'?>\n<methodCall>\n<methodName>"...)
	b = appendEscaped(b, method)
	b = append(b, "</methodName>\n<params>\n"...)
	for i, p := range params {
		var err error
		b = append(b, "<param>\n"...)
		if b, err = appendValue(b, p, 0); err != nil {
			return fmt.Errorf("encode xml-rpc call %s param %d: %w", method, i, err)
		}
		b = append(b, "</param>\n"...)
	}
	b = append(b, "</params>\n</methodCall>\n"...)
	_, err := w.Write(b)
	return err
}

// EncodeResponse writes a methodResponse carrying one value, laid out as Odoo sends it.
func EncodeResponse(w io.Writer, v any) error {
	b := make([]byte, 0, 512)
	b = append(b, "<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n"...)
	b, err := appendValue(b, v, 0)
	if err != nil {
		return fmt.Errorf("encode xml-rpc response: %w", err)
	}
	b = append(b, "</param>\n</params>\n\n</methodResponse>\n"...)
	_, err = w.Write(b)
	return err
}

// EncodeFault writes a fault response. code is an integer (Odoo /xmlrpc/2) or a string
// (legacy /xmlrpc).
func EncodeFault(w io.Writer, code any, msg string) error {
	switch code.(type) {
	case int, int32, int64, string:
	default:
		return fmt.Errorf("encode xml-rpc fault: code must be an int or a string, got %T", code)
	}
	b := make([]byte, 0, 256+len(msg))
	b = append(b, "<?xml version=\"1.0\"?>\n<methodResponse>\n<fault>\n"...)
	b, err := appendValue(b, map[string]any{"faultCode": code, "faultString": msg}, 0)
	if err != nil {
		return fmt.Errorf("encode xml-rpc fault: %w", err)
	}
	b = append(b, "</fault>\n\n</methodResponse>\n"...)
	_, err = w.Write(b)
	return err
}

// appendValue appends <value>…</value>\n for v.
func appendValue(b []byte, v any, depth int) ([]byte, error) {
	if depth > maxEncodeDepth {
		return b, fmt.Errorf("value nested deeper than %d levels (a cycle?)", maxEncodeDepth)
	}
	b = append(b, "<value>"...)
	var err error
	switch x := v.(type) {
	case nil:
		b = append(b, "<nil/>"...)
	case bool:
		b = appendBool(b, x)
	case string:
		b, err = appendString(b, x)
	case int:
		b = appendInt(b, int64(x))
	case int64:
		b = appendInt(b, x)
	case int32:
		b = appendInt(b, int64(x))
	case float64:
		b, err = appendDouble(b, x)
	case json.Number:
		b, err = appendNumber(b, x)
	case []byte:
		b = append(b, "<base64>"...)
		b = base64.StdEncoding.AppendEncode(b, x)
		b = append(b, "</base64>"...)
	case time.Time:
		b = append(b, "<dateTime.iso8601>"...)
		b = x.AppendFormat(b, "20060102T15:04:05")
		b = append(b, "</dateTime.iso8601>"...)
	case []any:
		b, err = appendArray(b, len(x), func(b []byte, i int) ([]byte, error) { return appendValue(b, x[i], depth+1) })
	case map[string]any:
		b, err = appendStruct(b, slices.Sorted(maps.Keys(x)), func(b []byte, k string) ([]byte, error) { return appendValue(b, x[k], depth+1) })
	default:
		b, err = appendReflect(b, reflect.ValueOf(v), depth)
	}
	if err != nil {
		return b, err
	}
	return append(b, "</value>\n"...), nil
}

// appendReflect covers the remaining kinds: other integer and float sizes, typed slices
// ([]int64, []string, …) and maps with string keys.
func appendReflect(b []byte, rv reflect.Value, depth int) ([]byte, error) {
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return appendInt(b, rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u := rv.Uint()
		if u > math.MaxInt64 {
			return b, fmt.Errorf("unsigned integer %d does not fit in 64 signed bits", u)
		}
		return appendInt(b, int64(u)), nil
	case reflect.Float32, reflect.Float64:
		return appendDouble(b, rv.Float())
	case reflect.Bool:
		return appendBool(b, rv.Bool()), nil
	case reflect.String:
		return appendString(b, rv.String())
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return append(b, "<nil/>"...), nil
		}
		return appendReflect(b, rv.Elem(), depth)
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return appendArray(b, 0, nil)
		}
		return appendArray(b, rv.Len(), func(b []byte, i int) ([]byte, error) {
			return appendValue(b, rv.Index(i).Interface(), depth+1)
		})
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			return b, fmt.Errorf("map key type %s: XML-RPC structs need string keys", rv.Type().Key())
		}
		keys := make([]string, 0, rv.Len())
		for _, k := range rv.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		return appendStruct(b, keys, func(b []byte, k string) ([]byte, error) {
			return appendValue(b, rv.MapIndex(reflect.ValueOf(k).Convert(rv.Type().Key())).Interface(), depth+1)
		})
	}
	return b, fmt.Errorf("cannot encode a %s as XML-RPC (use nil, bool, ints, floats, string, []byte, time.Time, slices or string-keyed maps)", rv.Type())
}

func appendArray(b []byte, n int, elem func([]byte, int) ([]byte, error)) ([]byte, error) {
	b = append(b, "<array><data>\n"...)
	for i := 0; i < n; i++ {
		var err error
		if b, err = elem(b, i); err != nil {
			return b, fmt.Errorf("array item %d: %w", i, err)
		}
	}
	b = append(b, "</data></array>"...)
	return b, nil
}

func appendStruct(b []byte, keys []string, member func([]byte, string) ([]byte, error)) ([]byte, error) {
	b = append(b, "<struct>\n"...)
	for _, k := range keys {
		if !validXMLText(k) {
			return b, fmt.Errorf("struct key %q is not valid XML text", k)
		}
		b = append(b, "<member>\n<name>"...)
		b = appendEscaped(b, k)
		b = append(b, "</name>\n"...)
		var err error
		if b, err = member(b, k); err != nil {
			return b, fmt.Errorf("struct member %q: %w", k, err)
		}
		b = append(b, "</member>\n"...)
	}
	b = append(b, "</struct>"...)
	return b, nil
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "<boolean>1</boolean>"...)
	}
	return append(b, "<boolean>0</boolean>"...)
}

// appendInt uses <int> where the value fits 32 bits (what every XML-RPC peer accepts)
// and <i8> beyond, which Python reads too.
func appendInt(b []byte, v int64) []byte {
	if v >= math.MinInt32 && v <= math.MaxInt32 {
		b = append(b, "<int>"...)
		b = strconv.AppendInt(b, v, 10)
		return append(b, "</int>"...)
	}
	b = append(b, "<i8>"...)
	b = strconv.AppendInt(b, v, 10)
	return append(b, "</i8>"...)
}

// appendDouble writes floats like Python's repr (31750.0, 0.1) so Odoo sees what a Python
// client would send. NaN and infinities are refused: they are never a valid amount.
func appendDouble(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, fmt.Errorf("double %v is not a finite number", f)
	}
	b = append(b, "<double>"...)
	abs := math.Abs(f)
	start := len(b)
	if abs != 0 && (abs < 1e-4 || abs >= 1e16) {
		b = strconv.AppendFloat(b, f, 'e', -1, 64)
	} else {
		b = strconv.AppendFloat(b, f, 'f', -1, 64)
		if !strings.ContainsRune(string(b[start:]), '.') {
			b = append(b, ".0"...)
		}
	}
	return append(b, "</double>"...), nil
}

// appendNumber encodes a json.Number (how callers' JSON-shaped arguments arrive) as an
// int when it is integral, else as a double.
func appendNumber(b []byte, n json.Number) ([]byte, error) {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return appendInt(b, i), nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		return b, fmt.Errorf("number %q: %w", string(n), err)
	}
	return appendDouble(b, f)
}

func appendString(b []byte, s string) ([]byte, error) {
	if !validXMLText(s) {
		// The text is not quoted back: it may be a password or an API key.
		return b, fmt.Errorf("a string of %d bytes holds invalid UTF-8 or a control character XML cannot carry", len(s))
	}
	b = append(b, "<string>"...)
	b = appendEscaped(b, s)
	return append(b, "</string>"...), nil
}

// appendEscaped escapes like Python (&, <, >) and also \r, which an XML parser would
// otherwise turn into \n.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '\r':
			b = append(b, "&#13;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// validXMLText reports whether s is UTF-8 made only of characters XML 1.0 allows.
func validXMLText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			return false
		case r == 0xFFFE || r == 0xFFFF:
			return false
		}
	}
	return true
}
