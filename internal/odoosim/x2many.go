package odoosim

import (
	"fmt"
	"slices"
)

// applyX2many applies Odoo's x2many command list (or a bare list of ids, read as a
// replace) to field f of record id.
func (e *Env) applyX2many(m *model, id int64, f *fieldDef, value any) error {
	cmds, err := parseCommands(value)
	if err != nil {
		return valueError("Wrong value for %s.%s: %s (%v)", m.name, f.Name, pyRepr(value), err)
	}
	for _, c := range cmds {
		if err := e.applyCommand(m, id, f, c); err != nil {
			return err
		}
	}
	return nil
}

type command struct {
	op   int
	id   int64
	vals map[string]any
	ids  []int64
}

func parseCommands(value any) ([]command, error) {
	switch v := value.(type) {
	case nil, bool:
		return []command{{op: 5}}, nil
	case []int64:
		return []command{{op: 6, ids: v}}, nil
	case []any:
		if len(v) == 0 {
			return nil, nil
		}
		if _, isList := v[0].([]any); !isList {
			ids, err := anyIDs(v)
			return []command{{op: 6, ids: ids}}, err
		}
		out := make([]command, 0, len(v))
		for i, raw := range v {
			c, err := parseCommand(raw)
			if err != nil {
				return nil, fmt.Errorf("command %d: %w", i, err)
			}
			out = append(out, c)
		}
		return out, nil
	}
	return nil, fmt.Errorf("expected a list of commands like [[6, 0, [ids]]]")
}

func parseCommand(raw any) (command, error) {
	parts, ok := raw.([]any)
	if !ok || len(parts) == 0 {
		return command{}, fmt.Errorf("not a command list")
	}
	op, _ := asFloat(parts[0])
	c := command{op: int(op)}
	if len(parts) > 1 {
		c.id, _ = toID(parts[1])
	}
	switch c.op {
	case 0, 1:
		if len(parts) < 3 {
			return c, fmt.Errorf("command %d needs values", c.op)
		}
		vals, ok := parts[2].(map[string]any)
		if !ok {
			return c, fmt.Errorf("command %d needs a values dict", c.op)
		}
		c.vals = vals
	case 6:
		if len(parts) < 3 {
			return c, fmt.Errorf("command 6 needs a list of ids")
		}
		list, _ := parts[2].([]any)
		ids, err := anyIDs(list)
		if err != nil {
			return c, err
		}
		c.ids = ids
	case 2, 3, 4, 5:
	default:
		return c, fmt.Errorf("unknown command %d", c.op)
	}
	return c, nil
}

func anyIDs(list []any) ([]int64, error) {
	ids := make([]int64, 0, len(list))
	for _, x := range list {
		id, err := toID(x)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (e *Env) applyCommand(m *model, id int64, f *fieldDef, c command) error {
	if inv := e.inverseField(f); inv != nil {
		return e.applyOne2many(id, f, inv, c)
	}
	pos := m.table.pos(id)
	cur, err := e.applyToList(slices.Clone(e.rawValue(m, pos, f).([]int64)), f, c)
	if err != nil {
		return err
	}
	if mirror, ok := m2mMirrors[m.name+"."+f.Name]; ok {
		return e.writeMirror(id, e.rawValue(m, pos, f).([]int64), cur, mirror)
	}
	e.setValue(m, pos, f, cur)
	return nil
}

// applyToList applies one many2many command to the current ids, creating, updating or
// deleting related records where the command says so.
func (e *Env) applyToList(cur []int64, f *fieldDef, c command) ([]int64, error) {
	switch c.op {
	case 0:
		child, err := e.create(f.Relation, c.vals)
		if err != nil {
			return nil, err
		}
		cur = append(cur, child)
	case 1:
		if err := e.writeRecords(f.Relation, []int64{c.id}, c.vals); err != nil {
			return nil, err
		}
	case 2:
		if err := e.unlink(f.Relation, []int64{c.id}); err != nil {
			return nil, err
		}
		cur = slices.DeleteFunc(cur, func(x int64) bool { return x == c.id })
	case 3:
		cur = slices.DeleteFunc(cur, func(x int64) bool { return x == c.id })
	case 4:
		if !slices.Contains(cur, c.id) {
			cur = append(cur, c.id)
		}
	case 5:
		cur = []int64{}
	case 6:
		cur = slices.Compact(slices.Clone(c.ids))
	}
	return cur, nil
}

// m2mMirrors are the reverse sides of many2many fields that share a relation table in
// Odoo: model.field -> the owning model and field, where the links are stored.
var m2mMirrors = map[string][2]string{
	"res.partner.category.partner_ids": {"res.partner", "category_id"},
	"res.groups.users":                 {"res.users", "groups_id"},
	"res.groups.user_ids":              {"res.users", "group_ids"},
}

// mirrorIDs reads a mirrored many2many: the owners whose field links to id.
func (e *Env) mirrorIDs(id int64, mirror [2]string) []int64 {
	ids, err := e.search(mirror[0], []any{[]any{mirror[1], "in", []any{id}}}, "id", 0, 0)
	if err != nil || ids == nil {
		return []int64{}
	}
	return ids
}

// writeMirror turns a change of a mirrored many2many into link/unlink commands on the
// owning side, so both sides always agree.
func (e *Env) writeMirror(id int64, before, after []int64, mirror [2]string) error {
	for _, owner := range after {
		if !slices.Contains(before, owner) {
			if err := e.writeRecords(mirror[0], []int64{owner}, map[string]any{mirror[1]: []any{[]any{int64(4), id}}}); err != nil {
				return err
			}
		}
	}
	for _, owner := range before {
		if !slices.Contains(after, owner) {
			if err := e.writeRecords(mirror[0], []int64{owner}, map[string]any{mirror[1]: []any{[]any{int64(3), id}}}); err != nil {
				return err
			}
		}
	}
	return nil
}

// inverseField is the many2one behind a one2many, when both models are known.
func (e *Env) inverseField(f *fieldDef) *fieldDef {
	if f.Type != "one2many" || f.RelationField == "" {
		return nil
	}
	child := e.s.models[f.Relation]
	if child == nil {
		return nil
	}
	inv := child.field(f.RelationField)
	if inv == nil || inv.Type != "many2one" {
		return nil
	}
	return inv
}

func (e *Env) applyOne2many(id int64, f, inv *fieldDef, c command) error {
	setParent := func(ids []int64, parent int64) error {
		return e.writeRecords(f.Relation, ids, map[string]any{inv.Name: parent})
	}
	switch c.op {
	case 0:
		vals := make(map[string]any, len(c.vals)+1)
		for k, v := range c.vals {
			vals[k] = v
		}
		vals[inv.Name] = id
		_, err := e.create(f.Relation, vals)
		return err
	case 1:
		return e.writeRecords(f.Relation, []int64{c.id}, c.vals)
	case 2:
		return e.unlink(f.Relation, []int64{c.id})
	case 3:
		return setParent([]int64{c.id}, 0)
	case 4:
		return setParent([]int64{c.id}, id)
	case 5, 6:
		cur := e.one2manyIDs(id, f, inv)
		var drop []int64
		for _, x := range cur {
			if !slices.Contains(c.ids, x) {
				drop = append(drop, x)
			}
		}
		if len(drop) > 0 {
			if inv.Required {
				if err := e.unlink(f.Relation, drop); err != nil {
					return err
				}
			} else if err := setParent(drop, 0); err != nil {
				return err
			}
		}
		if len(c.ids) > 0 {
			return setParent(c.ids, id)
		}
	}
	return nil
}

// one2manyIDs lists the children of id through the inverse many2one, in id order.
func (e *Env) one2manyIDs(id int64, f, inv *fieldDef) []int64 {
	child := e.s.models[f.Relation]
	idx := child.inverse(inv)
	out := slices.Clone(idx[id])
	if out == nil {
		out = []int64{}
	}
	// Like Odoo, an x2many hides archived records unless the context says active_test=false.
	if active := child.field("active"); active != nil && e.activeTest() {
		out = slices.DeleteFunc(out, func(c int64) bool {
			on, _ := e.rawValue(child, child.table.pos(c), active).(bool)
			return !on
		})
	}
	return out
}

// inverse returns parent id -> child ids (in id order) for many2one f. It is built on
// first use and then maintained by every set, unset, kill and revive of the table, which
// also covers rollbacks (they go through the same calls). The caller only reads it.
func (m *model) inverse(f *fieldDef) map[int64][]int64 {
	t := m.table
	// Readers share the server's read lock, so two of them may want to build the same
	// index at once; writers (which maintain built indexes) hold the lock exclusively.
	t.invMu.Lock()
	defer t.invMu.Unlock()
	if t.inv == nil {
		t.inv = map[int]*inverseIndex{}
	}
	if ix := t.inv[f.idx]; ix != nil {
		return ix.children
	}
	ix := &inverseIndex{children: map[int64][]int64{}}
	t.livePositions(func(pos int) bool {
		v, _ := t.get(pos, f)
		if p, _ := v.(int64); p != 0 {
			ix.children[p] = append(ix.children[p], t.ids[pos])
		}
		return true
	})
	t.inv[f.idx] = ix
	return ix.children
}

type inverseIndex struct {
	children map[int64][]int64
}

// move re-files child id from parent old to parent new (raw many2one values).
func (ix *inverseIndex) move(id int64, old, new any) {
	from, _ := old.(int64)
	to, _ := new.(int64)
	if from == to {
		return
	}
	if from != 0 {
		kids := ix.children[from]
		if i, found := slices.BinarySearch(kids, id); found {
			ix.children[from] = slices.Delete(kids, i, i+1)
		}
	}
	if to != 0 {
		kids := ix.children[to]
		if i, found := slices.BinarySearch(kids, id); !found {
			ix.children[to] = slices.Insert(kids, i, id)
		}
	}
}
