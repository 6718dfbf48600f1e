package odoosim

import (
	"bytes"
	"encoding/json"
	"slices"
)

// record is one read result: keys in Odoo's order (id first, then the requested fields),
// which a Go map would lose when encoded.
type record struct {
	keys []string
	vals []any
}

func (r *record) add(k string, v any) { r.keys = append(r.keys, k); r.vals = append(r.vals, v) }

func (r *record) get(k string) any {
	if i := slices.Index(r.keys, k); i >= 0 {
		return r.vals[i]
	}
	return nil
}

func (r *record) asMap() map[string]any {
	out := make(map[string]any, len(r.keys))
	for i, k := range r.keys {
		out[k] = plain(r.vals[i])
	}
	return out
}

func (r *record) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range r.keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		kb, _ := marshalJSON(k)
		buf.Write(kb)
		buf.WriteByte(':')
		vb, err := marshalJSON(r.vals[i])
		if err != nil {
			return nil, err
		}
		buf.Write(vb)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// marshalJSON encodes like Python's json module does for Odoo: no HTML escaping of
// <, > and & (domains are full of them).
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// plain turns rendering wrappers back into ordinary Go values for Env.Read callers.
func plain(v any) any {
	switch x := v.(type) {
	case Float:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case *record:
		return x.asMap()
	}
	return v
}

// rawValue is the raw value of f for the row at pos: stored, computed or default.
func (e *Env) rawValue(m *model, pos int, f *fieldDef) any {
	id := m.table.ids[pos]
	switch {
	case f.Name == "id":
		return id
	case f.Name == "display_name":
		return e.displayName(m, pos)
	}
	if f.compute != nil {
		return f.compute(e, id)
	}
	switch f.Type {
	case "one2many":
		if inv := e.inverseField(f); inv != nil {
			return e.one2manyIDs(id, f, inv)
		}
	case "many2many":
		if mirror, ok := m2mMirrors[m.name+"."+f.Name]; ok {
			return e.mirrorIDs(id, mirror)
		}
	}
	if v, ok := m.table.get(pos, f); ok {
		if f.x2many() && v.([]int64) == nil {
			return []int64{}
		}
		return v
	}
	if f.Default != nil {
		if fn, ok := f.Default.(func(*Env) any); ok {
			return fn(e)
		}
		return f.Default
	}
	return emptyRaw(f)
}

// render turns a raw value into what Odoo sends: false for empty, [id, name] for a
// many2one (bare id when load is "none"), floats as Float.
func (e *Env) render(f *fieldDef, raw any, loadNames bool) any {
	switch f.Type {
	case "many2one":
		id, _ := raw.(int64)
		if id == 0 {
			return false
		}
		// A deleted target reads as empty, as Odoo's ondelete='set null' would leave it.
		if rel := e.s.models[f.Relation]; rel != nil && rel.table.pos(id) < 0 {
			return false
		}
		if !loadNames {
			return id
		}
		return []any{id, e.nameOf(f.Relation, id)}
	case "float", "monetary":
		x, _ := raw.(float64)
		return Float(x)
	case "one2many", "many2many":
		if ids, ok := raw.([]int64); ok && ids != nil {
			return ids
		}
		return []int64{}
	case "integer", "many2one_reference":
		x, _ := raw.(int64)
		return x
	case "boolean":
		b, _ := raw.(bool)
		return b
	}
	if raw == nil {
		return false
	}
	return raw
}

// nameOf is the display name of model/id, "" when the model is not simulated.
func (e *Env) nameOf(modelName string, id int64) string {
	m := e.s.models[modelName]
	if m == nil {
		return ""
	}
	p := m.table.pos(id)
	if p < 0 {
		return recordsRepr(modelName, []int64{id})
	}
	return e.displayName(m, p)
}

// resolveFields checks requested field names, returning definitions in request order
// (all fields in model order when none are asked for).
func (e *Env) resolveFields(m *model, names []string) ([]*fieldDef, error) {
	if len(names) == 0 {
		return m.fields, nil
	}
	out := make([]*fieldDef, 0, len(names))
	for _, n := range names {
		f := m.field(n)
		if f == nil {
			if e.s.version >= 19 {
				return nil, valueError("Invalid field '%s' on '%s'", n, m.name)
			}
			return nil, valueError("Invalid field '%s' on model '%s'", n, m.name)
		}
		out = append(out, f)
	}
	return out, nil
}

// readRecords reads ids (dropping those that do not exist) into Odoo-shaped records with
// id first.
func (e *Env) readRecords(modelName string, ids []int64, fields []string, loadNames bool) ([]*record, error) {
	m, err := e.s.model(modelName)
	if err != nil {
		return nil, err
	}
	defs, err := e.resolveFields(m, fields)
	if err != nil {
		return nil, err
	}
	// Odoo drops a missing record only when reading one of its fields fails: asked for
	// nothing but "id", it echoes every id, deleted or not (checked on 18 and 19).
	echo := len(defs) > 0 && !slices.ContainsFunc(defs, func(f *fieldDef) bool { return f.Name != "id" })
	out := make([]*record, 0, len(ids))
	for _, id := range ids {
		pos := m.table.pos(id)
		if pos < 0 {
			if echo {
				r := &record{}
				r.add("id", id)
				out = append(out, r)
			}
			continue
		}
		r := &record{keys: make([]string, 0, len(defs)+1), vals: make([]any, 0, len(defs)+1)}
		r.add("id", id)
		for _, f := range defs {
			if f.Name == "id" {
				continue
			}
			r.add(f.Name, e.render(f, e.rawValue(m, pos, f), loadNames))
		}
		out = append(out, r)
	}
	return out, nil
}
