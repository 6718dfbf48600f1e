package odoo

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// A faster decoder for the one shape that dominates traffic: a search_read page, a JSON
// list of flat objects, decoded into a slice of record structs. encoding/json spends most
// of its time in reflection per value; a plan per struct type (JSON key -> field setter)
// does the same work directly. It only runs on input json.Valid accepted, and any
// surprise (a type mismatch, a key differing only in case) abandons it for encoding/json,
// so results never differ from encoding/json's: a fuzz test checks exactly that.

var errFallback = errors.New("fast decoder: use encoding/json")

type fieldSetter func(st *decodeState, raw []byte, field reflect.Value) error

// decodeState is per page. Real pages repeat the same many2one names (country, currency,
// company, journal, account) and short selection values thousands of times: interning
// them saves most string allocations.
type decodeState struct{ interned map[string]string }

const (
	maxInterned   = 4096
	maxNameIntern = 64 // many2one display names repeat across records
	maxTextIntern = 16 // char fields: only selection values and codes repeat
)

func (st *decodeState) intern(b []byte, maxLen int) string {
	if len(b) > maxLen {
		return string(b)
	}
	if s, ok := st.interned[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(st.interned) < maxInterned {
		st.interned[s] = s
	}
	return s
}

type recordPlan struct {
	fields map[string]fieldPlan // exact JSON key
	lower  map[string]bool      // lower-cased keys, to spot case-insensitive matches
}

type fieldPlan struct {
	index int // plans exist only for structs without embedded fields
	set   fieldSetter
}

var plans sync.Map // reflect.Type (struct) -> *recordPlan (nil when not eligible)

// slicePlan returns the plan for out when it is a pointer to an empty slice of structs.
func slicePlan(out any) (*recordPlan, reflect.Value) {
	pv := reflect.ValueOf(out)
	if pv.Kind() != reflect.Pointer || pv.IsNil() || pv.Elem().Kind() != reflect.Slice || pv.Elem().Len() != 0 {
		return nil, reflect.Value{}
	}
	elem := pv.Elem().Type().Elem()
	if elem.Kind() != reflect.Struct {
		return nil, reflect.Value{}
	}
	if p, ok := plans.Load(elem); ok {
		return p.(*recordPlan), pv.Elem()
	}
	p := buildPlan(elem)
	plans.Store(elem, p)
	return p, pv.Elem()
}

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[interface{ UnmarshalText([]byte) error }]()
)

func buildPlan(t reflect.Type) *recordPlan {
	if reflect.PointerTo(t).Implements(unmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return nil
	}
	p := &recordPlan{fields: map[string]fieldPlan{}, lower: map[string]bool{}}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous || !f.IsExported() || name == "-" || opts != "" && opts != "omitempty" {
			return nil // embedded structs and ",string" options: leave them to encoding/json
		}
		if name == "" {
			name = f.Name
		}
		p.fields[name] = fieldPlan{index: i, set: setterFor(f.Type)}
		p.lower[strings.ToLower(name)] = true
	}
	return p
}

func setterFor(t reflect.Type) fieldSetter {
	switch t {
	case reflect.TypeFor[Many2one]():
		return setMany2one
	case reflect.TypeFor[String]():
		return setOdooString
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return func(_ *decodeState, raw []byte, v reflect.Value) error {
			return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw)
		}
	}
	switch t.Kind() {
	case reflect.String:
		return setString
	case reflect.Int, reflect.Int64, reflect.Int32:
		return setInt
	case reflect.Float64:
		return setFloat
	case reflect.Bool:
		return setBool
	}
	return func(_ *decodeState, raw []byte, v reflect.Value) error {
		return json.Unmarshal(raw, v.Addr().Interface())
	}
}

// setMany2one is Many2one.UnmarshalJSON with the name interned.
func setMany2one(st *decodeState, raw []byte, v reflect.Value) error {
	m := v.Addr().Interface().(*Many2one)
	id, name, ok := many2oneParts(raw)
	if !ok {
		return m.UnmarshalJSON(raw)
	}
	*m = Many2one{ID: id}
	if name != nil {
		m.Name = st.intern(name, maxNameIntern)
	}
	return nil
}

// setOdooString is String.UnmarshalJSON with short values interned.
func setOdooString(st *decodeState, raw []byte, v reflect.Value) error {
	s := v.Addr().Interface().(*String)
	inner, ok := plainStringBytes(raw)
	if !ok {
		return s.UnmarshalJSON(raw)
	}
	*s = String(st.intern(inner, maxTextIntern))
	return nil
}

func setString(_ *decodeState, raw []byte, v reflect.Value) error {
	switch {
	case raw[0] == 'n':
		return nil
	case raw[0] != '"':
		return errFallback
	}
	if s, ok := plainString(raw); ok {
		v.SetString(s)
		return nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return errFallback
	}
	v.SetString(s)
	return nil
}

func setInt(_ *decodeState, raw []byte, v reflect.Value) error {
	if raw[0] == 'n' {
		return nil
	}
	n, err := strconv.ParseInt(string(raw), 10, v.Type().Bits())
	if err != nil {
		return errFallback
	}
	v.SetInt(n)
	return nil
}

func setFloat(_ *decodeState, raw []byte, v reflect.Value) error {
	if raw[0] == 'n' {
		return nil
	}
	if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return errFallback
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return errFallback
	}
	v.SetFloat(f)
	return nil
}

func setBool(_ *decodeState, raw []byte, v reflect.Value) error {
	switch raw[0] {
	case 't':
		v.SetBool(true)
	case 'f':
		v.SetBool(false)
	case 'n':
	default:
		return errFallback
	}
	return nil
}

// decodeList decodes a valid JSON list of objects into dst (an empty slice of structs).
func (p *recordPlan) decodeList(data []byte, dst reflect.Value) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '[' {
		return errFallback // null or another shape: encoding/json knows what to do
	}
	st := &decodeState{interned: make(map[string]string, 64)}
	n := countTopLevel(data)
	out := reflect.MakeSlice(dst.Type(), n, n)
	i := 0
	err := eachElement(data, func(raw []byte) error {
		if i >= n {
			return errFallback
		}
		if raw[0] == 'n' { // null element: a zero struct, as encoding/json leaves it
			i++
			return nil
		}
		if raw[0] != '{' {
			return errFallback
		}
		rec := out.Index(i)
		i++
		return eachMember(raw, func(key, val []byte) error {
			f, ok := p.fields[string(key)]
			if !ok {
				if p.lower[strings.ToLower(string(key))] || bytes.IndexByte(key, '\\') >= 0 {
					return errFallback // encoding/json would match it case-insensitively
				}
				return nil
			}
			return f.set(st, val, rec.Field(f.index))
		})
	})
	if err != nil || i != n {
		return errFallback
	}
	dst.Set(out)
	return nil
}

// fastDecode decodes data into out with the plan when out is a pointer to an empty slice
// of plain record structs and data is a list. It reports whether it did; on false out is
// untouched and the caller uses encoding/json.
func fastDecode(data []byte, out any, validated bool) bool {
	plan, dst := slicePlan(out)
	if plan == nil || (!validated && !json.Valid(data)) {
		return false
	}
	return plan.decodeList(data, dst) == nil
}
