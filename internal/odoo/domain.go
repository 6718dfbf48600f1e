package odoo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Domain is an Odoo search domain in prefix (Polish) notation: logical operators "&",
// "|", "!" followed by their operands, and leaves [field, operator, value]. Several
// top-level expressions are implicitly AND-ed, as in Odoo. The zero Domain matches all.
//
// Build domains with Cond, And, Or and Not rather than by hand: they insert the right
// number of operators. A Domain is validated when it is marshalled, so a typo in an
// operator fails before anything reaches Odoo.
type Domain []Term

// Term is one element of a Domain: a logical operator (Logic set) or a leaf.
type Term struct {
	Logic string // "&", "|" or "!"; empty for a leaf
	Field string // field name or dotted path ("partner_id.country_id.code")
	Op    string
	Value any
}

// Logical operators.
const (
	OpAnd = "&"
	OpOr  = "|"
	OpNot = "!"
)

// leafOperators are the comparison operators Odoo 16-19 accept.
var leafOperators = map[string]bool{
	"=": true, "!=": true, ">": true, ">=": true, "<": true, "<=": true, "=?": true,
	"like": true, "not like": true, "ilike": true, "not ilike": true, "=like": true, "=ilike": true,
	"in": true, "not in": true, "child_of": true, "parent_of": true, "any": true, "not any": true,
}

// Cond is a one-leaf domain: Cond("partner_id.name", "ilike", "acme").
func Cond(field, op string, value any) Domain {
	return Domain{{Field: field, Op: op, Value: value}}
}

// And matches what every domain matches. Empty domains (match all) are dropped.
func And(ds ...Domain) Domain { return combine(OpAnd, ds, Domain{}) }

// Or matches what any domain matches. Or() with no domains matches nothing; an empty
// domain among them matches everything.
func Or(ds ...Domain) Domain {
	for _, d := range ds {
		if len(d) == 0 {
			return Domain{}
		}
	}
	return combine(OpOr, ds, matchNothing())
}

// Not negates a domain. Not of the empty domain (all) matches nothing.
func Not(d Domain) Domain {
	if len(d) == 0 {
		return matchNothing()
	}
	return append(Domain{{Logic: OpNot}}, d.normalized()...)
}

func matchNothing() Domain { return Cond("id", "in", []int64{}) }

func combine(op string, ds []Domain, empty Domain) Domain {
	var parts []Domain
	for _, d := range ds {
		if len(d) > 0 {
			parts = append(parts, d.normalized())
		}
	}
	if len(parts) == 0 {
		return empty
	}
	var out Domain
	for range len(parts) - 1 {
		out = append(out, Term{Logic: op})
	}
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// normalized makes the implicit AND between top-level expressions explicit, so the
// domain is a single expression that can be nested. A malformed domain is left as is;
// Validate reports it.
func (d Domain) normalized() Domain {
	var out Domain
	expected := 1
	for _, t := range d {
		if expected == 0 {
			out = append(Domain{{Logic: OpAnd}}, out...)
			expected = 1
		}
		switch t.Logic {
		case OpAnd, OpOr:
			expected++
		case OpNot:
		default:
			expected--
		}
		out = append(out, t)
	}
	return out
}

// Validate checks operators, field paths, values and the prefix structure.
func (d Domain) Validate() error {
	expected := 1
	for i, t := range d {
		if expected == 0 {
			expected = 1 // implicit AND
		}
		switch t.Logic {
		case OpAnd, OpOr:
			expected++
			continue
		case OpNot:
			continue
		case "":
		default:
			return fmt.Errorf("domain term %d: logical operator %q is not &, | or !", i, t.Logic)
		}
		if err := t.validateLeaf(); err != nil {
			return fmt.Errorf("domain term %d: %w", i, err)
		}
		expected--
	}
	if len(d) > 0 && expected != 0 {
		return fmt.Errorf("domain %s is malformed: %d operand(s) missing after its operators", d, expected)
	}
	return nil
}

func (t Term) validateLeaf() error {
	if !validPath(t.Field) {
		return fmt.Errorf("field %q is not a field name or dotted path (letters, digits, _ and .)", t.Field)
	}
	if !leafOperators[t.Op] {
		return fmt.Errorf("operator %q is not one of Odoo's (=, !=, >, >=, <, <=, =?, like, not like, ilike, not ilike, =like, =ilike, in, not in, child_of, parent_of, any, not any)", t.Op)
	}
	switch t.Op {
	case "in", "not in":
		if !isList(t.Value) {
			return fmt.Errorf("%s %q needs a list value, got %T", t.Field, t.Op, t.Value)
		}
	case "any", "not any":
		sub, ok := t.Value.(Domain)
		if !ok {
			return fmt.Errorf("%s %q needs a Domain value, got %T", t.Field, t.Op, t.Value)
		}
		if err := sub.Validate(); err != nil {
			return fmt.Errorf("%s %q: %w", t.Field, t.Op, err)
		}
	}
	return nil
}

func validPath(p string) bool {
	if p == "" {
		return false
	}
	for _, part := range strings.Split(p, ".") {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

func isList(v any) bool {
	if v == nil {
		return false
	}
	k := reflect.TypeOf(v).Kind()
	return k == reflect.Slice || k == reflect.Array
}

// MarshalJSON renders the exact JSON Odoo expects; nil renders as [].
func (d Domain) MarshalJSON() ([]byte, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if len(d) == 0 {
		return []byte("[]"), nil
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for i, t := range d {
		if i > 0 {
			b.WriteString(", ")
		}
		raw, err := t.MarshalJSON()
		if err != nil {
			return nil, err
		}
		b.Write(raw)
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}

// MarshalJSON renders "&" or [field, op, value].
func (t Term) MarshalJSON() ([]byte, error) {
	if t.Logic != "" {
		return marshalJSON(t.Logic)
	}
	v := t.Value
	if isList(v) && reflect.ValueOf(v).Kind() == reflect.Slice && reflect.ValueOf(v).IsNil() {
		v = []any{} // a nil slice must still be a list, not null
	}
	return marshalJSON([]any{t.Field, t.Op, v})
}

// UnmarshalJSON reads a domain as Odoo sends it (read_group's __domain, stored rules).
// Sub-domains of any / not any are read back as Domain.
func (d *Domain) UnmarshalJSON(b []byte) error {
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return fmt.Errorf("domain is not a JSON list: %w", err)
	}
	out := make(Domain, 0, len(items))
	for i, raw := range items {
		t, err := parseTerm(raw)
		if err != nil {
			return fmt.Errorf("domain term %d: %w", i, err)
		}
		out = append(out, t)
	}
	if err := out.Validate(); err != nil {
		return err
	}
	*d = out
	return nil
}

func parseTerm(raw json.RawMessage) (Term, error) {
	var logic string
	if json.Unmarshal(raw, &logic) == nil {
		return Term{Logic: logic}, nil
	}
	var leaf []json.RawMessage
	if err := json.Unmarshal(raw, &leaf); err != nil || len(leaf) != 3 {
		return Term{}, errors.New("neither an operator string nor a [field, operator, value] leaf")
	}
	var t Term
	if err := json.Unmarshal(leaf[0], &t.Field); err != nil {
		return Term{}, fmt.Errorf("leaf field: %w", err)
	}
	if err := json.Unmarshal(leaf[1], &t.Op); err != nil {
		return Term{}, fmt.Errorf("leaf operator: %w", err)
	}
	if t.Op == "any" || t.Op == "not any" {
		var sub Domain
		if err := json.Unmarshal(leaf[2], &sub); err != nil {
			return Term{}, err
		}
		t.Value = sub
		return t, nil
	}
	if err := json.Unmarshal(leaf[2], &t.Value); err != nil {
		return Term{}, fmt.Errorf("leaf value: %w", err)
	}
	return t, nil
}

// String renders the domain as JSON for logs and messages.
func (d Domain) String() string {
	parts := make([]string, len(d))
	for i, t := range d {
		raw, err := marshalJSON(t)
		if err != nil {
			raw = []byte(fmt.Sprintf("%q", t.Field))
		}
		parts[i] = string(raw)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
