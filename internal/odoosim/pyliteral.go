package odoosim

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// parsePyLiteral reads the Python literal subset Odoo stores domains in (filter_domain,
// filter_pre_domain): lists, tuples, strings, numbers, True/False/None. Tuples become
// []any like lists. Anything else (variables, calls) is an error naming the offending text.
func parsePyLiteral(src string) (any, error) {
	p := &pyParser{s: src}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, fmt.Errorf("unexpected %q at offset %d", p.rest(), p.i)
	}
	return v, nil
}

type pyParser struct {
	s string
	i int
}

func (p *pyParser) rest() string {
	r := p.s[p.i:]
	if len(r) > 20 {
		r = r[:20]
	}
	return r
}

func (p *pyParser) space() {
	for p.i < len(p.s) && unicode.IsSpace(rune(p.s[p.i])) {
		p.i++
	}
}

func (p *pyParser) value() (any, error) {
	p.space()
	if p.i >= len(p.s) {
		return nil, fmt.Errorf("unexpected end of text")
	}
	switch c := p.s[p.i]; {
	case c == '[' || c == '(':
		return p.sequence(map[byte]byte{'[': ']', '(': ')'}[c])
	case c == '\'' || c == '"':
		return p.str(c)
	case c == '-' || c == '+' || (c >= '0' && c <= '9'):
		return p.number()
	}
	for word, v := range map[string]any{"True": true, "False": false, "None": nil} {
		if strings.HasPrefix(p.s[p.i:], word) {
			p.i += len(word)
			return v, nil
		}
	}
	return nil, fmt.Errorf("unsupported expression %q at offset %d (only literals are understood)", p.rest(), p.i)
}

func (p *pyParser) sequence(end byte) (any, error) {
	p.i++
	out := []any{}
	for {
		p.space()
		if p.i < len(p.s) && p.s[p.i] == end {
			p.i++
			return out, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == end {
			p.i++
			return out, nil
		}
		return nil, fmt.Errorf("expected ',' or %q at offset %d", end, p.i)
	}
}

func (p *pyParser) str(quote byte) (any, error) {
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '\\' && p.i+1 < len(p.s):
			p.i++
			switch e := p.s[p.i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(e)
			}
		case c == quote:
			p.i++
			return b.String(), nil
		default:
			b.WriteByte(c)
		}
		p.i++
	}
	return nil, fmt.Errorf("unterminated string")
}

func (p *pyParser) number() (any, error) {
	start := p.i
	p.i++
	for p.i < len(p.s) && strings.IndexByte("0123456789.eE+-", p.s[p.i]) >= 0 {
		p.i++
	}
	text := p.s[start:p.i]
	if i, err := strconv.ParseInt(text, 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil, fmt.Errorf("bad number %q", text)
	}
	return f, nil
}

// parseDomainText parses a stored domain string; empty or false means "no filter".
func parseDomainText(src any) ([]any, error) {
	s, _ := src.(string)
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	v, err := parsePyLiteral(s)
	if err != nil {
		return nil, err
	}
	d, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("a domain must be a list, got %s", pyRepr(v))
	}
	return d, nil
}
