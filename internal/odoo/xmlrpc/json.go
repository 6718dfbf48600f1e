package xmlrpc

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
)

// DecodeResponseJSON reads a methodResponse and returns its value as JSON, shaped as
// Odoo's JSON-RPC would send it: dateTime becomes "2006-01-02 15:04:05", base64 a base64
// string, nil null. It lets callers decode XML-RPC answers into the same typed structs as
// JSON answers, without building maps in between. A fault is returned as a *Fault error.
func DecodeResponseJSON(r io.Reader) (json.RawMessage, error) {
	return Decoder{}.DecodeResponseJSON(r)
}

// DecodeResponseJSON is the package function with this decoder's limits.
func (dc Decoder) DecodeResponseJSON(r io.Reader) (json.RawMessage, error) {
	data, err := readAll(r, dc.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("decode xml-rpc response: read: %w", err)
	}
	return dc.DecodeResponseJSONBytes(data)
}

// DecodeResponseJSONBytes is DecodeResponseJSON for a body already in memory; the JSON
// does not alias data.
//
// Bodies laid out as Python's xmlrpc.client writes them take the fast path (fast.go);
// anything else, every error and every fault included, is decoded again from the start
// on the general scanner and parser, so results do not depend on which path ran.
func (dc Decoder) DecodeResponseJSONBytes(data []byte) (json.RawMessage, error) {
	buf := make([]byte, 0, len(data)/3+64) // JSON is about a third of the XML
	out, ok := fastResponseJSON(data, dc.maxDepth(), buf)
	if ok {
		return out, nil
	}
	return dc.generalResponseJSON(data, out[:0])
}

// maxDepth is the nesting limit in force, defaulted as newParserFrom does.
func (dc Decoder) maxDepth() int {
	if dc.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return dc.MaxDepth
}

// generalResponseJSON transcodes any methodResponse the general way, appending to buf.
func (dc Decoder) generalResponseJSON(data, buf []byte) (json.RawMessage, error) {
	p := newParserFrom(newScanner(data), dc.MaxDepth)
	var out []byte
	_, fault, err := p.response(func(depth int) (any, error) {
		var err error
		out, err = p.valueJSON(depth, buf)
		return nil, err
	})
	if err != nil {
		return nil, p.wrap("decode xml-rpc response", err)
	}
	if fault != nil {
		return nil, fault
	}
	return out, nil
}

// valueJSON is value() appending JSON to b instead of building Go values.
func (p *parser) valueJSON(depth int, b []byte) ([]byte, error) {
	if depth > p.maxDepth {
		return b, fmt.Errorf("values nested deeper than %d levels", p.maxDepth)
	}
	text, typ, err := p.valueStart()
	if err != nil {
		return b, err
	}
	if typ == nil {
		return appendJSONString(b, text), nil
	}
	if b, err = p.typedJSON(typ, depth, b); err != nil {
		return b, err
	}
	return b, p.expectEnd()
}

// typedJSON writes the common scalars straight from the text; the rest go through scalar.
func (p *parser) typedJSON(name []byte, depth int, b []byte) ([]byte, error) {
	switch string(name) {
	case "array":
		return p.arrayJSON(depth, b)
	case "struct":
		return p.structJSON(depth, b)
	}
	s, err := p.textBytes(name)
	if err != nil {
		return b, err
	}
	return scalarJSON(b, name, s)
}

// scalarJSON converts the text s of the scalar element name (already unescaped) to JSON:
// the common types straight from the text, the rest through scalar. The fast path shares
// it, so both paths format numbers and dates identically.
func scalarJSON(b, name, s []byte) ([]byte, error) {
	switch string(name) {
	case "string":
		return appendJSONString(b, s), nil
	case "int", "i4":
		n, err := strconv.ParseInt(string(bytes.TrimSpace(s)), 10, 64)
		if err != nil {
			return b, fmt.Errorf("<%s> %.40q is not a 64-bit integer", name, s)
		}
		return strconv.AppendInt(b, n, 10), nil
	case "boolean":
		switch string(bytes.TrimSpace(s)) {
		case "0":
			return append(b, "false"...), nil
		case "1":
			return append(b, "true"...), nil
		}
	case "double":
		f, err := parseDouble(s)
		if err != nil {
			return b, err
		}
		return strconv.AppendFloat(b, f, 'g', -1, 64), nil
	}
	v, err := scalar(name, s)
	if err != nil {
		return b, err
	}
	return appendScalarJSON(b, v), nil
}

func appendScalarJSON(b []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return appendJSONString(b, []byte(x))
	case int64:
		return strconv.AppendInt(b, x, 10)
	case bool:
		return strconv.AppendBool(b, x)
	case float64:
		return strconv.AppendFloat(b, x, 'g', -1, 64) // finite: scalar() refuses NaN and Inf
	case []byte:
		b = append(b, '"')
		b = base64.StdEncoding.AppendEncode(b, x)
		return append(b, '"')
	case time.Time:
		return appendJSONString(b, []byte(x.Format("2006-01-02 15:04:05")))
	}
	return append(b, "null"...) // nil
}

func (p *parser) arrayJSON(depth int, b []byte) ([]byte, error) {
	if err := p.expectStart("data"); err != nil {
		return b, fmt.Errorf("array: %w", err)
	}
	b = append(b, '[')
	for n := 0; ; n++ {
		start, err := p.nextTag()
		if err != nil {
			return b, err
		}
		if start == nil { // </data>
			return append(b, ']'), p.expectEnd()
		}
		if string(start) != "value" {
			return b, fmt.Errorf("unexpected <%s> in array data: expected <value>", start)
		}
		if n > 0 {
			b = append(b, ',')
		}
		if b, err = p.valueJSON(depth+1, b); err != nil {
			return b, fmt.Errorf("array item %d: %w", n, err)
		}
	}
}

// structJSON writes members in document order; a repeated name appears twice and the
// JSON decoder keeps the last, as Python's dict does.
func (p *parser) structJSON(depth int, b []byte) ([]byte, error) {
	b = append(b, '{')
	for n := 0; ; n++ {
		start, err := p.nextTag()
		if err != nil {
			return b, err
		}
		if start == nil { // </struct>
			return append(b, '}'), nil
		}
		if string(start) != "member" {
			return b, fmt.Errorf("unexpected <%s> in struct: expected <member>", start)
		}
		name, err := p.memberName()
		if err != nil {
			return b, err
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, name)
		b = append(b, ':')
		if b, err = p.valueJSON(depth+1, b); err != nil {
			return b, fmt.Errorf("struct member %q: %w", name, err)
		}
		if err := p.expectEnd(); err != nil {
			return b, fmt.Errorf("struct member %q: %w", name, err)
		}
	}
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s for JSON. The scanner has already checked it is UTF-8.
func appendJSONString(b []byte, s []byte) []byte {
	b = append(b, '"')
	b = appendJSONStringBody(b, s)
	return append(b, '"')
}

// appendJSONStringBody appends s escaped for the inside of a JSON string.
func appendJSONStringBody(b []byte, s []byte) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	return append(b, s[start:]...)
}
