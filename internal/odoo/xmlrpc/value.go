package xmlrpc

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// value parses the body of a <value> element whose start tag was consumed, up to and
// including </value>. A value without a type element is a string, as the spec says.
func (p *parser) value(depth int) (any, error) {
	if depth > p.maxDepth {
		return nil, fmt.Errorf("values nested deeper than %d levels", p.maxDepth)
	}
	text, typ, err := p.valueStart()
	if err != nil || typ == nil {
		return string(text), err
	}
	v, err := p.typed(typ, depth)
	if err != nil {
		return nil, err
	}
	return v, p.expectEnd()
}

// valueStart reads a <value>'s content up to its type element (returned as typ) or, for
// a bare string, up to </value> (typ nil, the text returned).
func (p *parser) valueStart() (text, typ []byte, err error) {
	first := true
	for {
		t, err := p.next()
		if err != nil {
			return nil, nil, err
		}
		switch t.kind {
		case tokText:
			if first {
				text = t.text
			} else {
				text = append(append([]byte(nil), text...), t.text...)
			}
			first = false
		case tokEnd:
			return text, nil, nil
		case tokStart:
			if !isSpace(text) {
				return nil, nil, fmt.Errorf("<value> mixes text %.40q with <%s>", text, t.name)
			}
			return nil, t.name, nil
		}
	}
}

// typed parses one typed element (<int>, <struct>, …) whose start tag was consumed.
func (p *parser) typed(name []byte, depth int) (any, error) {
	switch string(name) {
	case "array":
		return p.array(depth)
	case "struct":
		return p.structure(depth)
	}
	s, err := p.textBytes(name)
	if err != nil {
		return nil, err
	}
	return scalar(name, s)
}

// scalar converts the text of a scalar element. Python's xmlrpc.client accepts the
// same type names, including the i1/i2/i8/biginteger integer spellings.
func scalar(name, s []byte) (any, error) {
	switch string(name) {
	case "string":
		return string(s), nil
	case "int", "i4", "i8", "i1", "i2", "biginteger":
		n, err := strconv.ParseInt(strings.TrimSpace(string(s)), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("<%s> %.40q is not a 64-bit integer", name, s)
		}
		return n, nil
	case "boolean":
		switch strings.TrimSpace(string(s)) {
		case "0":
			return false, nil
		case "1":
			return true, nil
		}
		return nil, fmt.Errorf("<boolean> %.40q is neither 0 nor 1", s)
	case "double", "float":
		return parseDouble(s)
	case "dateTime.iso8601":
		return parseDateTime(string(s))
	case "base64":
		b, err := base64.StdEncoding.DecodeString(stripSpace(string(s)))
		if err != nil {
			return nil, fmt.Errorf("<base64>: %w", err)
		}
		return b, nil
	case "nil":
		if !isSpace(s) {
			return nil, errors.New("<nil> must be empty")
		}
		return nil, nil
	}
	return nil, fmt.Errorf("unknown value type <%s>", name)
}

func parseDouble(s []byte) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(string(s)), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("<double> %.40q is not a finite number", s)
	}
	return f, nil
}

// dateTimeLayouts: the spec's compact form first, then the dashed form some servers send.
// Zones are not accepted: Python's xmlrpc.client does not accept them either, and Odoo
// works in naive UTC.
var dateTimeLayouts = []string{"20060102T15:04:05", "20060102T150405", "2006-01-02T15:04:05"}

func parseDateTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range dateTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("<dateTime.iso8601> %.40q is not like 20060102T15:04:05", s)
}

// stripSpace removes the line breaks Python's base64 encoder puts every 76 characters.
func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

// array parses <data><value>…</value>…</data></array> after <array>.
func (p *parser) array(depth int) ([]any, error) {
	if err := p.expectStart("data"); err != nil {
		return nil, fmt.Errorf("array: %w", err)
	}
	items := []any{}
	for {
		name, err := p.nextTag()
		if err != nil {
			return nil, err
		}
		if name == nil { // </data>
			return items, p.expectEnd()
		}
		if string(name) != "value" {
			return nil, fmt.Errorf("unexpected <%s> in array data: expected <value>", name)
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, fmt.Errorf("array item %d: %w", len(items), err)
		}
		items = append(items, v)
	}
}

// structure parses <member><name>…</name><value>…</value></member>… up to </struct>.
// A repeated name keeps the last value, as Python's dict does.
func (p *parser) structure(depth int) (map[string]any, error) {
	m := map[string]any{}
	for {
		name, err := p.nextTag()
		if err != nil {
			return nil, err
		}
		if name == nil { // </struct>
			return m, nil
		}
		if string(name) != "member" {
			return nil, fmt.Errorf("unexpected <%s> in struct: expected <member>", name)
		}
		key, err := p.memberName()
		if err != nil {
			return nil, err
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, fmt.Errorf("struct member %q: %w", key, err)
		}
		if err := p.expectEnd(); err != nil { // </member>
			return nil, fmt.Errorf("struct member %q: %w", key, err)
		}
		m[string(key)] = v
	}
}

// memberName reads <name>…</name><value> and leaves the parser inside the value.
func (p *parser) memberName() ([]byte, error) {
	if err := p.expectStart("name"); err != nil {
		return nil, fmt.Errorf("struct member: %w", err)
	}
	name, err := p.textBytes([]byte("name"))
	if err != nil {
		return nil, err
	}
	if err := p.expectStart("value"); err != nil {
		return nil, fmt.Errorf("struct member %q: %w", name, err)
	}
	return name, nil
}
