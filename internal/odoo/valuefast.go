package odoo

import (
	"bytes"
	"strconv"
	"time"
	"unicode/utf8"
)

// Fast paths for the value types' UnmarshalJSON. encoding/json hands each custom
// unmarshaler the raw bytes of one value, already checked to be valid JSON; calling
// json.Unmarshal again on them costs a second scan and allocations per field, which
// dominated decoding of search_read pages. These parse the common shapes directly and
// report ok=false for anything else, which then takes the general path.

// plainString returns the contents of a JSON string without escapes.
func plainString(b []byte) (string, bool) {
	inner, ok := plainStringBytes(b)
	return string(inner), ok
}

// plainStringBytes is plainString without the copy.
func plainStringBytes(b []byte) ([]byte, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return nil, false
	}
	inner := b[1 : len(b)-1]
	if bytes.IndexByte(inner, '\\') >= 0 || !utf8.Valid(inner) {
		return nil, false
	}
	return inner, true
}

// plainInt parses a JSON integer.
func plainInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 19 {
		return 0, false
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	return n, err == nil
}

// fastMany2one parses [id, "name"] or [id, false].
func fastMany2one(b []byte) (Many2one, bool) {
	id, name, ok := many2oneParts(b)
	return Many2one{ID: id, Name: string(name)}, ok
}

// many2oneParts splits [id, "name"] (name without escapes) or [id, false] (name nil).
func many2oneParts(b []byte) (int64, []byte, bool) {
	if len(b) < 5 || b[0] != '[' || b[len(b)-1] != ']' {
		return 0, nil, false
	}
	inner := b[1 : len(b)-1]
	comma := bytes.IndexByte(inner, ',')
	if comma < 0 {
		return 0, nil, false
	}
	id, ok := plainInt(bytes.TrimSpace(inner[:comma]))
	if !ok {
		return 0, nil, false
	}
	rest := bytes.TrimSpace(inner[comma+1:])
	if bytes.Equal(rest, jsonFalse) {
		return id, nil, true
	}
	name, ok := plainStringBytes(rest)
	return id, name, ok
}

// fastIDs parses a flat list of integers.
func fastIDs(b []byte) (IDs, bool) {
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return nil, false
	}
	inner := bytes.TrimSpace(b[1 : len(b)-1])
	ids := IDs{}
	if len(inner) == 0 {
		return ids, true
	}
	ids = make(IDs, 0, bytes.Count(inner, []byte{','})+1)
	for len(inner) > 0 {
		item := inner
		if i := bytes.IndexByte(inner, ','); i >= 0 {
			item, inner = inner[:i], inner[i+1:]
		} else {
			inner = nil
		}
		n, ok := plainInt(bytes.TrimSpace(item))
		if !ok {
			return nil, false
		}
		ids = append(ids, n)
	}
	return ids, true
}

// fastDate parses "YYYY-MM-DD" and, when withTime, "YYYY-MM-DD HH:MM:SS" (UTC).
func fastDate(b []byte, withTime bool) (time.Time, bool) {
	want := 12
	if withTime {
		want = 21
	}
	if len(b) != want || b[0] != '"' || b[len(b)-1] != '"' || b[5] != '-' || b[8] != '-' {
		return time.Time{}, false
	}
	d := b[1:]
	num := func(s []byte) (int, bool) {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(d[0:4])
	mo, ok2 := num(d[5:7])
	day, ok3 := num(d[8:10])
	h, mi, s, ok4 := 0, 0, 0, true
	if withTime {
		if d[10] != ' ' || d[13] != ':' || d[16] != ':' {
			return time.Time{}, false
		}
		var a, b2, c bool
		h, a = num(d[11:13])
		mi, b2 = num(d[14:16])
		s, c = num(d[17:19])
		ok4 = a && b2 && c && h < 24 && mi < 60 && s < 60
	}
	if !(ok1 && ok2 && ok3 && ok4) || mo < 1 || mo > 12 || day < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), day, h, mi, s, 0, time.UTC)
	if t.Day() != day { // 2026-02-30 normalises to March: not a date
		return time.Time{}, false
	}
	return t, true
}
