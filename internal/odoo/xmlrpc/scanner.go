package xmlrpc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
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
	target, rest, _ := bytes.Cut(body, []byte(" "))
	if len(target) == 0 {
		return errors.New("processing instruction without a target")
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

func (s *scanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func localName(n []byte) []byte {
	if i := bytes.LastIndexByte(n, ':'); i >= 0 {
		return n[i+1:]
	}
	return n
}

// validName accepts XML names: a letter, '_' or ':' first, then also digits, '-' and '.';
// non-ASCII letters are allowed as in XML 1.0 fifth edition.
func validName(n []byte) bool {
	if len(n) == 0 {
		return false
	}
	ascii := true
	for i, c := range n {
		switch {
		case c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c == '-' || c == '.' || c >= '0' && c <= '9'):
		case c >= utf8.RuneSelf:
			ascii = false
		default:
			return false
		}
	}
	if ascii {
		return true
	}
	if !utf8.Valid(n) {
		return false
	}
	for i, r := range string(n) {
		switch {
		case r == '_' || r == ':' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0xC0 && r != 0xD7 && r != 0xF7:
		case i > 0 && (r == '-' || r == '.' || r >= '0' && r <= '9' || r == 0xB7):
		default:
			return false
		}
	}
	return true
}

// checkChars enforces UTF-8 and the XML 1.0 character range.
func checkChars(b []byte) error {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return fmt.Errorf("illegal character code %U", rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return errors.New("invalid UTF-8")
		}
		if r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("illegal character code %U", r)
		}
		i += size
	}
	return nil
}

// unescape appends raw to out with entities replaced and newlines normalised.
func unescape(out, raw []byte) ([]byte, error) {
	if err := checkChars(raw); err != nil {
		return out, err
	}
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\r':
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case '&':
			end := bytes.IndexByte(raw[i:], ';')
			if end < 0 {
				return out, errors.New("unterminated entity reference")
			}
			r, err := entity(raw[i+1 : i+end])
			if err != nil {
				return out, err
			}
			out = utf8.AppendRune(out, r)
			i += end
		default:
			out = append(out, c)
		}
	}
	return out, nil
}

func entity(name []byte) (rune, error) {
	switch string(name) {
	case "lt":
		return '<', nil
	case "gt":
		return '>', nil
	case "amp":
		return '&', nil
	case "quot":
		return '"', nil
	case "apos":
		return '\'', nil
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, fmt.Errorf("unknown entity &%.20s;", name)
	}
	var n uint64
	var err error
	if name[1] == 'x' {
		n, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	r := rune(n)
	if err != nil || !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
		return 0, fmt.Errorf("invalid character reference &%.20s;", name)
	}
	return r, nil
}

func normalizeNewlines(out, raw []byte) []byte {
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, raw[i])
	}
	return out
}

// pseudoAttr finds name="value" in an XML declaration.
func pseudoAttr(decl []byte, name string) string {
	i := bytes.Index(decl, []byte(name))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len(name):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) < 2 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	end := bytes.IndexByte(rest[1:], rest[0])
	if end < 0 {
		return ""
	}
	return string(rest[1 : 1+end])
}

func isUTF8Name(enc string) bool {
	return bytes.EqualFold([]byte(enc), []byte("utf-8")) || bytes.EqualFold([]byte(enc), []byte("utf8"))
}
