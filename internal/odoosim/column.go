package odoosim

// column is one field's values for every row of a table. Values go in and out in the
// raw form documented on Env.Get (int64, float64, string or nil, []int64, bool); a column
// tracks which rows have been assigned so that unassigned rows read as the field's default.
type column interface {
	get(pos int) (any, bool)
	set(pos int, v any)
	unset(pos int)
	grow(n int)
}

func newColumn(fieldType string) column {
	switch fieldType {
	case "many2one", "integer", "many2one_reference":
		return &intColumn{}
	case "boolean":
		return &boolColumn{}
	case "float", "monetary":
		return &floatColumn{}
	case "char", "text", "html", "selection", "date", "datetime", "binary", "reference":
		return &stringColumn{}
	case "one2many", "many2many":
		return &listColumn{}
	default:
		return &anyColumn{}
	}
}

type intColumn struct {
	v       []int64
	present bitset
}

func (c *intColumn) get(i int) (any, bool) { return c.v[i], c.present.has(i) }
func (c *intColumn) set(i int, v any)      { c.v[i] = toInt64(v); c.present.set(i, true) }
func (c *intColumn) unset(i int)           { c.v[i] = 0; c.present.set(i, false) }
func (c *intColumn) grow(n int) {
	for len(c.v) < n {
		c.v = append(c.v, 0)
	}
}

type boolColumn struct{ v, present bitset }

func (c *boolColumn) get(i int) (any, bool) { return c.v.has(i), c.present.has(i) }
func (c *boolColumn) set(i int, v any)      { b, _ := v.(bool); c.v.set(i, b); c.present.set(i, true) }
func (c *boolColumn) unset(i int)           { c.v.set(i, false); c.present.set(i, false) }
func (c *boolColumn) grow(int)              {}

type floatColumn struct {
	v       []float64
	present bitset
}

func (c *floatColumn) get(i int) (any, bool) { return c.v[i], c.present.has(i) }
func (c *floatColumn) set(i int, v any)      { c.v[i] = toFloat64(v); c.present.set(i, true) }
func (c *floatColumn) unset(i int)           { c.v[i] = 0; c.present.set(i, false) }
func (c *floatColumn) grow(n int) {
	for len(c.v) < n {
		c.v = append(c.v, 0)
	}
}

// stringColumn keeps Odoo's false (nil) apart from "": both exist in real data.
type stringColumn struct {
	v             []string
	present, null bitset
}

func (c *stringColumn) get(i int) (any, bool) {
	if c.null.has(i) || !c.present.has(i) {
		return nil, c.present.has(i)
	}
	return c.v[i], true
}

func (c *stringColumn) set(i int, v any) {
	s, ok := v.(string)
	c.v[i] = s
	c.null.set(i, !ok)
	c.present.set(i, true)
}

func (c *stringColumn) unset(i int) { c.v[i] = ""; c.null.set(i, false); c.present.set(i, false) }
func (c *stringColumn) grow(n int) {
	for len(c.v) < n {
		c.v = append(c.v, "")
	}
}

type listColumn struct {
	v       [][]int64
	present bitset
}

func (c *listColumn) get(i int) (any, bool) { return c.v[i], c.present.has(i) }
func (c *listColumn) set(i int, v any) {
	ids, _ := v.([]int64)
	c.v[i] = ids
	c.present.set(i, true)
}
func (c *listColumn) unset(i int) { c.v[i] = nil; c.present.set(i, false) }
func (c *listColumn) grow(n int) {
	for len(c.v) < n {
		c.v = append(c.v, nil)
	}
}

type anyColumn struct {
	v       []any
	present bitset
}

func (c *anyColumn) get(i int) (any, bool) { return c.v[i], c.present.has(i) }
func (c *anyColumn) set(i int, v any)      { c.v[i] = v; c.present.set(i, true) }
func (c *anyColumn) unset(i int)           { c.v[i] = nil; c.present.set(i, false) }
func (c *anyColumn) grow(n int) {
	for len(c.v) < n {
		c.v = append(c.v, nil)
	}
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case float64:
		return int64(x)
	case bool:
		if x {
			return 1
		}
	}
	return 0
}

func toFloat64(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case float32:
		return float64(x)
	case int64:
		return float64(x)
	case int:
		return float64(x)
	}
	return 0
}
