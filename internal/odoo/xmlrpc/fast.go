package xmlrpc

import (
	"bytes"
	"unicode/utf8"
)

// The fast path transcodes a methodResponse to JSON straight from the bytes, for the
// layout Python's xmlrpc.client marshaller (and so Odoo) writes: known tag names without
// attributes or prefixes, whitespace between tags, <value><type>…</type></value> around
// each scalar. Tokenizing such a body through the general scanner and parser took about
// 85% of decoding a search_read page; matching the literal tags instead is several times
// faster.
//
// The fast path never reports an error. At the first byte outside the layout it knows —
// a fault, an attribute, a comment, CDATA, an unknown type, a bad character, anything —
// it gives up, and DecodeResponseJSONBytes decodes the whole body again on the general
// path. So errors and unusual inputs keep exactly the general path's results, and the
// fast path only has to be right about what it accepts: the JSON the general path would
// produce, byte for byte. FuzzFastPathMatchesGeneral holds it to that.

// fastPath is a cursor over the body and the JSON written so far.
type fastPath struct {
	d        []byte
	pos      int
	out      []byte
	maxDepth int
}

// fastResponseJSON appends the response's value as JSON to out. ok is false when the
// body is outside the fast path's layout; out is then garbage, to be reused.
func fastResponseJSON(data []byte, maxDepth int, out []byte) (result []byte, ok bool) {
	f := fastPath{d: data, out: out, maxDepth: maxDepth}
	ok = f.response()
	return f.out, ok
}

// response walks <methodResponse><params><param><value>…</value></param></params>
// </methodResponse>, with an optional XML declaration first.
func (f *fastPath) response() bool {
	f.space()
	if f.at("<?") && !f.procInst() {
		return false
	}
	if !f.tag("<methodResponse>") || !f.tag("<params>") || !f.tag("<param>") || !f.tag("<value>") {
		return false
	}
	if !f.value(0) {
		return false
	}
	if !f.tag("</param>") || !f.tag("</params>") || !f.tag("</methodResponse>") {
		return false
	}
	f.space()
	return f.pos == len(f.d)
}

// procInst checks the XML declaration with the scanner's own code, so version and
// encoding are refused alike.
func (f *fastPath) procInst() bool {
	s := scanner{data: f.d, pos: f.pos}
	if s.procInst() != nil {
		return false
	}
	f.pos = s.pos
	return true
}

// value transcodes a <value>'s content, its start tag consumed, through </value>.
func (f *fastPath) value(depth int) bool {
	if depth > f.maxDepth {
		return false // the general path words the error
	}
	if f.skip("</value>") { // an empty value is an empty string
		f.out = append(f.out, `""`...)
		return true
	}
	if !f.at("<") {
		// Text without a type element is a string; whitespace before one is dropped.
		mark, start := len(f.out), f.pos
		if !f.text() {
			return false
		}
		if f.skip("</value>") {
			return true
		}
		if !isSpace(f.d[start:f.pos]) {
			return false
		}
		f.out = f.out[:mark]
	}
	return f.typed(depth) && f.tag("</value>")
}

// typed transcodes one type element; the cursor is on its '<'. The types Odoo sends most
// are matched as literals; any other scalar goes through scalar.
func (f *fastPath) typed(depth int) bool {
	switch {
	case f.skip("<string>"):
		return f.text() && f.skip("</string>")
	case f.skip("<int>"):
		return f.integer(nameInt, "</int>")
	case f.skip("<struct>"):
		return f.structure(depth)
	case f.skip("<array>"):
		return f.array(depth)
	case f.skip("<boolean>0</boolean>"):
		f.out = append(f.out, "false"...)
		return true
	case f.skip("<boolean>1</boolean>"):
		f.out = append(f.out, "true"...)
		return true
	case f.skip("<nil/>"):
		f.out = append(f.out, "null"...)
		return true
	}
	return f.scalar()
}

var nameInt = []byte("int")

// integer copies a canonical decimal (what Python writes) through unchanged: it is what
// strconv.AppendInt would print. Anything else, such as leading zeros, a '+' or more
// digits than surely fit in int64, takes the general conversion.
func (f *fastPath) integer(name []byte, closing string) bool {
	start, i := f.pos, f.pos
	if i < len(f.d) && f.d[i] == '-' {
		i++
	}
	digits := i
	for i < len(f.d) && f.d[i]-'0' <= 9 {
		i++
	}
	n := i - digits
	canonical := n > 0 && n <= 18 && (f.d[digits] != '0' || n == 1 && digits == start)
	if !canonical || !f.atPos(i, closing) {
		return f.scalarBody(name)
	}
	f.out = append(f.out, f.d[start:i]...)
	f.pos = i + len(closing)
	return true
}

// scalar handles <name>text</name> for the other scalar types (double, dateTime.iso8601,
// base64, i4, i8, …): the element name is read, then converted like the general path does.
func (f *fastPath) scalar() bool {
	if !f.at("<") {
		return false
	}
	rest := f.d[f.pos+1:]
	n := bytes.IndexByte(rest, '>')
	if n <= 0 || !plainName(rest[:n]) {
		return false
	}
	f.pos += n + 2
	return f.scalarBody(rest[:n])
}

// scalarBody reads a scalar's text and closing tag, its start tag consumed, and converts
// the text with scalarJSON. The text is taken exactly as the scanner would give it.
func (f *fastPath) scalarBody(name []byte) bool {
	end := bytes.IndexByte(f.d[f.pos:], '<')
	if end < 0 {
		return false
	}
	raw := f.d[f.pos : f.pos+end]
	f.pos += end
	if !f.skip("</") || !f.skipBytes(name) || !f.skip(">") {
		return false
	}
	text, err := scannerText(raw)
	if err != nil {
		return false
	}
	out, err := scalarJSON(f.out, name, text)
	if err != nil {
		return false
	}
	f.out = out
	return true
}

// scannerText is the scanner's text token for raw character data: unescaped and
// newline-normalised if needed, checked for illegal characters either way.
func scannerText(raw []byte) ([]byte, error) {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return raw, checkChars(raw)
	}
	return unescape(nil, raw)
}

// plainName accepts the type names the fast path passes to scalarJSON: ASCII letters,
// digits and dots, a letter first. A prefix (ex:int) or anything odder is left to the
// general path.
func plainName(n []byte) bool {
	for i, c := range n {
		letter := c|0x20 >= 'a' && c|0x20 <= 'z'
		if !letter && (i == 0 || c != '.' && c-'0' > 9) {
			return false
		}
	}
	return len(n) > 0
}

// array transcodes <data><value>…</value>…</data></array>, its <array> consumed.
func (f *fastPath) array(depth int) bool {
	if !f.tag("<data>") {
		return false
	}
	f.out = append(f.out, '[')
	for n := 0; ; n++ {
		f.space()
		if f.skip("</data>") {
			f.out = append(f.out, ']')
			return f.tag("</array>")
		}
		if !f.skip("<value>") {
			return false
		}
		if n > 0 {
			f.out = append(f.out, ',')
		}
		if !f.value(depth + 1) {
			return false
		}
	}
}

// structure transcodes <member><name>…</name><value>…</value></member>… through
// </struct>, its <struct> consumed. Members stay in document order, as on the general path.
func (f *fastPath) structure(depth int) bool {
	f.out = append(f.out, '{')
	for n := 0; ; n++ {
		f.space()
		if f.skip("</struct>") {
			f.out = append(f.out, '}')
			return true
		}
		if !f.skip("<member>") || !f.tag("<name>") {
			return false
		}
		if n > 0 {
			f.out = append(f.out, ',')
		}
		if !f.text() || !f.skip("</name>") || !f.tag("<value>") {
			return false
		}
		f.out = append(f.out, ':')
		if !f.value(depth+1) || !f.tag("</member>") {
			return false
		}
	}
}

// textSpecial marks the bytes text must stop at: markup, entities, what JSON escapes,
// control characters and the start of multi-byte UTF-8 sequences (to check them).
var textSpecial = func() (t [256]bool) {
	for c := range t {
		t[c] = c < 0x20 || c >= utf8.RuneSelf || c == '<' || c == '&' || c == '"' || c == '\\'
	}
	return t
}()

// text appends the character data up to the next '<' as a JSON string, in one pass:
// it unescapes entities, normalises \r\n and \r to \n, and checks characters as the
// scanner does, then escapes for JSON as appendJSONString does.
func (f *fastPath) text() bool {
	d := f.d
	f.out = append(f.out, '"')
	start := f.pos
	for i := f.pos; i < len(d); {
		c := d[i]
		if !textSpecial[c] {
			i++
			continue
		}
		if c == '<' {
			f.out = append(f.out, d[start:i]...)
			f.out = append(f.out, '"')
			f.pos = i
			return true
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
				return false
			}
			i += size
			continue
		}
		f.out = append(f.out, d[start:i]...)
		next, ok := f.special(i)
		if !ok {
			return false
		}
		i, start = next, next
	}
	return false // no closing tag
}

// special appends the escape for the ASCII byte at i that text stopped at, and returns
// where the text goes on.
func (f *fastPath) special(i int) (next int, ok bool) {
	switch c := f.d[i]; c {
	case '"', '\\':
		f.out = append(f.out, '\\', c)
	case '\t':
		f.out = append(f.out, `\t`...)
	case '\n':
		f.out = append(f.out, `\n`...)
	case '\r': // XML reads \r\n and a lone \r as \n
		f.out = append(f.out, `\n`...)
		if i+1 < len(f.d) && f.d[i+1] == '\n' {
			i++
		}
	case '&':
		return f.entity(i)
	default:
		return i, false // a control character XML does not allow
	}
	return i + 1, true
}

// entity appends the character of the reference at i, read as unescape does: up to the
// first ';', which must come before the text ends.
func (f *fastPath) entity(i int) (next int, ok bool) {
	end := bytes.IndexByte(f.d[i:], ';')
	if end < 0 {
		return i, false
	}
	r, err := entity(f.d[i+1 : i+end])
	if err != nil {
		return i, false
	}
	var buf [utf8.UTFMax]byte
	f.out = appendJSONStringBody(f.out, buf[:utf8.EncodeRune(buf[:], r)])
	return i + end + 1, true
}

// tag skips whitespace, then the literal tag lit.
func (f *fastPath) tag(lit string) bool {
	f.space()
	return f.skip(lit)
}

// space skips what the general parser drops between tags.
func (f *fastPath) space() { f.pos = spaceEnd(f.d, f.pos) }

func (f *fastPath) at(lit string) bool { return f.atPos(f.pos, lit) }

func (f *fastPath) atPos(i int, lit string) bool {
	return len(f.d)-i >= len(lit) && string(f.d[i:i+len(lit)]) == lit
}

// skip consumes lit if the input continues with it.
func (f *fastPath) skip(lit string) bool {
	if !f.at(lit) {
		return false
	}
	f.pos += len(lit)
	return true
}

func (f *fastPath) skipBytes(lit []byte) bool {
	if !bytes.HasPrefix(f.d[f.pos:], lit) {
		return false
	}
	f.pos += len(lit)
	return true
}
