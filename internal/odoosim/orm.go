package odoosim

import (
	"slices"
	"strings"
)

// ormMethod is one public ORM method: its Python signature, whether it only reads (it
// then shares the server lock), and its implementation on bound arguments.
type ormMethod struct {
	sig      signature
	readOnly bool
	run      func(e *Env, m *model, ids []int64, a map[string]any) (any, error)
}

func sigOf(name string, record bool, required int, params ...string) signature {
	return signature{owner: "BaseModel", name: name, record: record, params: params, required: required}
}

// ormMethods returns the ORM table for a version (name_search and formatted_read_group
// differ between 18 and 19).
func ormMethods(version int) map[string]ormMethod {
	nameSearchDomain := "args"
	if version >= 19 {
		nameSearchDomain = "domain"
	}
	searchRead := sigOf("search_read", false, 0, "domain", "fields", "offset", "limit", "order")
	searchRead.varKW = "_read_format"
	t := map[string]ormMethod{
		"search":           {sigOf("search", false, 1, "domain", "offset", "limit", "order"), true, rpcSearch},
		"search_count":     {sigOf("search_count", false, 1, "domain", "limit"), true, rpcSearchCount},
		"search_read":      {searchRead, true, rpcSearchRead},
		"read":             {sigOf("read", true, 0, "fields", "load"), true, rpcRead},
		"fields_get":       {sigOf("fields_get", false, 0, "allfields", "attributes"), true, rpcFieldsGet},
		"create":           {sigOf("create", false, 1, "vals_list"), false, rpcCreate},
		"write":            {sigOf("write", true, 1, "vals"), false, rpcWrite},
		"unlink":           {sigOf("unlink", true, 0), false, rpcUnlink},
		"exists":           {sigOf("exists", true, 0), true, rpcExists},
		"name_search":      {sigOf("name_search", false, 0, "name", nameSearchDomain, "operator", "limit"), true, rpcNameSearch},
		"read_group":       {sigOf("read_group", false, 3, "domain", "fields", "groupby", "offset", "limit", "orderby", "lazy"), true, rpcReadGroup},
		"action_archive":   {sigOf("action_archive", true, 0), false, rpcSetActive(false)},
		"action_unarchive": {sigOf("action_unarchive", true, 0), false, rpcSetActive(true)},
		"default_get":      {sigOf("default_get", false, 1, "fields_list"), true, rpcDefaultGet},
		// The simulator has no model access rules: every user may do everything, and
		// says so. Callers use it to skip what a real Odoo user may not do.
		"check_access_rights": {sigOf("check_access_rights", false, 1, "operation", "raise_exception"), true, rpcCheckAccessRights},
	}
	if version >= 19 {
		t["formatted_read_group"] = ormMethod{sigOf("formatted_read_group", false, 1, "domain", "groupby", "aggregates", "having", "offset", "limit", "order"), true, rpcFormattedReadGroup}
	}
	return t
}

func rpcSearch(e *Env, m *model, _ []int64, a map[string]any) (any, error) {
	domain, err := argList(a, "domain")
	if err != nil {
		return nil, err
	}
	offset, err := argInt(a, "offset", 0)
	if err != nil {
		return nil, err
	}
	limit, err := argInt(a, "limit", 0)
	if err != nil {
		return nil, err
	}
	order, err := argString(a, "order", "")
	if err != nil {
		return nil, err
	}
	ids, err := e.search(m.name, domain, order, offset, limit)
	if ids == nil {
		ids = []int64{}
	}
	return ids, err
}

func rpcSearchCount(e *Env, m *model, _ []int64, a map[string]any) (any, error) {
	domain, err := argList(a, "domain")
	if err != nil {
		return nil, err
	}
	limit, err := argInt(a, "limit", 0)
	if err != nil {
		return nil, err
	}
	pos, err := e.matchPositions(m, domain, false)
	if limit > 0 && len(pos) > limit {
		return int64(limit), err
	}
	return int64(len(pos)), err
}

func loadNames(a map[string]any) bool {
	v, ok := a["load"]
	return !ok || (v != nil && v != false && v != "")
}

func rpcSearchRead(e *Env, m *model, _ []int64, a map[string]any) (any, error) {
	if extra, ok := a["**"].(map[string]any); ok {
		for k, v := range extra {
			if k != "load" {
				return nil, typeError("BaseModel._read_format() got an unexpected keyword argument '%s'", k)
			}
			a["load"] = v
		}
	}
	fields, err := argStrings(a, "fields")
	if err != nil {
		return nil, err
	}
	if _, err := e.resolveFields(m, fields); err != nil {
		return nil, err
	}
	ids, err := rpcSearch(e, m, nil, a)
	if err != nil {
		return nil, err
	}
	recs, err := e.readRecords(m.name, ids.([]int64), fields, loadNames(a))
	return recs, err
}

func rpcRead(e *Env, m *model, ids []int64, a map[string]any) (any, error) {
	fields, err := argStrings(a, "fields")
	if err != nil {
		return nil, err
	}
	return e.readRecords(m.name, ids, fields, loadNames(a))
}

func rpcCreate(e *Env, m *model, _ []int64, a map[string]any) (any, error) {
	switch v := a["vals_list"].(type) {
	case map[string]any:
		return e.create(m.name, v)
	case []any:
		ids := make([]int64, 0, len(v))
		for i, item := range v {
			vals, ok := item.(map[string]any)
			if !ok {
				return nil, typeError("create() item %d must be a dict of values, got %s", i, pyRepr(item))
			}
			id, err := e.create(m.name, vals)
			if err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, nil
	}
	return nil, typeError("create() needs a dict of values or a list of dicts, got %s", pyRepr(a["vals_list"]))
}

func rpcWrite(e *Env, m *model, ids []int64, a map[string]any) (any, error) {
	vals, ok := a["vals"].(map[string]any)
	if !ok {
		return nil, typeError("write() needs a dict of values, got %s", pyRepr(a["vals"]))
	}
	return true, e.writeRecords(m.name, ids, vals)
}

func rpcUnlink(e *Env, m *model, ids []int64, _ map[string]any) (any, error) {
	return true, e.unlink(m.name, ids)
}

func rpcExists(e *Env, m *model, ids []int64, _ map[string]any) (any, error) {
	out := []int64{}
	for _, id := range ids {
		if m.table.pos(id) >= 0 {
			out = append(out, id)
		}
	}
	return out, nil
}

// rpcSetActive is action_archive / action_unarchive, which return None in Odoo.
func rpcSetActive(active bool) func(*Env, *model, []int64, map[string]any) (any, error) {
	return func(e *Env, m *model, ids []int64, _ map[string]any) (any, error) {
		if m.field("active") == nil {
			return nil, attributeError("'%s' object has no attribute 'active'", m.name)
		}
		return nil, e.writeRecords(m.name, ids, map[string]any{"active": active})
	}
}

func rpcCheckAccessRights(_ *Env, _ *model, _ []int64, a map[string]any) (any, error) {
	switch op, _ := a["operation"].(string); op {
	case "read", "write", "create", "unlink":
		return true, nil
	default:
		return nil, valueError("Invalid access mode %q", op)
	}
}

func rpcDefaultGet(e *Env, m *model, _ []int64, a map[string]any) (any, error) {
	names, err := argStrings(a, "fields_list")
	if err != nil {
		return nil, err
	}
	out := &record{}
	for _, n := range names {
		f := m.field(n)
		if f == nil || f.Default == nil {
			continue
		}
		v := f.Default
		if fn, ok := v.(func(*Env) any); ok {
			v = fn(e)
		}
		out.add(n, e.render(f, v, false))
	}
	return out, nil
}

func rpcNameSearch(e *Env, m *model, _ []int64, a map[string]any) (any, error) {
	name, err := argString(a, "name", "")
	if err != nil {
		return nil, err
	}
	key := "args"
	if e.s.version >= 19 {
		key = "domain"
	}
	domain, err := argList(a, key)
	if err != nil {
		return nil, err
	}
	op, err := argString(a, "operator", "ilike")
	if err != nil {
		return nil, err
	}
	limit, err := argInt(a, "limit", 100)
	if err != nil {
		return nil, err
	}
	positions, err := e.matchPositions(m, domain, false)
	if err != nil {
		return nil, err
	}
	// Filter by name before sorting: on a million partners the sort is the expensive part.
	if name != "" || (op != "ilike" && op != "like") {
		match := nameOperator(op, name)
		positions = slices.DeleteFunc(positions, func(p int) bool { return !match(e.displayName(m, p)) })
	}
	if err := e.sortPositions(m, positions, m.order); err != nil {
		return nil, err
	}
	if limit > 0 && len(positions) > limit {
		positions = positions[:limit]
	}
	out := make([]any, 0, len(positions))
	for _, p := range positions {
		out = append(out, []any{m.table.ids[p], e.displayName(m, p)})
	}
	return out, nil
}

func nameOperator(op, name string) func(string) bool {
	switch op {
	case "=", "!=":
		return func(s string) bool { return (s == name) == (op == "=") }
	case "not ilike", "not like":
		pos := likeMatcher(strings.TrimPrefix(op, "not "), name)
		return func(s string) bool { return !pos(s) }
	}
	return likeMatcher(op, name)
}
