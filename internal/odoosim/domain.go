package odoosim

import (
	"fmt"
	"strings"
)

// matcher tells whether the row at a position of the searched model satisfies a domain.
type matcher func(pos int) bool

var domainOperators = map[string]bool{"=": true, "!=": true, "<>": true, "<": true, "<=": true,
	">": true, ">=": true, "=?": true, "=like": true, "=ilike": true, "like": true, "ilike": true,
	"not like": true, "not ilike": true, "in": true, "not in": true, "child_of": true,
	"parent_of": true, "any": true, "not any": true}

// compileDomain turns an Odoo prefix-notation domain into a matcher for model m.
// Errors are the ValueErrors Odoo raises for the same mistakes, worded per version.
func (e *Env) compileDomain(m *model, domain []any) (matcher, error) {
	if len(domain) == 0 {
		return func(int) bool { return true }, nil
	}
	var stack []matcher
	for i := len(domain) - 1; i >= 0; i-- {
		switch item := domain[i].(type) {
		case string:
			switch item {
			case "!":
				if len(stack) < 1 {
					return nil, e.malformed(domain)
				}
				a := stack[len(stack)-1]
				stack[len(stack)-1] = func(p int) bool { return !a(p) }
			case "&", "|":
				if len(stack) < 2 {
					return nil, e.malformed(domain)
				}
				a, b := stack[len(stack)-1], stack[len(stack)-2]
				stack = stack[:len(stack)-2]
				if item == "&" {
					stack = append(stack, func(p int) bool { return a(p) && b(p) })
				} else {
					stack = append(stack, func(p int) bool { return a(p) || b(p) })
				}
			default:
				return nil, e.malformed(domain)
			}
		case []any:
			mt, err := e.compileLeaf(m, item)
			if err != nil {
				return nil, err
			}
			stack = append(stack, mt)
		default:
			return nil, e.malformed(domain)
		}
	}
	// Remaining terms are joined by an implicit AND, as in Odoo.
	return func(p int) bool {
		for _, mt := range stack {
			if !mt(p) {
				return false
			}
		}
		return true
	}, nil
}

func (e *Env) malformed(domain []any) error {
	if e.s.version >= 19 {
		return valueError("Domain() malformed domain %s", pyRepr(domain))
	}
	return valueError("Domain %s is syntactically not correct.", pyRepr(domain))
}

// leafRepr renders a leaf as the Python tuple Odoo quotes in its errors.
func leafRepr(leaf []any) string {
	parts := make([]string, len(leaf))
	for i, x := range leaf {
		parts[i] = pyRepr(x)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func (e *Env) leafWord() string {
	if e.s.version >= 19 {
		return "condition"
	}
	return "leaf"
}

func (e *Env) compileLeaf(m *model, leaf []any) (matcher, error) {
	if len(leaf) != 3 {
		return nil, e.malformed([]any{leaf})
	}
	path, okPath := leaf[0].(string)
	op, okOp := leaf[1].(string)
	if !okPath {
		// (1, '=', 1) and (0, '=', 1) are Odoo's TRUE_LEAF and FALSE_LEAF.
		l, _ := asFloat(leaf[0])
		r, _ := asFloat(leaf[2])
		if okOp && op == "=" {
			return func(int) bool { return l == r }, nil
		}
		return nil, valueError("Invalid %s %s", e.leafWord(), leafRepr(leaf))
	}
	op = strings.ToLower(op)
	if !okOp || !domainOperators[op] {
		if e.s.version >= 19 {
			return nil, valueError("Invalid operator in condition %s", leafRepr(leaf))
		}
		return nil, valueError("Invalid leaf %s", leafRepr(leaf))
	}
	if op == "<>" {
		op = "!="
	}
	return e.compilePath(m, strings.Split(path, "."), op, leaf[2], leaf)
}

func (e *Env) compilePath(m *model, path []string, op string, value any, leaf []any) (matcher, error) {
	f := m.field(path[0])
	if f == nil {
		return nil, valueError("Invalid field %s.%s in %s %s", m.name, path[0], e.leafWord(), leafRepr(leaf))
	}
	if len(path) > 1 || op == "any" || op == "not any" {
		return e.compileRelated(m, f, path[1:], op, value, leaf)
	}
	switch op {
	case "child_of", "parent_of":
		return e.compileHierarchy(m, f, op, value)
	case "=?":
		if value == nil || value == false {
			return func(int) bool { return true }, nil
		}
		op = "="
	}
	if f.relational() {
		return e.compileRelational(m, f, op, value, leaf)
	}
	cmp, err := e.comparator(m, f, op, value, leaf)
	if err != nil {
		return nil, err
	}
	return func(pos int) bool { return cmp(e.rawValue(m, pos, f)) }, nil
}

// compileRelated handles dotted paths and any/not any: the remainder of the condition is
// searched once on the related model, then each record is tested against that id set.
func (e *Env) compileRelated(m *model, f *fieldDef, rest []string, op string, value any, leaf []any) (matcher, error) {
	if !f.relational() {
		return nil, valueError("Invalid field %s.%s in %s %s: %s is not relational", m.name, f.Name, e.leafWord(), leafRepr(leaf), f.Name)
	}
	sub := []any{[]any{strings.Join(rest, "."), op, value}}
	negate := false
	if len(rest) == 0 {
		d, ok := value.([]any)
		if !ok {
			return nil, valueError("Invalid %s %s: any needs a domain", e.leafWord(), leafRepr(leaf))
		}
		sub, negate = d, op == "not any"
	}
	target, err := e.s.model(f.Relation)
	if err != nil {
		return nil, err
	}
	// Like Odoo: a many2one sub-search ignores archiving, an x2many one honours active_test.
	var opts []searchOpt
	if f.Type == "many2one" {
		opts = append(opts, withInactive)
	}
	ids, err := e.search(target.name, sub, "id", 0, 0, opts...)
	if err != nil {
		return nil, err
	}
	if inv := e.inverseField(f); inv != nil {
		// one2many: map the matching children to their parents once, instead of listing
		// every record's children.
		parents := map[int64]bool{}
		for _, id := range ids {
			if p, _ := e.rawValue(target, target.table.pos(id), inv).(int64); p != 0 {
				parents[p] = true
			}
		}
		return func(pos int) bool { return parents[m.table.ids[pos]] != negate }, nil
	}
	set := idSet(ids)
	return func(pos int) bool {
		return anyIn(e.rawValue(m, pos, f), set) != negate
	}, nil
}

func idSet(ids []int64) map[int64]bool {
	set := make(map[int64]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}

// anyIn reports whether a many2one id or any x2many id is in set.
func anyIn(raw any, set map[int64]bool) bool {
	switch v := raw.(type) {
	case int64:
		return v != 0 && set[v]
	case []int64:
		for _, id := range v {
			if set[id] {
				return true
			}
		}
	}
	return false
}

// compileRelational handles many2one/x2many conditions on ids, on False, or on names
// (a string value is a name_search on the related model, as in Odoo).
func (e *Env) compileRelational(m *model, f *fieldDef, op string, value any, leaf []any) (matcher, error) {
	if value == nil || value == false {
		isEmpty := func(raw any) bool { return !anyNonZero(raw) }
		switch op {
		case "=", "in":
			return func(p int) bool { return isEmpty(e.rawValue(m, p, f)) }, nil
		case "!=", "not in":
			return func(p int) bool { return !isEmpty(e.rawValue(m, p, f)) }, nil
		}
	}
	set, byName, err := e.relationalSet(f, op, value, leaf)
	if err != nil {
		return nil, err
	}
	negative := op == "!=" || op == "not in" || op == "not like" || op == "not ilike"
	if byName && negative {
		// "partner_id not ilike 'x'": records whose partner's name does not match, or
		// with no partner; set holds the names that DO match the positive operator.
		return func(p int) bool { return !anyIn(e.rawValue(m, p, f), set) }, nil
	}
	if negative {
		return func(p int) bool { return !anyIn(e.rawValue(m, p, f), set) }, nil
	}
	return func(p int) bool { return anyIn(e.rawValue(m, p, f), set) }, nil
}

func anyNonZero(raw any) bool {
	switch v := raw.(type) {
	case int64:
		return v != 0
	case []int64:
		return len(v) > 0
	}
	return false
}

// relationalSet is the set of related ids a relational condition refers to.
func (e *Env) relationalSet(f *fieldDef, op string, value any, leaf []any) (map[int64]bool, bool, error) {
	switch op {
	case "=", "!=", "in", "not in":
		vals, isList := value.([]any)
		if !isList {
			vals = []any{value}
		}
		if s, ok := value.(string); ok && !isList {
			ids, err := e.nameMatches(f.Relation, "=", s)
			return idSet(ids), true, err
		}
		set := map[int64]bool{}
		for _, v := range vals {
			if v == false || v == nil {
				continue
			}
			id, err := toID(v)
			if err != nil {
				return nil, false, err
			}
			set[id] = true
		}
		return set, false, nil
	case "like", "ilike", "=like", "=ilike", "not like", "not ilike":
		pos := strings.TrimPrefix(op, "not ")
		ids, err := e.nameMatches(f.Relation, pos, fmt.Sprint(value))
		return idSet(ids), true, err
	}
	return nil, false, valueError("Invalid %s %s: operator %s is not supported on %s fields", e.leafWord(), leafRepr(leaf), op, f.Type)
}

// nameMatches searches a related model by display name, like Odoo's _search on names.
func (e *Env) nameMatches(modelName, op, name string) ([]int64, error) {
	target, err := e.s.model(modelName)
	if err != nil {
		return nil, err
	}
	var ids []int64
	match := likeMatcher(op, name)
	target.table.livePositions(func(pos int) bool {
		if match(e.displayName(target, pos)) {
			ids = append(ids, target.table.ids[pos])
		}
		return true
	})
	return ids, nil
}
