package xmlrpc

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Character-level rules of XML 1.0 the scanner enforces: names, the character range,
// entities and newline normalisation.

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
