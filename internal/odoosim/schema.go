package odoosim

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
)

//go:generate go run ./internal/schemagen -src ../../../shared/odoo-reference -out schema

//go:embed schema
var schemaFS embed.FS

// Field is one field definition, as fields_get reports it.
// RelationField (one2many inverse) and Default (value of a record that never set the field)
// are additions of the simulator; Default may be a func(*Env) any for dynamic defaults.
type Field struct {
	Type, String, Relation    string
	Required, Readonly, Store bool
	Selection                 [][2]string
	RelationField             string
	Default                   any
}

// fieldDef is a Field bound to its model: its name and its column index.
type fieldDef struct {
	Field
	Name string
	idx  int
	// compute is the Server.Compute function of a non-stored field, bound here so that
	// reading a value in a domain scan costs no lookup by model and field name.
	compute computeFunc
}

// model is a model's schema plus its table. Fields only grow (DefineModel), never shrink,
// so a column index stays valid for the life of the server.
type model struct {
	name   string
	fields []*fieldDef
	byName map[string]*fieldDef
	table  *table
	// order is the model's _order, used when a search gives none.
	order string
	// recName is the field behind display_name and name_search (_rec_name).
	recName string
}

func newModel(name string) *model {
	return &model{name: name, byName: map[string]*fieldDef{}, table: newTable(), order: "id", recName: "name"}
}

func (m *model) field(name string) *fieldDef { return m.byName[name] }

// define adds or replaces a field, keeping an existing field's index and position.
func (m *model) define(name string, f Field) *fieldDef {
	if old, ok := m.byName[name]; ok {
		old.Field = f
		return old
	}
	fd := &fieldDef{Field: f, Name: name, idx: len(m.fields)}
	m.fields = append(m.fields, fd)
	m.byName[name] = fd
	return fd
}

// remove drops a field. Only valid while the table is empty (schema building): column
// indexes are renumbered.
func (m *model) remove(name string) {
	if m.byName[name] == nil {
		return
	}
	delete(m.byName, name)
	m.fields = slices.DeleteFunc(m.fields, func(f *fieldDef) bool { return f.Name == name })
	for i, f := range m.fields {
		f.idx = i
	}
}

type schemaField struct {
	Name          string      `json:"name"`
	Type          string      `json:"type"`
	String        string      `json:"string"`
	Relation      string      `json:"relation"`
	RelationField string      `json:"relation_field"`
	Required      bool        `json:"required"`
	Readonly      bool        `json:"readonly"`
	Store         bool        `json:"store"`
	Selection     [][2]string `json:"selection"`
}

// loadSchema reads the embedded captures of major (18 or 19) into models.
func loadSchema(major int, models map[string]*model) error {
	dir := fmt.Sprintf("schema/%d", major)
	entries, err := schemaFS.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read embedded schema %s: %w", dir, err)
	}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".json")
		raw, err := schemaFS.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return fmt.Errorf("read schema of %s: %w", name, err)
		}
		var fields []schemaField
		if err := json.Unmarshal(raw, &fields); err != nil {
			return fmt.Errorf("decode schema of %s: %w", name, err)
		}
		m := models[name]
		if m == nil {
			m = newModel(name)
			models[name] = m
		}
		for _, f := range fields {
			m.define(f.Name, Field{Type: f.Type, String: f.String, Relation: f.Relation,
				RelationField: f.RelationField, Required: f.Required, Readonly: f.Readonly,
				Store: f.Store, Selection: f.Selection})
		}
	}
	return nil
}

// ensureBaseFields gives every model the magic fields Odoo adds to all models.
func ensureBaseFields(m *model) {
	base := []struct {
		name string
		f    Field
	}{
		{"id", Field{Type: "integer", String: "ID", Readonly: true, Store: true}},
		{"display_name", Field{Type: "char", String: "Display Name", Readonly: true}},
		{"create_uid", Field{Type: "many2one", String: "Created by", Relation: "res.users", Readonly: true, Store: true}},
		{"create_date", Field{Type: "datetime", String: "Created on", Readonly: true, Store: true}},
		{"write_uid", Field{Type: "many2one", String: "Last Updated by", Relation: "res.users", Readonly: true, Store: true}},
		{"write_date", Field{Type: "datetime", String: "Last Updated on", Readonly: true, Store: true}},
	}
	for _, b := range base {
		if m.byName[b.name] == nil {
			m.define(b.name, b.f)
		}
	}
}

// selectionHas reports whether key is one of the field's selection keys.
func (f *fieldDef) selectionHas(key string) bool {
	return slices.ContainsFunc(f.Selection, func(p [2]string) bool { return p[0] == key })
}

func (f *fieldDef) relational() bool {
	return f.Type == "many2one" || f.Type == "one2many" || f.Type == "many2many"
}

func (f *fieldDef) x2many() bool { return f.Type == "one2many" || f.Type == "many2many" }
