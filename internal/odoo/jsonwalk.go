package odoo

import "bytes"

// Walking JSON already checked by json.Valid: these helpers find where values end and
// never need to report syntax errors.

// skipValue returns the index just past the value starting at data[i] (no leading space).
func skipValue(data []byte, i int) int {
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				j = skipString(data, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(data)
	}
	j := i
	for j < len(data) {
		switch data[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return j
		}
		j++
	}
	return j
}

// skipString returns the index just past the string starting at data[i] == '"'.
func skipString(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(data)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// eachElement calls fn with each element of the list data.
func eachElement(data []byte, fn func(raw []byte) error) error {
	i := skipSpace(data, 1)
	for i < len(data) && data[i] != ']' {
		end := skipValue(data, i)
		if err := fn(data[i:end]); err != nil {
			return err
		}
		i = skipSpace(data, end)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return nil
}

// eachMember calls fn with each key (without quotes, still escaped) and raw value.
func eachMember(data []byte, fn func(key, val []byte) error) error {
	i := skipSpace(data, 1)
	for i < len(data) && data[i] != '}' {
		kend := skipString(data, i)
		key := data[i+1 : kend-1]
		i = skipSpace(data, kend)
		i = skipSpace(data, i+1) // ':'
		vend := skipValue(data, i)
		if err := fn(key, data[i:vend]); err != nil {
			return err
		}
		i = skipSpace(data, vend)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return nil
}

// countTopLevel counts the elements of the list data.
func countTopLevel(data []byte) int {
	n := 0
	_ = eachElement(data, func([]byte) error { n++; return nil })
	return n
}

// envelopeResult returns the raw "result" of a JSON-RPC envelope that has no "error".
func envelopeResult(data []byte) ([]byte, bool) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return nil, false
	}
	var result []byte
	found, failed := false, false
	_ = eachMember(data, func(key, val []byte) error {
		switch {
		case string(key) == "result":
			result, found = val, true
		case bytes.EqualFold(key, []byte("result")) || bytes.EqualFold(key, []byte("error")) || bytes.IndexByte(key, '\\') >= 0:
			failed = true // encoding/json would read these keys too: let it
		}
		return nil
	})
	return result, found && !failed
}
