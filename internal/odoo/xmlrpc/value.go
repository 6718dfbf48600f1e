package xmlrpc

import (
	"encoding/base64"
	"encoding/xml"
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
	var text []byte
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.CharData:
			text = append(text, t...)
		case xml.EndElement:
			return string(text), nil
		case xml.StartElement:
			if !isSpace(text) {
				return nil, fmt.Errorf("<value> mixes text %.40q with <%s>", string(text), t.Name.Local)
			}
			v, err := p.typed(t.Name.Local, depth)
			if err != nil {
				return nil, err
			}
			return v, p.expectEnd()
		}
	}
}

// typed parses one typed element (<int>, <struct>, …) whose start tag was consumed.
func (p *parser) typed(name string, depth int) (any, error) {
	switch name {
	case "array":
		return p.array(depth)
	case "struct":
		return p.structure(depth)
	}
	s, err := p.text(name)
	if err != nil {
		return nil, err
	}
	return scalar(name, s)
}

// scalar converts the text of a scalar element. Python's xmlrpc.client accepts the
// same type names, including the i1/i2/i8/biginteger integer spellings.
func scalar(name, s string) (any, error) {
	switch name {
	case "string":
		return s, nil
	case "int", "i4", "i8", "i1", "i2", "biginteger":
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("<%s> %.40q is not a 64-bit integer", name, s)
		}
		return n, nil
	case "boolean":
		switch strings.TrimSpace(s) {
		case "0":
			return false, nil
		case "1":
			return true, nil
		}
		return nil, fmt.Errorf("<boolean> %.40q is neither 0 nor 1", s)
	case "double", "float":
		return parseDouble(s)
	case "dateTime.iso8601":
		return parseDateTime(s)
	case "base64":
		b, err := base64.StdEncoding.DecodeString(stripSpace(s))
		if err != nil {
			return nil, fmt.Errorf("<base64>: %w", err)
		}
		return b, nil
	case "nil":
		if strings.TrimSpace(s) != "" {
			return nil, errors.New("<nil> must be empty")
		}
		return nil, nil
	}
	return nil, fmt.Errorf("unknown value type <%s>", name)
}

func parseDouble(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("<double> %.40q is not a finite number", s)
	}
	return f, nil
}

// dateTimeLayouts: the spec's compact form first, then the dashed forms some servers send.
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
		start, _, err := p.nextTag()
		if err != nil {
			return nil, err
		}
		if start == nil { // </data>
			return items, p.expectEnd()
		}
		if start.Name.Local != "value" {
			return nil, fmt.Errorf("unexpected <%s> in array data: expected <value>", start.Name.Local)
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
		start, _, err := p.nextTag()
		if err != nil {
			return nil, err
		}
		if start == nil { // </struct>
			return m, nil
		}
		if start.Name.Local != "member" {
			return nil, fmt.Errorf("unexpected <%s> in struct: expected <member>", start.Name.Local)
		}
		name, err := p.memberName()
		if err != nil {
			return nil, err
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, fmt.Errorf("struct member %q: %w", name, err)
		}
		if err := p.expectEnd(); err != nil { // </member>
			return nil, fmt.Errorf("struct member %q: %w", name, err)
		}
		m[name] = v
	}
}

// memberName reads <name>…</name><value> and leaves the parser inside the value.
func (p *parser) memberName() (string, error) {
	if err := p.expectStart("name"); err != nil {
		return "", fmt.Errorf("struct member: %w", err)
	}
	name, err := p.text("name")
	if err != nil {
		return "", err
	}
	if err := p.expectStart("value"); err != nil {
		return "", fmt.Errorf("struct member %q: %w", name, err)
	}
	return name, nil
}
