package xmlrpc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// parser walks XML-RPC tokens. encoding/xml checks well-formedness (matching tags,
// entities, UTF-8); the parser checks the XML-RPC grammar and the nesting limit.
type parser struct {
	d        *xml.Decoder
	maxDepth int
}

func newParser(r io.Reader, maxDepth int) *parser {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	d := xml.NewDecoder(r)
	d.Strict = true
	return &parser{d: d, maxDepth: maxDepth}
}

// wrap adds what was being done and where in the input it failed.
func (p *parser) wrap(doing string, err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%s: near byte %d: %w", doing, p.d.InputOffset(), err)
}

// next returns the next start tag, end tag or text, skipping comments and processing
// instructions (the <?xml?> declaration). DOCTYPEs are refused: they are how entity
// expansion attacks start, and no XML-RPC peer sends one.
func (p *parser) next() (xml.Token, error) {
	for {
		t, err := p.d.Token()
		if err != nil {
			return nil, err
		}
		switch t.(type) {
		case xml.Comment, xml.ProcInst:
			continue
		case xml.Directive:
			return nil, errors.New("DOCTYPE and other <! directives are not accepted")
		}
		return t, nil
	}
}

// nextTag skips whitespace and returns the next start tag, or (nil, true) for an end tag.
func (p *parser) nextTag() (*xml.StartElement, bool, error) {
	for {
		t, err := p.next()
		if err != nil {
			return nil, false, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			return &t, false, nil
		case xml.EndElement:
			return nil, true, nil
		case xml.CharData:
			if !isSpace(t) {
				return nil, false, fmt.Errorf("unexpected text %.40q between tags", string(t))
			}
		}
	}
}

func (p *parser) expectStart(name string) error {
	start, _, err := p.nextTag()
	if err != nil {
		return err
	}
	if start == nil {
		return fmt.Errorf("expected <%s>, found a closing tag", name)
	}
	if start.Name.Local != name {
		return fmt.Errorf("expected <%s>, found <%s>", name, start.Name.Local)
	}
	return nil
}

// expectEnd consumes the closing tag of the current element; encoding/xml has already
// checked that it matches its opening tag.
func (p *parser) expectEnd() error {
	start, _, err := p.nextTag()
	if err != nil {
		return err
	}
	if start != nil {
		return fmt.Errorf("unexpected <%s>: expected a closing tag", start.Name.Local)
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
		if cd, ok := t.(xml.CharData); !ok || !isSpace(cd) {
			return errors.New("unexpected content after the root element")
		}
	}
}

// text reads character data up to the closing tag of elem; child elements are an error.
func (p *parser) text(elem string) (string, error) {
	var buf []byte
	for {
		t, err := p.next()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.CharData:
			buf = append(buf, t...)
		case xml.EndElement:
			return string(buf), nil
		case xml.StartElement:
			return "", fmt.Errorf("unexpected <%s> inside <%s>: expected text", t.Name.Local, elem)
		}
	}
}

func isSpace(b []byte) bool {
	return len(bytes.TrimLeft(b, " \t\r\n")) == 0
}
