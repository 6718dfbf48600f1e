package odoosim

import (
	"fmt"
	"slices"
)

// magicFields are maintained by the ORM; values sent for them are ignored like Odoo does.
var magicFields = map[string]bool{"id": true, "display_name": true, "create_uid": true,
	"create_date": true, "write_uid": true, "write_date": true}

func (e *Env) unknownField(m *model, name string) error {
	if e.s.version >= 19 {
		return &OdooError{Name: excKeyError, Message: name}
	}
	return valueError("Invalid field '%s' on model '%s'", name, m.name)
}

// splitVals normalizes vals into raw scalar values and x2many commands, dropping what
// Odoo drops (magic fields, non-stored computed fields).
func (e *Env) splitVals(m *model, vals map[string]any) (map[*fieldDef]any, map[*fieldDef]any, error) {
	scalars, lists := map[*fieldDef]any{}, map[*fieldDef]any{}
	for _, name := range sortedKeys(vals) {
		f := m.field(name)
		if f == nil {
			return nil, nil, e.unknownField(m, name)
		}
		if magicFields[name] || (!f.Store && f.Type != "one2many" && f.Type != "many2many") {
			continue
		}
		if f.x2many() {
			lists[f] = vals[name]
			continue
		}
		raw, err := toRaw(m, f, vals[name])
		if err != nil {
			return nil, nil, err
		}
		scalars[f] = raw
	}
	return scalars, lists, nil
}

func (e *Env) create(modelName string, vals map[string]any) (int64, error) {
	m, err := e.s.model(modelName)
	if err != nil {
		return 0, err
	}
	scalars, lists, err := e.splitVals(m, vals)
	if err != nil {
		return 0, err
	}
	e.materializeDefaults(m, scalars)
	if err := e.checkRequired(m, scalars); err != nil {
		return 0, err
	}
	pos, id := m.table.appendRow()
	e.tx.record(func() { m.table.kill(pos) })
	e.stampNew(m, pos)
	for f, v := range scalars {
		m.table.set(pos, f, v)
	}
	for _, f := range sortedFieldKeys(lists) {
		if err := e.applyX2many(m, id, f, lists[f]); err != nil {
			return 0, err
		}
	}
	if err := e.checkConstraints(m, []int64{id}); err != nil {
		return 0, err
	}
	for _, hook := range e.s.onCreate[modelName] {
		if err := hook(e, id); err != nil {
			return 0, err
		}
	}
	if err := e.runAutomations(m, "create", []int64{id}, nil, nil); err != nil {
		return 0, err
	}
	return id, nil
}

// materializeDefaults stores dynamic defaults (today's date, the company currency) at
// create time, as Odoo does; static defaults are applied when reading instead, which
// keeps bulk-inserted rows small.
func (e *Env) materializeDefaults(m *model, scalars map[*fieldDef]any) {
	for _, f := range m.fields {
		fn, ok := f.Default.(func(*Env) any)
		if _, given := scalars[f]; ok && !given && f.Store {
			scalars[f] = fn(e)
		}
	}
}

// stampNew fills the magic fields of a new row.
func (e *Env) stampNew(m *model, pos int) {
	now := e.s.stamp.format(e.s.clock())
	for _, name := range [...]string{"create_date", "write_date"} {
		if f := m.field(name); f != nil {
			m.table.set(pos, f, now)
		}
	}
	for _, name := range [...]string{"create_uid", "write_uid"} {
		if f := m.field(name); f != nil {
			m.table.set(pos, f, e.uid)
		}
	}
}

// checkRequired refuses a create that leaves a required stored field empty, worded like
// the NOT NULL violation Odoo turns into a ValidationError.
func (e *Env) checkRequired(m *model, scalars map[*fieldDef]any) error {
	for _, f := range m.fields {
		if !f.Required || !f.Store || magicFields[f.Name] || f.x2many() || f.Type == "boolean" {
			continue
		}
		v, given := scalars[f]
		if !given && f.Default != nil {
			continue
		}
		if !given || isEmptyRaw(f, v) {
			return notNullError(m, f)
		}
	}
	return nil
}

// checkNotEmptied refuses a write that empties a required field.
func (e *Env) checkNotEmptied(m *model, scalars map[*fieldDef]any) error {
	for f, v := range scalars {
		if f.Required && f.Store && f.Type != "boolean" && isEmptyRaw(f, v) {
			return notNullError(m, f)
		}
	}
	return nil
}

func isEmptyRaw(f *fieldDef, v any) bool {
	return v == nil || (f.Type == "many2one" && v == int64(0))
}

func notNullError(m *model, f *fieldDef) error {
	desc := modelDescriptions[m.name]
	if desc == "" {
		desc = m.name
	}
	return ValidationError("The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: %s (%s)\nField: %s (%s)",
		desc, m.name, f.String, f.Name)
}

func (e *Env) writeRecords(modelName string, ids []int64, vals map[string]any) error {
	m, err := e.s.model(modelName)
	if err != nil {
		return err
	}
	positions, err := e.positions(m, ids)
	if err != nil {
		return err
	}
	scalars, lists, err := e.splitVals(m, vals)
	if err != nil {
		return err
	}
	if err := e.checkNotEmptied(m, scalars); err != nil {
		return err
	}
	pre, err := e.preMatches(m, ids)
	if err != nil {
		return err
	}
	for _, f := range slices.SortedFunc(mapKeys(scalars), byIdx) {
		for _, pos := range positions {
			e.setValue(m, pos, f, scalars[f])
		}
	}
	for _, f := range sortedFieldKeys(lists) {
		for _, id := range ids {
			if err := e.applyX2many(m, id, f, lists[f]); err != nil {
				return err
			}
		}
	}
	now := e.s.stamp.format(e.s.clock())
	for _, pos := range positions {
		e.setValue(m, pos, m.field("write_date"), now)
		e.setValue(m, pos, m.field("write_uid"), e.uid)
	}
	if err := e.checkConstraints(m, ids); err != nil {
		return err
	}
	hookVals := rawVals(scalars)
	for f := range lists {
		hookVals[f.Name] = lists[f] // x2many: the commands as given
	}
	for _, hook := range e.s.onWrite[modelName] {
		if err := hook(e, ids, hookVals); err != nil {
			return err
		}
	}
	return e.runAutomations(m, "write", ids, vals, pre)
}

// setValue stores v and journals the previous value so a failed call can restore it.
func (e *Env) setValue(m *model, pos int, f *fieldDef, v any) {
	if f == nil {
		return
	}
	old, had := m.table.get(pos, f)
	e.tx.record(func() {
		if had {
			m.table.set(pos, f, old)
		} else {
			m.table.unset(pos, f)
		}
	})
	m.table.set(pos, f, v)
}

// positions maps ids to row positions, failing with MissingError like Odoo when any is gone.
func (e *Env) positions(m *model, ids []int64) ([]int, error) {
	out := make([]int, 0, len(ids))
	var missing []int64
	for _, id := range ids {
		p := m.table.pos(id)
		if p < 0 {
			missing = append(missing, id)
			continue
		}
		out = append(out, p)
	}
	if len(missing) > 0 {
		return nil, &OdooError{Name: excMissingError, Message: missingMessage(m.name, missing, e.uid)}
	}
	return out, nil
}

func (e *Env) unlink(modelName string, ids []int64) error {
	m, err := e.s.model(modelName)
	if err != nil {
		return err
	}
	positions, err := e.positions(m, ids)
	if err != nil {
		return err
	}
	if err := e.runAutomations(m, "unlink", ids, nil, nil); err != nil {
		return err
	}
	for _, hook := range e.s.onUnlink[modelName] {
		if err := hook(e, ids); err != nil {
			return err
		}
	}
	for _, pos := range positions {
		if m.table.pos(m.table.ids[pos]) < 0 {
			continue // a hook already deleted it (cascade)
		}
		m.table.kill(pos)
		e.tx.record(func() { m.table.revive(pos) })
	}
	return e.cascade(m, ids)
}

// cascade deletes one2many children whose inverse many2one is required (ondelete
// cascade in Odoo: move lines of a move, actions of an automation) and clears other
// many2one references is left to Odoo's ondelete=set null, which the simulator skips.
func (e *Env) cascade(m *model, ids []int64) error {
	for _, f := range m.fields {
		if f.Type != "one2many" || f.RelationField == "" {
			continue
		}
		child := e.s.models[f.Relation]
		if child == nil {
			continue
		}
		inv := child.field(f.RelationField)
		if inv == nil || inv.Type != "many2one" || !(inv.Required || cascadeFields[child.name+"."+inv.Name]) {
			continue
		}
		kids, err := e.search(child.name, []any{[]any{inv.Name, "in", idsAny(ids)}}, "id", 0, 0, withInactive)
		if err != nil {
			return err
		}
		if len(kids) > 0 {
			if err := e.unlink(child.name, kids); err != nil {
				return fmt.Errorf("cascade delete %s of %s: %w", child.name, m.name, err)
			}
		}
	}
	return nil
}

func rawVals(scalars map[*fieldDef]any) map[string]any {
	out := make(map[string]any, len(scalars))
	for f, v := range scalars {
		out[f.Name] = v
	}
	return out
}

func idsAny(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
