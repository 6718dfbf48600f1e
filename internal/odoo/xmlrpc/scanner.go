package xmlrpc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// The scanner is a small XML tokenizer for the subset XML-RPC uses. encoding/xml spent
// most of the decoding time copying tokens and names into fresh allocations; this one
// hands out slices of the input (copying only text with entities or carriage returns) and
// still refuses what is not well-formed: unmatched tags, bad entities, invalid UTF-8 or
// characters, DOCTYPEs, encodings other than UTF-8. A differential fuzz test holds it to
// encoding/xml's results.

type tokKind uint8

const (
	tokText tokKind = iota + 1
	tokStart
	tokEnd
)

// token slices the input (or a fresh buffer): it stays valid after further calls.
type token struct {
	kind tokKind
	name []byte // local name (after any prefix) of a start or end tag
	text []byte
}

type tokenSource interface {
	next() (token, error)
	offset() int64
}

type scanner struct {
	data       []byte
	pos        int
	stack      [][]byte
	pendingEnd []byte // a self-closing tag's end, returned by the next call
}

func newScanner(data []byte) *scanner { return &scanner{data: data} }

func (s *scanner) offset() int64 { return int64(s.pos) }

func (s *scanner) next() (token, error) {
	if s.pendingEnd != nil {
		name := s.pendingEnd
		s.pendingEnd = nil
		return token{kind: tokEnd, name: name}, nil
	}
	for {
		if s.pos >= len(s.data) {
			if len(s.stack) > 0 {
				return token{}, fmt.Errorf("<%s> is not closed: %w", s.stack[len(s.stack)-1], io.ErrUnexpectedEOF)
			}
			return token{}, io.EOF
		}
		rest := s.data[s.pos:]
		switch {
		case rest[0] != '<':
			return s.text()
		case bytes.HasPrefix(rest, []byte("</")):
			return s.endTag()
		case bytes.HasPrefix(rest, []byte("<?")):
			if err := s.procInst(); err != nil {
				return token{}, err
			}
		case bytes.HasPrefix(rest, []byte("<!--")):
			if err := s.comment(); err != nil {
				return token{}, err
			}
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			return s.cdata()
		case bytes.HasPrefix(rest, []byte("<!")):
			return token{}, errors.New("DOCTYPE and other <! directives are not accepted")
		default:
			return s.startTag()
		}
	}
}

// text reads character data up to the next '<', unescaping entities and turning \r\n and
// lone \r into \n as XML requires.
func (s *scanner) text() (token, error) {
	end := bytes.IndexByte(s.data[s.pos:], '<')
	if end < 0 {
		end = len(s.data) - s.pos
	}
	raw := s.data[s.pos : s.pos+end]
	s.pos += end
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		if err := checkChars(raw); err != nil {
			return token{}, err
		}
		return token{kind: tokText, text: raw}, nil
	}
	// A fresh buffer, not a reused one: callers may keep a text token across next calls.
	out, err := unescape(make([]byte, 0, len(raw)), raw)
	if err != nil {
		return token{}, err
	}
	return token{kind: tokText, text: out}, nil
}

func (s *scanner) cdata() (token, error) {
	start := s.pos + len("<![CDATA[")
	end := bytes.Index(s.data[start:], []byte("]]>"))
	if end < 0 {
		return token{}, fmt.Errorf("unterminated CDATA section: %w", io.ErrUnexpectedEOF)
	}
	if len(s.stack) == 0 {
		return token{}, errors.New("CDATA outside the root element")
	}
	raw := s.data[start : start+end]
	s.pos = start + end + len("]]>")
	out := normalizeNewlines(make([]byte, 0, len(raw)), raw)
	if err := checkChars(out); err != nil {
		return token{}, err
	}
	return token{kind: tokText, text: out}, nil
}

func (s *scanner) startTag() (token, error) {
	s.pos++ // '<'
	name, err := s.name()
	if err != nil {
		return token{}, err
	}
	for {
		s.skipSpace()
		if s.pos >= len(s.data) {
			return token{}, fmt.Errorf("unterminated <%s>: %w", name, io.ErrUnexpectedEOF)
		}
		switch c := s.data[s.pos]; {
		case c == '>':
			s.pos++
			s.stack = append(s.stack, name)
			return token{kind: tokStart, name: localName(name)}, nil
		case c == '/':
			if s.pos+1 >= len(s.data) || s.data[s.pos+1] != '>' {
				return token{}, fmt.Errorf("expected /> in <%s>", name)
			}
			s.pos += 2
			s.pendingEnd = localName(name)
			return token{kind: tokStart, name: localName(name)}, nil
		default:
			if err := s.attribute(name); err != nil {
				return token{}, err
			}
		}
	}
}

// attribute reads and checks name="value"; XML-RPC gives attributes no meaning.
func (s *scanner) attribute(elem []byte) error {
	if _, err := s.name(); err != nil {
		return fmt.Errorf("attribute in <%s>: %w", elem, err)
	}
	s.skipSpace()
	if s.pos >= len(s.data) || s.data[s.pos] != '=' {
		return fmt.Errorf("attribute in <%s> has no value", elem)
	}
	s.pos++
	s.skipSpace()
	if s.pos >= len(s.data) || (s.data[s.pos] != '"' && s.data[s.pos] != '\'') {
		return fmt.Errorf("attribute value in <%s> is not quoted", elem)
	}
	q := s.data[s.pos]
	end := bytes.IndexByte(s.data[s.pos+1:], q)
	if end < 0 {
		return fmt.Errorf("unterminated attribute value in <%s>: %w", elem, io.ErrUnexpectedEOF)
	}
	val := s.data[s.pos+1 : s.pos+1+end]
	s.pos += end + 2
	if bytes.IndexByte(val, '<') >= 0 {
		return fmt.Errorf("'<' in an attribute value of <%s>", elem)
	}
	_, err := unescape(nil, val)
	return err
}

func (s *scanner) endTag() (token, error) {
	s.pos += 2 // "</"
	name, err := s.name()
	if err != nil {
		return token{}, err
	}
	s.skipSpace()
	if s.pos >= len(s.data) || s.data[s.pos] != '>' {
		return token{}, fmt.Errorf("unterminated </%s>", name)
	}
	s.pos++
	if len(s.stack) == 0 {
		return token{}, fmt.Errorf("</%s> closes nothing", name)
	}
	if open := s.stack[len(s.stack)-1]; !bytes.Equal(open, name) {
		return token{}, fmt.Errorf("element <%s> closed by </%s>", open, name)
	}
	s.stack = s.stack[:len(s.stack)-1]
	return token{kind: tokEnd, name: localName(name)}, nil
}

// procInst skips <?target ...?>, checking an XML declaration's version and encoding.
func (s *scanner) procInst() error {
	start := s.pos + 2
	end := bytes.Index(s.data[start:], []byte("?>"))
	if end < 0 {
		return fmt.Errorf("unterminated <?: %w", io.ErrUnexpectedEOF)
	}
	body := s.data[start : start+end]
	s.pos = start + end + 2
	cut := bytes.IndexAny(body, " \t\r\n")
	if cut < 0 {
		cut = len(body)
	}
	target, rest := body[:cut], body[cut:]
	if !validName(target) {
		return fmt.Errorf("processing instruction target %.20q is not a name", target)
	}
	if string(target) != "xml" {
		return nil
	}
	if v := pseudoAttr(rest, "version"); v != "" && v != "1.0" {
		return fmt.Errorf("unsupported XML version %q", v)
	}
	if enc := pseudoAttr(rest, "encoding"); enc != "" && !isUTF8Name(enc) {
		return fmt.Errorf("encoding %q is not supported: send UTF-8", enc)
	}
	return nil
}

func (s *scanner) comment() error {
	start := s.pos + len("<!--")
	end := bytes.Index(s.data[start:], []byte("--"))
	if end < 0 {
		return fmt.Errorf("unterminated comment: %w", io.ErrUnexpectedEOF)
	}
	if start+end+2 >= len(s.data) || s.data[start+end+2] != '>' {
		return errors.New(`"--" is not allowed inside a comment`)
	}
	if err := checkChars(s.data[start : start+end]); err != nil {
		return err
	}
	s.pos = start + end + 3
	return nil
}

// name reads an XML name (tag or attribute).
func (s *scanner) name() ([]byte, error) {
	start := s.pos
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/' || c == '=' {
			break
		}
		s.pos++
	}
	n := s.data[start:s.pos]
	if !validName(n) {
		return nil, fmt.Errorf("invalid name %.40q", n)
	}
	return n, nil
}

func (s *scanner) skipSpace() { s.pos = spaceEnd(s.data, s.pos) }

// spaceEnd returns the position of the first byte at or after i that is not XML white
// space (space, tab, CR, LF).
func spaceEnd(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

func localName(n []byte) []byte {
	if i := bytes.LastIndexByte(n, ':'); i >= 0 {
		return n[i+1:]
	}
	return n
}
