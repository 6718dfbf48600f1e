package odoosim

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type searchOpt int

// withInactive searches archived records too, whatever the context says (used for
// internal lookups such as cascades and sub-searches of dotted paths).
const withInactive searchOpt = 1

// search returns ids matching domain, ordered, after offset, at most limit (0 = all).
func (e *Env) search(modelName string, domain []any, order string, offset, limit int, opts ...searchOpt) ([]int64, error) {
	m, err := e.s.model(modelName)
	if err != nil {
		return nil, err
	}
	positions, err := e.matchPositions(m, domain, slices.Contains(opts, withInactive))
	if err != nil {
		return nil, err
	}
	if err := e.sortPositions(m, positions, cmp.Or(order, m.order)); err != nil {
		return nil, err
	}
	if offset > 0 {
		positions = positions[min(offset, len(positions)):]
	}
	if limit > 0 && len(positions) > limit {
		positions = positions[:limit]
	}
	ids := make([]int64, len(positions))
	for i, p := range positions {
		ids[i] = m.table.ids[p]
	}
	return ids, nil
}

// matchPositions lists row positions matching domain, hiding archived rows unless the
// context says active_test=false or the domain itself mentions active (as Odoo does).
func (e *Env) matchPositions(m *model, domain []any, inactive bool) ([]int, error) {
	match, err := e.compileDomain(m, domain)
	if err != nil {
		return nil, err
	}
	active := m.field("active")
	hideArchived := active != nil && !inactive && e.activeTest() && !mentionsField(domain, "active")
	var out []int
	m.table.livePositions(func(pos int) bool {
		if hideArchived {
			if on, _ := e.rawValue(m, pos, active).(bool); !on {
				return true
			}
		}
		if match(pos) {
			out = append(out, pos)
		}
		return true
	})
	return out, nil
}

func mentionsField(domain []any, name string) bool {
	for _, item := range domain {
		if leaf, ok := item.([]any); ok && len(leaf) == 3 {
			if p, ok := leaf[0].(string); ok && (p == name || strings.HasPrefix(p, name+".")) {
				return true
			}
		}
	}
	return false
}

type orderTerm struct {
	f    *fieldDef
	desc bool
}

// parseOrder reads "name desc, id" into terms; unknown fields are a ValueError like Odoo.
func (e *Env) parseOrder(m *model, order string) ([]orderTerm, error) {
	var terms []orderTerm
	for _, part := range strings.Split(order, ",") {
		words := strings.Fields(part)
		if len(words) == 0 {
			continue
		}
		f := m.field(strings.SplitN(words[0], ":", 2)[0])
		if f == nil || len(words) > 3 {
			return nil, valueError("Invalid field %s on model %s (order %s)", pyRepr(words[0]), pyRepr(m.name), pyRepr(order))
		}
		desc := len(words) > 1 && strings.EqualFold(words[1], "desc")
		if len(words) > 1 && !desc && !strings.EqualFold(words[1], "asc") {
			return nil, valueError("Invalid order %s: expected asc or desc after %s", pyRepr(order), words[0])
		}
		terms = append(terms, orderTerm{f: f, desc: desc})
	}
	return terms, nil
}

// sortPositions orders rows by the terms, then by id so that the order is total.
func (e *Env) sortPositions(m *model, positions []int, order string) error {
	terms, err := e.parseOrder(m, order)
	if err != nil {
		return err
	}
	if len(terms) == 1 && terms[0].f.Name == "id" {
		if terms[0].desc {
			slices.Reverse(positions)
		}
		return nil // positions are already in id order
	}
	keys := make([][]any, len(terms))
	for i, t := range terms {
		keys[i] = make([]any, len(m.table.ids))
		for _, p := range positions {
			keys[i][p] = e.sortKey(m, p, t.f)
		}
	}
	slices.SortStableFunc(positions, func(a, b int) int {
		for i, t := range terms {
			c := compareKeys(keys[i][a], keys[i][b])
			if t.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return cmp.Compare(a, b)
	})
	return nil
}

// sortKey is what a field sorts by: many2one by the related record's display name.
func (e *Env) sortKey(m *model, pos int, f *fieldDef) any {
	raw := e.rawValue(m, pos, f)
	if f.Type == "many2one" {
		id, _ := raw.(int64)
		if id == 0 {
			return nil
		}
		return e.nameOf(f.Relation, id)
	}
	if b, ok := raw.(bool); ok {
		return boolInt(b)
	}
	return raw
}

// compareKeys orders values of one field; NULLs sort last ascending, like PostgreSQL.
func compareKeys(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	switch x := a.(type) {
	case string:
		return cmp.Compare(x, b.(string))
	case int64:
		return cmp.Compare(x, b.(int64))
	case float64:
		return cmp.Compare(x, b.(float64))
	case int:
		return cmp.Compare(x, b.(int))
	}
	return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b))
}
