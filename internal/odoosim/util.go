package odoosim

import (
	"cmp"
	"iter"
	"maps"
	"slices"
	"sync"
	"time"
)

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

func mapKeys[V any](m map[*fieldDef]V) iter.Seq[*fieldDef] { return maps.Keys(m) }

func byIdx(a, b *fieldDef) int { return cmp.Compare(a.idx, b.idx) }

// sortedFieldKeys orders fields by definition order so x2many commands apply
// deterministically.
func sortedFieldKeys[V any](m map[*fieldDef]V) []*fieldDef {
	return slices.SortedFunc(maps.Keys(m), byIdx)
}

// stampCache reuses the formatted timestamp while the clock stays in the same second:
// bulk inserts then share one string instead of allocating two per record.
type stampCache struct {
	mu   sync.Mutex
	unix int64
	text string
}

func (c *stampCache) format(t time.Time) string {
	t = t.UTC()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.text == "" || t.Unix() != c.unix {
		c.unix, c.text = t.Unix(), t.Format(datetimeLayout)
	}
	return c.text
}
