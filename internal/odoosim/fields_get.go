package odoosim

// rpcFieldsGet answers fields_get, emitting attributes only where they apply, like Odoo.
func rpcFieldsGet(e *Env, m *model, _ []int64, a map[string]any) (any, error) {
	all, err := argStrings(a, "allfields")
	if err != nil {
		return nil, err
	}
	attrs, err := argStrings(a, "attributes")
	if err != nil {
		return nil, err
	}
	want := func(k string) bool { return len(attrs) == 0 || containsStr(attrs, k) }
	out := &record{}
	for _, f := range m.fields {
		if len(all) > 0 && !containsStr(all, f.Name) {
			continue
		}
		d := &record{}
		add := func(k string, v any, applies bool) {
			if applies && want(k) {
				d.add(k, v)
			}
		}
		add("readonly", f.Readonly, true)
		add("relation", f.Relation, f.Relation != "")
		add("relation_field", f.RelationField, f.RelationField != "")
		add("required", f.Required, true)
		add("selection", selectionPairs(f.Selection), f.Type == "selection")
		add("store", f.Store, true)
		add("string", f.String, true)
		add("type", f.Type, true)
		out.add(f.Name, d)
	}
	return out, nil
}

func selectionPairs(sel [][2]string) []any {
	out := make([]any, len(sel))
	for i, p := range sel {
		out[i] = []any{p[0], p[1]}
	}
	return out
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
