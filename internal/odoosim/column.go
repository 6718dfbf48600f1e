package odoosim

import (
	"math"
	"unsafe"
)

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

// cells holds one value per row but stays a single value while every assigned row holds
// the same one: company_id, currency_id, create_uid, parent_state... cost nothing per row
// until a second value appears. Rows never assigned are masked by the column's present
// bits, so they may read the shared value.
type cells[T comparable] struct {
	n    int
	u    T
	hasU bool
	v    []T
}

func (c *cells[T]) at(i int) T {
	if c.v == nil {
		return c.u
	}
	return c.v[i]
}

func (c *cells[T]) put(i int, x T) {
	if c.v == nil {
		if !c.hasU || x == c.u {
			c.u, c.hasU = x, true
			return
		}
		c.v = make([]T, c.n, c.n+c.n/4+16)
		for j := range c.v {
			c.v[j] = c.u
		}
	}
	c.v[i] = x
}

func (c *cells[T]) grow(n int) {
	c.n = n
	if c.v == nil {
		return
	}
	var zero T
	for len(c.v) < n {
		c.v = append(c.v, zero)
	}
}

// intColumn stores ids and integers as int32 until a value needs more, then as int64:
// ids stay far below 2^31, so most columns never widen.
type intColumn struct {
	small   cells[int32]
	wide    *cells[int64]
	present bitset
}

func (c *intColumn) get(i int) (any, bool) {
	if !c.present.has(i) {
		return int64(0), false // the shared value of a uniform column is not this row's
	}
	if c.wide != nil {
		return c.wide.at(i), true
	}
	return int64(c.small.at(i)), true
}

func (c *intColumn) set(i int, v any) {
	x := toInt64(v)
	c.present.set(i, true)
	if c.wide == nil && x >= math.MinInt32 && x <= math.MaxInt32 {
		c.small.put(i, int32(x))
		return
	}
	if c.wide == nil {
		c.widen()
	}
	c.wide.put(i, x)
}

func (c *intColumn) widen() {
	w := &cells[int64]{n: c.small.n, u: int64(c.small.u), hasU: c.small.hasU}
	if c.small.v != nil {
		w.v = make([]int64, len(c.small.v), cap(c.small.v))
		for j, x := range c.small.v {
			w.v[j] = int64(x)
		}
	}
	c.wide, c.small = w, cells[int32]{}
}

func (c *intColumn) unset(i int) { c.present.set(i, false) }
func (c *intColumn) grow(n int) {
	if c.wide != nil {
		c.wide.grow(n)
		return
	}
	c.small.grow(n)
}

type boolColumn struct{ v, present bitset }

func (c *boolColumn) get(i int) (any, bool) { return c.v.has(i), c.present.has(i) }
func (c *boolColumn) set(i int, v any)      { b, _ := v.(bool); c.v.set(i, b); c.present.set(i, true) }
func (c *boolColumn) unset(i int)           { c.v.set(i, false); c.present.set(i, false) }
func (c *boolColumn) grow(int)              {}

type floatColumn struct {
	v       cells[float64]
	present bitset
}

func (c *floatColumn) get(i int) (any, bool) {
	if !c.present.has(i) {
		return float64(0), false
	}
	return c.v.at(i), true
}
func (c *floatColumn) set(i int, v any) { c.v.put(i, toFloat64(v)); c.present.set(i, true) }
func (c *floatColumn) unset(i int)      { c.present.set(i, false) }
func (c *floatColumn) grow(n int)       { c.v.grow(n) }

// stringColumn keeps Odoo's false (nil) apart from "": both exist in real data. The text
// lives in append-only byte blocks and cells are small pointer-free references, so a
// million-row column costs the GC nothing to scan and reads do not allocate.
type stringColumn struct {
	refs          cells[strRef]
	present, null bitset
	blocks        [][]byte
	huge          []string
	last          string // the previous value, reused when repeated (dates, cities)
	lastRef       strRef
}

// strRef packs block (20 bits), offset (20 bits) and length (24 bits) in 8 bytes.
type strRef uint64

const (
	maxStringBlock = 1 << 20
	maxStringLen   = 1 << 24
	hugeBlock      = 1<<20 - 1 // block number marking a reference into stringColumn.huge
)

func makeRef(block, off, n int) strRef {
	return strRef(uint64(block)<<44 | uint64(off)<<24 | uint64(n))
}

func (r strRef) parts() (block, off, n int) {
	return int(r >> 44), int(r >> 24 & (1<<20 - 1)), int(r & (1<<24 - 1))
}

func (c *stringColumn) get(i int) (any, bool) {
	if c.null.has(i) || !c.present.has(i) {
		return nil, c.present.has(i)
	}
	b, off, n := c.refs.at(i).parts()
	if n == 0 {
		return "", true
	}
	if b == hugeBlock {
		return c.huge[off], true
	}
	return unsafe.String(&c.blocks[b][off], n), true
}

func (c *stringColumn) set(i int, v any) {
	s, ok := v.(string)
	c.refs.put(i, c.store(s))
	c.null.set(i, !ok)
	c.present.set(i, true)
}

// store appends s to the current block (or a new one) unless it repeats the last value.
// Blocks are never written again once a string is in them, which is what makes the
// unsafe.String views in get safe.
func (c *stringColumn) store(s string) strRef {
	if s == "" {
		return 0
	}
	if s == c.last && c.lastRef != 0 {
		return c.lastRef
	}
	if len(s) >= maxStringLen {
		// Too long for a packed reference (attachments): kept as a Go string.
		c.huge = append(c.huge, s)
		return makeRef(hugeBlock, len(c.huge)-1, 1)
	}
	if len(c.blocks) == 0 || cap(c.blocks[len(c.blocks)-1])-len(c.blocks[len(c.blocks)-1]) < len(s) {
		size := 4096
		if n := len(c.blocks); n > 0 {
			size = min(2*cap(c.blocks[n-1]), maxStringBlock)
		}
		c.blocks = append(c.blocks, make([]byte, 0, max(size, len(s))))
	}
	b := len(c.blocks) - 1
	off := len(c.blocks[b])
	c.blocks[b] = append(c.blocks[b], s...)
	ref := makeRef(b, off, len(s))
	c.last, c.lastRef = unsafe.String(&c.blocks[b][off], len(s)), ref
	return ref
}

func (c *stringColumn) unset(i int) { c.null.set(i, false); c.present.set(i, false) }
func (c *stringColumn) grow(n int)  { c.refs.grow(n) }

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
