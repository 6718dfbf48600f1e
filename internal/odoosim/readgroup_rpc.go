package odoosim

import "strings"

// parseAggregates reads read_group "fields" / formatted_read_group "aggregates" entries:
// "amount:sum", "amount" (the field's default, sum for numbers), "alias:sum(amount)",
// "__count". Non-numeric fields without an explicit function are skipped like Odoo does.
func (e *Env) parseAggregates(m *model, items []string, keyed bool) ([]aggSpec, error) {
	var out []aggSpec
	for _, it := range items {
		if it == "__count" {
			out = append(out, aggSpec{key: it, fn: "count"})
			continue
		}
		name, fn, hasFn := strings.Cut(it, ":")
		key := name
		if hasFn {
			if i := strings.IndexByte(fn, '('); i > 0 && strings.HasSuffix(fn, ")") {
				fn, name = fn[:i], fn[i+1:len(fn)-1]
			}
		}
		if keyed {
			key = it
		}
		f := m.field(name)
		if f == nil {
			return nil, valueError("Invalid field %s on model %s", pyRepr(name), pyRepr(m.name))
		}
		numeric := f.Type == "integer" || f.Type == "float" || f.Type == "monetary"
		if !hasFn {
			if !numeric || name == "id" {
				continue
			}
			fn = "sum"
		}
		switch fn {
		case "sum", "avg", "min", "max", "count", "count_distinct":
		default:
			return nil, valueError("Invalid aggregation function %s.", pyRepr(fn))
		}
		if !numeric && fn != "count" && fn != "count_distinct" {
			return nil, valueError("Field %s.%s cannot be aggregated with %s", m.name, name, fn)
		}
		out = append(out, aggSpec{key: key, f: f, fn: fn})
	}
	return out, nil
}

func rpcReadGroup(e *Env, m *model, _ []int64, a map[string]any) (any, error) {
	domain, err := argList(a, "domain")
	if err != nil {
		return nil, err
	}
	fields, err := argStrings(a, "fields")
	if err != nil {
		return nil, err
	}
	groupby, err := argStrings(a, "groupby")
	if err != nil {
		return nil, err
	}
	lazy := true
	if v, ok := a["lazy"]; ok {
		lazy = truthy(v)
	}
	rest := []string{}
	if lazy && len(groupby) > 1 {
		rest, groupby = groupby[1:], groupby[:1]
	}
	order, _ := argString(a, "orderby", "")
	specs, aggs, groups, err := e.groupQuery(m, domain, groupby, fields, false, order, a)
	if err != nil {
		return nil, err
	}
	out := make([]*record, 0, len(groups))
	for _, g := range groups {
		r := &record{}
		ranges := &record{}
		for i, sp := range specs {
			v := g.values[i]
			r.add(sp.key, v.rendered)
			if v.from != "" {
				ranges.add(sp.key, &record{keys: []string{"from", "to"}, vals: []any{v.from, v.to}})
			}
		}
		if lazy && len(specs) > 0 {
			r.add(specs[0].f.Name+"_count", int64(len(g.rows)))
		} else {
			r.add("__count", int64(len(g.rows)))
		}
		for _, ag := range aggs {
			r.add(ag.key, e.aggregate(m, g.rows, ag))
		}
		parts := append([][]any{domain}, groupLeaves(g)...)
		if e.s.version >= 19 {
			r.add("__domain", flatAnd(parts...))
		} else {
			r.add("__domain", andDomains(parts...))
		}
		if len(rest) > 0 {
			r.add("__context", &record{keys: []string{"group_by"}, vals: []any{rest}})
		}
		if len(ranges.keys) > 0 {
			r.add("__range", ranges)
		}
		out = append(out, r)
	}
	return out, nil
}

// groupQuery is what read_group and formatted_read_group share: the domain's rows grouped
// by groupby, the aggregates parsed (keyed as written when keyed), the groups sorted by
// order and paged by the call's offset and limit.
func (e *Env) groupQuery(m *model, domain []any, groupby, aggItems []string, keyed bool, order string, a map[string]any) ([]groupSpec, []aggSpec, []*group, error) {
	specs, err := e.parseGroupby(m, groupby)
	if err != nil {
		return nil, nil, nil, err
	}
	aggs, err := e.parseAggregates(m, aggItems, keyed)
	if err != nil {
		return nil, nil, nil, err
	}
	positions, err := e.matchPositions(m, domain, false)
	if err != nil {
		return nil, nil, nil, err
	}
	groups := e.groupRows(m, positions, specs)
	aggOf := func(g *group, key string) any {
		for _, ag := range aggs {
			if ag.key == key {
				return e.aggregate(m, g.rows, ag)
			}
		}
		return int64(len(g.rows))
	}
	if err := e.sortGroups(groups, specs, order, aggOf); err != nil {
		return nil, nil, nil, err
	}
	groups, err = pageGroups(groups, a)
	return specs, aggs, groups, err
}

func groupLeaves(g *group) [][]any {
	var out [][]any
	for _, v := range g.values {
		out = append(out, v.domain)
	}
	return out
}

func pageGroups(groups []*group, a map[string]any) ([]*group, error) {
	offset, err := argInt(a, "offset", 0)
	if err != nil {
		return nil, err
	}
	limit, err := argInt(a, "limit", 0)
	if err != nil {
		return nil, err
	}
	groups = groups[min(offset, len(groups)):]
	if limit > 0 && len(groups) > limit {
		groups = groups[:limit]
	}
	return groups, nil
}

// rpcFormattedReadGroup is Odoo 19's formatted_read_group: all groupbys at once, values
// as [id, name] / [date, label] pairs, aggregates keyed as requested, __extra_domain.
func rpcFormattedReadGroup(e *Env, m *model, _ []int64, a map[string]any) (any, error) {
	domain, err := argList(a, "domain")
	if err != nil {
		return nil, err
	}
	groupby, err := argStrings(a, "groupby")
	if err != nil {
		return nil, err
	}
	aggItems, err := argStrings(a, "aggregates")
	if err != nil {
		return nil, err
	}
	if having, _ := argList(a, "having"); len(having) > 0 {
		return nil, valueError("formatted_read_group(having=...) is not simulated: filter the groups client-side")
	}
	order, _ := argString(a, "order", "")
	specs, aggs, groups, err := e.groupQuery(m, domain, groupby, aggItems, true, order, a)
	if err != nil {
		return nil, err
	}
	out := make([]*record, 0, len(groups))
	for _, g := range groups {
		r := &record{}
		for i, sp := range specs {
			r.add(sp.key, g.values[i].pair)
		}
		r.add("__extra_domain", flatAnd(groupLeaves(g)...))
		for _, ag := range aggs {
			r.add(ag.key, e.aggregate(m, g.rows, ag))
		}
		out = append(out, r)
	}
	return out, nil
}

// flatAnd is Odoo 19's normal form of a conjunction: all '&' first, then the terms, when
// every part is itself a plain conjunction (otherwise it nests like andDomains).
func flatAnd(parts ...[]any) []any {
	var leaves []any
	for _, p := range parts {
		for _, item := range normalizeDomain(p) {
			if s, ok := item.(string); ok {
				if s != "&" {
					return andDomains(parts...)
				}
				continue
			}
			leaves = append(leaves, item)
		}
	}
	var out []any
	for i := 1; i < len(leaves); i++ {
		out = append(out, "&")
	}
	return append(out, leaves...)
}
