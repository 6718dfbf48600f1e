package odoosim

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// groupSpec is one groupby term: a field and, for dates, a granularity.
type groupSpec struct {
	key  string // as requested: "invoice_date:month"
	f    *fieldDef
	gran string
}

// groupValue is a record's value for one groupSpec.
type groupValue struct {
	sortKey  any    // what groups sort by (name for many2one, bucket start for dates)
	ident    string // identity of the bucket
	rendered any    // read_group value
	pair     any    // formatted_read_group value
	domain   []any  // leaves selecting this bucket
	from, to string // date range, "" when not a date bucket
}

type group struct {
	values []groupValue
	rows   []int
}

func (e *Env) parseGroupby(m *model, specs []string) ([]groupSpec, error) {
	out := make([]groupSpec, 0, len(specs))
	for _, s := range specs {
		name, gran, _ := strings.Cut(s, ":")
		f := m.field(name)
		if f == nil {
			return nil, valueError("Invalid field %s on model %s", pyRepr(name), pyRepr(m.name))
		}
		if (f.Type == "date" || f.Type == "datetime") && gran == "" {
			gran = "month"
		}
		if f.x2many() {
			return nil, valueError("Grouping by x2many field %s.%s is not simulated", m.name, name)
		}
		out = append(out, groupSpec{key: s, f: f, gran: gran})
	}
	return out, nil
}

// groupRows buckets positions by the specs, groups in first-seen order.
func (e *Env) groupRows(m *model, positions []int, specs []groupSpec) []*group {
	byKey := map[string]*group{}
	var groups []*group
	for _, p := range positions {
		vals := make([]groupValue, len(specs))
		idents := make([]string, len(specs))
		for i, sp := range specs {
			vals[i] = e.groupValueOf(m, p, sp)
			idents[i] = vals[i].ident
		}
		k := strings.Join(idents, "\x00")
		g := byKey[k]
		if g == nil {
			g = &group{values: vals}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.rows = append(g.rows, p)
	}
	return groups
}

func (e *Env) groupValueOf(m *model, pos int, sp groupSpec) groupValue {
	raw := e.rawValue(m, pos, sp.f)
	f := sp.f
	switch f.Type {
	case "many2one":
		id, _ := raw.(int64)
		if id == 0 {
			return groupValue{ident: "0", rendered: false, pair: false, domain: []any{[]any{f.Name, "=", false}}}
		}
		name := e.nameOf(f.Relation, id)
		return groupValue{sortKey: name, ident: fmt.Sprint(id), rendered: []any{id, name}, pair: []any{id, name},
			domain: []any{[]any{f.Name, "=", id}}}
	case "date", "datetime":
		s, ok := raw.(string)
		if !ok {
			return groupValue{ident: "", rendered: false, pair: false, domain: []any{[]any{f.Name, "=", false}}}
		}
		from, to, label := dateBucket(s, sp.gran)
		lo, hi := from, to
		if f.Type == "datetime" {
			lo, hi = from+" 00:00:00", to+" 00:00:00"
		}
		return groupValue{sortKey: from, ident: from, rendered: label, pair: []any{from, label},
			domain: []any{[]any{f.Name, ">=", lo}, []any{f.Name, "<", hi}}, from: from, to: to}
	}
	r := e.render(f, raw, true)
	var sk any = raw
	if b, ok := raw.(bool); ok {
		sk = boolInt(b)
	}
	return groupValue{sortKey: sk, ident: fmt.Sprint(raw), rendered: r, pair: r, domain: []any{[]any{f.Name, "=", r}}}
}

// dateBucket returns the bucket [from, to) of a date and Odoo's label for it.
func dateBucket(s, gran string) (string, string, string) {
	t, err := time.Parse(dateLayout, s[:min(10, len(s))])
	if err != nil {
		return s, s, s
	}
	var from, to time.Time
	label := ""
	switch gran {
	case "day":
		from, to = t, t.AddDate(0, 0, 1)
		label = from.Format("02 Jan 2006")
	case "week":
		from = t.AddDate(0, 0, -int((t.Weekday()+6)%7))
		to = from.AddDate(0, 0, 7)
		y, w := from.ISOWeek()
		label = fmt.Sprintf("W%d %d", w, y)
	case "quarter":
		q := (int(t.Month()) - 1) / 3
		from = time.Date(t.Year(), time.Month(q*3+1), 1, 0, 0, 0, 0, time.UTC)
		to = from.AddDate(0, 3, 0)
		label = fmt.Sprintf("Q%d %d", q+1, t.Year())
	case "year":
		from = time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		to = from.AddDate(1, 0, 0)
		label = fmt.Sprint(t.Year())
	default:
		from = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		to = from.AddDate(0, 1, 0)
		label = from.Format("January 2006")
	}
	return from.Format(dateLayout), to.Format(dateLayout), label
}

// aggSpec is one aggregate: output key, field, function.
type aggSpec struct {
	key string
	f   *fieldDef
	fn  string
}

func (e *Env) aggregate(m *model, rows []int, a aggSpec) any {
	if a.fn == "count" {
		return int64(len(rows))
	}
	if a.fn == "count_distinct" {
		seen := map[string]bool{}
		for _, p := range rows {
			seen[fmt.Sprint(e.rawValue(m, p, a.f))] = true
		}
		return int64(len(seen))
	}
	isInt := a.f.Type == "integer"
	var acc float64
	for i, p := range rows {
		x, _ := asFloat(e.rawValue(m, p, a.f))
		switch {
		case a.fn == "min" && (i == 0 || x < acc), a.fn == "max" && (i == 0 || x > acc):
			acc = x
		case a.fn == "sum" || a.fn == "avg":
			acc += x
		}
	}
	if a.fn == "avg" {
		if len(rows) == 0 {
			return false
		}
		return Float(acc / float64(len(rows)))
	}
	if isInt {
		return int64(acc)
	}
	return Float(roundMoney(acc))
}

// roundMoney removes float noise from sums of amounts (Odoo sums in SQL numerics).
func roundMoney(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// sortGroups orders groups by an orderby string or, by default, by their groupby values.
func (e *Env) sortGroups(groups []*group, specs []groupSpec, order string, aggOf func(*group, string) any) error {
	type term struct {
		idx  int
		agg  string
		desc bool
	}
	var terms []term
	for _, part := range strings.Split(order, ",") {
		w := strings.Fields(part)
		if len(w) == 0 {
			continue
		}
		t := term{idx: -1, desc: len(w) > 1 && strings.EqualFold(w[1], "desc")}
		for i, sp := range specs {
			if sp.key == w[0] || sp.f.Name == w[0] {
				t.idx = i
			}
		}
		if t.idx < 0 {
			t.agg = w[0]
		}
		terms = append(terms, t)
	}
	if len(terms) == 0 {
		for i := range specs {
			terms = append(terms, term{idx: i})
		}
	}
	slices.SortStableFunc(groups, func(a, b *group) int {
		for _, t := range terms {
			var c int
			if t.idx >= 0 {
				c = compareKeys(a.values[t.idx].sortKey, b.values[t.idx].sortKey)
			} else {
				x, _ := asFloat(plain(aggOf(a, t.agg)))
				y, _ := asFloat(plain(aggOf(b, t.agg)))
				c = cmp.Compare(x, y)
			}
			if t.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	return nil
}

// andDomains combines domains with explicit '&' as Odoo's expression.AND does.
func andDomains(parts ...[]any) []any {
	var terms [][]any
	for _, p := range parts {
		if len(p) > 0 {
			terms = append(terms, normalizeDomain(p))
		}
	}
	var out []any
	for i := 1; i < len(terms); i++ {
		out = append(out, "&")
	}
	for _, t := range terms {
		out = append(out, t...)
	}
	return out
}

// normalizeDomain makes implicit ANDs explicit.
func normalizeDomain(d []any) []any {
	expected := 1
	var out []any
	for _, item := range d {
		if expected == 0 {
			out = append([]any{"&"}, out...)
			expected = 1
		}
		if s, ok := item.(string); ok && (s == "&" || s == "|") {
			expected++
		} else if !ok || s != "!" {
			expected--
		}
		out = append(out, item)
	}
	return out
}
