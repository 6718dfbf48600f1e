package odoosim

import (
	"math/bits"
	"sort"
	"sync"
)

// table stores one model's records column by column: a column exists only for fields that
// some record has set, and holds one typed slot per row. Compared with a map per record
// this keeps 1M partners in a few hundred bytes each and makes domain scans cache-friendly.
// Rows are appended with increasing ids and never move, so a row position stays valid for
// the server's life (unlink only marks the row dead); ids are found by binary search.
type table struct {
	ids    []int64
	dead   bitset
	live   int
	nextID int64
	cols   []column // by field index; nil until a value is stored
	// gen counts changes so derived indexes (one2many inverses) know when they are stale.
	gen   uint64
	inv   map[int]*inverseIndex
	invMu sync.Mutex // serialises building inv under the server's shared read lock
}

func newTable() *table { return &table{nextID: 1} }

// pos returns the row position of id, or -1 when it does not exist or was deleted.
func (t *table) pos(id int64) int {
	i := sort.Search(len(t.ids), func(i int) bool { return t.ids[i] >= id })
	if i < len(t.ids) && t.ids[i] == id && !t.dead.has(i) {
		return i
	}
	return -1
}

// appendRow reserves a new row and returns its position and id.
func (t *table) appendRow() (int, int64) {
	id := t.nextID
	t.nextID++
	t.ids = append(t.ids, id)
	t.live++
	t.gen++
	for _, c := range t.cols {
		if c != nil {
			c.grow(len(t.ids))
		}
	}
	return len(t.ids) - 1, id
}

func (t *table) kill(pos int) {
	t.indexRow(pos, false)
	t.dead.set(pos, true)
	t.live--
	t.gen++
}

func (t *table) revive(pos int) {
	t.dead.set(pos, false)
	t.live++
	t.gen++
	t.indexRow(pos, true)
}

// column returns the column of f, creating it (sized to the table) on first use.
func (t *table) column(f *fieldDef) column {
	for len(t.cols) <= f.idx {
		t.cols = append(t.cols, nil)
	}
	if t.cols[f.idx] == nil {
		c := newColumn(f.Type)
		c.grow(len(t.ids))
		t.cols[f.idx] = c
	}
	return t.cols[f.idx]
}

// get returns the raw stored value and whether it was ever set.
func (t *table) get(pos int, f *fieldDef) (any, bool) {
	if f.idx >= len(t.cols) || t.cols[f.idx] == nil {
		return nil, false
	}
	return t.cols[f.idx].get(pos)
}

func (t *table) set(pos int, f *fieldDef, v any) {
	ix := t.inv[f.idx]
	if ix != nil && !t.dead.has(pos) {
		old, _ := t.get(pos, f)
		ix.move(t.ids[pos], old, v)
	}
	t.column(f).set(pos, v)
	t.gen++
}

// unset forgets a value so the field reads as its default again (used by rollback).
func (t *table) unset(pos int, f *fieldDef) {
	if f.idx < len(t.cols) && t.cols[f.idx] != nil {
		if ix := t.inv[f.idx]; ix != nil && !t.dead.has(pos) {
			old, _ := t.get(pos, f)
			ix.move(t.ids[pos], old, int64(0))
		}
		t.cols[f.idx].unset(pos)
		t.gen++
	}
}

// indexRow adds (or removes) a row in every inverse index of the table.
func (t *table) indexRow(pos int, add bool) {
	for fidx, ix := range t.inv {
		if fidx >= len(t.cols) || t.cols[fidx] == nil {
			continue
		}
		v, _ := t.cols[fidx].get(pos)
		if add {
			ix.move(t.ids[pos], int64(0), v)
		} else {
			ix.move(t.ids[pos], v, int64(0))
		}
	}
}

// livePositions calls fn for each live row in id order until fn returns false.
func (t *table) livePositions(fn func(pos int) bool) {
	for i := range t.ids {
		if !t.dead.has(i) && !fn(i) {
			return
		}
	}
}

// firstAtLeast returns the position of the first row whose id is at least id.
func (t *table) firstAtLeast(id int64) int {
	return sort.Search(len(t.ids), func(i int) bool { return t.ids[i] >= id })
}

// livePositionsFrom is livePositions starting at row position from.
func (t *table) livePositionsFrom(from int, fn func(pos int) bool) {
	for i := from; i < len(t.ids); i++ {
		if !t.dead.has(i) && !fn(i) {
			return
		}
	}
}

// livePositionsReverse is livePositions from the highest id down.
func (t *table) livePositionsReverse(fn func(pos int) bool) {
	for i := len(t.ids) - 1; i >= 0; i-- {
		if !t.dead.has(i) && !fn(i) {
			return
		}
	}
}

// bitset is a growable set of small non-negative integers.
type bitset []uint64

func (b *bitset) set(i int, on bool) {
	for len(*b) <= i/64 {
		*b = append(*b, 0)
	}
	if on {
		(*b)[i/64] |= 1 << (i % 64)
	} else {
		(*b)[i/64] &^= 1 << (i % 64)
	}
}

func (b bitset) has(i int) bool { return i/64 < len(b) && b[i/64]&(1<<(i%64)) != 0 }

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}
