package xmlrpc

import (
	"errors"
	"fmt"
	"io"
)

// DefaultMaxDepth bounds array/struct nesting. Odoo values nest a handful of levels
// (a domain inside args inside params); hostile input could nest millions.
const DefaultMaxDepth = 100

// DefaultMaxBytes caps how much a Decoder reads from an io.Reader.
const DefaultMaxBytes = 256 << 20

// Decoder holds decoding limits. The zero value uses DefaultMaxDepth and DefaultMaxBytes.
type Decoder struct {
	MaxDepth int
	MaxBytes int64 // input read from an io.Reader; larger input is an error
}

// DecodeResponse reads a methodResponse with the default limits. A fault is returned as
// a *Fault error.
func DecodeResponse(r io.Reader) (any, error) { return Decoder{}.DecodeResponse(r) }

// DecodeCall reads a methodCall with the default limits.
func DecodeCall(r io.Reader) (method string, params []any, err error) {
	return Decoder{}.DecodeCall(r)
}

// DecodeResponse reads a methodResponse: its single value, or a *Fault error.
func (dc Decoder) DecodeResponse(r io.Reader) (any, error) {
	p := newParser(r, dc.MaxDepth, dc.MaxBytes)
	v, fault, err := p.response(func(depth int) (any, error) { return p.value(depth) })
	if err != nil {
		return nil, p.wrap("decode xml-rpc response", err)
	}
	if fault != nil {
		return nil, fault
	}
	return v, nil
}

// DecodeCall reads a methodCall: the method name and its params (possibly none).
func (dc Decoder) DecodeCall(r io.Reader) (string, []any, error) {
	p := newParser(r, dc.MaxDepth, dc.MaxBytes)
	method, params, err := p.call()
	if err != nil {
		return "", nil, p.wrap("decode xml-rpc call", err)
	}
	return method, params, nil
}

// response parses <methodResponse>; value parses one <value> body (as a Go value or as JSON).
func (p *parser) response(value func(depth int) (any, error)) (any, *Fault, error) {
	if err := p.expectStart("methodResponse"); err != nil {
		return nil, nil, err
	}
	start, err := p.nextTag()
	if err != nil {
		return nil, nil, err
	}
	var v any
	var fault *Fault
	switch {
	case start == nil:
		return nil, nil, errors.New("methodResponse is empty: expected <params> or <fault>")
	case string(start) == "params":
		if v, err = p.singleParam(value); err != nil {
			return nil, nil, err
		}
	case string(start) == "fault":
		if fault, err = p.fault(); err != nil {
			return nil, nil, err
		}
	default:
		return nil, nil, fmt.Errorf("unexpected <%s> in methodResponse: expected <params> or <fault>", start)
	}
	if err := p.expectEnd(); err != nil {
		return nil, nil, err
	}
	return v, fault, p.expectEOF()
}

// singleParam reads <param><value>…</value></param></params>: a response carries one value.
func (p *parser) singleParam(value func(depth int) (any, error)) (any, error) {
	if err := p.expectStart("param"); err != nil {
		return nil, fmt.Errorf("methodResponse params: %w", err)
	}
	if err := p.expectStart("value"); err != nil {
		return nil, err
	}
	v, err := value(0)
	if err != nil {
		return nil, err
	}
	if err := p.expectEnd(); err != nil { // </param>
		return nil, err
	}
	if err := p.expectEnd(); err != nil { // </params>
		return nil, fmt.Errorf("methodResponse must hold exactly one param: %w", err)
	}
	return v, nil
}

func (p *parser) fault() (*Fault, error) {
	if err := p.expectStart("value"); err != nil {
		return nil, fmt.Errorf("fault: %w", err)
	}
	v, err := p.value(0)
	if err != nil {
		return nil, fmt.Errorf("fault: %w", err)
	}
	if err := p.expectEnd(); err != nil { // </fault>
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("fault value is a %T, want a struct with faultCode and faultString", v)
	}
	f := &Fault{Code: m["faultCode"]}
	switch f.Code.(type) {
	case int64, string:
	default:
		return nil, fmt.Errorf("fault has faultCode of type %T, want int or string", f.Code)
	}
	if f.String, ok = m["faultString"].(string); !ok {
		return nil, fmt.Errorf("fault has faultString of type %T, want string", m["faultString"])
	}
	return f, nil
}

func (p *parser) call() (string, []any, error) {
	if err := p.expectStart("methodCall"); err != nil {
		return "", nil, err
	}
	if err := p.expectStart("methodName"); err != nil {
		return "", nil, err
	}
	method, err := p.text([]byte("methodName"))
	if err != nil {
		return "", nil, err
	}
	if method == "" {
		return "", nil, errors.New("methodName is empty")
	}
	params := []any{}
	start, err := p.nextTag()
	if err != nil {
		return "", nil, err
	}
	if start != nil { // <params> is optional
		if string(start) != "params" {
			return "", nil, fmt.Errorf("unexpected <%s> in methodCall: expected <params>", start)
		}
		if params, err = p.params(); err != nil {
			return "", nil, err
		}
		if err := p.expectEnd(); err != nil { // </methodCall>
			return "", nil, err
		}
	}
	return method, params, p.expectEOF()
}

func (p *parser) params() ([]any, error) {
	params := []any{}
	for {
		start, err := p.nextTag()
		if err != nil {
			return nil, err
		}
		if start == nil {
			return params, nil
		}
		if string(start) != "param" {
			return nil, fmt.Errorf("unexpected <%s> in params: expected <param>", start)
		}
		if err := p.expectStart("value"); err != nil {
			return nil, fmt.Errorf("param %d: %w", len(params), err)
		}
		v, err := p.value(0)
		if err != nil {
			return nil, fmt.Errorf("param %d: %w", len(params), err)
		}
		if err := p.expectEnd(); err != nil {
			return nil, err
		}
		params = append(params, v)
	}
}
