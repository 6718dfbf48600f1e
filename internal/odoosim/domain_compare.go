package odoosim

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// comparator builds the test of a scalar (non-relational) field against a condition value.
func (e *Env) comparator(m *model, f *fieldDef, op string, value any, leaf []any) (func(raw any) bool, error) {
	switch op {
	case "in", "not in":
		list, ok := value.([]any)
		if !ok {
			list = []any{value}
		}
		tests := make([]func(any) bool, 0, len(list))
		for _, v := range list {
			t, err := e.comparator(m, f, "=", v, leaf)
			if err != nil {
				return nil, err
			}
			tests = append(tests, t)
		}
		neg := op == "not in"
		return func(raw any) bool {
			for _, t := range tests {
				if t(raw) {
					return !neg
				}
			}
			return neg
		}, nil
	case "like", "ilike", "=like", "=ilike", "not like", "not ilike":
		match := likeMatcher(strings.TrimPrefix(op, "not "), fmt.Sprint(value))
		neg := strings.HasPrefix(op, "not ")
		return func(raw any) bool {
			if raw == nil {
				return neg // SQL NULL: Odoo adds "OR field IS NULL" to negative likes
			}
			return match(fmt.Sprint(raw)) != neg
		}, nil
	}
	switch f.Type {
	case "integer", "float", "monetary", "many2one_reference":
		return e.numberComparator(f, op, value)
	case "boolean":
		want := truthy(value)
		return func(raw any) bool {
			b, _ := raw.(bool)
			return compareOrdered(op, boolInt(b), boolInt(want))
		}, nil
	case "date", "datetime":
		return e.dateComparator(f, op, value)
	}
	return stringComparator(op, value), nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (e *Env) numberComparator(f *fieldDef, op string, value any) (func(any) bool, error) {
	if value == nil || value == false {
		value = 0.0
	}
	want, ok := asFloat(value)
	if !ok {
		s := fmt.Sprint(value)
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			sqlType := "integer"
			if f.Type != "integer" {
				sqlType = "double precision"
			}
			return nil, &OdooError{Name: excInvalidText, Message: fmt.Sprintf("invalid input syntax for type %s: %q\n", sqlType, s)}
		}
		want = x
	}
	return func(raw any) bool {
		got, _ := asFloat(raw)
		return compareOrdered(op, got, want)
	}, nil
}

func (e *Env) dateComparator(f *fieldDef, op string, value any) (func(any) bool, error) {
	if value == nil || value == false {
		return func(raw any) bool {
			return (raw == nil) == (op == "=")
		}, nil
	}
	s := fmt.Sprint(value)
	if _, err := parseDateish(s); err != nil {
		if e.s.version >= 19 {
			return nil, valueError("Invalid term %s in expression date: %s", pyRepr(s), pyRepr(s))
		}
		return nil, &OdooError{Name: excInvalidDatetime, Message: fmt.Sprintf("invalid input syntax for type %s: %q\n", sqlDateType(f), s)}
	}
	if f.Type == "datetime" && len(s) == 10 {
		s += " 00:00:00"
	}
	if f.Type == "date" && len(s) > 10 {
		s = s[:10]
	}
	return func(raw any) bool {
		got, ok := raw.(string)
		if !ok {
			return op == "!="
		}
		return compareOrdered(op, got, s)
	}, nil
}

func sqlDateType(f *fieldDef) string {
	if f.Type == "date" {
		return "date"
	}
	return "timestamp"
}

func parseDateish(s string) (time.Time, error) {
	if t, err := time.Parse(datetimeLayout, s); err == nil {
		return t, nil
	}
	return time.Parse(dateLayout, s)
}

func stringComparator(op string, value any) func(any) bool {
	if value == nil || value == false {
		return func(raw any) bool {
			empty := raw == nil || raw == ""
			if op == "!=" {
				return !empty
			}
			return op == "=" && empty
		}
	}
	want := fmt.Sprint(value)
	return func(raw any) bool {
		got, ok := raw.(string)
		if !ok {
			return op == "!=" // NULL != 'x' is true in Odoo (it adds OR IS NULL)
		}
		return compareOrdered(op, got, want)
	}
}

type ordered interface{ ~int | ~float64 | ~string }

func compareOrdered[T ordered](op string, got, want T) bool {
	switch op {
	case "=":
		return got == want
	case "!=":
		return got != want
	case "<":
		return got < want
	case "<=":
		return got <= want
	case ">":
		return got > want
	case ">=":
		return got >= want
	}
	return false
}

// likeMatcher implements SQL (i)like: like/ilike wrap the value in %...%, =like/=ilike use
// it as the pattern itself; % and _ are wildcards.
func likeMatcher(op, value string) func(string) bool {
	pattern := value
	if op == "like" || op == "ilike" {
		pattern = "%" + value + "%"
	}
	fold := op == "ilike" || op == "=ilike"
	if !strings.ContainsAny(pattern, "_") && strings.Count(pattern, "%") == 2 &&
		strings.HasPrefix(pattern, "%") && strings.HasSuffix(pattern, "%") {
		needle := pattern[1 : len(pattern)-1]
		if fold {
			needle = strings.ToLower(needle)
			return func(s string) bool { return strings.Contains(strings.ToLower(s), needle) }
		}
		return func(s string) bool { return strings.Contains(s, needle) }
	}
	var re strings.Builder
	re.WriteString("^")
	if fold {
		re.WriteString("(?is)")
	} else {
		re.WriteString("(?s)")
	}
	for _, r := range pattern {
		switch r {
		case '%':
			re.WriteString(".*")
		case '_':
			re.WriteString(".")
		default:
			re.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	re.WriteString("$")
	rx := regexp.MustCompile(re.String())
	return rx.MatchString
}

// compileHierarchy handles child_of / parent_of through the related model's parent_id.
func (e *Env) compileHierarchy(m *model, f *fieldDef, op string, value any) (matcher, error) {
	target := m
	if f.relational() {
		t, err := e.s.model(f.Relation)
		if err != nil {
			return nil, err
		}
		target = t
	}
	roots, err := e.hierarchyRoots(target, value)
	if err != nil {
		return nil, err
	}
	set := e.hierarchyClosure(target, roots, op == "child_of")
	if f.Name == "id" || !f.relational() {
		return func(pos int) bool { return set[m.table.ids[pos]] }, nil
	}
	return func(pos int) bool { return anyIn(e.rawValue(m, pos, f), set) }, nil
}

func (e *Env) hierarchyRoots(target *model, value any) ([]int64, error) {
	if s, ok := value.(string); ok {
		return e.nameMatches(target.name, "ilike", s)
	}
	list, ok := value.([]any)
	if !ok {
		list = []any{value}
	}
	return anyIDs(list)
}

// hierarchyClosure returns roots plus all descendants (down) or ancestors (up).
func (e *Env) hierarchyClosure(target *model, roots []int64, down bool) map[int64]bool {
	parent := target.field("parent_id")
	set := idSet(roots)
	if parent == nil {
		return set
	}
	if down {
		children := target.inverse(parent)
		queue := append([]int64(nil), roots...)
		for len(queue) > 0 {
			id := queue[0]
			queue = queue[1:]
			for _, c := range children[id] {
				if !set[c] {
					set[c] = true
					queue = append(queue, c)
				}
			}
		}
		return set
	}
	for _, id := range roots {
		for seen := 0; seen < 1000; seen++ {
			pos := target.table.pos(id)
			if pos < 0 {
				break
			}
			p, _ := e.rawValue(target, pos, parent).(int64)
			if p == 0 || set[p] {
				break
			}
			set[p] = true
			id = p
		}
	}
	return set
}
