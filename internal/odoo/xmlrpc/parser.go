package xmlrpc

import (
	"errors"
	"fmt"
	"io"
)

// parser walks XML-RPC tokens. The token source checks well-formedness (matching tags,
// entities, UTF-8); the parser checks the XML-RPC grammar and the nesting limit.
type parser struct {
	src      tokenSource
	maxDepth int
	readErr  error
}

func newParser(r io.Reader, maxDepth int, maxBytes int64) *parser {
	data, err := readAll(r, maxBytes)
	p := newParserFrom(newScanner(data), maxDepth)
	p.readErr = err
	return p
}

// readAll reads r up to maxBytes (DefaultMaxBytes when 0): a server decoding calls must
// not be made to buffer an endless body.
func readAll(r io.Reader, maxBytes int64) ([]byte, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err == nil && int64(len(data)) > maxBytes {
		err = fmt.Errorf("input is larger than %d bytes", maxBytes)
	}
	return data, err
}

func newParserFrom(src tokenSource, maxDepth int) *parser {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	return &parser{src: src, maxDepth: maxDepth}
}

// wrap adds what was being done and where in the input it failed.
func (p *parser) wrap(doing string, err error) error {
	if p.readErr != nil {
		return fmt.Errorf("%s: read: %w", doing, p.readErr)
	}
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%s: near byte %d: %w", doing, p.src.offset(), err)
}

func (p *parser) next() (token, error) {
	if p.readErr != nil {
		return token{}, p.readErr
	}
	return p.src.next()
}

// nextTag skips whitespace and returns the next start tag (name non-nil), or a zero
// name for an end tag.
func (p *parser) nextTag() (name []byte, err error) {
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case tokStart:
			return t.name, nil
		case tokEnd:
			return nil, nil
		case tokText:
			if !isSpace(t.text) {
				return nil, fmt.Errorf("unexpected text %.40q between tags", t.text)
			}
		}
	}
}

func (p *parser) expectStart(name string) error {
	got, err := p.nextTag()
	if err != nil {
		return err
	}
	if got == nil {
		return fmt.Errorf("expected <%s>, found a closing tag", name)
	}
	if string(got) != name {
		return fmt.Errorf("expected <%s>, found <%s>", name, got)
	}
	return nil
}

// expectEnd consumes the closing tag of the current element; the token source has
// already checked that it matches its opening tag.
func (p *parser) expectEnd() error {
	got, err := p.nextTag()
	if err != nil {
		return err
	}
	if got != nil {
		return fmt.Errorf("unexpected <%s>: expected a closing tag", got)
	}
	return nil
}

// expectEOF allows only whitespace and comments after the root element.
func (p *parser) expectEOF() error {
	for {
		t, err := p.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if t.kind != tokText || !isSpace(t.text) {
			return errors.New("unexpected content after the root element")
		}
	}
}

// textBytes reads character data up to the closing tag of elem; child elements are an
// error. Tokens are never overwritten, so a single text token is used in place.
func (p *parser) textBytes(elem []byte) ([]byte, error) {
	var buf []byte
	first := true
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case tokText:
			if first {
				buf = t.text // the common case: one text token, used in place
			} else {
				buf = append(append([]byte(nil), buf...), t.text...)
			}
			first = false
		case tokEnd:
			return buf, nil
		case tokStart:
			return nil, fmt.Errorf("unexpected <%s> inside <%s>: expected text", t.name, elem)
		}
	}
}

func (p *parser) text(elem []byte) (string, error) {
	b, err := p.textBytes(elem)
	return string(b), err
}

func isSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}
