package odoosim

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
)

const (
	dateLayout     = "2006-01-02"
	datetimeLayout = "2006-01-02 15:04:05"
)

// toRaw converts an incoming value (JSON-decoded, XML-RPC-decoded or Go) for field f into
// the raw stored form. x2many commands are handled by the caller, not here.
func toRaw(m *model, f *fieldDef, v any) (any, error) {
	if n, ok := v.(json.Number); ok {
		v = numberValue(n)
	}
	switch f.Type {
	case "many2one":
		return toID(v)
	case "integer", "many2one_reference":
		if v == nil || v == false {
			return int64(0), nil
		}
		if x, ok := asFloat(v); ok {
			return int64(x), nil
		}
	case "float", "monetary":
		if v == nil || v == false {
			return float64(0), nil
		}
		if x, ok := asFloat(v); ok {
			return x, nil
		}
	case "boolean":
		return truthy(v), nil
	case "selection":
		if v == nil || v == false {
			return nil, nil
		}
		s := fmt.Sprint(v)
		if len(f.Selection) > 0 && !f.selectionHas(s) {
			return nil, valueError("Wrong value for %s.%s: %s", m.name, f.Name, pyRepr(v))
		}
		return s, nil
	case "date":
		return toDate(v)
	case "datetime":
		return toDatetime(v)
	case "char", "text", "html", "binary", "reference":
		if v == nil || v == false {
			return nil, nil
		}
		if s, ok := v.(string); ok {
			return s, nil
		}
		return fmt.Sprint(v), nil
	default:
		return v, nil
	}
	return nil, valueError("Wrong value for %s.%s: %s", m.name, f.Name, pyRepr(v))
}

func numberValue(n json.Number) any {
	if i, err := n.Int64(); err == nil {
		return i
	}
	f, _ := n.Float64()
	return f
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// toID accepts an id, false/nil (empty) or a [id, name] pair, as Odoo does for many2one.
func toID(v any) (int64, error) {
	switch x := v.(type) {
	case nil:
		return 0, nil
	case bool:
		if !x {
			return 0, nil
		}
	case []any:
		if len(x) > 0 {
			return toID(x[0])
		}
		return 0, nil
	case string:
		if i, err := strconv.ParseInt(x, 10, 64); err == nil {
			return i, nil
		}
		return 0, &OdooError{Name: excInvalidText, Message: fmt.Sprintf("invalid input syntax for type integer: %q\n", x)}
	default:
		if f, ok := asFloat(v); ok && f == math.Trunc(f) {
			return int64(f), nil
		}
	}
	return 0, valueError("Wrong value for a many2one: %s", pyRepr(v))
}

func toDate(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case bool:
		if !x {
			return nil, nil
		}
	case string:
		if x == "" {
			return nil, nil
		}
		if len(x) >= 10 {
			if looksLike(x[:10], dateLayout) && validDate(x[:10]) {
				return x[:10], nil
			}
			if _, err := time.Parse(dateLayout, x[:10]); err == nil {
				return x[:10], nil
			}
		}
	case time.Time:
		return x.Format(dateLayout), nil
	}
	return nil, valueError("Invalid date value %s: expected a 'YYYY-MM-DD' string", pyRepr(v))
}

func toDatetime(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case bool:
		if !x {
			return nil, nil
		}
	case string:
		if x == "" {
			return nil, nil
		}
		if looksLike(x, datetimeLayout) && validDate(x[:10]) && x[11:19] <= "23:59:59" {
			return x, nil // already Odoo's form: skip a parse and a format per value
		}
		if t, err := time.Parse(datetimeLayout, x); err == nil {
			return t.Format(datetimeLayout), nil
		}
		if t, err := time.Parse(dateLayout, x); err == nil {
			return t.Format(datetimeLayout), nil
		}
		if t, err := time.Parse(time.RFC3339, x); err == nil {
			return t.UTC().Format(datetimeLayout), nil
		}
	case time.Time:
		return x.UTC().Format(datetimeLayout), nil
	}
	return nil, valueError("Invalid datetime value %s: expected a 'YYYY-MM-DD HH:MM:SS' UTC string", pyRepr(v))
}

// truthy is Python truthiness for decoded JSON values.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case []int64:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	default:
		f, ok := asFloat(v)
		return !ok || f != 0
	}
}

// emptyRaw is the raw value of a field that was never set and has no default.
func emptyRaw(f *fieldDef) any {
	switch f.Type {
	case "many2one", "integer", "many2one_reference":
		return int64(0)
	case "float", "monetary":
		return float64(0)
	case "boolean":
		return false
	case "one2many", "many2many":
		return []int64{}
	}
	return nil
}

// Float is a float64 that marshals like Python's json (always with a fraction or exponent),
// so 0 reads back as 0.0 and clients that type-check numbers see a float, as from Odoo.
type Float float64

func (f Float) MarshalJSON() ([]byte, error) {
	x := float64(f)
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return []byte("null"), nil
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e16 {
		return strconv.AppendFloat(nil, x, 'f', 1, 64), nil
	}
	return strconv.AppendFloat(nil, x, 'g', -1, 64), nil
}

// pyRepr renders a decoded value roughly as Python's repr, for error messages that quote
// the offending value the way Odoo does.
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return "'" + x + "'"
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []any:
		s := "["
		for i, e := range x {
			if i > 0 {
				s += ", "
			}
			s += pyRepr(e)
		}
		return s + "]"
	}
	return fmt.Sprint(v)
}

// looksLike reports whether s has layout's shape: digits where layout has digits, the
// same separators elsewhere.
func looksLike(s, layout string) bool {
	if len(s) != len(layout) {
		return false
	}
	for i := 0; i < len(s); i++ {
		isDigit := s[i] >= '0' && s[i] <= '9'
		if l := layout[i]; l >= '0' && l <= '9' {
			if !isDigit {
				return false
			}
		} else if s[i] != l {
			return false
		}
	}
	return true
}

// validDate checks month and day ranges of a "YYYY-MM-DD" already shaped by looksLike.
func validDate(s string) bool {
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m := time.Month(int(s[5]-'0')*10 + int(s[6]-'0'))
	d := int(s[8]-'0')*10 + int(s[9]-'0')
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
