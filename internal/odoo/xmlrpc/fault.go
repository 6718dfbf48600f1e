// Package xmlrpc is a small XML-RPC codec, written in-house because no maintained Go
// library resolves here. It speaks the dialect Python's xmlrpc.client (and so Odoo) uses:
// int/i4/i8, boolean, string (also bare text), double, dateTime.iso8601, base64, array,
// struct and nil.
//
// Decoded values are plain Go values: int64, bool, string, float64, time.Time, []byte,
// []any, map[string]any and nil; DecodeResponseJSON instead transcodes a response to the
// JSON Odoo's JSON-RPC would have sent, for typed decoding. Hostile input yields an error,
// never a panic: nesting is capped (see Decoder.MaxDepth), DOCTYPEs and custom entities
// are refused, and a fault in a methodResponse comes back as a *Fault error.
//
// Parsing uses a small in-house XML tokenizer (scanner.go) rather than encoding/xml, which
// was several times slower; a differential fuzz test holds the two to the same results.
// DecodeResponseJSONBytes first tries a faster path (fast.go) that matches the literal
// tags of the layout Python's xmlrpc.client writes, and falls back to the scanner and
// parser for anything else; another differential fuzz test holds it to their output.
package xmlrpc

import (
	"fmt"
	"strings"
)

// Fault is an XML-RPC fault. Odoo's /xmlrpc/2 endpoints send integer codes
// (1 unexpected exception, 2 UserError family, 3 AccessDenied, 4 AccessError); the
// legacy /xmlrpc endpoints send strings such as "AccessDenied" or "warning -- UserError\n\n<msg>".
type Fault struct {
	Code   any // int64 or string, as the server sent it
	String string
}

func (f *Fault) Error() string {
	msg := f.String
	if msg == "" {
		if s, ok := f.Code.(string); ok {
			msg = s
		}
	}
	// A traceback makes a poor one-line error: keep its last line, which names the exception.
	if strings.HasPrefix(msg, "Traceback (most recent call last):") {
		msg = lastLine(msg)
	}
	return fmt.Sprintf("xml-rpc fault %v: %s", f.Code, msg)
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n ")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
