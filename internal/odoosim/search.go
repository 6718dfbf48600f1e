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
	order = cmp.Or(order, m.order)
	scan := scanPlan{inactive: slices.Contains(opts, withInactive)}
	if desc, byID := idOrder(order); byID && limit > 0 {
		// Rows are stored in id order: a page ordered by id can stop at its last row.
		scan.reverse, scan.stopAfter = desc, offset+limit
	}
	positions, err := e.scanPositions(m, domain, scan)
	if err != nil {
		return nil, err
	}
	if scan.stopAfter == 0 {
		if err := e.sortPositions(m, positions, order); err != nil {
			return nil, err
		}
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
	return e.scanPositions(m, domain, scanPlan{inactive: inactive})
}

// scanPlan tunes a scan: archived rows included, id order reversed, stop after n matches.
type scanPlan struct {
	inactive  bool
	reverse   bool
	stopAfter int
}

// idOrder reports whether order is by id alone, and whether descending.
func idOrder(order string) (desc, ok bool) {
	w := strings.Fields(order)
	switch {
	case len(w) == 1 && w[0] == "id", len(w) == 2 && w[0] == "id" && strings.EqualFold(w[1], "asc"):
		return false, true
	case len(w) == 2 && w[0] == "id" && strings.EqualFold(w[1], "desc"):
		return true, true
	}
	return false, false
}

func (e *Env) scanPositions(m *model, domain []any, plan scanPlan) ([]int, error) {
	inactive := plan.inactive
	match, err := e.compileDomain(m, domain)
	if err != nil {
		return nil, err
	}
	active := m.field("active")
	hideArchived := active != nil && !inactive && e.activeTest() && !mentionsField(domain, "active")
	var out []int
	visit := func(pos int) bool {
		if hideArchived {
			if on, _ := e.rawValue(m, pos, active).(bool); !on {
				return true
			}
		}
		if match(pos) {
			out = append(out, pos)
		}
		return plan.stopAfter == 0 || len(out) < plan.stopAfter
	}
	floor := idFloor(domain)
	if ids, ok := e.constrainedIDs(m, domain, floor); ok {
		// A conjunction that pins ids (automations, "id in [...]" reads, the lines of
		// one move) only needs those rows, not a scan of a million-row table. The ids
		// are sorted, so a page stops as soon as it has its rows.
		if plan.reverse {
			slices.Reverse(ids)
		}
		for _, id := range ids {
			if p := m.table.pos(id); p >= 0 && !visit(p) {
				break
			}
		}
		return out, nil
	}
	if plan.reverse {
		m.table.livePositionsReverse(visit)
	} else {
		m.table.livePositionsFrom(m.table.firstAtLeast(floor), visit)
	}
	return out, nil
}

// idFloor finds the lowest id a domain allows through a conjunct ("id", ">" | ">=", n),
// as key-set paging sends ("id" > last id read): the scan starts there, as PostgreSQL's
// primary-key index would, instead of re-reading every earlier row on every page. A
// conjunct is the domain's first term, or any term of a domain with no "|" or "!".
// It returns the smallest id that may match (1 when nothing bounds it).
func idFloor(domain []any) int64 {
	andOnly := true
	for _, item := range domain {
		if op, isOp := item.(string); isOp && op != "&" {
			andOnly = false
		}
	}
	floor := int64(1)
	for i, item := range domain {
		leaf, isLeaf := item.([]any)
		if !isLeaf || len(leaf) != 3 || leaf[0] != "id" || (!andOnly && i > 0) {
			continue
		}
		n, err := toID(leaf[2])
		if err != nil {
			continue
		}
		switch leaf[1] {
		case ">":
			floor = max(floor, n+1)
		case ">=":
			floor = max(floor, n)
		}
	}
	return floor
}

// idConstraint finds an ("id", "=" | "in", ...) term in a domain made only of ANDed terms.
func idConstraint(domain []any) ([]int64, bool) {
	var found []int64
	ok := false
	for _, item := range domain {
		switch x := item.(type) {
		case string:
			if x != "&" {
				return nil, false
			}
		case []any:
			if len(x) != 3 || x[0] != "id" || ok {
				continue
			}
			switch x[1] {
			case "=":
				if id, err := toID(x[2]); err == nil && id != 0 {
					found, ok = []int64{id}, true
				}
			case "in":
				if list, isList := x[2].([]any); isList {
					if ids, err := anyIDs(list); err == nil {
						found, ok = ids, true
					}
				}
			}
		}
	}
	return found, ok
}

// constrainedIDs returns, sorted, the only ids (from floor up) that can match a domain
// whose conjuncts pin them: an ("id", "=" | "in", ...) term, or the most selective
// (many2one, "=" | "in", ids) term, read from the field's inverse index. It declines
// (false) when nothing pins the ids or when the pinned rows are most of the table
// (company_id on a one-company database): a scan from floor is then cheaper.
func (e *Env) constrainedIDs(m *model, domain []any, floor int64) ([]int64, bool) {
	if ids, ok := idConstraint(domain); ok {
		ids = slices.Clone(ids)
		slices.Sort(ids)
		ids = slices.Compact(ids)
		return ids[firstAtLeast(ids, floor):], true
	}
	lists, ok := e.parentConstraint(m, domain)
	if !ok {
		return nil, false
	}
	n := 0
	for i, kids := range lists {
		lists[i] = kids[firstAtLeast(kids, floor):]
		n += len(lists[i])
	}
	if n > m.table.live/2 {
		return nil, false // counted before copying: a key-set page must not copy the table
	}
	ids := make([]int64, 0, n)
	for _, kids := range lists {
		ids = append(ids, kids...)
	}
	if len(lists) > 1 {
		slices.Sort(ids)
		ids = slices.Compact(ids)
	}
	return ids, true
}

// firstAtLeast is the index of the first id >= floor in sorted ids.
func firstAtLeast(ids []int64, floor int64) int {
	i, _ := slices.BinarySearch(ids, floor)
	return i
}

// parentConstraint finds the (many2one, "=" | "in", ids) terms of an AND-only domain
// and returns, for the one pinning the fewest records, the sorted child-id lists of its
// parents from the field's inverse index: the lines of one move or the invoices of one
// partner without scanning millions of rows. The index is built on first use and
// maintained afterwards; the lists are the index's own and must not be modified.
func (e *Env) parentConstraint(m *model, domain []any) ([][]int64, bool) {
	for _, item := range domain {
		if op, isOp := item.(string); isOp && op != "&" {
			return nil, false
		}
	}
	var best [][]int64
	bestSize, found := 0, false
	for _, item := range domain {
		leaf, isLeaf := item.([]any)
		if !isLeaf || len(leaf) != 3 || (leaf[1] != "=" && leaf[1] != "in") {
			continue
		}
		name, _ := leaf[0].(string)
		f := m.field(name)
		if f == nil || f.Type != "many2one" || !f.Store || f.compute != nil {
			continue
		}
		var parents []int64
		if list, isList := leaf[2].([]any); isList {
			parents, _ = anyIDs(list)
		} else if id, err := toID(leaf[2]); err == nil && id != 0 {
			parents = []int64{id}
		}
		if len(parents) == 0 || slices.Contains(parents, 0) {
			continue // False (empty) and bad values take the general path
		}
		index := m.inverse(f)
		lists, size := make([][]int64, 0, len(parents)), 0
		for _, p := range parents {
			lists = append(lists, index[p])
			size += len(index[p])
		}
		if !found || size < bestSize {
			best, bestSize, found = lists, size, true
		}
	}
	return best, found
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
	type keyed struct {
		pos  int
		keys []any
	}
	rows := make([]keyed, len(positions))
	flat := make([]any, len(positions)*len(terms))
	for i, p := range positions {
		rows[i] = keyed{pos: p, keys: flat[i*len(terms) : (i+1)*len(terms)]}
		for j, t := range terms {
			rows[i].keys[j] = e.sortKey(m, p, t.f)
		}
	}
	slices.SortStableFunc(rows, func(a, b keyed) int {
		for j, t := range terms {
			c := compareKeys(a.keys[j], b.keys[j])
			if t.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return cmp.Compare(a.pos, b.pos)
	})
	for i, r := range rows {
		positions[i] = r.pos
	}
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
	if x, ok := a.(string); ok {
		if y, ok := b.(string); ok {
			return cmp.Compare(x, y)
		}
	}
	x, okA := asFloat(a)
	y, okB := asFloat(b)
	if okA && okB {
		return cmp.Compare(x, y)
	}
	return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b))
}
